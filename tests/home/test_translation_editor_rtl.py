import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.home.translation_steps import (
    add_campaign,
    locale,
    make_user,
    submit_translation,
)

pytestmark = pytest.mark.django_db


def direction_of(element) -> tuple[str | None, str | None]:
    """The (dir, lang) an element inherits from its nearest marked ancestor,
    the way a browser resolves them, stopping below the admin's own <html>."""
    direction = lang = None
    for node in [element, *element.parents]:
        if node.name == "html":
            break
        direction = direction or node.get("dir")
        lang = lang or node.get("lang")
    return direction, lang


def edit_view(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.id]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_user("admin", superuser=True))
    return client


@pytest.mark.parametrize("code", ["ur", "haz"])
def test_edit_view_of_urdu_or_hazaragi_page_marks_text_inputs_right_to_left(
    admin_client, home_page, code
):
    page = home_page.get_translation(locale(code))

    html = edit_view(admin_client, page)

    title = html.find("input", attrs={"name": "title"})
    intro = html.find("input", attrs={"name": "intro"})  # Draftail's data input
    seo_title = html.find("input", attrs={"name": "seo_title"})
    assert direction_of(title) == ("rtl", code)
    assert direction_of(intro) == ("rtl", code)
    assert direction_of(seo_title) == ("rtl", code)


def test_slug_stays_left_to_right_in_an_urdu_page(admin_client, home_page):
    html = edit_view(admin_client, home_page.get_translation(locale("ur")))

    slug = html.find("input", attrs={"name": "slug"})

    assert direction_of(slug) == (None, None)


def test_english_page_text_is_marked_left_to_right_english(admin_client, home_page):
    html = edit_view(admin_client, home_page)

    assert direction_of(html.find("input", attrs={"name": "title"})) == ("ltr", "en")


def test_urdu_text_stays_right_to_left_when_the_admin_is_in_urdu(
    admin_client, home_page
):
    user = admin_client.get(reverse("wagtailadmin_home")).wsgi_request.user
    UserProfile.objects.update_or_create(
        user=user, defaults={"preferred_language": "ur"}
    )

    english = edit_view(admin_client, home_page)
    urdu = edit_view(admin_client, home_page.get_translation(locale("ur")))

    assert english.find("html")["dir"] == "rtl"
    assert direction_of(english.find("input", attrs={"name": "title"})) == ("ltr", "en")
    assert direction_of(urdu.find("input", attrs={"name": "title"})) == ("rtl", "ur")


def test_new_page_in_the_hazaragi_tree_is_marked_right_to_left(admin_client, home_page):
    parent = home_page.get_translation(locale("haz"))

    response = admin_client.get(
        reverse("wagtailadmin_pages:add", args=["campaigns", "campaignpage", parent.id])
    )

    html = BeautifulSoup(response.content, "html.parser")
    assert direction_of(html.find("input", attrs={"name": "title"})) == ("rtl", "haz")


def test_translation_editor_marks_the_hazaragi_side_right_to_left(
    client, home_page, django_capture_on_commit_callbacks
):
    campaign = add_campaign(home_page)
    client.force_login(make_user("nargis", "Hazaragi translators"))
    with django_capture_on_commit_callbacks(execute=True):
        submit_translation(client, campaign, "haz")

    html = edit_view(client, campaign.get_translation(locale("haz")))

    target = html.select_one(".w-translation-target")
    assert (target["data-target-lang"], target["data-target-dir"]) == ("haz", "rtl")
    assert target.select_one(".js-translation-editor[data-props]") is not None
    # The stylesheet and script that act on the mark are on the page.
    assert html.find("link", href="/static/home/admin/content-language.css")
    assert html.find("script", src="/static/home/admin/content-language.js")


def test_admin_stylesheet_sets_the_sites_fonts_for_content(client):
    css = b"".join(
        client.get("/static/home/admin/content-language.css").streaming_content
    )
    css = css.decode()

    assert '.w-content-language[dir="rtl"]' in css
    assert '"Noto Nastaliq Urdu"' in css and '"Vazirmatn"' in css
    for font in (
        "noto-nastaliq-urdu-arabic-400-normal.woff2",
        "vazirmatn-arabic-400-normal.woff2",
        "vazirmatn-arabic-700-normal.woff2",
    ):
        assert f"../fonts/{font}" in css
        assert client.get(f"/static/home/fonts/{font}").status_code == 200
