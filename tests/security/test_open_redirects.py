"""No address on the site sends a visitor to another site: not the admin's
`next`, not the language redirect, not the petition views; share links go
only to the fixed share services, carrying our own page's address."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail

from petitions.models import Signature
from tests.petitions.conftest import confirm_links, sign, sign_data

pytestmark = pytest.mark.django_db

HOSTILE_TARGETS = [
    "https://evil.example/",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "http://testserver@evil.example/",
    "javascript:alert(1)",
    " //evil.example",
    "/%2F%2Fevil.example",
]
SHARE_SERVICES = {
    "whatsapp": "https://wa.me/?",
    "facebook": "https://www.facebook.com/sharer/sharer.php?",
    "x": "https://x.com/intent/post?",
    "telegram": "https://t.me/share/url?",
    "email": "mailto:?",
}


def stays_here(location: str) -> bool:
    parts = urlsplit(location)
    return (
        parts.scheme in ("", "http")
        and parts.netloc in ("", "testserver")
        and not location.lstrip().startswith(("//", "/\\", "\\"))
    )


def test_admin_sign_in_never_sends_to_another_site(client):
    get_user_model().objects.create_superuser("editor", "e@example.org", "pw 12345")

    for target in HOSTILE_TARGETS:
        page = client.get("/admin/login/", {"next": target})
        response = client.post(
            "/admin/login/",
            {"username": "editor", "password": "pw 12345", "next": target},
        )
        client.logout()

        assert page.status_code == 200
        assert response.status_code == 302
        assert stays_here(response["Location"]), (target, response["Location"])


def test_admin_pages_asked_for_while_signed_out_send_to_our_sign_in(client):
    for target in HOSTILE_TARGETS:
        response = client.get("/admin/" + target.lstrip("/"))

        if response.status_code in (301, 302):
            assert stays_here(response["Location"]), (target, response["Location"])


def test_language_redirects_stay_on_the_site(client, home_page):
    for target in HOSTILE_TARGETS:
        for path in (target, "/" + target.lstrip("/"), f"/en/{target}", f"/ur{target}"):
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="ur")
            if response.status_code in (301, 302):
                assert stays_here(response["Location"]), (path, response["Location"])


@pytest.mark.parametrize(
    "path",
    [
        "//evil.example/en/search/",
        "///evil.example/en/search/",
        "//evil.example/ur/search/?q=hazara",
        "/\\evil.example/en/search/",
        "//evil.example/en/",
    ],
)
def test_language_switcher_links_stay_on_the_site(client, home_page, path):
    # The full URL, so that the test client keeps the path's leading slashes.
    response = client.get(f"http://testserver{path}")
    soup = BeautifulSoup(response.content, "html.parser")
    links = [
        link["href"]
        for link in soup.select(
            ".language-switcher a[href], link[rel=alternate][hreflang]"
        )
    ]

    assert response.status_code == 404
    assert len(links) >= 2
    assert all(stays_here(link) for link in links), links


def test_petition_views_redirect_only_to_our_own_pages(client, petition_pages):
    page = petition_pages["en"]
    signed = sign(client, page, "en")
    confirmed = client.post(confirm_links()[0] + "?next=https://evil.example/")
    reloaded = client.get(f"/en/petitions/{page.pk}/sign/?next=//evil.example/")

    for response in (signed, confirmed, reloaded):
        assert response.status_code == 302
        assert stays_here(response["Location"]), response["Location"]
    assert reloaded["Location"] == page.url


def test_share_links_go_only_to_the_share_services_with_our_page(
    client, petition_pages
):
    page = petition_pages["ur"]
    # Whatever Host the request names, the shared address is the site's own.
    response = client.get(
        f"/ur/petitions/{page.pk}/thanks/",
        HTTP_HOST="127.0.0.1",
        HTTP_X_FORWARDED_HOST="evil.example",
    )
    html = response.content.decode()
    own_url = page.get_full_url()
    links = BeautifulSoup(html, "html.parser").select("a.share__link")
    assert len(links) == len(SHARE_SERVICES)
    for link in links:
        service = next(c.split("--")[1] for c in link["class"] if "--" in c)
        href = link["href"]
        assert href.startswith(SHARE_SERVICES[service]), href
        values = " ".join(
            value
            for values in parse_qs(urlsplit(href).query).values()
            for value in values
        )
        assert own_url in values
        assert "evil.example" not in href and "127.0.0.1" not in href
    copy_field = BeautifulSoup(html, "html.parser").select_one("#share-url")
    assert copy_field["value"] == own_url


def test_a_forged_host_cannot_put_another_site_into_confirmation_links(
    client, petition_pages
):
    response = client.post(
        f"/en/petitions/{petition_pages['en'].pk}/sign/",
        sign_data(),
        HTTP_HOST="evil.example",
    )

    assert response.status_code == 400
    assert mail.outbox == []
    assert not Signature.objects.exists()
