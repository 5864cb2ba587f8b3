"""Staff in the admin: an organizer enters the programme, a manager keeps their council."""

import datetime

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from exhibition.tests.pdf_text import has_phrase, pdf_pages
from tests.browser.conftest import DESKTOP

PASSWORD = "a-Long-demo-pass-1401"


def _login(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()


def _edition_running_today():
    """An edition whose days include today in Tehran, so 'today's programme' is real."""
    from exhibition.models import Exhibition
    from exhibition.tests.factories import edition_1401

    edition_1401()
    Exhibition.objects.update(is_current=False)
    today = timezone.localdate()
    edition = Exhibition.objects.create(
        slug="today",
        title="مقداد",
        full_title="محلات قم در امتداد دادگری",
        jalali_year=1499,
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=3),
        daily_opens_at=datetime.time(15, 30),
        daily_closes_at=datetime.time(20, 30),
        venue="محل دائمی نمایشگاه‌ها، مجاورت استانداری قم",
        status="published",
        is_current=True,
    )
    return edition, today


@pytest.mark.django_db(transaction=True)
def test_organizer_enters_an_item_sees_the_overlap_then_finds_it_in_print(
    watched_page, live_server, django_user_model, screenshot
):
    from exhibition.tests.factories import ScheduleItemFactory

    edition, today = _edition_running_today()
    ScheduleItemFactory(
        exhibition=edition, day=today, hall="سالن اصلی", title="نشست مدیران محله",
        start_time=datetime.time(16, 0), end_time=datetime.time(17, 0),
    )  # fmt: skip
    django_user_model.objects.create_superuser("organizer", "o@example.com", PASSWORD)
    page = watched_page
    page.set_viewport_size(DESKTOP)
    _login(page, live_server, "organizer")

    page.goto(live_server.url + "/admin/exhibition/scheduleitem/add/")
    page.locator("#id_exhibition").select_option(str(edition.pk))
    page.locator("#id_title").fill("رونمایی از کتاب نظام مسائل محلات")
    page.locator("#id_kind").select_option("book_unveiling")
    page.locator("#id_status").select_option("published")
    page.locator(".jalali-picker-toggle").first.click()
    page.locator(".jalali-picker-today").click()
    page.locator("#id_start_time").fill("16:30")
    page.locator("#id_end_time").fill("17:15")
    page.locator("#id_place_kind").select_option("hall")
    page.locator("#id_hall").select_option(label="سالن اصلی")
    page.locator("input[name=_save]").first.click()
    page.wait_for_load_state()

    error = page.locator(".errornote, .errorlist").all_inner_texts()
    assert any("نشست مدیران محله" in text for text in error)
    screenshot(page, "admin-schedule-overlap")

    page.locator("#id_start_time").fill("17:00")
    page.locator("#id_end_time").fill("17:45")
    page.locator("input[name=_save]").first.click()
    page.wait_for_load_state()

    assert page.locator(".errorlist").count() == 0
    page.goto(f"{live_server.url}/schedule/{today.isoformat()}/")
    assert "رونمایی از کتاب نظام مسائل محلات" in page.locator("main").inner_text()
    response = page.request.get(f"{live_server.url}/print/schedule/{today.isoformat()}.pdf")
    assert response.ok
    text = "\n".join(pdf_pages(response.body()))
    assert has_phrase(text, "رونمایی از کتاب نظام مسائل محلات")


@pytest.mark.django_db(transaction=True)
def test_manager_adds_a_council_member_and_cannot_open_another_council(
    watched_page, live_server, django_user_model, screenshot
):
    from django.contrib.auth.models import Group

    from moqdad.role_groups import sync_role_groups
    from moqdad.roles import GROUP_NAMES, Role
    from neighborhoods.models import CouncilMember
    from neighborhoods.tests.factories import council_with_members

    sync_role_groups(django_apps)
    own = council_with_members(6, status="draft")
    other = council_with_members(6)
    manager = django_user_model.objects.create_user(
        "manager", "m@example.com", PASSWORD, is_staff=True
    )
    manager.groups.add(Group.objects.get(name=GROUP_NAMES[Role.NEIGHBORHOOD_MANAGER]))
    own.neighborhood.managers.add(manager)
    page = watched_page
    page.set_viewport_size(DESKTOP)
    _login(page, live_server, "manager")

    page.goto(f"{live_server.url}/admin/neighborhoods/council/{own.pk}/change/")
    page.locator("#members-group .add-row a").click()
    row = page.locator("tr.dynamic-members").last
    row.locator("input[name$='-full_name']").fill("زهرا رضایی")
    row.locator("select[name$='-role']").select_option("teacher")
    page.locator("input[name=_continue]").first.click()
    page.wait_for_load_state()

    assert page.locator(".errorlist").count() == 0
    assert CouncilMember.objects.filter(council=own, full_name="زهرا رضایی").exists()
    screenshot(page, "admin-council-manager")

    response = page.goto(f"{live_server.url}/admin/neighborhoods/council/{other.pk}/change/")
    page.watch.console_errors.clear()  # the browser logs the refused page's 403/404 status
    assert response.status in (403, 404) or other.neighborhood.name not in page.content()
    assert other.neighborhood.name not in page.content()
