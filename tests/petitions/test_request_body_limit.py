"""Public forms refuse files and oversized bodies with a translated 413."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from petitions.models import Signature
from tests.petitions.conftest import sign_data

pytestmark = pytest.mark.django_db


def test_a_multipart_body_with_a_file_is_refused(client, petition_pages):
    path = f"/ur/petitions/{petition_pages['ur'].pk}/sign/"
    big = SimpleUploadedFile("big.bin", b"x" * (20 * 1024 * 1024))

    response = client.post(path, {**sign_data(), "attachment": big})

    assert response.status_code == 413
    html = response.content.decode()
    assert '<html lang="ur" dir="rtl"' in html
    assert "بھیجنے کے لیے بہت زیادہ" in html
    assert not Signature.objects.exists()


def test_a_small_file_part_is_refused_too(client, petition_pages):
    path = f"/en/petitions/{petition_pages['en'].pk}/sign/"
    small = SimpleUploadedFile("small.txt", b"hello")

    response = client.post(path, {**sign_data(), "attachment": small})

    assert response.status_code == 413
    assert not Signature.objects.exists()


def test_an_oversized_text_body_is_refused(client, petition_pages, settings):
    path = f"/haz/petitions/{petition_pages['haz'].pk}/sign/"

    response = client.post(
        path,
        {**sign_data(), "city": "x" * (settings.PUBLIC_FORM_MAX_BODY_BYTES + 1)},
    )

    assert response.status_code == 413
    assert '<html lang="haz" dir="rtl"' in response.content.decode()
    assert not Signature.objects.exists()


def test_the_admin_still_takes_uploads(admin_client, home_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("notes.txt", b"x" * (200 * 1024), "text/plain")

    response = admin_client.post("/admin/documents/multiple/add/", {"files[]": upload})

    assert response.status_code == 200
