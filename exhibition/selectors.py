import dataclasses
import datetime
import zoneinfo

from django.db.models import Count, Max, QuerySet

from exhibition.models import Booth, Exhibition, ScheduleItem, Section
from martyrs.models import Martyr, VeteranTally
from neighborhoods.models import (
    CouncilMember,
    IdentityElement,
    Initiative,
    Neighborhood,
    Problem,
    ProfileIndicator,
)

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


def exhibition_current() -> Exhibition | None:
    return Exhibition.objects.filter(is_current=True).first()


def booth_get_public(*, exhibition: Exhibition, code: str) -> Booth | None:
    return (
        Booth.objects.published()
        .filter(exhibition=exhibition, code=code)
        .select_related("section", "neighborhood", "strata_base")
        .first()
    )


def schedule_items_public(*, exhibition: Exhibition) -> QuerySet[ScheduleItem]:
    """Published items of an edition in programme order, with what a listing shows."""
    return (
        ScheduleItem.objects.published()
        .filter(exhibition=exhibition)
        .select_related("booth", "booth__section", "neighborhood")
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


def _place_filter(items: QuerySet[ScheduleItem], place: str) -> QuerySet[ScheduleItem]:
    kind, _, value = place.partition(":")
    if kind == ScheduleItem.PlaceKind.BOOTH:
        return items.filter(place_kind=kind, booth__code=value)
    if kind == ScheduleItem.PlaceKind.HALL:
        return items.filter(place_kind=kind, hall=value)
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
        ScheduleItem.objects.published()
        .filter(exhibition=exhibition)
        .values_list("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    return [
        ScheduleDay(date=day, number=n, item_count=counts.get(day, 0))
        for n, day in enumerate(exhibition.days, start=1)
    ]


def schedule_places(*, exhibition: Exhibition) -> list[SchedulePlace]:
    """The halls and booths where published items are held, for a place filter."""
    items = ScheduleItem.objects.published().filter(exhibition=exhibition)
    halls = (
        items.filter(place_kind=ScheduleItem.PlaceKind.HALL)
        .order_by("hall")
        .values_list("hall", flat=True)
        .distinct()
    )
    booths = (
        items.filter(place_kind=ScheduleItem.PlaceKind.BOOTH, booth__isnull=False)
        .order_by("booth__code")
        .values_list("booth__code", "booth__name")
        .distinct()
    )
    return [SchedulePlace(key=f"hall:{hall}", label=hall) for hall in halls] + [
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


def booths_for_print(*, exhibition: Exhibition, codes: list[str] | None = None) -> list[Booth]:
    """Booths for signs: the given codes (published or not), else every published booth."""
    booths = Booth.objects.filter(exhibition=exhibition).select_related(
        "section", "neighborhood", "strata_base"
    )
    booths = booths.filter(code__in=codes) if codes else booths.published()
    return list(booths.order_by("section__number", "code"))


def booth_directory(
    *, exhibition: Exhibition
) -> tuple[list[tuple[Section, list[Booth]]], list[tuple[Neighborhood, list[Booth]]], list[Booth]]:
    """Published booths by section, by neighborhood, and those of no neighborhood."""
    booths = list(
        Booth.objects.published()
        .filter(exhibition=exhibition)
        .select_related("section", "neighborhood", "strata_base")
        .order_by("section__number", "code")
    )
    sections: dict[int, tuple[Section, list[Booth]]] = {}
    neighborhoods: dict[int, tuple[Neighborhood, list[Booth]]] = {}
    others = []
    for booth in booths:
        sections.setdefault(booth.section_id, (booth.section, []))[1].append(booth)
        if booth.neighborhood_id:
            neighborhoods.setdefault(booth.neighborhood_id, (booth.neighborhood, []))[1].append(
                booth
            )
        else:
            others.append(booth)
    by_neighborhood = sorted(neighborhoods.values(), key=lambda pair: pair[0].name)
    return list(sections.values()), by_neighborhood, others


@dataclasses.dataclass(frozen=True)
class NeighborhoodPrintProfile:
    """Public figures of a neighborhood for its booth: nothing private or sensitive."""

    neighborhood: Neighborhood
    booths: list[Booth]
    council_size: int
    council_members: list[CouncilMember]
    indicators: list[ProfileIndicator]
    problem_counts: list[tuple[str, int]]
    problems_solved: int
    initiatives: list[Initiative]
    identity_elements: list[IdentityElement]
    martyr_count: int
    prominent_martyr: Martyr | None
    veteran_tallies: list[VeteranTally]


PROFILE_LIST_LIMIT = 8


def neighborhood_print_profile(
    *, exhibition: Exhibition, neighborhood: Neighborhood
) -> NeighborhoodPrintProfile:
    council = getattr(neighborhood, "council", None)
    members = []
    council_size = 0
    if council is not None and council.is_published:
        council_size = council.members.count()
        members = list(
            council.members.filter(publish_name=True).only("full_name", "role", "is_chair")
        )
    problems = Problem.objects.published().filter(neighborhood=neighborhood)
    categories = dict(Problem.Category.choices)
    counts = problems.order_by("category").values_list("category").annotate(n=Count("pk"))
    latest_year = neighborhood.indicators.exclude(kind=ProfileIndicator.Kind.SOCIAL_HARM).aggregate(
        y=Max("year")
    )["y"]
    indicators = list(
        neighborhood.indicators.exclude(kind=ProfileIndicator.Kind.SOCIAL_HARM).filter(
            year=latest_year
        )[:PROFILE_LIST_LIMIT]
    )
    martyrs = Martyr.objects.published().filter(neighborhood=neighborhood)
    return NeighborhoodPrintProfile(
        neighborhood=neighborhood,
        booths=list(neighborhood.booths.filter(exhibition=exhibition).select_related("section")),
        council_size=council_size,
        council_members=members,
        indicators=indicators,
        problem_counts=[(categories.get(c, c), n) for c, n in counts],
        problems_solved=problems.filter(progress=Problem.Status.SOLVED).count(),
        initiatives=list(
            Initiative.objects.published().filter(neighborhood=neighborhood)[:PROFILE_LIST_LIMIT]
        ),
        identity_elements=list(
            IdentityElement.objects.published().filter(neighborhood=neighborhood)[
                :PROFILE_LIST_LIMIT
            ]
        ),
        martyr_count=martyrs.count(),
        prominent_martyr=martyrs.filter(is_prominent=True).first(),
        veteran_tallies=list(VeteranTally.objects.filter(neighborhood=neighborhood)),
    )
