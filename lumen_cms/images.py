"""Image uploads: a decompression bomb is a form error, not a 500.

Wagtail checks `WAGTAILIMAGES_MAX_IMAGE_PIXELS` by reading the image's size, but
Pillow refuses to even open an image of more than twice its own pixel limit
(`DecompressionBombError`, ~179 Mpx), which escaped as a 500. Used through
`WAGTAILIMAGES_IMAGE_FORM_BASE`, so the add, multiple-upload and chooser views share it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from PIL import Image


class BoundedImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ValidationError(
                "This image has too many pixels. The limit is %(max)s pixels.",
                code="file_too_many_pixels",
                params={"max": f"{self.max_image_pixels:,}"},
            ) from exc


class LumenImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            # Wagtail builds this field (and reads its limits) per form; keep it,
            # with the bomb-safe pixel check.
            field.__class__ = BoundedImageField
