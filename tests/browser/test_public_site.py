"""A visitor on a phone: the public pages are RTL, fit the screen, pass axe, load nothing foreign;
the connect form works end to end."""

import pytest

from tests.browser.conftest import PHONE, assert_rtl_without_overflow


@pytest.fixture
def public_data(transactional_db):
    from exhibition.tests.factories import edition_1401
    from exhibition.tests.public_site import build_public_data

    return build_public_data(edition_1401(), neighborhoods=2)


@pytest.mark.django_db(transaction=True)
def test_public_pages_on_a_phone_are_rtl_accessible_and_fit(
    watched_page, live_server, axe, screenshot, public_data
):
    page = watched_page
    page.set_viewport_size(PHONE)
    pages = {
        "neighborhoods": "/neighborhoods/",
        "neighborhood": public_data["neighborhoods"][0].get_absolute_url(),
        "booths": "/booths/",
        "booth": public_data["booths"][0].get_absolute_url(),
        "statistics": "/statistics/",
        "search": "/search/?q=%D9%86",
    }

    for name, url in pages.items():
        page.goto(live_server.url + url)
        assert_rtl_without_overflow(page)
        assert axe(page) == [], name
        screenshot(page, f"public-{name}-phone")


@pytest.mark.django_db(transaction=True)
def test_floor_plan_on_a_phone_scrolls_only_inside_its_frame(
    watched_page, live_server, axe, public_data
):
    page = watched_page
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + "/plan/")

    assert_rtl_without_overflow(page)
    assert axe(page) == []
    page.locator(".plan-list a").first.click()
    assert "/booths/" in page.url


@pytest.mark.django_db(transaction=True)
def test_visitor_sends_a_connect_request_from_a_booth_page(watched_page, live_server, public_data):
    from exhibition.models import ContactRequest

    booth = public_data["booths"][0]
    page = watched_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + booth.get_absolute_url())
    # The booth page (the QR target) is one cached page for everyone; its link opens the form.
    page.get_by_role("link", name="نوشتن برای گروه غرفه").click()

    page.get_by_label("نام شما").fill("مریم احمدی")
    page.get_by_label("تلفن").fill("۰۹۱۲۱۲۳۴۵۶۷")
    page.get_by_label("موضوع").fill("همکاری")
    page.get_by_label("پیام").fill("مایلم با مدیر محله گفتگو کنم.")
    page.get_by_role("button", name="ارسال درخواست").click()

    assert page.get_by_role("status").filter(has_text="درخواست شما فرستاده شد").is_visible()
    stored = ContactRequest.objects.filter(booth=booth, name="مریم احمدی").get()
    assert stored.phone == "09121234567"
