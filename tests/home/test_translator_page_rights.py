"""Translators translate and publish; they do not take pages down or rearrange
the tree, whichever admin address they send the request to."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from campaigns.models import CampaignPage
from tests.home.translation_steps import (
    add_campaign,
    locale,
    make_user,
    publish_translation,
    submit_translation,
    translate_string,
    translation_of,
)
from tests.page_fixtures import page_translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def urdu_campaign(home_page):
    """A live Urdu campaign page with no children, as most translations are."""
    return page_translate(add_campaign(home_page), "ur")


def admin_url(name: str, page) -> str:
    return reverse(f"wagtailadmin_pages:{name}", args=[page.id])


# Each way of taking a page down or moving it, as the admin's forms send it.
TAKE_DOWN_REQUESTS = {
    "unpublish": lambda page: ("unpublish", {}),
    "delete": lambda page: ("delete", {}),
    "move": lambda page: ("move", {}),
    "copy": lambda page: (
        "copy",
        {
            "new_title": "Copy",
            "new_slug": "copy",
            "new_parent_page": page.get_parent().id,
            "publish_copies": "on",
        },
    ),
    "privacy": lambda page: (
        "set_privacy",
        {"restriction_type": "password", "password": "secret"},
    ),
}


def refused(response) -> bool:
    # Wagtail answers a forbidden admin action with 403, or by sending the
    # user to the dashboard with a message.
    return response.status_code == 403 or (
        response.status_code == 302
        and response["Location"] == reverse("wagtailadmin_home")
    )


def still_there(page) -> bool:
    page = Page.objects.filter(pk=page.pk).first()
    return page is not None and page.live and not page.view_restrictions.exists()


@pytest.mark.parametrize("action", TAKE_DOWN_REQUESTS)
@pytest.mark.parametrize("group", ["Urdu translators", "Translators"])
def test_translator_cannot_take_a_page_of_their_language_down(
    client, urdu_campaign, action, group
):
    client.force_login(make_user("nargis", group))
    name, data = TAKE_DOWN_REQUESTS[action](urdu_campaign)
    url = admin_url(name, urdu_campaign)

    opened = client.get(url)
    sent = client.post(url, data)

    assert refused(opened)
    assert refused(sent)
    assert still_there(urdu_campaign)
    assert client.get("/ur/stand-with-hazara/").status_code == 200
    assert CampaignPage.objects.filter(slug="copy").count() == 0


def test_translator_cannot_move_a_page_to_another_place(client, home_page):
    campaign = add_campaign(home_page)
    other = add_campaign(home_page, title="Schools", slug="schools")
    urdu_campaign = page_translate(campaign, "ur")
    urdu_other = page_translate(other, "ur")
    client.force_login(make_user("nargis", "Urdu translators"))

    response = client.post(
        reverse(
            "wagtailadmin_pages:move_confirm", args=[urdu_campaign.id, urdu_other.id]
        )
    )

    assert refused(response)
    assert (
        Page.objects.get(pk=urdu_campaign.pk).get_parent().pk
        == urdu_campaign.get_parent().pk
    )


def test_translator_cannot_reorder_pages_or_bulk_delete_them(client, home_page):
    urdu_home = home_page.get_translation(locale("ur"))
    first = page_translate(add_campaign(home_page), "ur")
    second = page_translate(
        add_campaign(home_page, title="Schools", slug="schools"), "ur"
    )
    client.force_login(make_user("nargis", "Urdu translators"))

    reordered = client.post(
        reverse("wagtailadmin_pages:set_page_position", args=[second.id])
        + "?position=0"
    )
    client.post(
        reverse(
            "wagtail_bulk_action",
            args=["wagtailcore", "page", "delete"],
        )
        + f"?id={first.id}&id={second.id}"
    )
    listing = client.get(reverse("wagtailadmin_explore", args=[urdu_home.id]))

    assert refused(reordered)
    assert Page.objects.filter(pk__in=[first.pk, second.pk]).count() == 2
    assert list(
        Page.objects.get(pk=urdu_home.pk).get_children().values_list("pk", flat=True)
    ) == [
        first.pk,
        second.pk,
    ]
    assert listing.status_code == 200
    html = listing.content.decode()
    assert admin_url("delete", first) not in html
    assert admin_url("unpublish", first) not in html
    assert admin_url("move", first) not in html
    assert admin_url("copy", first) not in html


def test_translator_cannot_lock_or_unlock_a_page(client, home_page, urdu_campaign):
    editor = make_user("editor", "Moderators")
    client.force_login(make_user("nargis", "Urdu translators"))

    assert refused(client.post(admin_url("lock", urdu_campaign)))
    assert not Page.objects.get(pk=urdu_campaign.pk).locked

    Page.objects.filter(pk=urdu_campaign.pk).update(locked=True, locked_by=editor)
    assert refused(client.post(admin_url("unlock", urdu_campaign)))
    assert Page.objects.get(pk=urdu_campaign.pk).locked


def test_translator_still_translates_and_publishes(
    client, home_page, django_capture_on_commit_callbacks
):
    campaign = add_campaign(home_page)
    client.force_login(make_user("nargis", "Urdu translators"))
    with django_capture_on_commit_callbacks(execute=True):
        submit_translation(client, campaign, "ur")
    translated = campaign.get_translation(locale("ur"))
    translate_string(
        client, translation_of(campaign, "ur"), "title", "ہزارہ کے ساتھ کھڑے ہوں"
    )

    editor = client.get(admin_url("edit", translated))
    with django_capture_on_commit_callbacks(execute=True):
        published = publish_translation(client, translated)

    assert editor.status_code == 200
    props = BeautifulSoup(editor.content, "html.parser").select_one(
        ".js-translation-editor"
    )["data-props"]
    assert json.loads(props)["perms"] == {
        "canPublish": True,
        "canUnpublish": False,
        "canLock": False,
        "canUnlock": False,
        "canDelete": False,
    }
    assert published.status_code == 302
    assert (
        "ہزارہ کے ساتھ کھڑے ہوں"
        in client.get("/ur/stand-with-hazara/").content.decode()
    )


@pytest.mark.parametrize("group", ["Moderators", "Urdu translators"])
def test_moderators_keep_unpublish_and_delete_even_alongside_a_translator_group(
    client, urdu_campaign, group
):
    user = make_user("editor", "Moderators")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)

    assert client.get(admin_url("move", urdu_campaign)).status_code == 200
    assert client.get(admin_url("copy", urdu_campaign)).status_code == 200
    response = client.post(admin_url("unpublish", urdu_campaign))
    assert response.status_code == 302
    assert not Page.objects.get(pk=urdu_campaign.pk).live
    response = client.post(admin_url("delete", urdu_campaign))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=urdu_campaign.pk).exists()


def test_administrator_keeps_every_right(admin_client, urdu_campaign):
    for name in ("move", "copy", "unpublish", "delete"):
        assert admin_client.get(admin_url(name, urdu_campaign)).status_code == 200
    admin_client.post(admin_url("delete", urdu_campaign))
    assert not Page.objects.filter(pk=urdu_campaign.pk).exists()
