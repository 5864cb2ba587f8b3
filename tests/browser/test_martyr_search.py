import pytest

from tests.browser.conftest import PHONE, assert_rtl_without_overflow


@pytest.mark.django_db(transaction=True)
def test_visitor_finds_a_martyr_by_a_variant_spelling(watched_page, live_server, axe, screenshot):
    from martyrs.tests.factories import MartyrFactory

    MartyrFactory(first_name="علی", last_name="کبیری‌پور", father_name="محمدکاظم")
    MartyrFactory(first_name="رضا", last_name="احمدی")
    page = watched_page
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + "/martyrs/")
    # Arabic yeh and kaf, and a space where the record has a ZWNJ.
    page.locator("main input[name=q]").fill("علي كبيري پور")
    page.locator("main input[name=q]").press("Enter")
    page.wait_for_load_state()

    results = page.locator(".martyr-list li")
    assert results.count() == 1
    assert "کبیری‌پور" in results.first.inner_text()
    # Numbered results count in Persian digits («۱.»), like the rest of the page.
    assert results.first.evaluate("li => getComputedStyle(li).listStyleType") == "persian"
    screenshot(page, "martyr-search-phone")
    assert axe(page) == []

    results.first.get_by_role("link").first.click()
    page.wait_for_load_state()

    assert "کبیری‌پور" in page.locator("h1").inner_text()
    assert "محمدکاظم" in page.locator("main").inner_text()
    assert_rtl_without_overflow(page)
    assert axe(page) == []
    screenshot(page, "martyr-detail-phone")
