"""What search engines and link previews ask the site for: the sitemap,
robots.txt and the icon, at the root, outside the language prefixes."""

import re
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Locale

from home.site_address import site_address_sync
from tests.page_fixtures import page_add

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}
PUBLIC = "https://hazara.example"


@pytest.fixture
def public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    site_address_sync()
    yield PUBLIC
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    site_address_sync()


def sitemap(client) -> dict[str, dict[str, str]]:
    """{page address: {hreflang: alternate address}} as the sitemap lists them."""
    response = client.get("/sitemap.xml", HTTP_HOST="localhost:8123")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_every_live_page_in_each_language_with_alternates(
    client, shared_site_pages, public_address
):
    listed = sitemap(client)

    expected = {
        f"{PUBLIC}{page.url}"
        for pages in shared_site_pages.values()
        for page in pages.values()
    }
    assert set(listed) == expected
    appeal = {
        code: f"{PUBLIC}{pages['appeal'].url}"
        for code, pages in shared_site_pages.items()
    }
    assert appeal["ur"] == f"{PUBLIC}/ur/after-mach/"
    for url in appeal.values():
        assert listed[url] == {**appeal, "x-default": appeal["en"]}


def test_sitemap_leaves_out_drafts_and_untranslated_copies(
    client, shared_site_pages, public_address
):
    home = shared_site_pages["en"]["home"]
    english = page_add(
        home, type(shared_site_pages["en"]["donate"]), title="New", slug="new"
    )
    english.copy_for_translation(Locale.objects.get(language_code="ur"), alias=True)
    draft = shared_site_pages["haz"]["goal"]
    draft.unpublish()

    listed = sitemap(client)

    assert f"{PUBLIC}/en/new/" in listed
    assert f"{PUBLIC}/ur/new/" not in listed
    assert listed[f"{PUBLIC}/en/new/"] == {
        "en": f"{PUBLIC}/en/new/",
        "x-default": f"{PUBLIC}/en/new/",
    }
    assert f"{PUBLIC}{draft.url}" not in listed
    assert "haz" not in listed[f"{PUBLIC}{shared_site_pages['en']['goal'].url}"]


def test_robots_txt_names_the_sitemap_at_the_public_address(client, public_address):
    response = client.get("/robots.txt", HTTP_HOST="127.0.0.1:8000")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in text.splitlines()
    assert "Disallow: /admin/" in text.splitlines()


def test_favicon_is_an_icon_answered_without_a_page(client, settings):
    settings.PAGE_CACHE_SECONDS = 30

    response = client.get("/favicon.ico", HTTP_ACCEPT_LANGUAGE="ur")

    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"
    assert "X-Page-Cache" not in response


@pytest.mark.parametrize("path", ["/sitemap.xml", "/robots.txt", "/favicon.ico"])
def test_search_engine_files_are_not_sent_to_a_language(
    client, shared_site_pages, path
):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="ur")

    assert response.status_code == 200
    assert not re.match(r"/(en|ur|haz)/", response.get("Location", ""))
