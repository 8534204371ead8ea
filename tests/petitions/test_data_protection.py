import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from petitions.models import Petition, Signature
from petitions.selectors import petition_counts_by_language, petition_report
from petitions.services.signatures import petition_reconcile
from petitions.services.staff import signatures_anonymise_due
from petitions.tasks import petitions_anonymise_task
from supporters.models import Supporter

from .conftest import add_signature, shown_count, staff_user, translate

pytestmark = pytest.mark.django_db

URL = "/admin/erase_person/"


@pytest.fixture
def second_petition(campaign):
    from petitions.models import PetitionPage

    page = campaign.add_child(
        instance=PetitionPage(title="Safe roads to Quetta", slug="roads", target=50)
    )
    page.save_revision().publish()
    translate(page, "ur", "کوئٹہ کے محفوظ راستے")
    return Petition.objects.get(translation_key=page.translation_key)


def test_deleting_a_person_removes_them_everywhere_and_leaves_others_totals(
    admin_client, client, petition_pages, petition, second_petition
):
    add_signature(petition, "Ali.Hazara@gmail.com", language="ur")
    add_signature(second_petition, "alihazara+roads@gmail.com", language="haz")
    add_signature(petition, "zahra@example.com", language="ur")
    add_signature(second_petition, "zahra@example.com", language="en")
    add_signature(second_petition, "karim@example.com", language="haz", state="pending")
    Supporter.objects.create(
        email="ali.hazara@gmail.com",
        email_canonical="alihazara@gmail.com",
        language="ur",
        state="subscribed",
        source="petition",
    )
    Supporter.objects.create(
        email="zahra@example.com",
        email_canonical="zahra@example.com",
        language="ur",
        state="subscribed",
        source="signup",
    )
    for each in (petition, second_petition):
        petition_reconcile(petition=each)
    assert shown_count(client, petition_pages["en"].url) == "2"

    found = admin_client.post(URL, {"email": "ALI.HAZARA@gmail.com"})
    counts = {item.name: item.count for item in found.context["found"]}
    assert counts == {"signatures": 2, "supporters": 1, "form_submissions": 0}
    assert "Safe roads to Quetta" in found.content.decode()
    confirm = found.context["confirm"]
    response = admin_client.post(
        URL,
        {
            "erase": "1",
            **{name: confirm[name].value() for name in confirm.fields},
        },
    )

    assert response.status_code == 302
    assert not Signature.objects.filter(email_canonical="alihazara@gmail.com").exists()
    assert not Supporter.objects.filter(email_canonical="alihazara@gmail.com").exists()
    assert Supporter.objects.filter(email="zahra@example.com").exists()
    assert shown_count(client, petition_pages["en"].url) == "1"
    assert petition_counts_by_language(petition=petition) == {"ur": 1}
    assert petition_counts_by_language(petition=second_petition) == {"en": 1}
    assert petition_report(petition=second_petition).totals["pending"] == 1
    entry = ModelLogEntry.objects.get(action="petitions.erase_person")
    assert entry.data == {"signatures": 2, "supporters": 1, "form_submissions": 0}
    assert "hazara" not in str(entry.label).casefold()


def test_a_person_can_be_given_everything_stored_about_them_as_one_download(
    client, petition, second_petition
):
    add_signature(petition, "Ali.Hazara@gmail.com", language="ur")
    add_signature(second_petition, "alihazara+roads@gmail.com", language="haz")
    add_signature(petition, "zahra@example.com", language="ur")
    Supporter.objects.create(
        email="ali.hazara@gmail.com",
        email_canonical="alihazara@gmail.com",
        language="ur",
        state="subscribed",
        source="petition",
    )
    user = staff_user(
        "petitions.delete_signature",
        "supporters.delete_supporter",
        "supporters.export_personal_data",
    )
    client.force_login(user)

    found = client.post(URL, {"email": "alihazara@gmail.com"}).content.decode()
    response = client.post(URL, {"download": "1", "email": "alihazara@gmail.com"})

    assert "Download all of it" in found
    assert "no-store" in response["Cache-Control"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Supporter list", "Form submissions", "Signatures"]
    signatures = list(workbook["Signatures"].values)
    assert sorted(row[2] for row in signatures[1:]) == ["Ali.Hazara", "Alihazara+Roads"]
    assert sorted(row[3] for row in signatures[1:]) == [
        "Ali.Hazara@gmail.com",
        "alihazara+roads@gmail.com",
    ]
    assert {row[1] for row in signatures[1:]} == {
        petition.title,
        second_petition.title,
    }
    supporters = list(workbook["Supporter list"].values)
    assert [row[1] for row in supporters[1:]] == ["ali.hazara@gmail.com"]
    assert "/unsubscribe/" in supporters[1][-1]
    assert len(list(workbook["Form submissions"].values)) == 1  # headings only
    entry = ModelLogEntry.objects.get(action="supporters.export_person")
    assert entry.user == user
    assert entry.data == {"signatures": 2, "supporters": 1, "form_submissions": 0}
    assert entry.message == (
        "Downloaded one person's data: 1 supporter list entry; "
        "0 form submissions; 2 signatures"
    )
    assert "hazara" not in str(entry.data).casefold()


def test_only_staff_allowed_to_export_may_download_a_persons_data(client, petition):
    add_signature(petition, "ali@example.com")
    client.force_login(
        staff_user("petitions.delete_signature", "supporters.delete_supporter")
    )

    found = client.post(URL, {"email": "ali@example.com"}).content.decode()
    response = client.post(URL, {"download": "1", "email": "ali@example.com"})

    assert "1 signature" in found
    assert "Download all of it" not in found
    assert "Content-Disposition" not in response
    assert response.status_code == 302  # back to the dashboard, with a message
    assert not ModelLogEntry.objects.filter(action="supporters.export_person").exists()


def test_deleting_a_person_needs_both_delete_permissions(client, petition):
    add_signature(petition, "ali@example.com")
    client.force_login(staff_user("petitions.delete_signature"))

    response = client.post(
        URL,
        {"erase": "1", "email": "ali@example.com", "signatures": 1, "supporters": 0},
    )

    assert response.status_code == 302
    assert Signature.objects.exists()


def test_nothing_is_deleted_if_the_data_changed_since_it_was_looked_up(
    admin_client, petition
):
    add_signature(petition, "ali@example.com")

    response = admin_client.post(
        URL,
        {"erase": "1", "email": "ali@example.com", "signatures": 0, "supporters": 0},
    )

    assert response.status_code == 200
    assert Signature.objects.exists()


def closed_days_ago(petition, days):
    petition.closed = True
    petition.closed_at = timezone.now() - datetime.timedelta(days=days)
    petition.save()


def test_signatures_are_anonymised_days_after_closing_and_totals_stay(
    client, settings, petition_pages, petition, second_petition
):
    settings.PETITIONS_ANONYMISE_AFTER_DAYS = 30
    for email, language, state in (
        ("ali@example.com", "ur", "confirmed"),
        ("zahra@example.com", "haz", "confirmed"),
        ("karim@example.com", "haz", "confirmed"),
        ("late@example.com", "en", "pending"),
    ):
        add_signature(petition, email, language=language, state=state, city="Quetta")
    add_signature(second_petition, "ali@example.com", language="ur")
    petition_reconcile(petition=petition)
    before = petition_report(petition=petition)
    closed_days_ago(petition, 31)
    closed_days_ago(second_petition, 29)

    call_command("petitions_anonymise")

    anonymised = Signature.objects.filter(petition=petition)
    assert not anonymised.exclude(email="").exists()
    assert not anonymised.exclude(name="").exists()
    assert not anonymised.exclude(city="").exists()
    assert not anonymised.filter(anonymised_at__isnull=True).exists()
    assert Signature.objects.get(petition=second_petition).email == "ali@example.com"
    after = petition_report(petition=petition)
    assert after.totals == before.totals
    assert after.by_language == before.by_language
    assert petition_counts_by_language(petition=petition) == {"ur": 1, "haz": 2}
    petition_reconcile(petition=petition)
    assert shown_count(client, petition_pages["en"].url) == "3"
    assert ModelLogEntry.objects.get(action="petitions.anonymise").data == {
        "signatures": 4
    }


def test_a_petition_past_its_deadline_is_anonymised_and_an_open_one_is_not(
    settings, petition, second_petition
):
    settings.PETITIONS_ANONYMISE_AFTER_DAYS = 7
    add_signature(petition, "ali@example.com")
    add_signature(second_petition, "zahra@example.com")
    petition.deadline = timezone.now() - datetime.timedelta(days=8)
    petition.save()

    result = petitions_anonymise_task.enqueue().return_value

    assert result["anonymised"] == {str(petition.pk): 1}
    assert Signature.objects.get(petition=second_petition).email == "zahra@example.com"
    assert signatures_anonymise_due() == {}


def test_closing_a_petition_by_hand_records_when(petition_pages, petition):
    page = petition_pages["en"]
    page.closed = True
    page.save_revision().publish()
    petition.refresh_from_db()
    closed_at = petition.closed_at

    page.save_revision().publish()
    petition.refresh_from_db()

    assert closed_at is not None
    assert petition.closed_at == closed_at
    assert petition.ended_at() == closed_at


def test_sign_ups_never_confirmed_are_dropped_once_their_link_expires(settings):
    old = timezone.now() - datetime.timedelta(
        seconds=settings.PETITIONS_CONFIRM_LINK_MAX_AGE + 60
    )
    for email, state, unsubscribed_at in (
        ("stale@example.com", "pending", None),
        ("fresh@example.com", "pending", None),
        ("back@example.com", "pending", old),
        ("member@example.com", "subscribed", None),
    ):
        Supporter.objects.create(
            email=email,
            email_canonical=email,
            language="en",
            state=state,
            source="signup",
            consent_at=timezone.now() if email == "fresh@example.com" else old,
            unsubscribed_at=unsubscribed_at,
        )

    call_command("petitions_anonymise")

    assert dict(Supporter.objects.values_list("email", "state")) == {
        "fresh@example.com": "pending",
        "back@example.com": "unsubscribed",
        "member@example.com": "subscribed",
    }
