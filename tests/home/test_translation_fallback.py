import re

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from home.site_setup import site_tree_ensure
from tests.home.translation_steps import (
    add_campaign,
    locale,
    make_user,
    publish_translation,
    submit_translation,
    translate_string,
    translation_of,
)

pytestmark = pytest.mark.django_db

NOT_TRANSLATED = {
    "ur": "یہ صفحہ ابھی آپ کی زبان میں ترجمہ نہیں ہوا، "
    "اس لیے انگریزی میں دکھایا جا رہا ہے۔",
    "haz": "ای صفحه هنوز د زبان شمو ترجمه نشده، امزی خاطر د انگلیسی نشو دَده موشه.",
}
PARTLY_TRANSLATED = {
    "ur": "اس صفحے کے کچھ حصے ابھی آپ کی زبان میں ترجمہ نہیں ہوئے "
    "اور انگریزی میں دکھائے جا رہے ہیں۔",
    "haz": "بعضی حصه‌های ای صفحه هنوز د زبان شمو ترجمه نشده و د انگلیسی نشو دَده موشه.",
}
INTRO = "The findings."


def create_in_admin(
    client,
    parent,
    title="Read the report",
    slug="read-the-report",
    page_type=("campaigns", "campaignpage"),
    extra=None,
):
    """An editor creates and publishes an English page in the admin."""
    editor = get_user_model().objects.filter(username="editor").first()
    client.force_login(editor or make_user("editor", superuser=True))
    response = client.post(
        reverse("wagtailadmin_pages:add", args=[*page_type, parent.id]),
        {
            "title": title,
            "slug": slug,
            "intro": rich_text(f"<p>{INTRO}</p>")
            if isinstance(
                apps.get_model(*page_type)._meta.get_field("intro"), RichTextField
            )
            else INTRO,
            # Every StreamField posts its block count, here none.
            **{
                f"{field.name}-count": "0"
                for field in apps.get_model(*page_type)._meta.fields
                if isinstance(field, StreamField)
            },
            "action-publish": "publish",
            **(extra or {}),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return Page.objects.get(slug=slug, locale=locale("en")).specific


def notice(html: str):
    return BeautifulSoup(html, "html.parser").select_one(".untranslated-notice")


@pytest.mark.parametrize("code", ["ur", "haz"])
def test_english_only_page_is_shown_in_english_with_a_notice_in_visitors_language(
    client, home_page, code
):
    create_in_admin(client, home_page)

    response = client.get(f"/{code}/read-the-report/")

    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("html")["lang"] == code
    message = html.select_one(".untranslated-notice")
    assert message.get_text(strip=True) == NOT_TRANSLATED[code]
    assert (message["lang"], message["dir"]) == (code, "rtl")
    main = html.find("main")
    assert (main["lang"], main["dir"]) == ("en", "ltr")
    assert main.find("h1").get_text() == "Read the report"


def test_english_readers_get_no_notice(client, home_page):
    create_in_admin(client, home_page)

    assert notice(client.get("/en/read-the-report/").content.decode()) is None


def test_language_switcher_from_english_only_page_leads_to_live_pages(
    client, home_page
):
    create_in_admin(client, home_page)
    html = client.get("/en/read-the-report/").content.decode()
    switcher = html[html.index('class="language-switcher"') :]

    links = re.findall(r'href="([^"]+)" hreflang', switcher)

    assert set(links) == {"/ur/read-the-report/", "/haz/read-the-report/"}
    for link in links:
        assert client.get(link).status_code == 200


def test_page_created_outside_the_admin_gets_its_aliases_on_site_setup(
    client, home_page
):
    add_campaign(home_page, title="Sign up", slug="sign-up")
    assert client.get("/ur/sign-up/").status_code == 404

    site_tree_ensure()

    response = client.get("/ur/sign-up/")
    assert response.status_code == 200
    assert (
        notice(response.content.decode()).get_text(strip=True) == NOT_TRANSLATED["ur"]
    )


def test_every_page_in_every_language_answers_without_error(client, home_page):
    english = create_in_admin(client, home_page)
    create_in_admin(
        client,
        english,
        title="Sign the petition",
        slug="sign-the-petition",
        page_type=("petitions", "petitionpage"),
        extra={"why-count": "0", "target": "1000"},
    )

    for page in Page.objects.live().filter(depth__gt=1).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    assert Page.objects.live().filter(depth__gt=1).count() == 9


def test_partly_translated_page_says_so_until_fully_published(
    client, home_page, django_capture_on_commit_callbacks
):
    english = create_in_admin(client, home_page)
    client.force_login(make_user("nargis", "Hazaragi translators"))
    with django_capture_on_commit_callbacks(execute=True):
        submit_translation(client, english, "haz")
    translation = translation_of(english, "haz")
    translated = english.get_translation(locale("haz"))

    def shown() -> str | None:
        found = notice(client.get("/haz/read-the-report/").content.decode())
        return found and found.get_text(strip=True)

    # Started: the page is no longer an alias, but still all English.
    assert shown() == PARTLY_TRANSLATED["haz"]
    translate_string(client, translation, "title", "گزارش ره بخانید")
    with django_capture_on_commit_callbacks(execute=True):
        publish_translation(client, translated)
    assert shown() == PARTLY_TRANSLATED["haz"]
    # Translated, but not yet published: visitors still see English parts.
    translate_string(client, translation, "intro", "یافته‌ها.")
    assert shown() == PARTLY_TRANSLATED["haz"]
    with django_capture_on_commit_callbacks(execute=True):
        publish_translation(client, translated)
    assert shown() is None


def test_notice_costs_at_most_two_queries(
    client, home_page, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    from home.translation.status import page_language_notice

    english = create_in_admin(client, home_page)
    alias = english.get_translation(locale("ur"))
    client.force_login(make_user("nargis", "Translators"))
    with django_capture_on_commit_callbacks(execute=True):
        submit_translation(client, english, "haz")
    translated = english.get_translation(locale("haz"))

    with django_assert_max_num_queries(1):
        assert page_language_notice(page=alias).whole_page
    with django_assert_max_num_queries(2):
        assert not page_language_notice(page=translated).whole_page


@pytest.mark.parametrize("path", ["/en/read-the-report/", "/ur/read-the-report/"])
def test_untranslated_copies_are_not_offered_as_alternate_languages(
    client, home_page, path
):
    create_in_admin(client, home_page)

    html = client.get(path).content.decode()

    alternates = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', html))
    assert alternates == {
        "en": "http://testserver/en/read-the-report/",
        "x-default": "http://testserver/en/read-the-report/",
    }
