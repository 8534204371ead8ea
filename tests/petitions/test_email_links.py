"""Links in emails act only when the person presses the page's button: mail
scanners that open every link confirm and unsubscribe nothing."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client

from petitions.models import Signature
from supporters.models import Supporter

from .conftest import confirm_links, sign
from .test_supporters import SUPPORTER_LINK, UNSUBSCRIBE_LINK, join

pytestmark = pytest.mark.django_db


def signature_link(petition_pages):
    sign(Client(), petition_pages["ur"], "ur", notify="on")
    return confirm_links()[-1]


def supporter_link(petition_pages):
    join(Client(), "ur")
    return SUPPORTER_LINK.search(mail.outbox[-1].body).group(0)


def unsubscribe_link(petition_pages):
    join(Client(), "ur")
    return UNSUBSCRIBE_LINK.search(mail.outbox[-1].body).group(0)


LINKS = {
    "signature confirmation": (
        signature_link,
        lambda: Signature.objects.filter(state="confirmed").count(),
        "میرے دستخط کی تصدیق کریں",
    ),
    "sign-up confirmation": (
        supporter_link,
        lambda: Supporter.objects.filter(state="subscribed").count(),
        "میرے پتے کی تصدیق کریں",
    ),
    "unsubscribe": (
        unsubscribe_link,
        lambda: Supporter.objects.filter(state="unsubscribed").count(),
        "رکنیت ختم کریں",
    ),
}


@pytest.mark.parametrize("kind", LINKS)
def test_opening_a_link_acts_on_nothing_until_its_button_is_pressed(
    client, petition_pages, kind
):
    make_link, acted, button_label = LINKS[kind]
    link = make_link(petition_pages)

    # What a mail scanner, a link preview or the person's first click does.
    opened = [client.get(link), client.head(link)]

    assert acted() == 0
    page = opened[0]
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert '<html lang="ur" dir="rtl"' in html
    [form] = BeautifulSoup(html, "html.parser").select("main form")
    assert form["method"] == "post"
    assert not form.get("action")
    assert form.select_one("button[type=submit]").get_text() == button_label
    assert "<script" not in str(form)

    # The button, as the browser sends it.
    pressed = client.post(link, HTTP_SEC_FETCH_SITE="same-origin")

    assert pressed.status_code in (200, 302)
    assert acted() == 1


@pytest.mark.parametrize("kind", LINKS)
def test_a_link_pressed_from_another_site_acts_on_nothing(client, petition_pages, kind):
    make_link, acted, _button_label = LINKS[kind]
    link = make_link(petition_pages)

    response = client.post(link, HTTP_SEC_FETCH_SITE="cross-site")

    assert response.status_code == 403
    assert '<html lang="ur"' in response.content.decode()
    assert acted() == 0


def test_a_mail_programs_one_click_unsubscribe_still_works(client, petition_pages):
    link = unsubscribe_link(petition_pages)

    # RFC 8058: sent by the mail provider's server, no cookie, no origin.
    response = Client(enforce_csrf_checks=True).post(
        link,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert Supporter.objects.get().state == "unsubscribed"
