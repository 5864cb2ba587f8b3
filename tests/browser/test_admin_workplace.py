"""The admin as the organizers' workplace: the home, the print centre, forms that fit the work."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE

PASSWORD = "a-Long-demo-pass-1401"


def _login_organizer(page, live_server, django_user_model):
    from exhibition.tests.factories import edition_1401

    edition_1401()
    django_user_model.objects.create_superuser("organizer", "o@example.com", PASSWORD)
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("organizer")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()


def _overlap(a, b) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.django_db(transaction=True)
def test_organizer_home_leads_to_the_print_centre(
    watched_page, live_server, django_user_model, screenshot
):
    page = watched_page
    page.set_viewport_size(DESKTOP)
    _login_organizer(page, live_server, django_user_model)

    titles = page.locator(".home-panel h2").all_inner_texts()
    screenshot(page, "admin-home-organizer")
    page.locator("#home-print a").click()
    page.wait_for_load_state()
    screenshot(page, "admin-print-centre")

    # The exhibition's panels first; the guests' and the follow-up's after them.
    assert titles[1:4] == ["در انتظار بازبینی", "در یک نگاه", "مرکز چاپ"]
    assert page.locator("#print-programme tbody tr").count() == 6
    assert page.locator("h1").inner_text() == "مرکز چاپ"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_schedule_list_print_link_leaves_the_title_uncovered(
    watched_page, live_server, django_user_model, viewport
):
    page = watched_page
    page.set_viewport_size(viewport)
    _login_organizer(page, live_server, django_user_model)

    page.goto(live_server.url + "/admin/exhibition/scheduleitem/")

    # The title's text, not its block (which spans the whole width).
    title = page.locator("#content h1").evaluate(
        """h1 => { const range = document.createRange(); range.selectNodeContents(h1);
                   const r = range.getBoundingClientRect();
                   return {x: r.x, y: r.y, width: r.width, height: r.height}; }"""
    )
    tools = [li.bounding_box() for li in page.locator(".object-tools li").all()]
    assert [box for box in tools if _overlap(title, box)] == []


@pytest.mark.django_db(transaction=True)
def test_schedule_item_calendar_opens_at_the_editions_month(
    watched_page, live_server, django_user_model
):
    page = watched_page
    page.set_viewport_size(DESKTOP)
    _login_organizer(page, live_server, django_user_model)

    page.goto(live_server.url + "/admin/exhibition/scheduleitem/add/")
    page.locator(".field-day .jalali-picker-toggle").click()

    assert page.locator(".jalali-picker-title").inner_text() == "آبان ۱۴۰۱"
