"""QR codes that point to a booth's public page, for signs at the booth and for its page."""

import segno
from django.conf import settings

from exhibition.models import Booth


def booth_public_url(booth: Booth) -> str:
    """The absolute address of the booth's page, as printed signs must carry it."""
    return f"{settings.PUBLIC_BASE_URL}{booth.get_absolute_url()}"


def booth_qr_svg(booth: Booth, *, svgclass: str = "qr") -> str:
    """An inline SVG QR code (scalable: sized by CSS through its viewBox) of the booth's page."""
    code = segno.make(booth_public_url(booth), error="m", micro=False)
    return code.svg_inline(omitsize=True, border=2, svgclass=svgclass, dark="#000", light="#fff")
