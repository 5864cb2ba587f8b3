"""What a phone downloads: every public page's first visit and repeat visit within the budget
of issue #18, and a Persian font cut down without losing a character the site shows.

bench/page_checks.py measures the same budget in Chromium; this is its fast guard: the page and
the static files it names, compressed as the server sends them."""

import gzip
import re
from pathlib import Path

import brotli
import polib
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from fontTools.ttLib import TTFont

from exhibition.tests.public_site import build_public_data
from moqdad.public_pages import sample_urls

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


def _visitor_pages(edition) -> list[str]:
    """One page of every public page type, and the two forms the public pages link to."""
    data = build_public_data(edition, neighborhoods=1)
    return sample_urls(html_only=True, per_type=1) + [
        reverse("exhibition:booth_connect", kwargs={"code": data["booths"][0].code}),
        reverse("martyrs:correction", kwargs={"pk": data["martyrs"][0].pk}),
    ]


def _first_visit(client, url: str) -> tuple[int, int]:
    page = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assets = _assets(brotli_or_gzip_text(page))
    size = len(page.content) + HEADER_BYTES
    return size + sum(_transfer_size(_static_file(asset)) for asset in assets), 1 + len(assets)


def test_every_public_page_first_visit_is_under_250_kb_in_under_15_requests(client, edition):
    visits = {url: _first_visit(client, url) for url in _visitor_pages(edition)}

    over = {url: v for url, v in visits.items() if v[0] >= 250_000 or v[1] >= 15}
    assert (len(visits) > 20, over) == (True, {})


def test_every_public_page_repeat_visit_is_under_30_kb(client, edition):
    over = {}
    for url in _visitor_pages(edition):
        first = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
        # Static files are fingerprinted and cached for a year: only the page is asked again,
        # with its ETag (a form's page has none to match: its CSRF token changes every time).
        again = client.get(
            url, HTTP_ACCEPT_ENCODING="gzip, br", HTTP_IF_NONE_MATCH=first.get("ETag", "")
        )
        transferred = len(again.content) + HEADER_BYTES
        if transferred >= 30_000:
            over[url] = transferred

    assert over == {}


def test_cached_public_page_repeat_visit_is_a_304(client, edition):
    url = _visitor_pages(edition)[0]
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")

    again = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


def brotli_or_gzip_text(response) -> str:
    encoding = response.get("Content-Encoding", "")
    if encoding == "gzip":
        return gzip.decompress(response.content).decode()
    if encoding == "br":
        return brotli.decompress(response.content).decode()
    return response.content.decode()
