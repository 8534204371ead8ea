"""Every absolute link the site writes starts with its one public address
(WAGTAILADMIN_BASE_URL), whatever Host and port the visitor's request named."""

import re

import pytest
from django.core import mail

from home.site_address import site_address_sync

from .conftest import sign_data

pytestmark = pytest.mark.django_db

PUBLIC = "https://hazara.example"
URL = re.compile(r"https?://[^\s\"'<>]+|https?%3A%2F%2F[^\s\"'<>&]+")


@pytest.fixture
def public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    site_address_sync()
    yield PUBLIC
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    site_address_sync()


def own_links(text: str) -> list[str]:
    """The links in a page or email that lead to this site (share services
    carry the page's address in their query)."""
    services = ("https://wa.me", "https://www.facebook.com", "https://x.com")
    found = []
    for url in URL.findall(text):
        if url.startswith(services + ("https://t.me",)):
            continue
        found.append(url.replace("%3A", ":").replace("%2F", "/"))
    return found


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:8000", "localhost:8123"])
def test_share_links_after_signing_use_the_public_address(
    client, petition_pages, public_address, host
):
    page = petition_pages["ur"]
    for path in (
        f"/ur/petitions/{page.pk}/thanks/",
        f"/ur/petitions/{page.pk}/confirmed/",
    ):
        html = client.get(path, HTTP_HOST=host).content.decode()

        shared = f"{PUBLIC}/ur/stand-with-hazara/petition/"
        assert f'value="{shared}" readonly' in html
        for service in ("wa.me", "facebook.com", "x.com", "t.me", "mailto:"):
            link = re.search(rf'href="([^"]*{re.escape(service)}[^"]*)"', html)
            assert "hazara.example%2Fur%2Fstand-with-hazara%2Fpetition" in link.group(1)
        assert own_links(html)
        assert all(url.startswith(PUBLIC) for url in own_links(html)), own_links(html)


@pytest.mark.parametrize("host", ["localhost:8123", "127.0.0.1"])
def test_email_links_use_the_public_address(
    client, petition_pages, public_address, host
):
    page = petition_pages["haz"]
    response = client.post(
        f"/haz/petitions/{page.pk}/sign/",
        sign_data(),
        HTTP_SEC_FETCH_SITE="same-origin",
        HTTP_HOST=host,
        REMOTE_ADDR="203.0.113.7",
    )

    assert response.status_code == 302
    (message,) = mail.outbox
    links = own_links(message.body) + own_links(
        message.extra_headers.get("List-Unsubscribe", "")
    )
    assert any("/haz/petitions/confirm/" in link for link in links)
    assert all(link.startswith(PUBLIC + "/") for link in links), links


def test_open_graph_canonical_and_alternates_use_the_public_address(
    client, petition_pages, public_address
):
    html = client.get(
        petition_pages["en"].url, HTTP_HOST="localhost:8123"
    ).content.decode()

    assert (
        f'<link rel="canonical" href="{PUBLIC}/en/stand-with-hazara/petition/">' in html
    )
    assert f'hreflang="ur" href="{PUBLIC}/ur/stand-with-hazara/petition/"' in html
    assert "localhost" not in html


def test_the_default_site_follows_the_public_address(public_address):
    from wagtail.models import Site

    assert Site.objects.get(is_default_site=True).root_url == PUBLIC
