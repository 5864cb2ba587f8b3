"""The schedule's reads: an edition's programme by day and place, now and next, opening hours."""

import dataclasses
import datetime
import zoneinfo

from django.db.models import Count, Max, Prefetch, QuerySet

from exhibition.models import Booth, Exhibition, Hall, ScheduleItem
from neighborhoods.models import Neighborhood

# The exhibition's clock: "now" on the public site is always Qom's local time.
EXHIBITION_TZ = zoneinfo.ZoneInfo("Asia/Tehran")

NEXT_ITEMS_LIMIT = 5


@dataclasses.dataclass(frozen=True)
class ScheduleDay:
    date: datetime.date
    number: int
    item_count: int


@dataclasses.dataclass(frozen=True)
class SchedulePlace:
    key: str
    label: str


def schedule_items_public(*, exhibition: Exhibition) -> QuerySet[ScheduleItem]:
    """Published items of an edition in programme order, with what a listing shows."""
    return (
        ScheduleItem.objects.public()
        .filter(exhibition=exhibition)
        .select_related("hall")
        # The place and the neighborhood are shown only when they are public themselves.
        .prefetch_related(
            Prefetch("booth", queryset=Booth.objects.public().select_related("section")),
            Prefetch("neighborhood", queryset=Neighborhood.objects.public()),
        )
        .order_by("day", "start_time", "end_time", "title", "pk")
    )


def schedule_now_next(
    *, exhibition: Exhibition, at: datetime.datetime, limit: int = NEXT_ITEMS_LIMIT
) -> tuple[list[ScheduleItem], list[ScheduleItem]]:
    """The items happening at `at` and the next `limit` ones later that day (Tehran time)."""
    local = at.astimezone(EXHIBITION_TZ) if at.tzinfo else at
    today = schedule_items_public(exhibition=exhibition).filter(day=local.date())
    moment = local.time().replace(tzinfo=None)
    now = list(today.filter(start_time__lte=moment, end_time__gt=moment))
    upcoming = list(today.filter(start_time__gt=moment)[:limit])
    return now, upcoming


@dataclasses.dataclass(frozen=True)
class OpeningState:
    """Whether the doors are open at a moment, and when they next open or close (Tehran time)."""

    is_open: bool
    has_ended: bool
    opens_at: datetime.datetime | None = None
    closes_at: datetime.datetime | None = None


def exhibition_opening_state(*, exhibition: Exhibition, at: datetime.datetime) -> OpeningState:
    local = at.astimezone(EXHIBITION_TZ)
    for day in exhibition.days:
        opens, closes = (
            datetime.datetime.combine(day, time, tzinfo=EXHIBITION_TZ)
            for time in exhibition.hours_on(day)
        )
        if local < opens:
            return OpeningState(is_open=False, has_ended=False, opens_at=opens)
        if local < closes:
            return OpeningState(is_open=True, has_ended=False, closes_at=closes)
    return OpeningState(is_open=False, has_ended=True)


def _place_filter(items: QuerySet[ScheduleItem], place: str) -> QuerySet[ScheduleItem]:
    kind, _, value = place.partition(":")
    if kind == ScheduleItem.PlaceKind.BOOTH:
        return items.filter(place_kind=kind, booth__code=value)
    if kind == ScheduleItem.PlaceKind.HALL and value.isdigit():
        return items.filter(place_kind=kind, hall_id=int(value))
    return items.none()


def schedule_filtered(
    *, exhibition: Exhibition, kind: str | None = None, place: str | None = None
) -> QuerySet[ScheduleItem]:
    """Published items, optionally of one kind and in one place (a `SchedulePlace.key`)."""
    items = schedule_items_public(exhibition=exhibition)
    if kind:
        items = items.filter(kind=kind)
    if place:
        items = _place_filter(items, place)
    return items


def schedule_for_day(
    *,
    exhibition: Exhibition,
    day: datetime.date,
    kind: str | None = None,
    place: str | None = None,
) -> list[ScheduleItem]:
    return list(schedule_filtered(exhibition=exhibition, kind=kind, place=place).filter(day=day))


def schedule_by_day(
    *, exhibition: Exhibition, kind: str | None = None, place: str | None = None
) -> list[tuple[ScheduleDay, list[ScheduleItem]]]:
    """Every day of the edition (empty days too) with its items, in one query."""
    items_by_day: dict[datetime.date, list[ScheduleItem]] = {}
    for item in schedule_filtered(exhibition=exhibition, kind=kind, place=place):
        items_by_day.setdefault(item.day, []).append(item)
    return [
        (
            ScheduleDay(date=day, number=n, item_count=len(items_by_day.get(day, []))),
            items_by_day.get(day, []),
        )
        for n, day in enumerate(exhibition.days, start=1)
    ]


def schedule_days(*, exhibition: Exhibition) -> list[ScheduleDay]:
    """The edition's days, numbered from 1, with how many published items each has."""
    counts = dict(
        ScheduleItem.objects.public()
        .filter(exhibition=exhibition)
        .values_list("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    return [
        ScheduleDay(date=day, number=n, item_count=counts.get(day, 0))
        for n, day in enumerate(exhibition.days, start=1)
    ]


def schedule_halls(*, exhibition: Exhibition) -> list[SchedulePlace]:
    """The halls where published items are held (the place filter, the floor plan)."""
    items = ScheduleItem.objects.public().filter(
        exhibition=exhibition, place_kind=ScheduleItem.PlaceKind.HALL
    )
    halls = (
        Hall.objects.filter(schedule_items__in=items)
        .order_by("name")
        .values_list("pk", "name")
        .distinct()
    )
    return [SchedulePlace(key=f"hall:{pk}", label=name) for pk, name in halls]


def schedule_places(*, exhibition: Exhibition) -> list[SchedulePlace]:
    """The halls and booths where published items are held, for a place filter."""
    booths = (
        ScheduleItem.objects.public()
        .filter(
            exhibition=exhibition,
            place_kind=ScheduleItem.PlaceKind.BOOTH,
            booth__in=Booth.objects.public(),
        )
        .order_by("booth__code")
        .values_list("booth__code", "booth__name")
        .distinct()
    )
    return schedule_halls(exhibition=exhibition) + [
        SchedulePlace(key=f"booth:{code}", label=f"{code} · {name}") for code, name in booths
    ]


def schedule_last_changed(*, exhibition: Exhibition) -> datetime.datetime | None:
    """When the edition's schedule last changed, deletions included (through the history)."""
    latest_item = ScheduleItem.objects.filter(exhibition=exhibition).aggregate(m=Max("updated_at"))[
        "m"
    ]
    latest_history = ScheduleItem.history.filter(exhibition_id=exhibition.pk).aggregate(
        m=Max("history_date")
    )["m"]
    moments = [m for m in (latest_item, latest_history) if m is not None]
    return max(moments) if moments else None
