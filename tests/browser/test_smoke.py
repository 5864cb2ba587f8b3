import pytest

from tests.browser.conftest import PHONE, assert_rtl_without_overflow


@pytest.mark.django_db(transaction=True)
def test_home_on_a_phone_is_persian_rtl_and_accessible(watched_page, live_server, axe, screenshot):
    from exhibition.tests.factories import edition_1401

    edition_1401()
    page = watched_page
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + "/")

    assert page.locator("html").get_attribute("lang") == "fa"
    assert_rtl_without_overflow(page)
    assert axe(page) == []
    screenshot(page, "home-phone")
