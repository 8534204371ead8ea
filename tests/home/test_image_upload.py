"""A broken picture uploaded in the admin gets a form error, never a 500."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

BROKEN_IMAGES = {
    "truncated GIF": ("broken.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00"),
    "GIF header only": ("header.gif", b"GIF89a"),
    "text named GIF": ("text.gif", b"not a picture at all"),
}


@pytest.mark.parametrize("name", BROKEN_IMAGES)
def test_a_broken_image_gets_a_form_error(
    admin_client, home_page, settings, tmp_path, name
):
    settings.MEDIA_ROOT = tmp_path
    filename, data = BROKEN_IMAGES[name]

    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Broken", "file": SimpleUploadedFile(filename, data, "image/gif")},
    )

    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not get_image_model().objects.exists()


def test_a_good_image_still_uploads(admin_client, home_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PillowImage.new("RGB", (8, 8), (138, 28, 28)).save(buffer, "GIF")

    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "Good",
            "file": SimpleUploadedFile("good.gif", buffer.getvalue(), "image/gif"),
        },
    )

    assert response.status_code == 302
    assert get_image_model().objects.get().title == "Good"
