"""Editors are told what they build: what each page type is for, block
labels that say what to write, where a campaign's parts go, and where a new
campaign still has to be linked from."""

import re

import pytest
from django.apps import apps
from django.utils import translation
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from campaigns.models import CampaignPage, GoalPage
from home.models import NavigationMenu

pytestmark = pytest.mark.django_db


def test_choosing_a_page_type_says_what_each_is_for_and_where_it_goes(
    admin_client, home_page
):
    html = admin_client.get(
        f"/admin/pages/{home_page.pk}/add_subpage/"
    ).content.decode()

    assert "A campaign and the actions a supporter can take." in html
    assert "The story of an attack and of the community" in html
    for model in (
        apps.get_model("campaigns", name)
        for name in ("CampaignPage", "AppealPage", "DonatePage", "FormPage")
    ):
        assert str(model.page_description).split(".")[0] in html.replace("&#x27;", "'")


def test_every_page_type_has_a_description_in_urdu_and_hazaragi():
    for model in (m for m in apps.get_models() if issubclass(m, Page)):
        if model is Page:
            continue
        english = str(model.page_description)
        assert english, model
        for language in ("ur", "haz"):
            with translation.override(language):
                assert str(model.page_description) != english, (model, language)


def stream_child_blocks(block):
    """Every named child block under `block`, with its name."""
    children = getattr(block, "child_blocks", None) or {}
    if isinstance(block, blocks.ListBlock):
        children = {"item": block.child_block}
    for name, child in children.items():
        yield name, child
        yield from stream_child_blocks(child)


def site_stream_blocks():
    for model in apps.get_app_configs():
        if model.label not in ("home", "campaigns", "petitions"):
            continue
        for cls in model.get_models():
            for field in cls._meta.get_fields():
                if isinstance(field, StreamField):
                    yield from stream_child_blocks(field.stream_block)


def test_block_labels_are_sentences_an_editor_reads_in_their_language():
    labels = {str(child.label) for _name, child in site_stream_blocks()}

    assert "Heading level" in labels
    assert "What the figure counts" in labels
    for label in labels:
        assert label[0].isupper(), label
        with translation.override("ur"):
            assert re.search(r"[\u0600-\u06ff]", str(translation.gettext(label))), label


def test_the_campaign_page_says_its_parts_are_child_pages_and_offers_to_add_them(
    admin_client, home_page
):
    campaign = home_page.add_child(instance=CampaignPage(title="Justice", slug="j"))

    html = admin_client.get(f"/admin/pages/{campaign.pk}/edit/").content.decode()

    assert "are pages of their own, added under this campaign page" in html
    for model in ("goalpage", "petitionpage", "reportpage", "formpage"):
        app = "petitions" if model == "petitionpage" else "campaigns"
        assert f'href="/admin/pages/add/{app}/{model}/{campaign.pk}/"' in html
    assert "Add a goal page" in html


def test_a_new_campaign_is_not_yet_linked_so_the_editor_is_shown_where(
    admin_client, home_page
):
    menu = NavigationMenu.objects.create(name="Main menu")
    from home.models import SiteSettings

    SiteSettings.objects.update_or_create(defaults={"main_menu": menu})
    data = nested_form_data(
        {
            "title": "Justice for Quetta",
            "slug": "justice-for-quetta",
            "intro": "",
            "image_alt": "",
            "organiser": "",
            "body": streamfield([]),
            "actions": streamfield([]),
            "seo_title": "",
            "search_description": "",
            "share_title": "",
            "share_description": "",
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
            "action-publish": "publish",
        }
    )

    response = admin_client.post(
        f"/admin/pages/add/campaigns/campaignpage/{home_page.pk}/", data, follow=True
    )

    html = response.content.decode()
    assert "is live, but no menu or home page links to it yet" in html
    assert f'href="/admin/snippets/home/navigationmenu/edit/{menu.pk}/"' in html
    assert f'href="/admin/pages/{home_page.pk}/edit/"' in html

    campaign = CampaignPage.objects.get(
        slug="justice-for-quetta", locale=home_page.locale
    )
    again = admin_client.post(
        f"/admin/pages/{campaign.pk}/edit/",
        data | {"title": "Justice for Quetta, now"},
        follow=True,
    )
    assert "no menu or home page links to it yet" not in again.content.decode()
    # Other pages published for the first time are left alone.
    goal = admin_client.post(
        f"/admin/pages/add/campaigns/goalpage/{campaign.pk}/",
        nested_form_data(
            {
                "title": "Trials",
                "slug": "trials",
                "intro": "",
                "image_alt": "",
                "body": streamfield([]),
                "seo_title": "",
                "search_description": "",
                "share_title": "",
                "share_description": "",
                "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
                "action-publish": "publish",
            }
        ),
        follow=True,
    )
    assert GoalPage.objects.filter(slug="trials").exists()
    assert "no menu or home page links to it yet" not in goal.content.decode()
