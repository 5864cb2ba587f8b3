"""Markup a visitor's phone and the Nu Html Checker read: valid machine-readable times, forms
that say where they go, a schedule read one day at a time, booth places named once, and a
floor plan with its entrance and halls."""

import datetime
import re

import pytest
from django.urls import reverse

from exhibition.models import Hall
from exhibition.tests.factories import BoothFactory, ScheduleItemFactory
from exhibition.tests.public_site import build_public_data, visible_text

DAY_2 = datetime.date(2022, 11, 1)
# What HTML accepts in <time datetime>: a date, a local date and time, a time (the forms
# the site writes).
VALID_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?|\d{2}:\d{2}")


@pytest.fixture
def public_pages(edition):
    data = build_public_data(edition, neighborhoods=2)
    return [
        reverse("exhibition:home"),
        reverse("exhibition:schedule"),
        reverse("exhibition:schedule") + "?days=all",
        reverse("exhibition:schedule_day", kwargs={"day": DAY_2}),
        reverse("exhibition:schedule_now"),
        reverse("exhibition:floor_plan"),
        reverse("martyrs:search") + "?q=%D8%A7",
        data["martyrs"][0].get_absolute_url(),
        data["neighborhoods"][0].get_absolute_url(),
        data["booths"][0].get_absolute_url(),
    ]


def test_every_time_element_on_public_pages_has_a_valid_datetime(client, public_pages):
    invalid = {}
    for url in public_pages:
        html = client.get(url).content.decode()
        times = re.findall(r"<time\b[^>]*>", html)
        bad = [tag for tag in times if not _valid_datetime(tag)]
        if bad:
            invalid[url] = bad

    assert invalid == {}


def test_schedule_item_times_carry_their_day_and_hour(client, edition):
    ScheduleItemFactory(
        day=DAY_2, start_time=datetime.time(16, 0), end_time=datetime.time(16, 45), title="نشست"
    )

    html = client.get("/schedule/2022-11-01/").content.decode()

    assert '<time datetime="2022-11-01T16:00">۱۶:۰۰</time>' in html
    assert '<time datetime="2022-11-01T16:45">۱۶:۴۵</time>' in html


def test_no_public_form_has_an_empty_action(client, public_pages):
    empty = {url for url in public_pages if 'action=""' in client.get(url).content.decode()}

    assert empty == set()


def test_schedule_filter_form_submits_to_the_page_it_is_on(client, edition):
    html = client.get("/schedule/2022-11-01/").content.decode()

    assert (
        '<form class="filters schedule-filters" method="get" action="/schedule/2022-11-01/">'
        in (html)
    )


def test_schedule_page_lists_the_days_not_every_item(client, edition):
    ScheduleItemFactory(day=DAY_2, title="نشست روز دوم")

    html = client.get("/schedule/").content.decode()

    assert "نشست روز دوم" not in html
    assert html.count('class="schedule-day-card"') == 5
    assert 'href="/schedule/2022-11-01/"' in html
    assert "همه برنامه‌ها در یک صفحه" in visible_text(html)


def test_schedule_page_of_all_days_stays_reachable(client, edition):
    ScheduleItemFactory(day=DAY_2, title="نشست روز دوم")

    index = client.get("/schedule/").content.decode()
    everything = client.get("/schedule/?days=all").content.decode()

    assert 'href="?days=all"' in index
    assert "نشست روز دوم" in everything


def test_schedule_page_filtered_shows_the_items_of_every_day(client, edition):
    ScheduleItemFactory(day=DAY_2, kind="panel", title="نشست روز دوم")

    html = client.get("/schedule/?kind=panel").content.decode()

    assert "نشست روز دوم" in html


def test_schedule_day_card_counts_the_day_items(client, edition):
    ScheduleItemFactory(day=DAY_2)
    ScheduleItemFactory(day=DAY_2, start_time=datetime.time(17), end_time=datetime.time(17, 30))

    text = visible_text(client.get("/schedule/").content.decode())

    assert "روز ۲ سه‌شنبه ۱۰ آبان ۱۴۰۱ ۲ برنامه" in text


@pytest.mark.parametrize("url", ["/schedule/2022-11-01/", "/schedule/?days=all"])
def test_schedule_booth_place_names_the_booth_once(client, edition, url):
    booth = BoothFactory(code="B-42", name="غرفه شهرک پردیس")
    ScheduleItemFactory(day=DAY_2, place_kind="booth", booth=booth, hall="")

    text = visible_text(client.get(url).content.decode())

    assert "مکان: غرفه B-۴۲ · شهرک پردیس" in text
    assert "غرفه B-۴۲ · غرفه" not in text


def test_schedule_booth_place_keeps_a_name_without_the_word_booth(client, edition):
    booth = BoothFactory(code="B-07", name="نیلوفر")
    ScheduleItemFactory(day=DAY_2, place_kind="booth", booth=booth, hall="")

    text = visible_text(client.get("/schedule/2022-11-01/").content.decode())

    assert "مکان: غرفه B-۰۷ · نیلوفر" in text


def test_floor_plan_draws_the_entrance_and_the_programme_halls(client, edition):
    BoothFactory(code="B-01")
    ScheduleItemFactory(day=DAY_2, hall="سالن همایش شهدا")
    ScheduleItemFactory(
        day=DAY_2, hall="سالن کتاب", start_time=datetime.time(17), end_time=datetime.time(18)
    )

    html = client.get("/plan/").content.decode()

    assert 'class="floor-plan__entrance"' in html
    assert ">ورودی</text>" in html
    # The real edition's opening is in its main hall: three halls in all.
    assert html.count('class="floor-plan__room"') == 3
    book_hall = Hall.objects.get(exhibition=edition, name="سالن کتاب")
    assert f'href="/schedule/?place=hall%3A{book_hall.pk}"' in html
    assert ">سالن همایش </tspan>" in html and ">شهدا</tspan>" in html


def test_floor_plan_hall_links_open_that_hall_programme(client, edition):
    BoothFactory(code="B-01")
    ScheduleItemFactory(day=DAY_2, hall="سالن کتاب", title="رونمایی کتاب")
    ScheduleItemFactory(
        day=DAY_2,
        hall="سالن اصلی",
        title="سخنرانی سردار نمونه",
        start_time=datetime.time(17),
        end_time=datetime.time(18),
    )

    book_hall = Hall.objects.get(exhibition=edition, name="سالن کتاب")

    html = client.get("/schedule/", {"place": f"hall:{book_hall.pk}"}).content.decode()

    assert ("رونمایی کتاب" in html, "سخنرانی سردار نمونه" in html) == (True, False)


def _valid_datetime(tag: str) -> bool:
    match = re.search(r'datetime="([^"]*)"', tag)
    return bool(match and VALID_DATETIME.fullmatch(match.group(1)))
