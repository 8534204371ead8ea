"""Form pages: one form behind every translation, submissions from every
language in one table with their language, staff told by email, the
petitions' spam defences, and "keep me informed"."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from campaigns.models import FormPageSubmission
from supporters.models import BlockedEmailDomain, Supporter

from .form_pages import po_translate, volunteer_page_add

pytestmark = pytest.mark.django_db

ANSWERS = {
    "your_name": "Zahra Hazara",
    "email_address": "zahra@example.com",
    "region": "Quetta",
    "how_would_you_like_to_help": "I can teach.",
    "skills": ["Teaching", "Health care"],
}
# What the browser sends for those answers: choices by their position.
SENT = {**ANSWERS, "region": "1", "skills": ["1", "2"]}


@pytest.fixture
def volunteer(home_page):
    return volunteer_page_add(home_page, to_address="staff@example.org")


@pytest.fixture
def volunteer_haz(volunteer):
    return po_translate(volunteer, "haz")


def submit_url(page, code):
    with translation.override(code):
        return reverse("forms:submit", kwargs={"page_id": page.pk})


def test_hazaragi_and_english_submissions_land_in_one_table_under_the_same_names(
    client, volunteer, volunteer_haz
):
    page = client.get(volunteer_haz.url)
    html = page.content.decode()
    assert "منطقه" in html and "نام شمو" in html
    # The Hazaragi choice is shown in Hazaragi, sent as its position and
    # stored as the English one.
    assert re.search(r'<option value="1"[^>]*>کویته</option>', html)
    assert re.search(r'<option value="" selected>[^<]+</option>', html)
    assert 'name="your_name"' in html and 'name="email_address"' in html

    haz = client.post(submit_url(volunteer_haz, "haz"), SENT)
    en = client.post(
        submit_url(volunteer, "en"),
        {**SENT, "email_address": "ali@example.com", "region": "2"},
    )

    assert haz.status_code == en.status_code == 302
    submissions = FormPageSubmission.objects.order_by("pk")
    assert [s.page_id for s in submissions] == [volunteer.pk, volunteer.pk]
    assert [s.language for s in submissions] == ["haz", "en"]
    assert [set(s.form_data) for s in submissions] == [set(ANSWERS), set(ANSWERS)]
    assert [s.form_data["region"] for s in submissions] == ["Quetta", "Karachi"]
    assert submissions[0].form_data["skills"] == ["Teaching", "Health care"]


def test_field_names_stay_the_english_pages_when_the_translation_is_synced(
    client, volunteer, volunteer_haz
):
    volunteer.title = "Volunteer with us today"
    volunteer.save_revision().publish()
    volunteer_haz = po_translate(
        volunteer, "haz", {"Volunteer with us today": "امروز داوطلب شونید"}
    )

    names = [field.clean_name for field in volunteer_haz.get_form_fields()]
    assert names == [field.clean_name for field in volunteer.get_form_fields()]
    response = client.post(submit_url(volunteer_haz, "haz"), SENT)
    assert response.status_code == 302
    assert FormPageSubmission.objects.get().form_data == ANSWERS


def test_the_sender_gets_the_thank_you_page_in_their_language(
    client, volunteer, volunteer_haz
):
    response = client.post(submit_url(volunteer_haz, "haz"), SENT, follow=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert "تشکر که کمک پیشنهاد کدید." in html
    assert 'lang="haz"' in html and 'dir="rtl"' in html


def test_staff_get_an_email_for_each_submission_through_smtp(
    client, volunteer, volunteer_haz, smtp_server
):
    client.post(submit_url(volunteer_haz, "haz"), SENT)

    [message] = smtp_server.messages
    body = message.get_content()
    assert message["To"] == "staff@example.org"
    assert message["Reply-To"] == "zahra@example.com"
    assert "Volunteer with us" in message["Subject"]
    assert "Your name: Zahra Hazara" in body
    assert "Region: Quetta" in body
    assert "Language: Hazaragi" in body
    assert f"/admin/forms/submissions/{volunteer.pk}/" in body


def test_without_staff_addresses_on_the_page_the_site_wide_ones_are_told(
    client, home_page, settings
):
    settings.STAFF_NOTIFICATION_EMAILS = ["office@example.org"]
    page = volunteer_page_add(home_page)

    client.post(submit_url(page, "en"), SENT)

    assert [message.to for message in mail.outbox] == [["office@example.org"]]


def test_invalid_answers_are_explained_in_the_visitors_language_and_nothing_is_kept(
    client, volunteer, volunteer_haz
):
    response = client.post(
        submit_url(volunteer_haz, "haz"),
        {**SENT, "email_address": "not an address", "region": "Mars"},
    )

    html = response.content.decode()
    with translation.override("haz"):
        bad_email = gettext("Enter a valid email address.")
    assert bad_email != "Enter a valid email address."
    assert response.status_code == 200
    assert 'role="alert"' in html
    error = f'<p class="site-form__error" id="id_email_address_error">{bad_email}'
    assert error in html
    assert 'id="id_region_error"' in html
    assert not FormPageSubmission.objects.exists()
    assert not response.cookies


def test_a_filled_honeypot_stores_nothing_and_looks_the_same(client, volunteer):
    response = client.post(
        submit_url(volunteer, "en"), {**SENT, "homepage_url": "http://spam"}
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"/forms/{volunteer.pk}/thanks/")
    assert not FormPageSubmission.objects.exists()
    assert not mail.outbox


def test_an_address_at_a_blocked_domain_stores_nothing(client, volunteer):
    BlockedEmailDomain.objects.create(domain="throwaway.example")

    response = client.post(
        submit_url(volunteer, "en"),
        {**SENT, "email_address": "bot@mail.throwaway.example"},
    )

    assert response.status_code == 302
    assert not FormPageSubmission.objects.exists()


def test_a_form_sent_from_another_site_is_refused_with_a_translated_page(
    client, volunteer, volunteer_haz
):
    response = client.post(
        submit_url(volunteer_haz, "haz"), SENT, HTTP_SEC_FETCH_SITE="cross-site"
    )

    assert response.status_code == 403
    assert 'lang="haz"' in response.content.decode()
    assert not FormPageSubmission.objects.exists()


def test_too_many_forms_from_one_address_are_kept_as_suspect_without_emails(
    client, volunteer, settings
):
    settings.PETITIONS_BURST_LIMIT = 2
    for number in range(4):
        client.post(
            submit_url(volunteer, "en"),
            {**SENT, "email_address": f"v{number}@example.com"},
        )

    assert list(
        FormPageSubmission.objects.order_by("pk").values_list("suspect", flat=True)
    ) == [False, False, True, True]
    assert len(mail.outbox) == 2


def test_keep_me_informed_asks_to_confirm_in_the_senders_language(
    client, volunteer, volunteer_haz
):
    page = client.get(volunteer_haz.url).content.decode()
    assert 'name="keep_informed"' in page

    client.post(submit_url(volunteer_haz, "haz"), {**SENT, "keep_informed": "on"})

    supporter = Supporter.objects.get()
    assert supporter.state == Supporter.State.PENDING
    assert supporter.source == Supporter.Source.FORM
    assert supporter.language == "haz"
    assert supporter.name == "Zahra Hazara"
    assert supporter.consent_text
    confirmation = [m for m in mail.outbox if m.to == ["zahra@example.com"]]
    assert len(confirmation) == 1
    assert "/haz/supporters/confirm/" in confirmation[0].body


def test_without_the_box_ticked_nobody_joins_the_list(client, volunteer):
    client.post(submit_url(volunteer, "en"), SENT)

    assert FormPageSubmission.objects.count() == 1
    assert not Supporter.objects.exists()


def test_the_form_page_sets_no_cookie_and_posts_to_the_origin_checked_address(
    client, volunteer
):
    response = client.get(volunteer.url)

    assert response.status_code == 200
    assert not response.cookies
    assert f'action="/en/forms/{volunteer.pk}/send/"' in response.content.decode()


def test_opening_the_send_address_leads_back_to_the_form(client, volunteer):
    response = client.get(submit_url(volunteer, "en"))

    assert response.status_code == 302
    assert response["Location"] == volunteer.url
