"""The one path every uploaded image takes: verify, bound, strip, resize, re-encode.

Following pretalx's intake: the type is decided by the content (Pillow), not the name; the
pixel count is read from the header before any decoding, so a decompression bomb is a form
error and never a memory spike; EXIF orientation is applied and the pixels are copied into a
fresh image, which drops every piece of metadata (GPS included); the file name is made by the
server and carries the pixel size (`<uuid>_<width>x<height>.<ext>`), so templates can set
`width`/`height` on every `<img>` without opening the file. Saving the model field makes WebP
variants 400 and 1200 pixels wide next to the original (`<stem>.w400.webp`); `image_variant`
and the `images` template library find them by name.
"""

import io
import re
import uuid
import warnings
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from moqdad.persian import display_digits

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_EDGE = 1600
# Widths of the variants: a list thumbnail and a page-wide picture.
VARIANT_WIDTHS = (400, 1200)
_SIZED_NAME = re.compile(r"_(\d{1,5})x(\d{1,5})\.(?:jpg|png|webp)$")


class ImageRejected(forms.ValidationError):
    pass


def _open_checked(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            # Only the three plugins are tried: no other parser (EPS would start Ghostscript;
            # TIFF has its own long list of parser bugs) ever sees an upload.
            image = Image.open(io.BytesIO(data), formats=list(ALLOWED_FORMATS))
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


def _too_large() -> ImageRejected:
    megabytes = display_digits(settings.IMAGE_MAX_BYTES // (1024 * 1024))
    return ImageRejected(_("The image is larger than %(mb)s MB.") % {"mb": megabytes}, code="size")


def clean_image(uploaded) -> SimpleUploadedFile:
    """Return a safe re-encoded copy of `uploaded`, or raise a Persian ValidationError."""
    if uploaded.size is not None and uploaded.size > settings.IMAGE_MAX_BYTES:
        raise _too_large()
    uploaded.seek(0)
    data = uploaded.read(settings.IMAGE_MAX_BYTES + 1)
    if len(data) > settings.IMAGE_MAX_BYTES:
        raise _too_large()
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
    width, height = clean.size
    name = f"{uuid.uuid4().hex}_{width}x{height}.{extension}"
    return CleanedImage(name, out.getvalue(), content_type)


class CleanedImage(SimpleUploadedFile):
    """An upload that went through `clean_image`; the model field stores it as it is."""


@dataclass(frozen=True)
class ImageVariant:
    name: str
    url: str
    width: int
    height: int


def variant_name(name: str, width: int) -> str:
    return f"{name.rsplit('.', 1)[0]}.w{width}.webp"


def variant_size(width: int, height: int, target_width: int) -> tuple[int, int]:
    if width <= target_width:
        return width, height
    return target_width, max(1, round(height * target_width / width))


def _stored_size(field_file) -> tuple[int, int] | None:
    match = _SIZED_NAME.search(field_file.name)
    if match:
        return int(match[1]), int(match[2])
    # Files stored before names carried their size: read the header once.
    try:
        with Image.open(field_file.storage.open(field_file.name)) as image:
            return image.size
    except (OSError, ValueError):
        return None


def image_variant(field_file, target_width: int) -> ImageVariant | None:
    """The variant of a stored image at most `target_width` wide, with its pixel size."""
    if not field_file:
        return None
    size = _stored_size(field_file)
    if size is None:
        return None
    width, height = variant_size(*size, target_width)
    name = variant_name(field_file.name, target_width)
    return ImageVariant(name=name, url=field_file.storage.url(name), width=width, height=height)


def make_variants(field_file) -> list[str]:
    """Write the WebP variants of a stored image next to it; return their names."""
    storage = field_file.storage
    with storage.open(field_file.name) as stored, Image.open(stored) as image:
        image.load()
        mode = "RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB"
        source = image.convert(mode)
    names = []
    for target_width in VARIANT_WIDTHS:
        size = variant_size(*source.size, target_width)
        resized = source if size == source.size else source.resize(size, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        resized.save(out, "WEBP", quality=80, method=4)
        name = variant_name(field_file.name, target_width)
        if storage.exists(name):
            storage.delete(name)
        names.append(storage.save(name, ContentFile(out.getvalue())))
    return names


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
    """An ImageField whose form field runs `clean_image`.

    A file that reaches the model some other way (a service, an import, demo data) is cleaned
    on save as well, so no image is ever stored unchecked; each new image gets its variants.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafeImageFormField, **kwargs})

    def pre_save(self, model_instance, add):
        field_file = getattr(model_instance, self.attname)
        is_new = bool(field_file) and not field_file._committed
        if is_new and not isinstance(field_file.file, CleanedImage):
            cleaned = clean_image(field_file.file)
            field_file.save(cleaned.name, cleaned, save=False)
        field_file = super().pre_save(model_instance, add)
        if is_new:
            make_variants(field_file)
        return field_file
