import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from exhibition import selectors, services
from exhibition.models import ScheduleItem
from exhibition.tests.factories import BoothFactory, ScheduleItemFactory
from moqdad.publishing import PublicationStatus

TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
DAY_2 = datetime.date(2022, 11, 1)


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TEHRAN)


def test_schedule_now_next_splits_current_and_upcoming_items(edition):
    running = ScheduleItemFactory(
        day=DAY_2, start_time=datetime.time(16), end_time=datetime.time(17)
    )
    later = ScheduleItemFactory(day=DAY_2, start_time=datetime.time(17), end_time=datetime.time(18))
    ScheduleItemFactory(day=datetime.date(2022, 11, 2))

    now, upcoming = selectors.schedule_now_next(exhibition=edition, at=_at(DAY_2, 16, 30))

    assert (now, upcoming) == ([running], [later])


def test_schedule_now_next_uses_tehran_time_for_a_utc_moment(edition):
    item = ScheduleItemFactory(day=DAY_2, start_time=datetime.time(16), end_time=datetime.time(17))
    moment_utc = datetime.datetime(2022, 11, 1, 13, 0, tzinfo=datetime.UTC)  # 16:30 in Tehran

    now, _ = selectors.schedule_now_next(exhibition=edition, at=moment_utc)

    assert now == [item]


def test_schedule_now_next_leaves_out_unpublished_items(edition):
    ScheduleItemFactory(
        day=DAY_2,
        start_time=datetime.time(16),
        end_time=datetime.time(17),
        status=PublicationStatus.DRAFT,
    )

    assert selectors.schedule_now_next(exhibition=edition, at=_at(DAY_2, 15, 45)) == ([], [])


def test_schedule_for_day_filters_by_kind_and_place(edition):
    booth = BoothFactory()
    panel = ScheduleItemFactory(day=DAY_2, kind=ScheduleItem.Kind.PANEL, hall="سالن اصلی")
    ScheduleItemFactory(
        day=DAY_2,
        kind=ScheduleItem.Kind.SPEECH,
        hall="سالن اصلی",
        start_time=datetime.time(17),
        end_time=datetime.time(18),
    )
    at_booth = ScheduleItemFactory(
        day=DAY_2,
        kind=ScheduleItem.Kind.PANEL,
        place_kind=ScheduleItem.PlaceKind.BOOTH,
        booth=booth,
        hall="",
    )

    by_kind = selectors.schedule_for_day(exhibition=edition, day=DAY_2, kind="panel")
    by_place = selectors.schedule_for_day(
        exhibition=edition, day=DAY_2, place=f"booth:{booth.code}"
    )

    assert (set(by_kind), by_place) == ({panel, at_booth}, [at_booth])


def test_schedule_days_counts_published_items_per_day(edition):
    ScheduleItemFactory.create_batch(2, day=DAY_2)

    days = selectors.schedule_days(exhibition=edition)

    assert [(d.number, d.item_count) for d in days] == [(1, 1), (2, 2), (3, 0), (4, 0), (5, 0)]


def test_schedule_item_save_rejects_an_overlap_naming_the_other_item(edition):
    with pytest.raises(ValidationError) as error:
        services.schedule_item_save(
            item=ScheduleItem(
                exhibition=edition,
                day=edition.start_date,
                start_time=datetime.time(18, 30),
                end_time=datetime.time(19, 30),
                title="سخنرانی",
                hall=edition.halls.get(name="سالن اصلی"),
            )
        )

    assert "«آیین افتتاحیه نمایشگاه مقداد»" in " ".join(error.value.messages)
    assert ScheduleItem.objects.count() == 1
