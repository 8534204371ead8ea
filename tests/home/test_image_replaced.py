"""An editor who replaces a picture's file in the admin sees the new picture
on the pages that show it at the next visit: the processes keep the home
page's cards with their pictures (home.process_cache), and Wagtail deletes
the old picture's files and renditions when its file is replaced."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage

from tests.page_fixtures import fresh, image_create

pytestmark = pytest.mark.django_db

CARD_IMAGE = re.compile(r'<img[^>]+class="card__image"[^>]*>')


def card_picture(html: str) -> str:
    """The address of the first card's picture on the page."""
    return re.search(r'src="([^"]+)"', CARD_IMAGE.search(html).group(0)).group(1)


def picture_file(colour) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (64, 36), colour).save(buffer, "PNG")
    return SimpleUploadedFile("replaced.png", buffer.getvalue(), "image/png")


def test_a_card_picture_replaced_in_the_admin_shows_at_the_next_visit(
    client, admin_client, shared_site_pages
):
    goal = fresh(shared_site_pages["en"]["goal"])
    image = image_create(title="Vigil")
    goal.share_image = image
    goal.save_revision().publish()
    before = card_picture(client.get("/en/").text)

    response = admin_client.post(
        f"/admin/images/{image.pk}/",
        {"title": "Vigil", "file": picture_file((20, 90, 160))},
    )
    assert response.status_code == 302
    after = card_picture(client.get("/en/").text)

    # Wagtail deletes the old rendition's row (and its file once the change
    # commits); the page links to the new one, made from the new file.
    assert after != before
    assert (Path(settings.MEDIA_ROOT) / after.removeprefix(settings.MEDIA_URL)).exists()
