import polib
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.home.translation_steps import (
    add_campaign,
    locale,
    make_user,
    publish_translation,
    submit_translation,
    translation_of,
)

pytestmark = pytest.mark.django_db

TRANSLATED = {
    "ur": {
        "title": "ہزارہ کے ساتھ کھڑے ہوں",
        "intro": "مچھ کے خاندانوں کے لیے انصاف۔",
    },
    "haz": {
        "title": "قد هزاره‌ها ایستاده شوید",
        "intro": "عدالت بلدے خانواده‌های مَچ.",
    },
}


@pytest.fixture
def translator(client, db):
    client.force_login(make_user("nargis", "Translators"))
    return client


def started_translation(client, campaign, code, capture):
    with capture(execute=True):
        submit_translation(client, campaign, code)
    return translation_of(campaign, code)


def download(client, translation) -> polib.POFile:
    response = client.get(
        reverse("wagtail_localize:download_pofile", args=[translation.id])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(
        f"-{translation.target_locale.language_code}.po"
    )
    return polib.pofile(response.content.decode())


def upload(client, translation, content: bytes, next_url: str = "/admin/"):
    return client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]),
        {"file": SimpleUploadedFile("translation.po", content), "next": next_url},
    )


def last_message(response) -> str:
    return [str(message) for message in get_messages(response.wsgi_request)][-1].strip()


@pytest.mark.parametrize("code", ["ur", "haz"])
def test_po_download_edit_upload_changes_the_translated_page(
    translator, home_page, code, django_capture_on_commit_callbacks
):
    campaign = add_campaign(home_page)
    translation = started_translation(
        translator, campaign, code, django_capture_on_commit_callbacks
    )

    po = download(translator, translation)
    assert {entry.msgctxt: entry.msgid for entry in po} == {
        "title": "Stand with the Hazara",
        "intro": "Justice for the families of Mach.",
    }
    for entry in po:
        entry.msgstr = TRANSLATED[code][entry.msgctxt]
    response = upload(translator, translation, str(po).encode())
    assert last_message(response) == (
        "Successfully imported translations from PO File."
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish_translation(translator, campaign.get_translation(locale(code)))

    html = translator.get(f"/{code}/stand-with-hazara/").content.decode()
    assert f"<h1>{TRANSLATED[code]['title']}</h1>" in html
    assert TRANSLATED[code]["intro"] in html
    assert "Justice for the families" not in html
    # Downloading again gives the translations back for further work offline.
    again = download(translator, translation)
    assert {entry.msgctxt: entry.msgstr for entry in again} == TRANSLATED[code]


def test_po_file_of_the_urdu_translation_is_refused_for_hazaragi(
    translator, home_page, django_capture_on_commit_callbacks
):
    campaign = add_campaign(home_page)
    urdu = started_translation(
        translator, campaign, "ur", django_capture_on_commit_callbacks
    )
    hazaragi = started_translation(
        translator, campaign, "haz", django_capture_on_commit_callbacks
    )
    po = download(translator, urdu)
    for entry in po:
        entry.msgstr = TRANSLATED["ur"][entry.msgctxt]

    response = upload(translator, hazaragi, str(po).encode())

    assert last_message(response) == (
        "Cannot import PO file that was created for a different translation."
    )
    assert {entry.msgstr for entry in download(translator, hazaragi)} == {""}


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00binary",
        b'msgid "Stand with the Hazara"\nmsgstr "x"\n',
        b"",
    ],
    ids=["not-text", "po-from-elsewhere", "empty"],
)
def test_upload_of_a_foreign_file_gives_a_clear_error(
    translator, home_page, content, django_capture_on_commit_callbacks
):
    campaign = add_campaign(home_page)
    translation = started_translation(
        translator, campaign, "haz", django_capture_on_commit_callbacks
    )

    response = upload(translator, translation, content, next_url="/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert last_message(response) == (
        "This is not a PO file downloaded from this site. Download the PO file of "
        "this translation, translate it, and upload that file."
    )


def test_upload_without_a_file_gives_a_clear_error(
    translator, home_page, django_capture_on_commit_callbacks
):
    campaign = add_campaign(home_page)
    translation = started_translation(
        translator, campaign, "haz", django_capture_on_commit_callbacks
    )

    response = translator.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]), {}
    )

    assert response.status_code == 302
    assert last_message(response) == "Choose a PO file to upload."


def test_translator_of_another_language_cannot_upload(
    client, home_page, django_capture_on_commit_callbacks
):
    campaign = add_campaign(home_page)
    client.force_login(make_user("nargis", "Translators"))
    translation = started_translation(
        client, campaign, "haz", django_capture_on_commit_callbacks
    )
    po = download(client, translation)
    for entry in po:
        entry.msgstr = TRANSLATED["haz"][entry.msgctxt]
    client.force_login(make_user("bilal", "Urdu translators"))

    response = upload(client, translation, str(po).encode())

    assert response.status_code in (302, 403)
    assert last_message(response) != "Successfully imported translations from PO File."
    assert {entry.msgstr for entry in translation.export_po()} == {""}
    assert client.get(
        reverse("wagtail_localize:download_pofile", args=[translation.id])
    ).status_code in (302, 403)
