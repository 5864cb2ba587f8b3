"""Journey 1: a visitor scans a booth's QR code, reads it in both languages, connects by keyboard
alone; the booth holder logs in, sees the request and marks it handled."""

import pytest
from django.apps import apps as django_apps

from tests.browser.conftest import DESKTOP, PHONE, assert_rtl_without_overflow

PASSWORD = "a-Long-demo-pass-1401"


@pytest.mark.django_db(transaction=True)
def test_visitor_scans_a_booth_connects_by_keyboard_and_the_holder_handles_it(
    watched_page, live_server, django_user_model, axe, screenshot
):
    from django.contrib.auth.models import Group

    from exhibition.models import ContactRequest
    from exhibition.tests.factories import BoothFactory, BoothHolderFactory, edition_1401
    from martyrs.tests.factories import MartyrFactory
    from moqdad.role_groups import sync_role_groups
    from moqdad.roles import GROUP_NAMES, Role

    edition_1401()
    sync_role_groups(django_apps)
    booth = BoothFactory(name="غرفه محله نیروگاه")
    MartyrFactory(first_name="مهدی", last_name="زین‌الدین", neighborhood=booth.neighborhood,
                  is_prominent=True)  # fmt: skip
    holder = django_user_model.objects.create_user(
        "holder", "h@example.com", PASSWORD, is_staff=True
    )
    holder.groups.add(Group.objects.get(name=GROUP_NAMES[Role.BOOTH_HOLDER]))
    BoothHolderFactory(booth=booth, user=holder)
    page = watched_page
    page.set_viewport_size(PHONE)

    # The QR code printed on the sign holds the booth's absolute address.
    page.goto(live_server.url + booth.get_absolute_url())
    assert "غرفه محله نیروگاه" in page.locator("h1").inner_text()
    assert "زین‌الدین" in page.locator("main").inner_text()
    assert_rtl_without_overflow(page)

    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "ltr"
    page.get_by_role("link", name="فارسی").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"

    # The form lives on its own page, so that the booth page is the same for every visitor.
    page.get_by_role("link", name="نوشتن برای گروه غرفه").click()
    page.wait_for_load_state()
    page.get_by_label("نام شما").focus()
    page.keyboard.type("مریم احمدی")
    page.keyboard.press("Tab")
    page.keyboard.type("استانداری قم")
    for _ in range(2):
        page.keyboard.press("Tab")
    page.keyboard.type("09121234567")
    for _ in range(2):
        page.keyboard.press("Tab")
    page.keyboard.type("همکاری با شورا")
    page.keyboard.press("Tab")
    page.keyboard.type("مایلم با مدیر محله گفتگو کنم.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url("**sent=1**")

    assert "درخواست شما فرستاده شد" in page.locator("main").inner_text()
    request = ContactRequest.objects.get(booth=booth)
    assert (request.name, request.organization, request.subject) == (
        "مریم احمدی", "استانداری قم", "همکاری با شورا",
    )  # fmt: skip
    assert axe(page) == []
    screenshot(page, "booth-after-connect-phone")

    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("holder")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()
    page.goto(live_server.url + "/admin/exhibition/contactrequest/")
    assert "همکاری با شورا" in page.locator("#result_list").inner_text()
    page.locator("#result_list input.action-select").first.check()
    page.locator("select[name=action]").select_option("mark_handled")
    page.locator("button[name=index]").click()
    page.wait_for_load_state()

    request.refresh_from_db()
    assert request.status == ContactRequest.Status.HANDLED
    assert request.handled_by == holder
    screenshot(page, "admin-contact-requests-holder")
