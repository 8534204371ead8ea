import re

import pytest

from home.models import SiteSettings
from tests.page_fixtures import fresh, image_create

pytestmark = pytest.mark.django_db


def menu_html(html):
    start = html.index('class="site-nav"')
    return html[start : html.index("</nav>", start)]


def footer_html(html):
    return html[html.index('<footer class="site-footer">') :]


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("en", "Drive to Thrive"),
        ("ur", "اردو Drive to Thrive"),
        ("haz", "هزارگی Drive to Thrive"),
    ],
)
def test_header_and_title_carry_the_organisations_name_in_the_language(
    client, shared_site_pages, code, name
):
    html = client.get(f"/{code}/").content.decode()

    assert f'<a class="site-name" href="/{code}/">{name}</a>' in html
    assert re.search(rf"<title>[^<]* · {name}</title>", html)


def test_header_shows_the_organisations_logo_named_once(client, shared_site_pages):
    organisation = SiteSettings.load().organisation
    organisation.logo = image_create(title="Logo", size=(96, 96))
    organisation.save()
    urdu = organisation.get_translation(shared_site_pages["ur"]["home"].locale)
    urdu.logo = organisation.logo
    urdu.save()

    html = client.get("/ur/").content.decode()

    header = html[html.index('<a class="site-name"') :]
    header = header[: header.index("</a>")]
    image = re.search(r"<img [^>]*>", header).group(0)
    assert 'alt="اردو Drive to Thrive"' in image
    assert 'class="site-name__logo"' in image
    assert '<span aria-hidden="true">اردو Drive to Thrive</span>' in header


def test_menu_links_to_the_pages_in_the_visitors_language(client, shared_site_pages):
    ur = shared_site_pages["ur"]

    menu = menu_html(client.get("/ur/").content.decode())

    assert re.findall(r'<a href="([^"]+)"', menu) == [
        "/ur/after-mach/",
        "/ur/stand-up/",
        "/ur/donate/",
        "/ur/search/",
    ]
    assert ur["appeal"].title in menu


def test_menu_item_without_a_translation_links_to_the_original(
    client, shared_site_pages
):
    fresh(shared_site_pages["haz"]["campaign"]).unpublish()

    menu = menu_html(client.get("/haz/").content.decode())

    assert '<a href="/en/stand-up/" hreflang="en">Stand up for Quetta' in menu, menu
    assert "(English)" in menu


def test_menu_item_whose_page_is_live_nowhere_is_left_out(client, shared_site_pages):
    for code in ("en", "ur", "haz"):
        fresh(shared_site_pages[code]["campaign"]).unpublish()

    menu = menu_html(client.get("/ur/").content.decode())

    assert "stand-up" not in menu
    assert "/ur/after-mach/" in menu


def test_menu_page_shown_is_marked_as_current(client, shared_site_pages):
    menu = menu_html(client.get("/ur/after-mach/").content.decode())

    assert '<a href="/ur/after-mach/" aria-current="page">' in menu


def test_footer_gives_contact_details_text_and_links(client, shared_site_pages):
    footer = footer_html(client.get("/ur/").content.decode())

    assert "18566 Office Park<br>Montgomery Village, MD 20886" in footer
    assert '<address dir="auto">' in footer
    assert 'href="tel:+1240-786-1947"' in footer
    assert 'href="mailto:info@example.org"' in footer
    assert '<a href="https://x.example/d2t" rel="me">X</a>' in footer
    assert "Standing with the Hazara." in footer
    assert 'href="/ur/stand-up/report/"' in footer
    assert 'id="contact"' in footer


def test_site_without_settings_shows_its_default_name_and_footer(
    client, shared_site_pages
):
    SiteSettings.objects.all().delete()

    html = client.get("/ur/").content.decode()

    assert '<a class="site-name" href="/ur/">ہزارہ حقوق</a>' in html
    assert "پاکستان کے شیعہ ہزارہ کے ساتھ کھڑے ہیں۔" in footer_html(html)


def test_a_campaign_and_the_pages_under_it_speak_as_the_organisation_running_it(
    client, shared_site_pages
):
    en = shared_site_pages["en"]
    for key in ("campaign", "goal", "petition"):
        html = client.get(en[key].url).content.decode()

        assert '<a class="site-name" href="/en/">Minority Support Pakistan</a>' in (
            html
        ), key
        assert re.search(r"<title>[^<]* · Minority Support Pakistan</title>", html)
    petition = client.get(en["petition"].url).content.decode()
    privacy = re.search(r'<p class="site-form__privacy">(.*?)</p>', petition).group(1)
    assert privacy.startswith("Minority Support Pakistan runs this petition. We ")
    campaign = client.get(en["campaign"].url).content.decode()
    assert "A campaign of Minority Support Pakistan" in campaign


def test_pages_outside_a_campaign_speak_as_the_sites_organisation(
    client, shared_site_pages
):
    html = client.get(shared_site_pages["en"]["appeal"].url).content.decode()

    assert '<a class="site-name" href="/en/">Drive to Thrive</a>' in html
