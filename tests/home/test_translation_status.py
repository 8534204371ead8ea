import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation
from wagtail_localize.operations import translate_object

from campaigns.models import GoalPage
from home.models import Footer, Organisation
from home.translation.services import locale_sync_ensure
from home.translation.status import translation_status_list
from tests.home.translation_steps import (
    add_campaign,
    locale,
    make_user,
    publish_snippet_translation,
    publish_translation,
    snippet_edit_url,
    submit_snippet_translation,
    submit_translation,
    translate_string,
    translate_text,
    translation_of,
)

pytestmark = pytest.mark.django_db


def translate(page, *codes, capture):
    """Translate every string of a page with wagtail-localize and publish it
    in each language."""
    with capture(execute=True):
        translate_object(page, [locale(code) for code in codes])
    for code in codes:
        record = translation_of(page, code)
        for segment in StringSegment.objects.filter(source=record.source):
            StringTranslation.objects.get_or_create(
                translation_of_id=segment.string_id,
                context_id=segment.context_id,
                locale=locale(code),
                defaults={"data": f"[{code}] {segment.string.data}"},
            )
        with capture(execute=True):
            record.save_target(publish=True)


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

    # Published, but the changed English text has no translation yet.
    assert statuses("ur")["Outdated"] == "incomplete"
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
    tables = [
        table
        for table in html.find_all("table", attrs={"data-language": code})
        if table.caption.get_text(strip=True) == caption
    ]
    if not tables:  # nothing to do: the "all translated" sentence instead
        return {}
    [table] = tables
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


def test_pages_translated_with_their_campaign_but_still_in_english_are_listed(
    client, home_page, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    campaign = add_campaign(home_page)
    goal = campaign.add_child(
        instance=GoalPage(title="Accountability", slug="accountability")
    )
    goal.save_revision().publish()
    # The Urdu tree holds copies of both, as locale synchronisation makes them.
    locale_sync_ensure()
    client.force_login(make_user("nargis", "Urdu translators"))
    with capture(execute=True):
        client.post(
            reverse("wagtail_localize:submit_page_translation", args=[campaign.id]),
            {"locales": [locale("ur").id], "include_subtree": "on"},
        )
    translation = translation_of(campaign, "ur")
    translate_string(client, translation, "title", "ہزارہ کے ساتھ کھڑے ہوں")
    translate_string(client, translation, "intro", "مچ کے خاندانوں کے لیے انصاف۔")
    with capture(execute=True):
        publish_translation(client, campaign.get_translation(locale("ur")))
    urdu_goal = goal.get_translation(locale("ur"))
    assert urdu_goal.live and urdu_goal.alias_of_id is None

    rows = status_table_rows(client, "ur", "Pages")

    assert rows["Accountability"]["data-status"] == "incomplete"
    assert rows["Accountability"].find("a", string="Edit translation")["href"] == (
        reverse("wagtailadmin_pages:edit", args=[urdu_goal.id])
    )
    assert "Stand with the Hazara" not in rows


def test_changed_english_offers_the_earlier_translation_and_the_page_stays_urdu(
    client, home_page, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    campaign = add_campaign(home_page)
    client.force_login(make_user("nargis", "Urdu translators"))
    with capture(execute=True):
        submit_translation(client, campaign, "ur")
    translation = translation_of(campaign, "ur")
    urdu = campaign.get_translation(locale("ur"))
    translate_string(client, translation, "title", "ہزارہ کے ساتھ کھڑے ہوں")
    translate_string(client, translation, "intro", "مچ کے خاندانوں کے لیے انصاف۔")
    with capture(execute=True):
        publish_translation(client, urdu)
    assert status_table_rows(client, "ur", "Pages") == {}

    campaign.intro = "<p>Justice for the families of Mach and Hazara Town.</p>"
    campaign.save_revision().publish()
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[translation.source_id]),
        {},
    )
    assert response.status_code == 302

    # Synced, not published: the live page is still all Urdu, and says so.
    html = BeautifulSoup(client.get("/ur/stand-with-hazara/").content, "html.parser")
    assert "مچ کے خاندانوں کے لیے انصاف۔" in html.get_text()
    assert html.select_one(".untranslated-notice") is None
    # The changed text starts from its earlier translation, marked to check.
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[urdu.id]))
    intro = StringSegment.objects.get(source=translation.source, context__path="intro")
    offered = StringTranslation.objects.get(
        translation_of_id=intro.string_id, locale=locale("ur")
    )
    assert offered.data == "مچ کے خاندانوں کے لیے انصاف۔"
    assert offered.get_comment() in editor.content.decode()
    assert (
        status_table_rows(client, "ur", "Pages")["Stand with the Hazara"]["data-status"]
        == "outdated"
    )

    translate_string(
        client, translation, "intro", "مچ اور ہزارہ ٹاؤن کے خاندانوں کے لیے انصاف۔"
    )
    with capture(execute=True):
        publish_translation(client, urdu)
    assert status_table_rows(client, "ur", "Pages") == {}
