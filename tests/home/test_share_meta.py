import re

import pytest

from tests.page_fixtures import fresh, image_create

pytestmark = pytest.mark.django_db


def meta(html):
    tags = dict(re.findall(r'<meta property="(og:[^"]+)" content="([^"]*)">', html))
    description = re.search(r'<meta name="description" content="([^"]*)">', html)
    tags["description"] = description.group(1) if description else None
    return tags


def test_preview_fields_set_on_the_promote_tab_are_used(client, shared_site_pages):
    page = fresh(shared_site_pages["ur"]["program"])
    page.share_title = "وظائف"
    page.share_description = "بچوں کو اسکول میں رکھیں۔"
    page.share_image = image_create("share", size=(1600, 900))
    page.save_revision().publish()

    tags = meta(client.get(page.url).content.decode())

    assert tags["og:title"] == "وظائف"
    assert tags["og:description"] == tags["description"] == "بچوں کو اسکول میں رکھیں۔"
    assert re.fullmatch(r"http://testserver/media/images/[^\"]+\.jpg", tags["og:image"])
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:url"] == "http://testserver/ur/programs/education/"
    assert tags["og:locale"] == "ur_PK"
    assert tags["og:site_name"] == "اردو Drive to Thrive"


def test_preview_falls_back_to_title_introduction_and_main_image(
    client, shared_site_pages
):
    page = shared_site_pages["en"]["appeal"]

    html = client.get(page.url).content.decode()

    tags = meta(html)
    assert tags["og:title"] == "After Mach"
    assert tags["og:description"] == "Help the families."
    assert tags["og:image"].startswith("http://testserver/media/images/")
    assert tags["og:image:alt"] == "Mountains at dusk"
    assert tags["og:type"] == "article"
    assert '<link rel="canonical" href="http://testserver/en/after-mach/">' in html


def test_preview_of_a_page_without_image_or_text_uses_the_organisations(
    client, shared_site_pages
):
    from home.models import Organisation

    organisation = Organisation.objects.get(locale__language_code="en")
    organisation.share_image = image_create("default")
    organisation.save()

    tags = meta(client.get(shared_site_pages["en"]["donate"].url).content.decode())

    assert tags["og:title"] == "Donate"
    assert tags["og:description"] == "Help for Hazara families."
    assert tags["og:image"].startswith("http://testserver/media/images/")


def test_search_engine_title_is_used_when_no_preview_title_is_set(
    client, shared_site_pages
):
    page = fresh(shared_site_pages["en"]["goal"])
    page.seo_title = "Accountability for the Mach killings"
    page.save_revision().publish()

    tags = meta(client.get(page.url).content.decode())

    assert tags["og:title"] == "Accountability for the Mach killings"
