"""Cross-site request forgery is refused on every form.

The petition form and the supporter sign-up carry no token (their pages may
be cached for everyone) and are guarded by the browser's word on where the
request comes from (supporters.http); the admin's forms use Django's token. A
new public form is covered by adding a ProtectedForm to FORMS.

The buttons behind emailed links (confirmations, unsubscribing) are guarded the
same way. The one-click unsubscribe POST (RFC 8058) is sent by mail programs
from their own servers, with no origin at all, so it passes: its signed token is
what authorises it, and a forged one does nothing (test_tokens.py).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from campaigns.models import FormPage, FormPageSubmission
from petitions.models import Signature
from supporters.models import BlockedEmailDomain, Supporter
from tests.campaigns.form_pages import po_translate, volunteer_page_add
from tests.petitions.conftest import sign_data
from tests.petitions.test_email_links import LINKS

pytestmark = pytest.mark.django_db


def form_page_ur(pages):
    """The volunteer form in Urdu, under the petition pages' home pages."""
    existing = FormPage.objects.filter(locale__language_code="ur").first()
    if existing is not None:
        return existing
    english = volunteer_page_add(pages["en"].get_parent())
    return po_translate(english, "ur")


CROSS_SITE = [
    {"HTTP_SEC_FETCH_SITE": "cross-site"},
    {"HTTP_SEC_FETCH_SITE": "same-site"},
    {"HTTP_ORIGIN": "https://evil.example"},
    {"HTTP_ORIGIN": "null"},
    {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"},
]


@dataclass(frozen=True)
class ProtectedForm:
    name: str
    path: Callable[[dict], str]
    data: Callable[[], dict]
    stored: Callable[[], int]


FORMS = [
    ProtectedForm(
        "petition signing form",
        lambda pages: f"/ur/petitions/{pages['ur'].pk}/sign/",
        sign_data,
        lambda: Signature.objects.count(),
    ),
    ProtectedForm(
        "form page",
        lambda pages: f"/ur/forms/{form_page_ur(pages).pk}/send/",
        lambda: {
            "your_name": "Zahra",
            "email_address": "zahra@example.com",
            "region": "1",
        },
        lambda: FormPageSubmission.objects.count(),
    ),
    ProtectedForm(
        "supporter sign-up form",
        lambda pages: "/ur/supporters/join/",
        lambda: {"name": "Zahra", "email": "zahra@example.com", "consent": "on"},
        lambda: Supporter.objects.count(),
    ),
    # The one button on the page an emailed link opens.
    *(
        ProtectedForm(
            f"{kind} link's button",
            lambda pages, make_link=make_link: make_link(pages),
            dict,
            acted,
        )
        for kind, (make_link, acted, _label) in LINKS.items()
    ),
]


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.name)
def test_a_public_form_sent_from_another_site_is_refused_and_stores_nothing(
    petition_pages, form
):
    client = Client(enforce_csrf_checks=True)

    for headers in CROSS_SITE:
        response = client.post(form.path(petition_pages), form.data(), **headers)

        assert response.status_code == 403, headers
        assert '<html lang="ur"' in response.content.decode()
        assert form.stored() == 0


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "correct horse battery"
    )


def test_admin_sign_in_without_the_token_is_refused_in_the_visitors_language(
    editor,
):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "correct horse battery"},
        HTTP_ACCEPT_LANGUAGE="ur",
    )

    assert response.status_code == 403
    html = response.content.decode()
    assert "فارم نہیں بھیجا جا سکا" in html
    assert client.get("/admin/").status_code == 302


def test_admin_changes_without_the_token_are_refused(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(
        "/admin/snippets/supporters/blockedemaildomain/add/",
        {"domain": "gmail.com", "note": "forged"},
    )

    assert response.status_code == 403
    assert not BlockedEmailDomain.objects.exists()
