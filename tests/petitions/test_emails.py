import pytest

from petitions.models import Signature
from tests.petitions.shared_pages import petition_pages_shared  # noqa: F401

from .conftest import LINK, shown_count, sign

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "subject_words", "body_words"),
    [
        ("ur", "اپنے دستخط کی تصدیق کریں", "تصدیق کے لیے یہ لنک کھولیں"),
        ("haz", "امضای خو ره تایید کنید", "بلدے تایید ای لینک ره واز کنید"),
        ("en", "Confirm your signature", "Open this link to confirm"),
    ],
)
def test_confirmation_email_is_in_signers_language_with_a_working_link(
    client, petition_pages, smtp_server, language, subject_words, body_words
):
    page = petition_pages[language]
    sign(client, page, language, name="زہرا", email="zahra@example.com")

    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "zahra@example.com"
    assert subject_words in message["Subject"]
    assert page.title in message["Subject"]
    assert message["Content-Language"] == language
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert body_words in text and "زہرا" in text
    assert f'<html lang="{language}"' in html
    link = LINK.search(text).group(0)
    assert link in html
    assert f"/{language}/petitions/confirm/" in link

    response = client.post(link)

    assert response.status_code == 302
    assert Signature.objects.get().state == "confirmed"
    assert shown_count(client, page.url) in ("1", "۱")


def test_already_signed_email_goes_through_smtp_in_signers_language(
    client, petition_pages, smtp_server
):
    sign(client, petition_pages["haz"], "haz")
    client.post(
        LINK.search(smtp_server.messages[0].get_body(("plain",)).get_content()).group(0)
    )

    sign(client, petition_pages["haz"], "haz", email="ALI@example.com")

    assert len(smtp_server.messages) == 2
    reminder = smtp_server.messages[1]
    assert "پیش ازی امضا کدید" in reminder["Subject"]
    assert "/petitions/confirm/" not in reminder.get_body(("plain",)).get_content()
