"""Screenshots a reviewer looks at: every public page type at desktop width, and the first page
of the printed day programme (phone-width shots are taken by the journeys)."""

import shutil
import subprocess

import pytest

from tests.browser.conftest import DESKTOP, SCREENSHOTS


@pytest.mark.django_db(transaction=True)
def test_public_pages_at_desktop_width_are_screenshotted_without_errors(
    watched_page, live_server, screenshot, django_user_model
):
    from exhibition.tests.factories import ScheduleItemFactory, edition_1401
    from exhibition.tests.public_site import build_public_data

    edition = edition_1401()
    data = build_public_data(edition, neighborhoods=2)
    ScheduleItemFactory(exhibition=edition, day=edition.start_date, title="نشست شوراها")
    pages = {
        "home": "/",
        "booths": "/booths/",
        "booth": data["booths"][0].get_absolute_url(),
        "neighborhoods": "/neighborhoods/",
        "neighborhood": data["neighborhoods"][0].get_absolute_url(),
        "martyrs": "/martyrs/",
        "martyr": data["martyrs"][0].get_absolute_url(),
        "schedule": "/schedule/",
        "plan": "/plan/",
        "statistics": "/statistics/",
    }
    page = watched_page
    page.set_viewport_size(DESKTOP)

    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
        screenshot(page, f"desktop-{name}")

    assert sorted(p.stem for p in SCREENSHOTS.glob("desktop-*.png")) == sorted(
        f"desktop-{name}" for name in pages
    )

    django_user_model.objects.create_superuser("organizer", "o@example.com", "x-Long-pass-1401")
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("organizer")
    page.locator("#id_password").fill("x-Long-pass-1401")
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()
    pdf = page.request.get(f"{live_server.url}/print/schedule/{edition.start_date.isoformat()}.pdf")
    assert pdf.body().startswith(b"%PDF")
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed: no picture of the PDF")
    target = SCREENSHOTS / "print-day-programme.pdf"
    target.write_bytes(pdf.body())
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(target),  # noqa: S607
         str(SCREENSHOTS / "print-day-programme-page1")],
        check=True, timeout=60,
    )  # fmt: skip
    assert (SCREENSHOTS / "print-day-programme-page1.png").stat().st_size > 5000
