"""The admin and its APIs live outside the language trees: no admin address is
ever sent to /en/, /ur/ or /haz/, whatever it answers."""

import pytest

from tests.home.translation_steps import add_campaign, make_user
from tests.page_fixtures import document_create, image_create, page_translate

pytestmark = pytest.mark.django_db

LANGUAGE_PREFIXES = ("/en/", "/ur/", "/haz/")


@pytest.fixture
def translator_client(client, home_page):
    client.force_login(make_user("nargis", "Urdu translators"))
    return client


def admin_paths(english, urdu, image, document):
    missing = 999999
    return [
        # The pages API behind page choosers and the translation editor.
        f"/admin/api/main/pages/{urdu.id}/",
        f"/admin/api/main/pages/{english.id}/",
        f"/admin/api/main/pages/{missing}/",
        f"/admin/api/main/pages/?child_of={urdu.get_parent().id}",
        f"/admin/api/main/nothing-here/{missing}/",
        # Documents, images and snippets, present and missing.
        f"/admin/documents/edit/{document.id}/",
        f"/admin/documents/chooser/{document.id}/",
        f"/admin/documents/chooser/{missing}/",
        f"/documents/{missing}/missing.pdf",
        f"/admin/images/{image.id}/",
        f"/admin/images/chooser/{image.id}/",
        f"/admin/images/chooser/{missing}/",
        f"/admin/snippets/home/footer/edit/{missing}/",
        "/admin/snippets/home/footer/",
        # wagtail-localize's views and its JSON endpoints.
        f"/admin/localize/translate/{missing}/",
        "/admin/localize/api/snippets/home/footer/",
        "/admin/localize/api/snippets/home/nothing/",
        # The admin's own JSON endpoints and pages, and a path it does not have.
        f"/admin/choose-page/{urdu.get_parent().id}/?format=json",
        "/admin/choose-page/search/?q=hazara&format=json",
        f"/admin/pages/{urdu.id}/edit/",
        f"/admin/pages/{missing}/edit/",
        "/admin/nothing-here/",
        "/admin/api/main/nothing-here/",
    ]


def test_no_admin_address_is_sent_to_a_language_prefix(translator_client, home_page):
    english = add_campaign(home_page)
    urdu = page_translate(english, "ur")
    paths = admin_paths(english, urdu, image_create(), document_create())

    redirected = {}
    for path in paths:
        response = translator_client.get(path, HTTP_ACCEPT_LANGUAGE="ur")
        location = response.get("Location", "")
        if location.startswith(LANGUAGE_PREFIXES):
            redirected[path] = location

    assert redirected == {}


def test_the_pages_api_answers_the_translator_with_json(translator_client, home_page):
    english = add_campaign(home_page)
    urdu = page_translate(english, "ur")

    found = translator_client.get(f"/admin/api/main/pages/{urdu.id}/")
    missing = translator_client.get("/admin/api/main/pages/999999/")

    assert found.status_code == 200
    assert found.json()["title"] == urdu.title
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/json"


def test_visitors_are_still_sent_to_their_language(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ur")
    missing_prefix = client.get("/search/", HTTP_ACCEPT_LANGUAGE="ur")

    assert response["Location"] == "/ur/"
    assert missing_prefix["Location"] == "/ur/search/"
