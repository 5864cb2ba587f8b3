"""The public pages on a 360 px phone, as the demo data fills them: the header menu in sight,
martyr search results first, readable charts, the floor plan and its linked booths, a day's
programme. Screenshots go to docs/screenshots/."""

from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP, PHONE, assert_rtl_without_overflow

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
MIN_LABEL_PX = 12

# The rendered size of each SVG text of a chart or the plan: its font size times the scale
# at which its drawing is shown.
RENDERED_TEXT_SIZES = """(selector) => [...document.querySelectorAll(selector)].map(
  (text) => parseFloat(getComputedStyle(text).fontSize) * text.ownerSVGElement.getScreenCTM().a)"""


@pytest.fixture
def demo(transactional_db):
    from exhibition.tests.factories import edition_1401

    edition_1401()
    from django.core.management import call_command

    call_command("load_demo_data", "--neighborhoods", "30", "--martyrs", "300", verbosity=0)


def _document_screenshot(page, name):
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS_SCREENSHOTS / f"{name}.png"))


@pytest.mark.django_db(transaction=True)
def test_header_menu_shows_every_item_on_a_phone_with_room_for_one_more(
    watched_page, live_server, demo
):
    page = watched_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    items = page.evaluate("document.querySelectorAll('.site-nav a').length")
    # One more item must fit too.
    page.evaluate(
        """() => { const item = document.querySelector('.site-nav li').cloneNode(true);
        item.querySelector('a').textContent = 'درباره نمایشگاه';
        document.querySelector('.site-nav ul').append(item); }"""
    )

    boxes = page.evaluate(
        "[...document.querySelectorAll('.site-nav a')].map(a => a.getBoundingClientRect())"
        ".map(r => [r.left, r.right])"
    )
    nav_scrolls = page.evaluate(
        "(n => n.scrollWidth > n.clientWidth)(document.querySelector('.site-nav'))"
    )

    assert len(boxes) == items + 1
    assert [box for box in boxes if box[0] < 0 or box[1] > PHONE["width"]] == []
    assert nav_scrolls is False
    assert_rtl_without_overflow(page)
    _document_screenshot(page, "header-phone")


@pytest.mark.django_db(transaction=True)
def test_martyr_search_on_a_phone_shows_results_first(watched_page, live_server, axe, demo):
    page = watched_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/martyrs/")

    assert page.locator(".result-count").count() == 0
    assert page.locator(".martyr-search__filters").evaluate("d => d.open") is False
    page.get_by_label("نام", exact=True).fill("احمد")
    page.get_by_role("button", name="جست‌وجو", exact=True).last.click()
    page.wait_for_url("**/martyrs/?q=*")

    first_result = page.locator(".martyr-list a").first.bounding_box()
    assert first_result["y"] + first_result["height"] <= PHONE["height"]
    assert "یافت شد" in page.locator(".result-count").inner_text()
    assert axe(page) == []
    assert_rtl_without_overflow(page)
    _document_screenshot(page, "martyr-search-phone")


@pytest.mark.django_db(transaction=True)
def test_statistics_charts_read_at_12_px_on_a_phone_and_stay_modest_on_a_desktop(
    watched_page, live_server, demo
):
    page = watched_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/statistics/")

    phone_sizes = page.evaluate(RENDERED_TEXT_SIZES, ".chart text")
    tables = page.evaluate(
        "[...document.querySelectorAll('.table-scroll')].map("
        "box => box.querySelector('table').getBoundingClientRect().width > box.clientWidth)"
    )
    assert_rtl_without_overflow(page)
    page.locator("h2#roles-title").scroll_into_view_if_needed()
    _document_screenshot(page, "statistics-phone")
    page.set_viewport_size(DESKTOP)
    desktop_sizes = page.evaluate(RENDERED_TEXT_SIZES, ".chart__label")
    desktop_width = page.evaluate(
        "Math.max(...[...document.querySelectorAll('svg.chart')].map(s => s.clientWidth))"
    )

    assert phone_sizes != [] and min(phone_sizes) >= MIN_LABEL_PX
    # The workshops table is wider than the phone: it scrolls inside its own box.
    assert True in tables
    assert max(desktop_sizes) <= 18
    assert desktop_width <= 28 * 16


@pytest.mark.django_db(transaction=True)
def test_floor_plan_on_a_phone_draws_entrance_and_halls_and_centres_a_linked_booth(
    watched_page, live_server, demo
):
    page = watched_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/booths/B-07/")
    page.get_by_role("link", name="جای آن در نقشه سالن").click()
    page.wait_for_url("**/plan/#booth-b-07")
    page.wait_for_function("document.getElementById('booth-b-07').getBoundingClientRect().top > 50")

    booth = page.locator("#booth-b-07").bounding_box()
    frame = page.locator(".plan-scroll").bounding_box()
    sizes = page.evaluate(RENDERED_TEXT_SIZES, ".floor-plan text")

    assert frame["x"] <= booth["x"] and booth["x"] + booth["width"] <= frame["x"] + frame["width"]
    assert 0 <= booth["y"] and booth["y"] + booth["height"] <= PHONE["height"]
    assert min(sizes) >= MIN_LABEL_PX
    assert page.locator(".floor-plan__entrance").count() == 1
    assert page.locator(".floor-plan__room").count() >= 3
    assert_rtl_without_overflow(page)
    _document_screenshot(page, "floor-plan-phone")


@pytest.mark.django_db(transaction=True)
def test_schedule_on_a_phone_opens_on_the_days_and_reads_one_day(
    watched_page, live_server, axe, demo
):
    page = watched_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/schedule/")

    assert page.locator(".schedule-item").count() == 0
    assert axe(page) == []
    page.locator(".schedule-day-card").first.click()
    page.wait_for_url("**/schedule/2022-10-31/")
    assert page.locator(".schedule-item").count() > 0
    page.get_by_label("نوع").select_option("speech")
    page.get_by_role("button", name="پالایش").click()
    page.wait_for_url("**/schedule/2022-10-31/?kind=speech*")

    kinds = page.locator(".schedule-kind").all_inner_texts()
    assert kinds != [] and set(kinds) == {"سخنرانی"}
    assert axe(page) == []
    assert_rtl_without_overflow(page)
    _document_screenshot(page, "schedule-day-phone")
