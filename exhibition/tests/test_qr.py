"""Each booth's QR code encodes the absolute address of its public page."""

import io

import pytest
import segno
from django.core.cache import cache
from PIL import Image

from exhibition import qr
from exhibition.tests.factories import BoothFactory

BORDER = 4


@pytest.fixture(autouse=True)
def _public_host(public_host):
    cache.clear()


def _modules_from_png(data: bytes) -> list[list[bool]]:
    """Read the dark/light modules back from the PNG, sampling each module's centre."""
    image = Image.open(io.BytesIO(data)).convert("L")
    size = image.width // qr.PNG_SCALE - 2 * BORDER
    return [
        [
            image.getpixel(
                (
                    (BORDER + col) * qr.PNG_SCALE + qr.PNG_SCALE // 2,
                    (BORDER + row) * qr.PNG_SCALE + qr.PNG_SCALE // 2,
                )
            )
            < 128
            for col in range(size)
        ]
        for row in range(size)
    ]


def test_booth_qr_png_decodes_to_the_booth_absolute_url(client, edition):
    booth = BoothFactory(code="N12")

    response = client.get("/booths/N12/qr.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    expected = segno.make("https://meqdad.example.ir/booths/N12/", error="m", micro=False)
    assert _modules_from_png(response.content) == [
        [bool(m) for m in row] for row in expected.matrix
    ]
    assert qr.booth_public_url(booth) == "https://meqdad.example.ir/booths/N12/"


def test_booth_qr_svg_is_the_code_of_the_booth_absolute_url(client, edition):
    BoothFactory(code="S3")

    response = client.get("/booths/S3/qr.svg")

    expected = io.BytesIO()
    segno.make("https://meqdad.example.ir/booths/S3/", error="m", micro=False).save(
        expected, kind="svg", scale=qr.SVG_SCALE, border=4, xmldecl=False,
        title="https://meqdad.example.ir/booths/S3/",
    )  # fmt: skip
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content == expected.getvalue()


def test_booth_qr_from_english_page_still_points_to_the_default_page(client, edition):
    BoothFactory(code="E7")

    response = client.get("/en/booths/E7/qr.png")

    expected = segno.make("https://meqdad.example.ir/booths/E7/", error="m", micro=False)
    assert _modules_from_png(response.content) == [
        [bool(m) for m in row] for row in expected.matrix
    ]


def test_booth_qr_is_cached_and_cacheable(client, edition):
    BoothFactory(code="C1")
    client.get("/booths/C1/qr.svg")

    response = client.get("/booths/C1/qr.svg")

    assert "max-age=86400" in response["Cache-Control"]
    assert (
        cache.get(qr._cache_key("https://meqdad.example.ir/booths/C1/", "svg")) == response.content
    )
