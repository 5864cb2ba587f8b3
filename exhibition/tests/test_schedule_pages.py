import datetime
import json
import zoneinfo

import icalendar
import pytest
from django.utils import timezone

from exhibition.models import ScheduleItem
from exhibition.tests.factories import BoothFactory, ScheduleItemFactory
from exhibition.tests.schedule_data import make_full_schedule
from moqdad.publishing import PublicationStatus

TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
DAY_2 = datetime.date(2022, 11, 1)


def _items_at_day_2(count):
    # Consecutive 5-minute items in one hall, all inside the daily hours.
    start = datetime.datetime.combine(DAY_2, datetime.time(15, 30))
    for n in range(count):
        begin = start + datetime.timedelta(minutes=5 * n)
        ScheduleItemFactory(
            day=DAY_2,
            hall="سالن یک",
            start_time=begin.time(),
            end_time=(begin + datetime.timedelta(minutes=5)).time(),
            booth=BoothFactory() if n % 2 == 0 else None,
        )


@pytest.mark.parametrize("count", [1, 50])
def test_schedule_day_page_queries_do_not_grow_with_items(
    client, edition, django_assert_num_queries, count
):
    _items_at_day_2(count)

    with django_assert_num_queries(9):
        response = client.get("/schedule/2022-11-01/")

    assert response.content.decode().count('class="schedule-item"') == count


@pytest.mark.parametrize("count", [1, 50])
def test_schedule_edition_page_queries_do_not_grow_with_items(
    client, edition, django_assert_num_queries, count
):
    _items_at_day_2(count)

    with django_assert_num_queries(8):
        response = client.get("/schedule/?days=all")

    assert response.content.decode().count('class="schedule-item"') == count + 1


def test_schedule_edition_page_shows_every_day_with_its_jalali_name(client, edition):
    html = client.get("/schedule/?days=all").content.decode()

    assert "روز ۱: دوشنبه ۹ آبان ۱۴۰۱" in html
    assert "جمعه ۱۳ آبان ۱۴۰۱" in html
    assert "آیین افتتاحیه نمایشگاه مقداد" in html


def test_schedule_page_filters_by_kind(client, edition):
    ScheduleItemFactory(day=DAY_2, kind=ScheduleItem.Kind.PANEL, title="نشست محله‌محوری")
    ScheduleItemFactory(day=DAY_2, kind=ScheduleItem.Kind.SPEECH, title="سخنرانی سردار")

    html = client.get("/schedule/2022-11-01/?kind=panel").content.decode()

    assert ("نشست محله‌محوری" in html, "سخنرانی سردار" in html) == (True, False)


def test_schedule_page_filters_by_booth_and_links_to_it(client, edition):
    booth = BoothFactory(code="C3")
    ScheduleItemFactory(
        day=DAY_2,
        place_kind="booth",
        booth=booth,
        hall="",
        title="معرفی محله",
        neighborhood=booth.neighborhood,
    )
    ScheduleItemFactory(day=DAY_2, title="برنامه سالن")

    html = client.get("/schedule/2022-11-01/?place=booth:C3").content.decode()

    assert ("معرفی محله" in html, "برنامه سالن" in html) == (True, False)
    assert 'href="/booths/C3/"' in html
    assert f'href="{booth.neighborhood.get_absolute_url()}"' in html


def test_schedule_page_ignores_an_unknown_filter(client, edition):
    response = client.get("/schedule/?days=all&kind=<script>&place=hall:nowhere")

    assert response.status_code == 200
    assert "آیین افتتاحیه نمایشگاه مقداد" in response.content.decode()


def test_schedule_page_hides_unpublished_items(client, edition):
    ScheduleItemFactory(day=DAY_2, title="برنامه پیش‌نویس", status=PublicationStatus.DRAFT)

    assert "برنامه پیش‌نویس" not in client.get("/schedule/2022-11-01/").content.decode()


@pytest.mark.parametrize("url", ["/schedule/2022-11-05/", "/schedule/2022-13-45/"])
def test_schedule_day_outside_the_edition_is_not_found(client, edition, url):
    assert client.get(url).status_code == 404


def test_schedule_now_page_shows_the_running_item(client, edition, monkeypatch):
    moment = datetime.datetime(2022, 10, 31, 18, 20, tzinfo=TEHRAN)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    ScheduleItemFactory(
        day=edition.start_date,
        start_time=datetime.time(19, 0),
        end_time=datetime.time(19, 30),
        title="سخنرانی بعدی",
    )

    html = client.get("/schedule/now/").content.decode()

    assert html.index("آیین افتتاحیه نمایشگاه مقداد") < html.index("سخنرانی بعدی")
    assert "ساعت قم: ۱۸:۲۰" in html


def test_schedule_now_page_before_the_1800_opening_of_day_one_says_it_opens_later(
    client, edition, monkeypatch
):
    monkeypatch.setattr(
        timezone, "now", lambda: datetime.datetime(2022, 10, 31, 16, 0, tzinfo=TEHRAN)
    )

    html = client.get("/schedule/now/").content.decode()

    assert "نمایشگاه امروز ساعت <bdi>۱۸:۰۰</bdi> گشوده می‌شود." in html
    assert 'class="schedule-now"' not in html
    assert "هم‌اکنون" not in html
    assert html.count("آیین افتتاحیه نمایشگاه مقداد") == 1


def test_schedule_now_page_while_open_says_until_when(client, edition, monkeypatch):
    monkeypatch.setattr(
        timezone, "now", lambda: datetime.datetime(2022, 11, 1, 16, 0, tzinfo=TEHRAN)
    )

    html = client.get("/schedule/now/").content.decode()

    assert "نمایشگاه هم‌اکنون تا ساعت <bdi>۲۰:۳۰</bdi> باز است." in html


def test_schedule_now_page_after_the_edition_says_it_has_ended(client, edition, monkeypatch):
    monkeypatch.setattr(
        timezone, "now", lambda: datetime.datetime(2022, 11, 5, 12, 0, tzinfo=TEHRAN)
    )

    html = client.get("/schedule/now/").content.decode()

    assert "نمایشگاه به پایان رسیده است؛ آخرین روز آن <bdi>جمعه ۱۳ آبان ۱۴۰۱</bdi> بود." in html
    assert "برپاست" not in html


def test_ics_of_the_edition_parses_back_with_every_published_item(client, edition):
    make_full_schedule(edition)

    response = client.get("/schedule/calendar.ics")

    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    first = min(events, key=lambda e: e.decoded("dtstart"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert len(events) == ScheduleItem.objects.published().count() == 151
    assert first.decoded("dtstart") == datetime.datetime(2022, 10, 31, 18, 0, tzinfo=TEHRAN)
    assert len(list(calendar.walk("VTIMEZONE"))) == 1
    assert len({str(e["uid"]) for e in events}) == 151


def test_ics_first_event_of_1401_is_the_opening_at_18_tehran(client, edition):
    calendar = icalendar.Calendar.from_ical(client.get("/schedule/calendar.ics").content)

    (event,) = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert (str(event["summary"]), start.astimezone(TEHRAN)) == (
        "آیین افتتاحیه نمایشگاه مقداد",
        datetime.datetime(2022, 10, 31, 18, 0, tzinfo=TEHRAN),
    )
    assert event["dtstart"].params["TZID"] == "Asia/Tehran"


def test_ics_of_one_day_has_that_day_only_and_keeps_uids_stable(client, edition):
    item = ScheduleItemFactory(day=DAY_2)
    first = icalendar.Calendar.from_ical(client.get("/schedule/2022-11-01/calendar.ics").content)
    item.title = "عنوان تازه"
    item.save()

    second = icalendar.Calendar.from_ical(client.get("/schedule/2022-11-01/calendar.ics").content)

    uids = [[str(e["uid"]) for e in c.walk("VEVENT")] for c in (first, second)]
    assert uids[0] == uids[1]
    assert len(uids[0]) == 1


def test_json_feed_lists_published_items_without_private_fields(client, edition):
    ScheduleItemFactory(day=DAY_2, title="برنامه منتشرشده")
    ScheduleItemFactory(day=DAY_2, title="پیش‌نویس", status=PublicationStatus.DRAFT)

    response = client.get("/schedule/feed.json")

    feed = json.loads(response.content)
    assert [i["title"] for i in feed["items"]] == [
        "آیین افتتاحیه نمایشگاه مقداد",
        "برنامه منتشرشده",
    ]
    assert feed["items"][0]["start"] == "2022-10-31T18:00:00+03:30"
    assert "agency" not in feed["items"][0]


def test_json_feed_answers_304_to_a_matching_etag(client, edition):
    first = client.get("/schedule/feed.json")

    again = client.get("/schedule/feed.json", HTTP_IF_NONE_MATCH=first["ETag"])

    assert (first.status_code, again.status_code, again.content) == (200, 304, b"")
    assert first["Last-Modified"]


def test_json_feed_etag_changes_when_an_item_is_deleted(client, edition):
    item = ScheduleItemFactory(day=DAY_2)
    before = client.get("/schedule/feed.json")["ETag"]
    item.delete()

    after = client.get("/schedule/feed.json", HTTP_IF_NONE_MATCH=before)

    assert after.status_code == 200
    assert after["ETag"] != before


def test_schedule_page_gives_the_later_opening_of_day_one(client, edition):
    html = client.get("/schedule/").content.decode()

    assert (
        "گشایش <bdi>دوشنبه ۹ آبان ۱۴۰۱</bdi> ساعت <bdi>۱۸:۰۰</bdi>؛ "
        "سپس هر روز از ساعت <bdi>۱۵:۳۰</bdi> تا <bdi>۲۰:۳۰</bdi>"
    ) in html
