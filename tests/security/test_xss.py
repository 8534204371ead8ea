"""Stored and reflected script payloads, in every field a signer, supporter
or editor fills in, come out escaped wherever they are shown: pages, the form
sent back with errors, search, emails (HTML and subject), the admin, exports
(downloads that no browser renders, with no cell a spreadsheet would run)."""

import pytest
from django.core import mail
from django.utils.html import escape
from wagtail_localize.strings import StringValue

from supporters.models import BlockedEmailDomain, Supporter
from tests.campaigns.form_pages import po_translate, volunteer_page_add
from tests.petitions.conftest import add_signature, confirm_links, sign
from tests.petitions.test_supporters import SUPPORTER_LINK, join

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "</title><script>alert(1)</script>",
    "javascript:alert(1)",
]
# What must never appear unescaped in HTML.
DANGEROUS = ["<script>alert", "<img src=x", "<svg/onload", "</title><script"]


def assert_no_live_markup(html: str) -> None:
    for fragment in DANGEROUS:
        assert fragment not in html, fragment


@pytest.fixture
def hostile_pages(petition_pages):
    """Every translated text of the petition set to a payload, as a careless
    or compromised editor or translator might type it. Rich text is stored
    the way the editor stores typed text (escaped): markup cannot get into it
    through the editor or a translation (see the last test)."""
    for language, page in petition_pages.items():
        payload = PAYLOADS[0] + PAYLOADS[1]
        page.title = f"{page.title} {payload}"
        page.addressee = payload
        page.share_text = payload
        page.thank_you_text = f"<p>{escape(PAYLOADS[3])}</p>"
        page.confirmation_text = f"<p>{escape(PAYLOADS[2])}</p>"
        page.save_revision().publish()
        petition_pages[language] = page.specific_class.objects.get(pk=page.pk)
    return petition_pages


@pytest.mark.parametrize("language", ["en", "ur", "haz"])
def test_signer_fields_are_escaped_in_the_email_and_the_pages_after(
    client, petition_pages, language
):
    for number, payload in enumerate(PAYLOADS):
        mail.outbox.clear()
        # A name may not contain links, so the payload goes where it can: the
        # letters of a name around it.
        name = f"Ali {payload.replace('.', ' ')} Hazara"
        response = sign(
            client,
            petition_pages[language],
            language,
            ip=f"192.0.2.{number}",
            name=name,
            email=f"xss{number}@example.com",
        )
        if response.status_code == 200:
            # Refused (a name that looks like a link): sent back, escaped.
            assert_no_live_markup(response.content.decode())
            continue
        assert_no_live_markup(client.get(response["Location"]).content.decode())
        message = mail.outbox[0]
        assert_no_live_markup(message.alternatives[0][0])
        assert "\n" not in message.subject
        confirmed = client.get(client.post(confirm_links()[0])["Location"])
        assert_no_live_markup(confirmed.content.decode())


def test_values_sent_back_with_the_form_errors_are_escaped(client, petition_pages):
    for payload in PAYLOADS:
        response = sign(
            client,
            petition_pages["ur"],
            "ur",
            name=payload,
            email=payload,
            city=payload,
        )

        assert response.status_code == 200
        html = response.content.decode()
        assert "form-errors" in html
        assert_no_live_markup(html)


def test_supporter_names_are_escaped_in_their_email_and_the_admin(
    admin_client, client, petition_pages
):
    for number, payload in enumerate(PAYLOADS):
        mail.outbox.clear()
        response = join(
            client,
            "ur",
            ip=f"192.0.2.{number}",
            name=f"Ali {payload.replace('.', ' ')} Hazara",
            email=f"xss{number}@example.com",
        )
        if response.status_code == 200:
            assert_no_live_markup(response.content.decode())
            continue
        message = mail.outbox[0]
        assert "\n" not in message.subject
        assert_no_live_markup(message.alternatives[0][0])
        link = SUPPORTER_LINK.search(message.body).group(0)
        assert_no_live_markup(client.post(link).content.decode())
    assert Supporter.objects.filter(state="subscribed").exists()

    for path in ("/admin/supporters/", "/admin/supporters/?q=script"):
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert_no_live_markup(response.content.decode())


def test_form_answers_are_escaped_when_sent_back_in_the_admin_and_the_staff_email(
    admin_client, client, home_page
):
    english = volunteer_page_add(home_page, to_address="staff@example.org")
    page = po_translate(english, "haz")
    payload = "".join(PAYLOADS)
    answers = {
        "your_name": f"Ali {PAYLOADS[0]}",
        "email_address": "ali@example.com",
        "region": "2",
        "how_would_you_like_to_help": payload,
        "skills": ["1"],
    }

    refused = client.post(
        f"/haz/forms/{page.pk}/send/", {**answers, "email_address": payload}
    )
    sent = client.post(f"/haz/forms/{page.pk}/send/", answers)
    listing = admin_client.get(f"/admin/forms/submissions/{english.pk}/")

    assert refused.status_code == 200
    assert_no_live_markup(refused.content.decode())
    assert sent.status_code == 302
    assert_no_live_markup(client.get(sent["Location"]).content.decode())
    assert escape(PAYLOADS[0]) in listing.content.decode()
    assert_no_live_markup(listing.content.decode())
    [staff_email] = mail.outbox
    # Plain text only: the payload is text there, with no HTML part to run it.
    assert not getattr(staff_email, "alternatives", None)
    assert staff_email.content_subtype == "plain"
    assert payload in staff_email.body


@pytest.mark.parametrize(
    "url", ["/admin/signatures/export/", "/admin/supporters/export/"]
)
def test_exports_are_downloads_that_run_nothing(admin_client, petition, url):
    name = '=HYPERLINK("http://evil.example","<script>alert(1)</script>")'
    add_signature(petition, "hostile@example.org", name=name)
    Supporter.objects.create(
        email="hostile@example.org",
        email_canonical="hostile@example.org",
        name=name,
        language="en",
        state="subscribed",
        source="signup",
    )

    response = admin_client.get(url, {"format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert f"'{name}" in body.replace('""', '"')
    assert "\n=" not in body and not body.startswith("=")


def test_search_query_is_escaped_where_it_is_shown(client, home_page):
    for payload in PAYLOADS:
        response = client.get("/haz/search/", {"q": payload})

        assert response.status_code == 200
        assert_no_live_markup(response.content.decode())


def test_editor_texts_are_escaped_on_every_petition_page_and_in_emails(
    client, hostile_pages
):
    for language, page in hostile_pages.items():
        sign(client, page, language, email=f"reader-{language}@example.com")
        paths = [
            page.url,
            f"/{language}/petitions/{page.pk}/thanks/",
            f"/{language}/petitions/{page.pk}/confirmed/",
            f"/{language}/",
        ]
        for path in paths:
            html = client.get(path).content.decode()
            assert_no_live_markup(html)
            assert 'href="javascript:' not in html

    for message in mail.outbox:
        assert "\n" not in message.subject
        assert_no_live_markup(message.alternatives[0][0])


def test_share_links_carry_editor_text_only_url_encoded(client, hostile_pages):
    page = hostile_pages["en"]
    html = client.get(f"/en/petitions/{page.pk}/thanks/").content.decode()

    share = html[html.index('class="share"') :]
    assert "%3Cscript%3E" in share
    assert_no_live_markup(share)


def test_admin_listings_escape_what_staff_typed(admin_client, hostile_pages):
    BlockedEmailDomain.objects.create(domain="spam.example", note=PAYLOADS[0])
    page = hostile_pages["en"]

    for path in (
        "/admin/snippets/supporters/blockedemaildomain/",
        f"/admin/pages/{page.get_parent().pk}/",
        f"/admin/pages/{page.pk}/edit/",
        "/admin/pages/search/?q=script",
    ):
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert_no_live_markup(response.content.decode())


@pytest.mark.parametrize(
    "translated",
    [
        "<script>alert(1)</script>",
        '<b onclick="alert(1)">bold</b>',
        '<a href="javascript:alert(1)">link</a>',
        "<img src=x onerror=alert(1)>",
    ],
)
def test_a_translated_rich_text_string_cannot_carry_markup(translated):
    # Translations of rich text (in the editor or an uploaded PO file) go
    # through wagtail-localize's check, which allows only bare inline tags.
    with pytest.raises(ValueError):
        StringValue.from_translated_html(translated)
