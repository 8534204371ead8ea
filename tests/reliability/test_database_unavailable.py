"""While the database cannot be reached, visitors get a translated "try again
shortly" page (503 with Retry-After), never a traceback, and nothing is
acknowledged that was not stored."""

import pytest
from django.core import mail

from petitions.models import Signature
from tests.petitions.conftest import confirm_links, sign, sign_data

from .conftest import database_unreachable

pytestmark = pytest.mark.django_db(transaction=True)

TRY_AGAIN = {
    "en": "Please try again shortly",
    "ur": "براہ کرم تھوڑی دیر بعد دوبارہ کوشش کریں",
    "haz": "لطفاً کمی بعد دوباره کوشش کنید",
}


def assert_try_again_page(response, language):
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"]
    assert f'<html lang="{language}"' in html
    assert TRY_AGAIN[language] in html
    assert "Traceback" not in html and "OperationalError" not in html


@pytest.mark.parametrize("language", ["en", "ur", "haz"])
def test_pages_say_try_again_shortly_in_the_visitors_language(
    client, petition_pages, petition, language
):
    page = petition_pages[language]
    paths = [
        page.url,
        f"/{language}/",
        f"/{language}/search/?q=hazara",
        f"/{language}/petitions/{page.pk}/thanks/",
        f"/{language}/petitions/{petition.pk}/count.json",
    ]
    with database_unreachable():
        responses = [client.get(path) for path in paths]

    for response in responses:
        assert_try_again_page(response, language)
    assert client.get(page.url).status_code == 200


def test_a_signature_sent_while_the_database_is_down_is_not_acknowledged(
    client, petition_pages
):
    with database_unreachable():
        response = sign(client, petition_pages["ur"], "ur")

    assert_try_again_page(response, "ur")
    assert "Location" not in response
    assert Signature.objects.count() == 0
    assert mail.outbox == []

    # Signing again once it is back works as usual.
    response = sign(client, petition_pages["ur"], "ur")
    assert response.status_code == 302
    assert Signature.objects.count() == 1


def test_a_confirmation_link_opened_while_the_database_is_down_works_later(
    client, petition_pages, petition
):
    sign(client, petition_pages["haz"], "haz")
    link = confirm_links()[0]

    with database_unreachable():
        response = client.post(link)

    assert_try_again_page(response, "haz")
    assert Signature.objects.get().state == "pending"
    assert client.post(link).status_code == 302
    assert Signature.objects.get().state == "confirmed"


def test_the_admin_login_says_so_in_the_admins_words(client, home_page):
    with database_unreachable():
        response = client.post(
            "/admin/login/",
            {"username": "editor", "password": "secret"},
            HTTP_ACCEPT_LANGUAGE="ur",
        )

    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"]
    assert '<html lang="ur"' in html
    # The admin's page, not the visitors' one about signed forms.
    assert "ڈیٹا بیس نے جواب نہیں دیا" in html
    assert TRY_AGAIN["ur"] not in html
    assert "Traceback" not in html and "OperationalError" not in html


def test_sign_data_is_a_complete_form():
    # Guards the helper the tests above rely on to send a valid signature.
    assert set(sign_data()) == {"name", "email", "city", "country"}
