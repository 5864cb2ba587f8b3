"""What a phone downloads: a booth page's first visit and repeat visit within budget, and a
Persian font cut down without losing a character the site shows."""

import gzip
import re
from pathlib import Path

import brotli
import polib
from django.conf import settings
from django.contrib.staticfiles import finders
from fontTools.ttLib import TTFont

from exhibition.tests.factories import BoothFactory

FONTS = Path(settings.BASE_DIR) / "static" / "vendor" / "vazirmatn"
COMPRESSIBLE = {".css", ".js", ".svg", ".html", ".json", ".txt"}
# Status line and response headers, roughly, for every answer.
HEADER_BYTES = 600


def _cmap(name: str) -> set[int]:
    return set(TTFont(FONTS / name).getBestCmap())


def _site_characters() -> set[str]:
    text = []
    for po in Path(settings.BASE_DIR).glob("**/locale/fa/LC_MESSAGES/django.po"):
        if ".venv" in po.parts:
            continue
        for entry in polib.pofile(str(po)):
            text.append(entry.msgstr)
            text.extend(entry.msgstr_plural.values())
    for template in Path(settings.BASE_DIR, "templates").glob("**/*.html"):
        text.append(template.read_text())
    return set("".join(text))


def test_font_subsets_keep_every_character_of_the_site():
    characters = {ord(c) for c in _site_characters()}
    for weight in ("Regular", "Bold"):
        full = _cmap(f"Vazirmatn-{weight}.woff2")
        subset = _cmap(f"Vazirmatn-{weight}-subset.woff2")

        assert sorted(chr(c) for c in (characters & full) - subset) == []


def test_font_subsets_keep_persian_letters_digits_and_zwnj():
    needed = set(range(0x0600, 0x0700)) | {0x200C, 0x200D, 0x200E, 0x200F}
    for weight in ("Regular", "Bold"):
        full = _cmap(f"Vazirmatn-{weight}.woff2")

        assert (needed & full) - _cmap(f"Vazirmatn-{weight}-subset.woff2") == set()


def _static_file(url: str) -> Path:
    path = url.split("?")[0].removeprefix(settings.STATIC_URL)
    return Path(finders.find(path))


def _transfer_size(path: Path) -> int:
    data = path.read_bytes()
    if path.suffix in COMPRESSIBLE:
        data = brotli.compress(data)
    return len(data) + HEADER_BYTES


def _assets(html: str) -> set[str]:
    """Every static file a browser fetches for the page: stylesheets, scripts, icons, images
    and the fonts the stylesheets name."""
    urls = set(re.findall(r'<(?:link|script|img)\b[^>]*?(?:href|src)="([^"]+)"', html))
    urls = {u for u in urls if u.startswith(settings.STATIC_URL)}
    for css in [u for u in urls if u.split("?")[0].endswith(".css")]:
        folder = css.rsplit("/", 1)[0]
        for ref in re.findall(r'url\("?([^")]+)"?\)', _static_file(css).read_text()):
            if ref.startswith("data:"):
                continue
            urls.add(_resolve(folder, ref))
    return urls


def _resolve(folder: str, ref: str) -> str:
    parts = folder.split("/")
    for piece in ref.split("/"):
        if piece == "..":
            parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def test_booth_page_first_visit_is_under_250_kb_in_under_15_requests(client, edition):
    booth = BoothFactory()

    page = client.get(booth.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")
    assets = _assets(brotli_or_gzip_text(page))
    transferred = (
        len(page.content) + HEADER_BYTES + sum(_transfer_size(_static_file(url)) for url in assets)
    )

    assert (transferred < 250_000, 1 + len(assets) < 15) == (True, True), (transferred, assets)


def test_booth_page_repeat_visit_is_under_30_kb(client, edition):
    booth = BoothFactory()
    first = client.get(booth.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")

    again = client.get(
        booth.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    # Static files are fingerprinted and cached for a year: only the page is asked for again.
    transferred = len(again.content) + HEADER_BYTES

    assert (again.status_code, transferred < 30_000) == (304, True)


def brotli_or_gzip_text(response) -> str:
    encoding = response.get("Content-Encoding", "")
    if encoding == "gzip":
        return gzip.decompress(response.content).decode()
    if encoding == "br":
        return brotli.decompress(response.content).decode()
    return response.content.decode()
