from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from petitions.models import Signature
from tests.petitions.shared_pages import petition_pages_shared  # noqa: F401

from .conftest import confirm_links, shown_count, sign

pytestmark = pytest.mark.django_db


def test_confirmation_link_clicked_twice_counts_once(client, petition_pages):
    page = petition_pages["ur"]
    sign(client, page, "ur")
    link = confirm_links()[0]

    first = client.post(link)
    second = client.post(link)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == f"/ur/petitions/{page.pk}/confirmed/"
    assert Signature.objects.get().state == "confirmed"
    assert shown_count(client, page.url) == "1"
    confirmed = client.get(first["Location"]).content.decode()
    assert "آپ کے دستخط کی تصدیق ہو گئی" in confirmed


def test_expired_link_gets_a_clear_page_and_counts_nothing(
    client, petition_pages, settings, monkeypatch
):
    sign(client, petition_pages["en"], "en")
    link = confirm_links()[0]
    later = timezone.now() + timedelta(
        seconds=settings.PETITIONS_CONFIRM_LINK_MAX_AGE + 60
    )
    monkeypatch.setattr("time.time", lambda: later.timestamp())

    response = client.post(link)

    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    assert Signature.objects.get().state == "pending"


def test_expired_link_page_is_in_the_links_language(client, petition_pages, settings):
    settings.PETITIONS_CONFIRM_LINK_MAX_AGE = -1
    sign(client, petition_pages["haz"], "haz")

    response = client.post(confirm_links()[0])

    assert confirm_links()[0].split("/")[3] == "haz"
    assert "ای لینک کهنه شده" in response.content.decode()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "999" + token[token.index(":") :],
        lambda token: token.split(":")[0],
    ],
)
def test_tampered_link_gets_a_clear_page_and_counts_nothing(
    client, petition_pages, tamper
):
    sign(client, petition_pages["en"], "en")
    link = confirm_links()[0]
    token = link.rstrip("/").rsplit("/", 1)[1]

    response = client.post(link.replace(token, tamper(token)))

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert Signature.objects.get().state == "pending"


def test_link_for_a_closed_petition_confirms_nothing(client, petition_pages):
    english = petition_pages["en"]
    sign(client, petition_pages["ur"], "ur")
    english.closed = True
    english.save_revision().publish()

    response = client.post(confirm_links()[0])

    assert response.status_code == 200
    assert "یہ درخواست بند ہو چکی ہے" in response.content.decode()
    assert Signature.objects.get().state == "pending"
    assert shown_count(client, english.url) == "0"


def test_link_after_the_deadline_confirms_nothing(client, petition_pages):
    english = petition_pages["en"]
    sign(client, english, "en")
    english.deadline = timezone.now() - timedelta(minutes=1)
    english.save_revision().publish()

    client.post(confirm_links()[0])

    assert Signature.objects.get().state == "pending"


def test_closed_petition_shows_final_count_and_no_form(client, petition_pages):
    english = petition_pages["en"]
    sign(client, english, "en")
    client.post(confirm_links()[0])
    english.closed = True
    english.save_revision().publish()

    for code in ("en", "ur", "haz"):
        html = client.get(petition_pages[code].url).content.decode()
        assert 'action="/' not in html
    html = client.get(english.url).content.decode()
    assert "It gathered 1 signature." in html

    response = sign(client, english, "en", email="late@example.com")
    assert response.status_code == 302
    assert response["Location"] == english.url
    assert Signature.objects.count() == 1
    assert len(mail.outbox) == 1
