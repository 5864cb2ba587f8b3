"""Every image takes one path in: refused with a Persian message, or stored clean with variants."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from PIL import Image

from moqdad.images import SafeImageFormField, image_variant
from neighborhoods.models import IdentityElement
from neighborhoods.tests.factories import IdentityElementFactory, NeighborhoodFactory

GPS_IFD = 0x8825
EXIF_ORIENTATION = 0x0112

NOT_AN_IMAGE = "این فایل تصویر نیست. یک عکس JPEG، PNG یا WebP بارگذاری کنید."
TOO_MANY_PIXELS = "این تصویر پیکسل‌های بیش از حد دارد."
TOO_LARGE = "حجم تصویر بیش از ۱۰ مگابایت است."


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _image_bytes(fmt="JPEG", size=(640, 480), color=(200, 30, 30), **save_options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt, **save_options)
    return out.getvalue()


def _jpeg_with_gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0131] = "Secret Camera App 1.0"  # Software
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (34.0, 38.0, 24.0)
    gps[3] = "E"
    gps[4] = (50.0, 52.0, 48.0)
    return _image_bytes("JPEG", exif=exif)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _decompression_bomb() -> bytes:
    """A 60 KB PNG that claims 30000 × 30000 pixels (900 megapixels, 2.7 GB decoded)."""
    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (1 + 30000 * 3) * 20, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", rows)
        + _png_chunk(b"IEND", b"")
    )


REFUSED_FILES = {
    "decompression bomb": ("bomb.png", _decompression_bomb, TOO_MANY_PIXELS),
    "polyglot PNG header + HTML": (
        "photo.png",
        lambda: b"\x89PNG\r\n\x1a\n<html><script>alert(document.cookie)</script></html>",
        NOT_AN_IMAGE,
    ),
    "SVG": (
        "photo.svg",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
        NOT_AN_IMAGE,
    ),
    "EPS": (
        "photo.eps",
        lambda: b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nnewpath 0 0 moveto showpage\n",
        NOT_AN_IMAGE,
    ),
    "TIFF renamed .jpg": ("photo.jpg", lambda: _image_bytes("TIFF"), NOT_AN_IMAGE),
    "GIF renamed .png": ("photo.png", lambda: _image_bytes("GIF"), NOT_AN_IMAGE),
    "50 MB file": (
        "huge.jpg",
        lambda: b"\xff\xd8\xff\xe0" + b"\x00" * (50 * 1024 * 1024),
        TOO_LARGE,
    ),
    "empty file": ("empty.jpg", lambda: b"", None),
}


def _upload(name: str, data: bytes, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type)


@pytest.mark.parametrize("case", list(REFUSED_FILES))
def test_form_field_refuses_dangerous_file_with_persian_message(case):
    name, make, message = REFUSED_FILES[case]
    field = SafeImageFormField()

    with pytest.raises(Exception) as raised:
        field.clean(_upload(name, make()))

    assert raised.type.__name__ in {"ImageRejected", "ValidationError"}
    if message is not None:
        assert raised.value.messages == [message]
    else:
        assert raised.value.messages[0] != ""


def _admin_add_identity_element(client, upload):
    neighborhood = NeighborhoodFactory()
    return client.post(
        reverse("admin:neighborhoods_identityelement_add"),
        {
            "neighborhood": neighborhood.pk,
            "kind": IdentityElement.Kind.IMAMZADEH,
            "title": "امامزاده آزمایشی",
            "description": "",
            "status": "published",
            "photo": upload,
        },
    )


@pytest.mark.parametrize("case", list(REFUSED_FILES))
def test_admin_upload_of_dangerous_file_is_a_form_error(admin_client_fa, edition, case):
    name, make, message = REFUSED_FILES[case]

    response = _admin_add_identity_element(admin_client_fa, _upload(name, make()))

    assert response.status_code == 200
    assert IdentityElement.objects.count() == 0
    errors = response.context["adminform"].form.errors["photo"]
    if message is not None:
        assert errors == [message]


def test_admin_upload_of_gps_tagged_jpeg_is_stored_without_metadata(admin_client_fa, edition):
    original = _jpeg_with_gps_exif()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)

    response = _admin_add_identity_element(admin_client_fa, _upload("IMG_0001.jpg", original))

    assert response.status_code == 302
    element = IdentityElement.objects.get()
    with element.photo.open("rb") as photo:
        stored = photo.read()
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert image.size == (640, 480)
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info
    assert b"Exif" not in stored
    assert b"Secret Camera" not in stored
    assert "IMG_0001" not in element.photo.name
    assert element.photo.name.startswith("identity/")
    assert element.photo.name.endswith("_640x480.jpg")


def test_exif_orientation_is_applied_before_it_is_dropped(db):
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = 6  # rotate 90° clockwise to display
    field = SafeImageFormField()

    cleaned = field.clean(_upload("p.jpg", _image_bytes("JPEG", size=(300, 200), exif=exif)))

    with Image.open(cleaned) as image:
        assert image.size == (200, 300)
        assert dict(image.getexif()) == {}


def test_html_appended_to_a_valid_png_does_not_survive_reencoding(db):
    polyglot = _image_bytes("PNG", size=(50, 50)) + b"<script>alert(1)</script>"
    field = SafeImageFormField()

    cleaned = field.clean(_upload("p.png", polyglot, "image/png"))

    assert b"<script" not in cleaned.read()


def test_large_photo_is_shrunk_to_1600_pixels(db):
    field = SafeImageFormField()

    cleaned = field.clean(_upload("big.jpg", _image_bytes("JPEG", size=(4000, 3000))))

    with Image.open(cleaned) as image:
        assert image.size == (1600, 1200)
    assert cleaned.name.endswith("_1600x1200.jpg")


def test_size_limit_follows_the_setting(settings):
    settings.IMAGE_MAX_BYTES = 2 * 1024 * 1024
    field = SafeImageFormField()

    with pytest.raises(Exception) as raised:
        field.clean(_upload("p.jpg", b"\xff\xd8" + b"\x00" * (3 * 1024 * 1024)))

    assert raised.value.messages == ["حجم تصویر بیش از ۲ مگابایت است."]


def test_saving_an_image_makes_webp_variants_with_their_size(db, _media_root):
    element = IdentityElementFactory(
        photo=_upload("wide.png", _image_bytes("PNG", size=(2000, 1000)), "image/png")
    )

    thumb = image_variant(element.photo, 400)
    page = image_variant(element.photo, 1200)

    assert (thumb.width, thumb.height) == (400, 200)
    assert (page.width, page.height) == (1200, 600)
    for variant in (thumb, page):
        with Image.open(_media_root / variant.name) as image:
            assert image.format == "WEBP"
            assert image.size == (variant.width, variant.height)
    assert thumb.url == f"/media/{element.photo.name.rsplit('.', 1)[0]}.w400.webp"


def test_image_saved_outside_a_form_is_cleaned_too(db):
    element = IdentityElementFactory(photo=_upload("gps.jpg", _jpeg_with_gps_exif()))

    with element.photo.open("rb") as photo, Image.open(photo) as image:
        assert dict(image.getexif()) == {}
    assert "gps" not in element.photo.name


def test_responsive_image_tag_sets_srcset_and_dimensions(db):
    element = IdentityElementFactory(photo=_upload("p.jpg", _image_bytes("JPEG", size=(800, 600))))
    template = Template(
        "{% load images %}{% responsive_image element.photo alt=element.title %}"
        "{% with t=element.photo|variant:400 %}{{ t.width }}x{{ t.height }}{% endwith %}"
    )

    html = template.render(Context({"element": element}))

    stem = element.photo.name.rsplit(".", 1)[0]
    assert html == (
        f'<img src="/media/{stem}.w400.webp" srcset="/media/{stem}.w400.webp 400w, '
        f'/media/{stem}.w1200.webp 800w" sizes="100vw" width="400" height="300" '
        f'alt="{element.title}" class="" loading="lazy" decoding="async">400x300'
    )


@pytest.mark.urls("moqdad.tests.urls")
def test_media_is_served_with_its_type_and_nosniff(client, db):
    element = IdentityElementFactory(photo=_upload("p.png", _image_bytes("PNG"), "image/png"))
    thumb = image_variant(element.photo, 400)

    original = client.get(f"/media/{element.photo.name}")
    variant = client.get(f"/media/{thumb.name}")

    assert original.headers["Content-Type"] == "image/png"
    assert variant.headers["Content-Type"] == "image/webp"
    assert original.headers["X-Content-Type-Options"] == "nosniff"
    assert variant.headers["X-Content-Type-Options"] == "nosniff"
    original.close()
    variant.close()


def test_image_variants_command_makes_missing_variants(db, _media_root):
    from django.core.management import call_command

    element = IdentityElementFactory(photo=_upload("p.jpg", _image_bytes("JPEG")))
    thumb = image_variant(element.photo, 400)
    (_media_root / thumb.name).unlink()
    out = io.StringIO()

    call_command("image_variants", stdout=out)

    assert (_media_root / thumb.name).exists()
    assert out.getvalue() == "variants made for 1 images; 0 stored files missing\n"
