"""The admin's image form, with a form error for pictures Pillow cannot read.

Workaround of Wagtail 8.0 (wagtail.images.fields.WagtailImageField): Willow
recognises a GIF by its first bytes, and the pixel-size check that follows
reads the rest outside the field's own error handling, so a broken GIF made
the upload answer 500. tests/home/test_image_upload.py fails if an upgrade
changes this."""

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from PIL import UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class ReadableImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except (UnidentifiedImageError, OSError, SyntaxError) as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class ImageForm(BaseImageForm):
    file = ReadableImageField(
        label=capfirst(get_image_model()._meta.get_field("file").verbose_name)
    )
