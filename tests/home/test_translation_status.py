import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail_localize.operations import translate_object

from home.models import Footer, Organisation
from home.translation.status import translation_status_list
from tests.home.translation_steps import (
    add_campaign,
    locale,
    make_user,
    publish_snippet_translation,
    snippet_edit_url,
    submit_snippet_translation,
    translate_text,
    translation_of,
)

pytestmark = pytest.mark.django_db


def translate(page, *codes, capture):
    """Translate a page with wagtail-localize and publish it in each language."""
    with capture(execute=True):
        translate_object(page, [locale(code) for code in codes])


def republish(page, intro):
    page.intro = intro
    page.save_revision().publish()


def statuses(code) -> dict[str, str]:
    [status] = translation_status_list(locales=[locale(code)])
    return {row.source.title: row.status for row in status.pages}


@pytest.fixture
def pages(home_page, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    untranslated = add_campaign(home_page, title="Untranslated", slug="untranslated")
    current = add_campaign(home_page, title="Current", slug="current")
    translate(current, "ur", "haz", capture=capture)
    outdated = add_campaign(home_page, title="Outdated", slug="outdated")
    translate(outdated, "ur", "haz", capture=capture)
    republish(outdated, "<p>Justice for the families of Mach, now.</p>")
    draft = add_campaign(home_page, title="Draft", slug="draft")
    draft.copy_for_translation(locale("haz")).save_revision()
    return {
        "untranslated": untranslated,
        "current": current,
        "outdated": outdated,
        "draft": draft,
    }


def test_status_lists_untranslated_unpublished_and_outdated_pages(pages):
    assert statuses("haz") == {
        "Untranslated": "untranslated",
        "Outdated": "outdated",
        "Draft": "unpublished",
    }
    assert statuses("ur") == {
        "Untranslated": "untranslated",
        "Outdated": "outdated",
        "Draft": "untranslated",
    }


def test_synced_translation_stays_outdated_until_published(
    pages, django_capture_on_commit_callbacks
):
    record = translation_of(pages["outdated"], "ur")
    record.source.update_from_db()
    assert statuses("ur")["Outdated"] == "outdated"

    with django_capture_on_commit_callbacks(execute=True):
        record.save_target(publish=True)

    assert "Outdated" not in statuses("ur")
    assert statuses("haz")["Outdated"] == "outdated"


def test_alias_counts_as_untranslated(home_page, django_capture_on_commit_callbacks):
    english = add_campaign(home_page, title="Aliased", slug="aliased")
    english.copy_for_translation(locale("ur"), alias=True)

    assert statuses("ur") == {"Aliased": "untranslated"}


def test_status_costs_a_fixed_number_of_queries(
    home_page, django_capture_on_commit_callbacks
):
    def add_pages(numbers):
        for number in numbers:
            page = add_campaign(
                home_page, title=f"Page {number}", slug=f"page-{number}"
            )
            if number % 2:
                translate(page, "ur", capture=django_capture_on_commit_callbacks)

    def queries_for_status():
        with CaptureQueriesContext(connection) as queries:
            result = translation_status_list()
        return len(queries), result

    add_pages(range(2))
    few, _result = queries_for_status()
    add_pages(range(2, 8))
    many, result = queries_for_status()

    assert many == few
    assert [len(status.pages) for status in result] == [4, 8]


def test_status_view_shows_each_language_with_links_to_act(client, pages):
    client.force_login(make_user("nargis", "Hazaragi translators"))

    response = client.get(reverse("translation_status"))

    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    hazaragi = html.find("table", attrs={"data-language": "haz"})
    rows = {
        row.find("td").get_text(strip=True): row for row in hazaragi.select("tbody tr")
    }
    assert {title: row["data-status"] for title, row in rows.items()} == {
        "Untranslated": "untranslated",
        "Outdated": "outdated",
        "Draft": "unpublished",
    }
    translate_link = rows["Untranslated"].find("a", string="Translate")["href"]
    assert translate_link == (
        reverse(
            "wagtail_localize:submit_page_translation",
            args=[pages["untranslated"].id],
        )
        + "?select_locale=haz"
    )
    assert rows["Outdated"].find("a", string="Sync with English")
    edit_link = rows["Draft"].find("a", string="Edit translation")["href"]
    draft = pages["draft"].get_translation(locale("haz"))
    assert edit_link == reverse("wagtailadmin_pages:edit", args=[draft.id])
    assert html.find("table", attrs={"data-language": "ur"}) is not None


def test_status_view_is_in_the_menu_for_translators_only(client, home_page):
    client.force_login(make_user("nargis", "Urdu translators"))
    assert reverse("translation_status") in client.get("/admin/").content.decode()

    staff = make_user("staff")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert reverse("translation_status") not in client.get("/admin/").content.decode()
    response = client.get(reverse("translation_status"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def snippet_statuses(code) -> dict[str, str]:
    [status] = translation_status_list(locales=[locale(code)])
    return {str(row.source): row.status for row in status.snippets}


def translate_snippet(client, snippet, code, english, value, capture):
    """Translate one string of a snippet in the admin and publish it."""
    with capture(execute=True):
        submit_snippet_translation(client, snippet, code)
    translate_text(client, translation_of(snippet, code), english, value)
    with capture(execute=True):
        publish_snippet_translation(client, snippet.get_translation(locale(code)))


def status_table_rows(client, code, caption) -> dict:
    response = client.get(reverse("translation_status"))
    html = BeautifulSoup(response.content, "html.parser")
    [table] = [
        table
        for table in html.find_all("table", attrs={"data-language": code})
        if table.caption.get_text(strip=True) == caption
    ]
    return {
        row.find("td").get_text(strip=True): row for row in table.select("tbody tr")
    }


def test_snippet_status_follows_translation_and_english_changes(
    client, home_page, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    organisation = Organisation.objects.create(name="Drive to Thrive")
    client.force_login(make_user("nargis", "Translators"))
    assert snippet_statuses("ur") == {"Drive to Thrive": "untranslated"}
    assert snippet_statuses("haz") == {"Drive to Thrive": "untranslated"}

    translate_snippet(
        client, organisation, "ur", "Drive to Thrive", "ڈرائیو ٹو تھرائیو", capture
    )
    assert snippet_statuses("ur") == {}
    assert snippet_statuses("haz") == {"Drive to Thrive": "untranslated"}
    translate_snippet(
        client, organisation, "haz", "Drive to Thrive", "درایو تو ترایو", capture
    )
    assert snippet_statuses("haz") == {}

    organisation.name = "Drive to Thrive Foundation"
    organisation.save()
    assert snippet_statuses("ur") == {"Drive to Thrive Foundation": "outdated"}
    assert snippet_statuses("haz") == {"Drive to Thrive Foundation": "outdated"}


def test_status_view_lists_snippets_with_links_to_act(
    client, home_page, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    untranslated = Footer.objects.create(name="Footer", text="<p>With the Hazara.</p>")
    organisation = Organisation.objects.create(name="Drive to Thrive")
    client.force_login(make_user("nargis", "Hazaragi translators"))
    translate_snippet(
        client, organisation, "haz", "Drive to Thrive", "درایو تو ترایو", capture
    )
    organisation.name = "Drive to Thrive Foundation"
    organisation.save()

    rows = status_table_rows(client, "haz", "Snippets")

    assert {title: row["data-status"] for title, row in rows.items()} == {
        "Footer": "untranslated",
        "Drive to Thrive Foundation": "outdated",
    }
    assert rows["Footer"].find("a", string="Translate")["href"] == (
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["home", "footer", untranslated.pk],
        )
        + "?select_locale=haz"
    )
    outdated = rows["Drive to Thrive Foundation"]
    sync = outdated.find("a", string="Sync with English")["href"]
    assert sync.startswith(
        reverse(
            "wagtail_localize:update_translations",
            args=[translation_of(organisation, "haz").source_id],
        )
    )
    hazaragi = organisation.get_translation(locale("haz"))
    assert outdated.find("a", string="Edit translation")["href"] == (
        snippet_edit_url(hazaragi)
    )
    # Syncing and publishing brings the Hazaragi translation up to date.
    client.post(sync, {})
    translate_text(
        client,
        translation_of(organisation, "haz"),
        "Drive to Thrive Foundation",
        "بنیاد درایو تو ترایو",
    )
    with capture(execute=True):
        publish_snippet_translation(client, hazaragi)
    assert "Drive to Thrive Foundation" not in status_table_rows(
        client, "haz", "Snippets"
    )
