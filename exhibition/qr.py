"""QR codes of addresses: a booth's public page (its sign and its page), an invitation's link."""

import hashlib
import io

import segno
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from moqdad.public_address import absolute_url

QR_CACHE_SECONDS = 24 * 60 * 60
QR_ERROR_LEVEL = "m"
PNG_SCALE = 10
SVG_SCALE = 8


def booth_public_url(booth, request=None) -> str:
    """The booth page's absolute address in the default language, on the public host (the
    request's when PUBLIC_BASE_URL is unset: moqdad.public_address)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("exhibition:booth", kwargs={"code": booth.code})
    return absolute_url(path, request)


def url_qr_code(url: str) -> segno.QRCode:
    return segno.make(url, error=QR_ERROR_LEVEL, micro=False)


def url_qr_svg(url: str, *, svgclass: str = "qr") -> str:
    """An inline SVG QR code of `url`, scalable (sized by CSS through its viewBox)."""
    return url_qr_code(url).svg_inline(
        omitsize=True, border=2, svgclass=svgclass, dark="#000", light="#fff"
    )


def url_qr_png(url: str, *, scale: int = PNG_SCALE) -> bytes:
    out = io.BytesIO()
    url_qr_code(url).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def booth_qr_code(booth, request=None) -> segno.QRCode:
    return url_qr_code(booth_public_url(booth, request))


def _cache_key(url: str, kind: str) -> str:
    return f"booth-qr:{kind}:{hashlib.sha256(url.encode()).hexdigest()}"


def booth_qr(booth, kind: str, request=None) -> bytes:
    """The booth's QR code as `svg` or `png` bytes, cached by the address it encodes."""
    url = booth_public_url(booth, request)
    cache_key = _cache_key(url, kind)
    data = cache.get(cache_key)
    if data is None:
        out = io.BytesIO()
        code = booth_qr_code(booth, request)
        if kind == "svg":
            code.save(out, kind="svg", scale=SVG_SCALE, border=4, xmldecl=False, title=url)
        else:
            code.save(out, kind="png", scale=PNG_SCALE, border=4)
        data = out.getvalue()
        cache.set(cache_key, data, QR_CACHE_SECONDS)
    return data


def booth_qr_svg(booth, *, request=None, svgclass: str = "qr") -> str:
    """An inline SVG QR code (scalable: sized by CSS through its viewBox) of the booth's page."""
    return url_qr_svg(booth_public_url(booth, request), svgclass=svgclass)
