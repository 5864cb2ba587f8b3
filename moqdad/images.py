"""The one path every uploaded image takes: verify, bound, strip, resize, re-encode.

Following pretalx's intake: the type is decided by the content (Pillow), not the name; the
pixel count is read from the header before any decoding, so a decompression bomb is a form
error and never a memory spike; EXIF orientation is applied and the pixels are copied into a
fresh image, which drops every piece of metadata (GPS included); the file name is made by the
server.
"""

import io
import uuid
import warnings

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_EDGE = 1600


class ImageRejected(forms.ValidationError):
    pass


def _open_checked(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ImageRejected(_("This image has too many pixels."), code="pixels") from exc
        except Exception as exc:
            raise ImageRejected(
                _("This file is not an image. Upload a JPEG, PNG or WebP photo."), code="type"
            ) from exc
    if image.format not in ALLOWED_FORMATS:
        raise ImageRejected(_("Only JPEG, PNG and WebP images are accepted."), code="type")
    width, height = image.size
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise ImageRejected(_("This image has too many pixels."), code="pixels")
    return image


def clean_image(uploaded) -> SimpleUploadedFile:
    """Return a safe re-encoded copy of `uploaded`, or raise a Persian ValidationError."""
    if uploaded.size is not None and uploaded.size > settings.IMAGE_MAX_BYTES:
        megabytes = settings.IMAGE_MAX_BYTES // (1024 * 1024)
        raise ImageRejected(
            _("The image is larger than %(mb)s MB.") % {"mb": megabytes}, code="size"
        )
    uploaded.seek(0)
    data = uploaded.read(settings.IMAGE_MAX_BYTES + 1)
    if len(data) > settings.IMAGE_MAX_BYTES:
        megabytes = settings.IMAGE_MAX_BYTES // (1024 * 1024)
        raise ImageRejected(
            _("The image is larger than %(mb)s MB.") % {"mb": megabytes}, code="size"
        )
    probe = _open_checked(data)
    try:
        probe.verify()
    except Exception as exc:
        raise ImageRejected(_("The image file is damaged."), code="damaged") from exc
    source = _open_checked(data)
    fmt = source.format
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            source.load()
            oriented = ImageOps.exif_transpose(source)
    except Exception as exc:
        raise ImageRejected(_("The image file is damaged."), code="damaged") from exc
    keep_alpha = fmt in ("PNG", "WEBP") and oriented.mode in ("RGBA", "LA", "P")
    mode = "RGBA" if keep_alpha else "RGB"
    clean = Image.new(mode, oriented.size)
    clean.paste(oriented.convert(mode))
    clean.thumbnail((MAX_EDGE, MAX_EDGE))
    out = io.BytesIO()
    if fmt == "JPEG":
        clean.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    elif fmt == "PNG":
        clean.save(out, "PNG", optimize=True)
    else:
        clean.save(out, "WEBP", quality=85)
    extension = ALLOWED_FORMATS[fmt]
    content_type = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}[extension]
    return SimpleUploadedFile(f"{uuid.uuid4().hex}.{extension}", out.getvalue(), content_type)


class SafeImageFormField(forms.FileField):
    default_error_messages = {
        "invalid_image": _("This file is not an image. Upload a JPEG, PNG or WebP photo."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.pop("max_length", None)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp")

    def to_python(self, data):
        uploaded = super().to_python(data)
        if uploaded is None:
            return None
        return clean_image(uploaded)


class SafeImageField(models.ImageField):
    """An ImageField whose form field runs `clean_image`."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafeImageFormField, **kwargs})
