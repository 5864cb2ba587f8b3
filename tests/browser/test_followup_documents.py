"""The follow-up's documents as a reader sees them: the «نظام مسائل محلات» book and the
post-exhibition report are printed to PDF and their pages turned into pictures (pdftoppm) for a
reviewer to look at; the print-ready pages, the selection tool and the commitments' admin open
in Chromium without a console error (the strict CSP holds) and right to left."""

import shutil
import subprocess

import pytest
from PIL import Image

from tests.browser.conftest import DESKTOP, SCREENSHOTS

PASSWORD = "x-Long-pass-1401"


def _login(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("organizer", "o@example.com", PASSWORD)
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("organizer")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()


def _pictures(pdf: bytes, name: str, pages: list[int]) -> list:
    """PNG pictures of some pages of the PDF, in the screenshots folder."""
    target = SCREENSHOTS / f"{name}.pdf"
    target.write_bytes(pdf)
    paths = []
    for number in pages:
        stem = SCREENSHOTS / f"{name}-page{number}"
        subprocess.run(  # noqa: S603
            ["pdftoppm", "-png", "-r", "70", "-f", str(number), "-l", str(number),  # noqa: S607
             "-singlefile", str(target), str(stem)],
            check=True, timeout=120,
        )  # fmt: skip
        paths.append(stem.with_suffix(".png"))
    return paths


def _ink(path) -> float:
    """The share of the picture that is not white: a blank or nearly blank page is near 0."""
    image = Image.open(path).convert("L")
    histogram = image.histogram()
    return 1 - sum(histogram[240:]) / (image.width * image.height)


@pytest.mark.django_db(transaction=True)
def test_book_and_report_pages_are_pictured_and_their_pages_open_cleanly(
    watched_page, live_server, screenshot, django_user_model
):
    from django.core.management import call_command

    from exhibition.tests.factories import edition_1401

    edition_1401()
    call_command("load_demo_data", neighborhoods=20, booths=10, martyrs=20, verbosity=0)
    page = watched_page
    page.set_viewport_size(DESKTOP)
    _login(page, live_server, django_user_model)

    for name, path in {
        "book": "/print/followup/book/",
        "report": "/print/followup/report/",
        "selection-tool": "/print/followup/selection/",
        "commitments-admin": "/admin/followup/commitment/",
    }.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
        screenshot(page, f"followup-{name}")

    book = page.request.get(f"{live_server.url}/print/followup/book.pdf").body()
    report = page.request.get(f"{live_server.url}/print/followup/report.pdf").body()
    assert (book[:4], report[:4]) == (b"%PDF", b"%PDF")
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed: no picture of the PDFs")
    pictures = _pictures(book, "book", [1, 3, 5]) + _pictures(report, "report", [1, 2, 4])

    inked = {path.name: round(_ink(path), 3) for path in pictures}
    assert [name for name, share in inked.items() if share < 0.02] == []
