"""A full demo-sized programme for tests: 30 published items a day for the five days."""

import datetime

from exhibition.models import Exhibition, ScheduleItem
from exhibition.tests.factories import BoothFactory
from moqdad.publishing import PublicationStatus

HALLS = ["سالن شهدا", "سالن محلات", "سالن اقشار", "سالن گفتگو", "سالن کتاب"]
SLOTS = [(15, 30), (16, 30), (17, 30), (18, 30), (19, 30)]
KINDS = [
    ScheduleItem.Kind.SPEECH,
    ScheduleItem.Kind.PANEL,
    ScheduleItem.Kind.BOOK_UNVEILING,
    ScheduleItem.Kind.PERFORMANCE,
    ScheduleItem.Kind.OFFICIAL_VISIT,
]


def _end(hour: int, minute: int) -> datetime.time:
    start = datetime.datetime.combine(datetime.date.today(), datetime.time(hour, minute))
    return (start + datetime.timedelta(minutes=45)).time()


def make_full_schedule(edition: Exhibition, *, booths: int = 5) -> list[ScheduleItem]:
    """25 hall items and 5 booth items on each day of the edition (with the real opening: 151)."""
    booth_list = BoothFactory.create_batch(booths, exhibition=edition)
    items = []
    for day_number, day in enumerate(edition.days, start=1):
        for h, hall in enumerate(HALLS):
            for s, (hour, minute) in enumerate(SLOTS):
                items.append(
                    ScheduleItem(
                        exhibition=edition,
                        day=day,
                        start_time=datetime.time(hour, minute),
                        end_time=_end(hour, minute),
                        place_kind=ScheduleItem.PlaceKind.HALL,
                        hall=hall,
                        kind=KINDS[(h + s) % len(KINDS)],
                        title=f"برنامه {s + 1} {hall} روز {day_number}",
                        speakers="سخنران مدعو",
                        status=PublicationStatus.PUBLISHED,
                    )
                )
        for b, booth in enumerate(booth_list):
            items.append(
                ScheduleItem(
                    exhibition=edition,
                    day=day,
                    start_time=datetime.time(16 + b % 4, 0),
                    end_time=datetime.time(16 + b % 4, 30),
                    place_kind=ScheduleItem.PlaceKind.BOOTH,
                    booth=booth,
                    neighborhood=booth.neighborhood,
                    kind=ScheduleItem.Kind.OTHER,
                    title=f"معرفی غرفه {booth.code}",
                    status=PublicationStatus.PUBLISHED,
                )
            )
    return ScheduleItem.objects.bulk_create(items)
