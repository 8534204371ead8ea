import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.urls import reverse
from wagtail import hooks
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import GroupPagePermission
from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import translate_object

from campaigns.models import CampaignPage
from home.translation.services import TRANSLATOR_GROUPS, translator_groups_ensure
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

SETTINGS_URLS = [
    "/admin/sites/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/locales/",
    "/admin/workflows/list/",
    "/admin/redirects/",
]


def denied(response, client=None) -> bool:
    # Wagtail answers a forbidden admin page by sending the user to the
    # dashboard with a message, or with 403. A generic setting's address first
    # redirects to its one instance, where the permission check happens.
    if client is not None and response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/settings/"):
            response = client.get(location)
    return response.status_code == 403 or (
        response.status_code == 302
        and response["Location"] == reverse("wagtailadmin_home")
    )


def test_hazaragi_translator_translates_and_publishes_a_hazaragi_page(
    client, home_page, django_capture_on_commit_callbacks
):
    campaign = add_campaign(home_page)
    client.force_login(make_user("nargis", "Hazaragi translators"))

    with django_capture_on_commit_callbacks(execute=True):
        submit_translation(client, campaign, "haz")
    translated = campaign.get_translation(locale("haz"))
    translation = translation_of(campaign, "haz")
    assert (
        translate_string(
            client, translation, "title", "قد هزاره‌ها ایستاده شوید"
        ).status_code
        == 201
    )
    assert (
        translate_string(
            client, translation, "intro", "عدالت بلدے خانواده‌های مَچ."
        ).status_code
        == 201
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = publish_translation(client, translated)

    assert response.status_code == 302
    html = client.get("/haz/stand-with-hazara/").content.decode()
    assert "<h1>قد هزاره‌ها ایستاده شوید</h1>" in html
    assert "عدالت بلدے خانواده‌های مَچ." in html
    assert "Justice for the families" not in html


def test_translator_cannot_edit_the_english_page(client, home_page):
    campaign = add_campaign(home_page)
    client.force_login(make_user("nargis", "Hazaragi translators"))
    edit_url = reverse("wagtailadmin_pages:edit", args=[campaign.id])

    assert denied(client.get(edit_url))
    response = client.post(
        edit_url, {"title": "Changed", "slug": "changed", "action-publish": "1"}
    )

    assert denied(response)
    campaign.refresh_from_db()
    assert (campaign.title, campaign.slug) == (
        "Stand with the Hazara",
        "stand-with-hazara",
    )
    assert client.get("/en/stand-with-hazara/").status_code == 200


def test_language_group_cannot_edit_the_other_languages_pages(client, home_page):
    client.force_login(make_user("nargis", "Hazaragi translators"))
    urdu_home = home_page.get_translation(locale("ur"))
    hazaragi_home = home_page.get_translation(locale("haz"))

    assert denied(client.get(reverse("wagtailadmin_pages:edit", args=[urdu_home.id])))
    assert (
        client.get(
            reverse("wagtailadmin_pages:edit", args=[hazaragi_home.id])
        ).status_code
        == 200
    )


@pytest.mark.parametrize("group", TRANSLATOR_GROUPS)
def test_translator_cannot_reach_settings(client, home_page, group):
    client.force_login(make_user("translator", group))
    urls = SETTINGS_URLS + [
        reverse(
            "wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name]
        )
        for model in settings_registry
    ]

    for url in urls:
        assert denied(client.get(url), client), url
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_translator_groups_hold_exactly_the_translation_rights(home_page):
    expected_codenames = {
        "access_admin",
        "submit_translation",
        "choose_image",
        "choose_document",
    }

    for name, codes in TRANSLATOR_GROUPS.items():
        group = Group.objects.get(name=name)
        codenames = set(group.permissions.values_list("codename", flat=True))
        # Anything beyond the base rights is a translatable snippet's change/publish.
        extra = codenames - expected_codenames
        assert expected_codenames <= codenames
        assert all(code.startswith(("change_", "publish_")) for code in extra), extra
        page_rights = set(
            GroupPagePermission.objects.filter(group=group).values_list(
                "page__locale__language_code", "page__depth", "permission__codename"
            )
        )
        assert page_rights == {
            (code, 2, f"{action}_page")
            for code in codes
            for action in ("change", "publish")
        }


def test_rights_added_to_a_translator_group_by_hand_are_reset(home_page):
    group = Group.objects.get(name="Urdu translators")
    GroupPagePermission.objects.create(
        group=group, page=home_page, permission_type="change"
    )

    translator_groups_ensure()

    assert not GroupPagePermission.objects.filter(group=group, page=home_page).exists()


def test_translating_an_urdu_page_is_steered_to_its_english_source(client, home_page):
    campaign = add_campaign(home_page)
    urdu = campaign.copy_for_translation(locale("ur"))
    urdu.save_revision().publish()
    client.force_login(make_user("nargis", "Translators"))

    response = client.get(
        reverse("wagtail_localize:submit_page_translation", args=[urdu.id]),
        {"select_locale": "haz"},
    )

    assert response.status_code == 302
    assert response["Location"] == (
        reverse("wagtail_localize:submit_page_translation", args=[campaign.id])
        + "?select_locale=haz"
    )
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages == [
        "Translations start from the English version. "
        "You are translating the English “Stand with the Hazara”."
    ]
    form = client.get(response["Location"]).content.decode()
    assert "Stand with the Hazara" in form


def test_submitting_from_an_urdu_page_creates_no_urdu_source(client, home_page):
    campaign = add_campaign(home_page)
    urdu = campaign.copy_for_translation(locale("ur"))
    urdu.save_revision().publish()
    client.force_login(make_user("nargis", "Translators"))

    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[urdu.id]),
        {"locales": [locale("haz").id]},
    )

    assert not TranslationSource.objects.filter(locale=locale("ur")).exists()
    assert not CampaignPage.objects.filter(locale=locale("haz")).exists()


def test_page_without_english_version_cannot_be_submitted(client, home_page):
    urdu_home = home_page.get_translation(locale("ur"))
    urdu_only = urdu_home.add_child(
        instance=CampaignPage(title="صرف اردو", slug="urdu-only", locale=locale("ur"))
    )
    client.force_login(make_user("nargis", "Translators"))

    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[urdu_only.id]),
        {"locales": [locale("haz").id]},
    )

    assert response.status_code == 302
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert "has no English version to translate from" in messages[0]
    assert not TranslationSource.objects.exists()


def test_translator_syncs_after_english_changes_and_publishes(
    client, home_page, django_capture_on_commit_callbacks
):
    campaign = add_campaign(home_page)
    client.force_login(make_user("nargis", "Hazaragi translators"))
    with django_capture_on_commit_callbacks(execute=True):
        submit_translation(client, campaign, "haz")
    translated = campaign.get_translation(locale("haz"))
    translation = translation_of(campaign, "haz")
    translate_string(client, translation, "title", "قد هزاره‌ها ایستاده شوید")
    translate_string(client, translation, "intro", "عدالت بلدے خانواده‌های مَچ.")
    with django_capture_on_commit_callbacks(execute=True):
        publish_translation(client, translated)

    campaign.intro = "<p>Justice for the families of Mach and Hazara Town.</p>"
    campaign.save_revision().publish()
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[translation.source_id]),
        {},
    )
    assert response.status_code == 302
    translate_string(
        client, translation, "intro", "عدالت بلدے خانواده‌های مَچ و هزاره‌تاون."
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish_translation(client, translated)

    html = client.get("/haz/stand-with-hazara/").content.decode()
    assert "عدالت بلدے خانواده‌های مَچ و هزاره‌تاون." in html
    assert "Hazara Town" not in html


def test_translator_starts_from_the_english_copy_in_their_own_tree(
    client, home_page, django_capture_on_commit_callbacks
):
    # A page that exists only in English appears in the Hazaragi tree as an
    # alias; translators see only their trees, so that is where they start.
    english = add_campaign(home_page)
    alias = english.copy_for_translation(locale("haz"), alias=True)
    client.force_login(make_user("nargis", "Hazaragi translators"))

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[alias.id]))
    html = BeautifulSoup(editor.content, "html.parser")
    translate = html.find("a", string="Translate this page")["href"]
    assert translate.startswith(
        reverse("wagtail_localize:submit_page_translation", args=[english.id])
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(translate, {"locales": [locale("haz").id]})

    assert response.status_code == 302
    alias.refresh_from_db()
    assert alias.alias_of_id is None
    assert translation_of(english, "haz").enabled


@pytest.mark.parametrize(
    ("groups", "code", "allowed"),
    [
        (["Hazaragi translators"], "haz", True),
        (["Hazaragi translators"], "ur", False),
        (["Hazaragi translators"], "en", False),
        (["Urdu translators"], "ur", True),
        (["Translators"], "ur", True),
        (["Translators"], "en", False),
        (["Translators", "Editors"], "en", True),
        (["Editors"], "en", True),
    ],
)
def test_translators_edit_translatable_objects_only_in_their_languages(
    rf, home_page, groups, code, allowed
):
    [guard] = [
        hook
        for hook in hooks.get_hooks("before_edit_snippet")
        if hook.__name__ == "keep_translators_to_their_languages"
    ]
    request = rf.get("/admin/snippets/")
    request.user = make_user("someone", *groups)
    request.session = {}
    request._messages = FallbackStorage(request)
    # Any translatable object stands in for a snippet here.
    instance = home_page.get_translation(locale(code))

    response = guard(request, instance)

    assert (response is None) is allowed
    if not allowed:
        assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize(
    ("group", "published"), [("Hazaragi translators", False), ("Translators", True)]
)
def test_sync_publishes_every_language_only_for_a_translator_of_each(
    client, home_page, group, published, django_capture_on_commit_callbacks
):
    campaign = add_campaign(home_page)
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(campaign, [locale("ur"), locale("haz")])
    campaign.title = "Stand with the Hazara of Quetta"
    campaign.save_revision().publish()
    client.force_login(make_user("nargis", group))
    source_id = translation_of(campaign, "ur").source_id

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source_id]),
            {"publish_translations": "on"},
        )

    assert response.status_code == 302
    for code in ("ur", "haz"):
        title = campaign.get_translation(locale(code)).title
        assert (title == "Stand with the Hazara of Quetta") is published
    if not published:
        messages = [str(m) for m in get_messages(response.wsgi_request)]
        assert messages[-1].startswith("You can publish translations only in your own")
