"""A full demo-sized programme for tests: 30 published items a day for the five days."""

import datetime

from exhibition.models import Exhibition, Hall, ScheduleItem
from exhibition.tests.factories import BoothFactory
from moqdad.publishing import PublicationStatus

HALLS = ["سالن شهدا", "سالن محلات", "سالن اقشار", "سالن گفتگو", "سالن کتاب"]
SLOTS_A_DAY = 5
KINDS = [
    ScheduleItem.Kind.SPEECH,
    ScheduleItem.Kind.PANEL,
    ScheduleItem.Kind.BOOK_UNVEILING,
    ScheduleItem.Kind.PERFORMANCE,
    ScheduleItem.Kind.OFFICIAL_VISIT,
]


def _at(day: datetime.date, time: datetime.time, minutes: int) -> datetime.time:
    return (datetime.datetime.combine(day, time) + datetime.timedelta(minutes=minutes)).time()


def make_full_schedule(edition: Exhibition, *, booths: int = 5) -> list[ScheduleItem]:
    """25 hall items and 5 booth items on each day of the edition (with the real opening: 151).

    Inside each day's hours: hourly 45-minute items from 15:30, half-hourly 30-minute ones on a
    shorter day (the first day of 1401 opens at 18:00).
    """
    booth_list = BoothFactory.create_batch(booths, exhibition=edition)
    halls = [Hall.objects.get_or_create(exhibition=edition, name=name)[0] for name in HALLS]
    items = []
    for day_number, day in enumerate(edition.days, start=1):
        opens, closes = edition.hours_on(day)
        open_minutes = (
            datetime.datetime.combine(day, closes) - datetime.datetime.combine(day, opens)
        ).seconds // 60
        step = open_minutes // SLOTS_A_DAY
        length = min(45, step)
        slots = [_at(day, opens, step * s) for s in range(SLOTS_A_DAY)]
        for h, hall in enumerate(halls):
            for s, start in enumerate(slots):
                items.append(
                    ScheduleItem(
                        exhibition=edition,
                        day=day,
                        start_time=start,
                        end_time=_at(day, start, length),
                        place_kind=ScheduleItem.PlaceKind.HALL,
                        hall=hall,
                        kind=KINDS[(h + s) % len(KINDS)],
                        title=f"برنامه {s + 1} {hall.name} روز {day_number}",
                        speakers="سخنران مدعو",
                        status=PublicationStatus.PUBLISHED,
                    )
                )
        for b, booth in enumerate(booth_list):
            start = _at(day, slots[b % 4], 30)
            items.append(
                ScheduleItem(
                    exhibition=edition,
                    day=day,
                    start_time=start,
                    end_time=_at(day, start, 30),
                    place_kind=ScheduleItem.PlaceKind.BOOTH,
                    booth=booth,
                    neighborhood=booth.neighborhood,
                    kind=ScheduleItem.Kind.OTHER,
                    title=f"معرفی غرفه {booth.code}",
                    status=PublicationStatus.PUBLISHED,
                )
            )
    return ScheduleItem.objects.bulk_create(items)
