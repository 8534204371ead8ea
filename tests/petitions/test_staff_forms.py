"""Staff forms that say what they take: days written one way, with the admin's
date picker; a preview that names whom it touches; a reason in the log;
deadlines in the organisation's time zone."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from petitions.models import Signature
from petitions.selectors import INVALIDATION_PREVIEW_NAMES

from .conftest import add_signature

pytestmark = pytest.mark.django_db

URL = "/admin/invalidate_signatures/"


def test_the_invalidation_days_have_wagtails_date_picker(admin_client, petition):
    html = admin_client.get(URL).content.decode()

    # The widget's script calls initDateChooser, defined by this file.
    assert 'initDateChooser("id_signed_from"' in html
    assert "wagtailadmin/js/date-time-chooser.js" in html
    assert 'placeholder="YYYY-MM-DD"' in html
    assert "as year-month-day" in html


@pytest.mark.parametrize("day", ["02/12/2026", "2/12/26", "12.02.2026"])
def test_a_day_that_reads_two_ways_is_refused_not_guessed(admin_client, petition, day):
    add_signature(
        petition,
        "feb@example.com",
        created_at=datetime.datetime(2026, 2, 12, 10, tzinfo=datetime.UTC),
    )

    response = admin_client.get(URL, {"signed_from": day, "signed_to": day})

    assert response.status_code == 200
    assert "preview" not in response.context
    assert "Write the day as year-month-day, e.g. 2026-12-02." in (
        response.content.decode()
    )


def test_the_refusal_is_in_urdu_for_an_urdu_admin(admin_client, admin_user, petition):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "ur"
    profile.save()

    response = admin_client.get(URL, {"signed_from": "02/12/2026"})

    assert "دن سال-مہینہ-دن کی ترتیب میں لکھیں" in response.content.decode()


def test_the_signatures_list_refuses_an_ambiguous_day_too(admin_client, petition):
    add_signature(
        petition,
        "feb@example.com",
        name="Signed In February",
        created_at=datetime.datetime(2026, 2, 12, 10, tzinfo=datetime.UTC),
    )

    ambiguous = admin_client.get(
        "/admin/signatures/",
        {"created_at_from": "02/12/2026", "created_at_to": "02/12/2026"},
    )
    iso = admin_client.get(
        "/admin/signatures/",
        {"created_at_from": "2026-02-12", "created_at_to": "2026-02-12"},
    )

    assert "Write the day as year-month-day" in ambiguous.content.decode()
    assert "Signed In February" in iso.content.decode()


def test_the_preview_names_the_signatures_and_counts_the_rest(admin_client, petition):
    total = INVALIDATION_PREVIEW_NAMES + 3
    for n in range(total):
        add_signature(petition, f"bot{n}@throwaway.example", name=f"Bot Number {n}")
    add_signature(petition, "ali@example.com", name="Ali Legitimate")

    html = admin_client.get(URL, {"domain": "throwaway.example"}).content.decode()

    assert "Bot Number 0<" in html
    assert f"Bot Number {INVALIDATION_PREVIEW_NAMES - 1}<" in html
    assert f"Bot Number {INVALIDATION_PREVIEW_NAMES}<" not in html
    assert "Ali Legitimate" not in html
    assert "… and 3 more." in html


def confirmation(preview, **changes):
    confirm = preview.context["confirm"]
    data = {name: confirm[name].value() or "" for name in confirm.fields}
    data.update(changes)
    return data


def test_invalidating_asks_for_a_reason_and_logs_it(admin_client, petition):
    add_signature(petition, "bot@throwaway.example", name="Bot")
    preview = admin_client.get(URL, {"domain": "throwaway.example"})

    refused = admin_client.post(URL, confirmation(preview))

    assert refused.status_code == 200
    assert "Say why these signatures are invalidated." in refused.content.decode()
    assert "Bot<" in refused.content.decode()  # the preview is still shown
    assert not Signature.objects.filter(state="invalid").exists()

    done = admin_client.post(
        URL, confirmation(preview, reason="Sign-ups from a throwaway service")
    )

    assert done.status_code == 302
    entry = ModelLogEntry.objects.get(action="petitions.invalidate")
    assert entry.data["reason"] == "Sign-ups from a throwaway service"
    history = admin_client.get("/admin/reports/site-history/").content.decode()
    assert (
        "Invalidated 1 signature. Reason: Sign-ups from a throwaway service" in history
    )


def edit_form_data(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "addressee": page.addressee,
        "intro": rich_text(page.intro),
        "why": streamfield([]),
        "target": page.target,
        "deadline": "",
        "thank_you_text": rich_text(""),
        "confirmation_text": rich_text(""),
        "share_text": page.share_text,
        "share_title": "",
        "share_description": "",
        "seo_title": "",
        "search_description": "",
        "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        "action-publish": "publish",
    }
    data.update(changes)
    return nested_form_data(data)


def test_a_deadline_is_a_day_that_ends_in_the_organisations_time_zone(
    admin_client, client, petition_pages, settings
):
    settings.ORGANISATION_TIME_ZONE = "Asia/Karachi"
    english = petition_pages["en"]

    form = admin_client.get(f"/admin/pages/{english.pk}/edit/").content.decode()
    # A day picker, not a date-and-time one that fills in the clock's time.
    assert 'initDateChooser("id_deadline"' in form
    assert 'initDateTimeChooser("id_deadline"' not in form
    assert "closes at the end of that day, Karachi time, UTC+05:00" in form

    response = admin_client.post(
        f"/admin/pages/{english.pk}/edit/",
        edit_form_data(english, deadline="2099-03-01"),
    )

    assert response.status_code == 302
    english.refresh_from_db()
    end_of_day = datetime.datetime(
        2099, 3, 1, 23, 59, 59, 999999, tzinfo=ZoneInfo("Asia/Karachi")
    )
    assert english.deadline == end_of_day
    edit = admin_client.get(f"/admin/pages/{english.pk}/edit/").content.decode()
    assert 'value="2099-03-01"' in edit
    public = client.get(english.url).content.decode()
    assert (
        "You can sign until the end of 1 March 2099 (Karachi time, UTC+05:00)."
        in public
    )


def test_the_deadline_follows_the_configured_time_zone(
    admin_client, petition_pages, settings
):
    settings.ORGANISATION_TIME_ZONE = "Europe/London"
    english = petition_pages["en"]

    admin_client.post(
        f"/admin/pages/{english.pk}/edit/",
        edit_form_data(english, deadline="2099-07-01"),
    )

    english.refresh_from_db()
    assert english.deadline.astimezone(datetime.UTC).replace(microsecond=0) == (
        datetime.datetime(2099, 7, 1, 22, 59, 59, tzinfo=datetime.UTC)
    )


def test_the_petition_report_gives_the_deadline_in_the_organisations_time_zone(
    admin_client, petition
):
    # 20:00 UTC on 1 March is already 2 March in Karachi.
    petition.deadline = datetime.datetime(2099, 3, 1, 20, tzinfo=datetime.UTC)
    petition.save()

    html = admin_client.get(f"/admin/petition_reports/{petition.pk}/").content.decode()

    assert "Deadline: the end of 2 March 2099 (Karachi time, UTC+05:00)" in html
