import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from campaigns.models import CampaignPage
from home.views import server_error

pytestmark = pytest.mark.django_db

HTML_LANG = re.compile(r'<html lang="([^"]+)" dir="([^"]+)"')


def html_lang_dir(response):
    return HTML_LANG.search(response.content.decode()).groups()


@pytest.mark.parametrize(
    ("prefix", "lang", "direction", "site_name"),
    [
        ("en", "en", "ltr", "Hazara Rights"),
        ("ur", "ur", "rtl", "ہزارہ حقوق"),
        ("haz", "haz", "rtl", "حقوق هزاره"),
    ],
)
def test_each_language_home_answers_in_its_language(
    client, home_page, prefix, lang, direction, site_name
):
    response = client.get(f"/{prefix}/")

    assert response.status_code == 200
    assert html_lang_dir(response) == (lang, direction)
    assert site_name in response.content.decode()


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("fa", "/haz/"),
        ("fa-AF,fa;q=0.9,en;q=0.5", "/haz/"),
        ("prs", "/haz/"),
        ("ur-PK,ur;q=0.9", "/ur/"),
        ("de-DE,de;q=0.9", "/en/"),
        ("de,ur;q=0.5", "/ur/"),
        ("", "/en/"),
    ],
)
def test_root_sends_visitor_to_preferred_language(
    client, home_page, accept_language, expected
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def add_campaign(parent, title="Stand with the Hazara", slug="stand-with-hazara"):
    page = parent.add_child(instance=CampaignPage(title=title, slug=slug))
    page.save_revision().publish()
    return page


def translate(page, code, title):
    translation = page.copy_for_translation(Locale.objects.get(language_code=code))
    translation.title = title
    translation.save_revision().publish()
    return translation


def test_switcher_links_to_translation_or_that_languages_home(client, home_page):
    campaign = add_campaign(home_page)
    translate(campaign, "ur", "ہزارہ کے ساتھ کھڑے ہوں")

    html = client.get("/en/stand-with-hazara/").content.decode()

    switcher = html[html.index('class="language-switcher"') :]
    assert 'href="/ur/stand-with-hazara/" hreflang="ur"' in switcher
    # No Hazaragi translation yet: the switcher goes to the Hazaragi home page.
    assert 'href="/haz/" hreflang="haz"' in switcher
    assert ">هزارگی<" in switcher and ">اردو<" in switcher


def test_hreflang_alternates_list_only_existing_languages(client, home_page):
    campaign = add_campaign(home_page)
    translate(campaign, "ur", "ہزارہ کے ساتھ کھڑے ہوں")

    html = client.get("/ur/stand-with-hazara/").content.decode()

    alternates = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', html))
    assert alternates == {
        "en": "http://testserver/en/stand-with-hazara/",
        "ur": "http://testserver/ur/stand-with-hazara/",
        "x-default": "http://testserver/en/stand-with-hazara/",
    }


@pytest.mark.parametrize(
    ("path", "lang", "message"),
    [
        ("/en/no-such-page/", "en", "Page not found"),
        ("/ur/no-such-page/", "ur", "صفحہ نہیں ملا"),
        ("/haz/no-such-page/", "haz", "صفحه پیدا نشد"),
    ],
)
def test_unknown_url_gives_404_in_language_of_prefix(
    client, home_page, path, lang, message
):
    response = client.get(path)

    assert response.status_code == 404
    assert html_lang_dir(response)[0] == lang
    assert message in response.content.decode()
    # Search engines are not told of versions of a page that does not exist.
    assert 'rel="alternate"' not in response.content.decode()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("en", "Something went wrong"),
        ("ur", "کچھ غلط ہو گیا"),
        ("haz", "یگ چیز غلط شد"),
    ],
)
def test_server_error_page_is_in_visitors_language(rf, settings, code, message):
    from django.utils import translation

    with translation.override(code):
        response = server_error(rf.get(f"/{code}/"))

    assert response.status_code == 500
    assert message in response.content.decode()


EXTERNAL_REFERENCE = re.compile(
    r"""(?:src|href|action|content|srcset)\s*=\s*["']\s*(?:https?:)?//([^/"'\s]+)""",
    re.IGNORECASE,
)


def test_no_page_references_another_host(client, home_page):
    campaign = add_campaign(home_page)
    translate(campaign, "haz", "قد هزاره‌ها ایستاده شوید")
    paths = [
        "/en/",
        "/ur/",
        "/haz/",
        "/en/stand-with-hazara/",
        "/haz/stand-with-hazara/",
        "/ur/search/?q=hazara",
        "/haz/missing/",
    ]

    for path in paths:
        html = client.get(path).content.decode()
        hosts = set(EXTERNAL_REFERENCE.findall(html)) - {"testserver"}
        assert hosts == set(), f"{path} references {hosts}"
        assert "@import" not in html


def test_page_looks_up_its_translations_once_for_switcher_and_alternates(
    client, home_page
):
    campaign = add_campaign(home_page)
    translate(campaign, "ur", "ہزارہ کے ساتھ کھڑے ہوں")

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/en/stand-with-hazara/").content.decode()

    # Both need the translations: the switcher and the hreflang alternates.
    assert 'href="/ur/stand-with-hazara/" hreflang="ur"' in html
    assert 'hreflang="ur" href="http://testserver/ur/stand-with-hazara/"' in html
    translation_lookups = [
        query["sql"]
        for query in queries.captured_queries
        if campaign.translation_key.hex in query["sql"]
    ]
    assert len(translation_lookups) == 1
