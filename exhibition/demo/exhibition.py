"""The exhibition's part of the demo data: strata bases, booths on a floor plan with their
holders, visitors' contact requests and the five-day schedule."""

import datetime
import random
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.utils.text import slugify

from exhibition.demo import vocabulary as words
from exhibition.demo.common import (
    DRAFT,
    PUBLISHED,
    REAL_BOOTHS,
    SUBMITTED,
    TEHRAN,
    DemoSet,
    clock,
    fa,
    insert,
    minutes,
    published,
    scaled,
)
from exhibition.models import Booth, BoothHolder, ContactRequest, Hall, ScheduleItem, StrataBase
from moqdad.persian import normalize_for_search

HISTORY_BOOTHS_SHARE, STRATA_BOOTHS_SHARE = 3, 8
# Floor plan, in metres: booths in rows across a hall of this width, an aisle between rows.
HALL_WIDTH = Decimal(48)
PLAN_MARGIN, PLAN_GAP, PLAN_AISLE = Decimal(1), Decimal("0.5"), Decimal("2.5")
BOOTH_SIZES = {
    1: (Decimal(6), Decimal(4)),
    2: (Decimal(3), Decimal(3)),
    3: (Decimal(4), Decimal(3)),
}
BOOTH_CODE_PREFIXES = {1: "A", 2: "B", 3: "C"}


def add_strata_bases(demo: DemoSet) -> None:
    taken = set(StrataBase.objects.filter(is_synthetic=False).values_list("name", flat=True))
    bases = []
    for stratum, name in words.STRATA_BASES:
        if name in taken:
            name = f"{name} ({words.DEMO_LABEL})"
        bases.append(
            StrataBase(
                name=name,
                stratum=stratum,
                description=f"«{words.DEMO_LABEL}» — {name}.",
                role_toward_neighborhoods=(
                    "همراهی با شوراهای محلات در حل مسائل تخصصی و معرفی ظرفیت‌های قشر."
                ),
                is_synthetic=True,
                **published(),
            )
        )
    demo.strata_bases = insert(StrataBase, bases)
    demo.count("strata bases", bases)


# Martyrs -----------------------------------------------------------------------------


def _booth_counts(demo: DemoSet) -> dict[int, int]:
    total = demo.scale.booths
    history = min(total, max(1, scaled(total, HISTORY_BOOTHS_SHARE, REAL_BOOTHS)))
    strata = min(
        total - history,
        len(demo.strata_bases),
        round(total * STRATA_BOOTHS_SHARE / REAL_BOOTHS),
    )
    neighborhoods = min(total - history - strata, len(demo.selected))
    # Booths beyond one per selected neighborhood go to the programme-history section.
    return {1: total - strata - neighborhoods, 2: neighborhoods, 3: strata}


def add_booths(demo: DemoSet) -> None:
    rng = demo.rng("booths")
    counts = _booth_counts(demo)
    taken = set(
        Booth.objects.filter(exhibition=demo.edition, is_synthetic=False).values_list(
            "code", flat=True
        )
    )
    agencies = [a for a in [demo.host, *demo.organizers] if a is not None]
    plan = _FloorPlan()
    booths = []
    for number in (1, 2, 3):
        codes = _codes(BOOTH_CODE_PREFIXES[number], counts[number], taken)
        plan.new_section()
        for index, code in enumerate(codes):
            neighborhood = strata_base = None
            if number == 1:
                topic = words.HISTORY_BOOTHS[index % len(words.HISTORY_BOOTHS)]
                rounds = index // len(words.HISTORY_BOOTHS)
                name = topic if rounds == 0 else f"{topic} {fa(rounds + 1)}"
                agency = rng.choice(agencies) if agencies else None
                summary = "سابقه و الگوی کاری محلات"
            elif number == 2:
                neighborhood = demo.selected[index]
                name = f"غرفه {neighborhood.name}"
                agency = demo.host
                summary = f"دستاوردهای شورای {neighborhood.name}"
            else:
                strata_base = demo.strata_bases[index]
                name = strata_base.name
                agency = demo.host
                summary = "نقش پایگاه تخصصی در ارتباط با محلات"
            width, depth = BOOTH_SIZES[number]
            x, y = plan.place(width, depth)
            booths.append(
                Booth(
                    exhibition=demo.edition,
                    section=demo.sections[number],
                    code=code,
                    name=name,
                    slug=f"{code.lower()}-{slugify(name, allow_unicode=True)}"[:220],
                    neighborhood=neighborhood,
                    strata_base=strata_base,
                    agency=agency,
                    summary=summary,
                    description=f"«{words.DEMO_LABEL}» — {summary}.",
                    plan_x=x,
                    plan_y=y,
                    plan_width=width,
                    plan_depth=depth,
                    is_synthetic=True,
                    search_text=normalize_for_search(f"{code} {name}"),
                    # One programme-history booth is still a draft: hidden from visitors.
                    **published(number == 1 and index == 1),
                )
            )
    demo.booths = insert(Booth, booths)
    holders = []
    for booth in demo.booths:
        if booth.neighborhood is not None:
            holders.append(_holder(demo, rng, booth, booth.neighborhood.manager_name, "مدیر محله"))
        for _ in range(rng.randint(1, 2)):
            holders.append(
                _holder(demo, rng, booth, demo.full_name(rng, female=rng.random() < 0.3), "غرفه‌دار")
            )
    insert(BoothHolder, holders)
    demo.count("booths", booths)
    demo.count("booth holders", holders)
    demo.log(f"Booths: {len(booths)} (sections 1/2/3: {counts[1]}/{counts[2]}/{counts[3]})")


def _holder(demo: DemoSet, rng: random.Random, booth: Booth, name: str, role: str) -> BoothHolder:
    return BoothHolder(
        booth=booth,
        full_name=name,
        role=role,
        phone=f"{rng.choice(words.MOBILE_PREFIXES)}{rng.randrange(10**7):07d}",
    )


def add_contact_requests(demo: DemoSet) -> None:
    rng = demo.rng("contact requests")
    public = [b for b in demo.booths if b.status == PUBLISHED]
    count = min(len(public), max(3, len(public) // 5))
    statuses = list(ContactRequest.Status)
    requests, sent = [], []
    for index in range(count):
        subject, message = rng.choice(words.CONTACT_SUBJECTS)
        with_phone, with_email = rng.choice(((True, False), (False, True), (True, True)))
        status = rng.choices(statuses, (6, 3, 1))[0]
        # Visitors leave requests at the booths, during the day's opening hours.
        day = rng.choice(demo.edition.days)
        opens, closes = (minutes(time) for time in demo.edition.hours_on(day))
        sent_at = datetime.datetime.combine(day, clock(rng.randrange(opens, closes)), tzinfo=TEHRAN)
        sent.append(sent_at)
        requests.append(
            ContactRequest(
                booth=rng.choice(public),
                name=demo.full_name(rng, female=rng.random() < 0.3),
                organization=rng.choice(words.ORGANIZATIONS),
                position=rng.choice(words.POSITIONS),
                phone=(
                    f"{rng.choice(words.MOBILE_PREFIXES)}{rng.randrange(10**7):07d}"
                    if with_phone
                    else ""
                ),
                email=f"visitor{index + 1}@example.com" if with_email else "",
                subject=subject,
                message=f"{message} ({words.DEMO_LABEL})",
                status=status,
                handled_at=(
                    sent_at + datetime.timedelta(hours=rng.randint(1, 48))
                    if status == ContactRequest.Status.HANDLED
                    else None
                ),
            )
        )
    for request, sent_at in zip(insert(ContactRequest, requests), sent, strict=True):
        # created_at is set on insert; a handful of updates move it to the visit.
        ContactRequest.objects.filter(pk=request.pk).update(created_at=sent_at)
    demo.count("contact requests", requests)


def add_schedule(demo: DemoSet) -> None:
    rng = demo.rng("schedule")
    edition = demo.edition
    real = list(ScheduleItem.objects.filter(exhibition=edition, is_synthetic=False))
    busy: dict[tuple, list[tuple[int, int]]] = {}
    for item in real:
        busy.setdefault((item.day, _place_key(item)), []).append(
            (minutes(item.start_time), minutes(item.end_time))
        )
    # The whole venue attends the opening ceremony: no demo item runs alongside it.
    ceremonies = [item for item in real if item.kind == ScheduleItem.Kind.OPENING]
    agencies = [a for a in [demo.host, *demo.organizers] if a is not None]
    booths = [b for b in demo.booths if b.status == PUBLISHED and b.section.number in (1, 2)]
    halls = {
        name: Hall.objects.get_or_create(exhibition=edition, name=name)[0] for name in words.HALLS
    }
    main_hall = halls[words.MAIN_HALL]
    items: list[ScheduleItem] = []
    for day_number, day in enumerate(edition.days):
        # Nothing before the day's opening: the first day of 1401 opened at 18:00.
        opens, closes = (minutes(time) for time in edition.hours_on(day))
        blocked = [(minutes(c.start_time), minutes(c.end_time)) for c in ceremonies if c.day == day]
        day_items = []
        if day == edition.days[-1]:
            closing = (closes - 60, closes)
            busy.setdefault((day, ("hall", main_hall.pk)), []).append(closing)
            day_items.append(
                _item(
                    demo,
                    rng,
                    day,
                    closing,
                    ScheduleItem.Kind.OTHER,
                    words.CLOSING_TITLE,
                    hall=main_hall,
                    agencies=agencies,
                )
            )
        for name, durations, gaps, kinds in _hall_programmes():
            hall = halls[name]
            taken = [*busy.get((day, ("hall", hall.pk)), []), *blocked]
            for position, slot in enumerate(_slots(rng, opens, closes, durations, gaps, taken)):
                kind = kinds[(position + day_number) % len(kinds)]
                title = rng.choice(words.SCHEDULE_TITLES[kind])
                day_items.append(
                    _item(demo, rng, day, slot, kind, title, hall=hall, agencies=agencies)
                )
        target = 30 + rng.randint(0, 8)
        for booth in rng.sample(booths, len(booths)):
            if len(day_items) >= target:
                break
            taken = [*busy.get((day, ("booth", booth.pk)), []), *blocked]
            wanted = rng.randint(1, 3)
            for slot in _slots(rng, opens, closes, (30,), (30, 60, 90), taken):
                kind, template = rng.choice(words.BOOTH_SCHEDULE_TITLES)
                place = booth.neighborhood.name if booth.neighborhood else booth.name
                day_items.append(
                    _item(
                        demo,
                        rng,
                        day,
                        slot,
                        kind,
                        template.format(place=place),
                        booth=booth,
                        agencies=agencies,
                    )
                )
                wanted -= 1
                if wanted == 0 or len(day_items) >= target:
                    break
        items.extend(day_items)
    # Two drafts for their agency to finish, two submitted ones for the reviewer to publish.
    unpublished = rng.sample(items, min(4, len(items)))
    for index, item in enumerate(unpublished):
        item.status, item.published_at = (DRAFT if index < 2 else SUBMITTED), None
    insert(ScheduleItem, items)
    demo.count("schedule items", items)
    demo.log(f"Schedule: {len(items)} items over {len(edition.days)} days")


def _item(
    demo: DemoSet, rng, day, slot, kind, title, *, agencies, hall=None, booth=None
) -> ScheduleItem:
    start, end = slot
    speakers = "، ".join(
        _speaker(demo, rng)
        for _ in range(rng.randint(1, 3) if kind in ("panel", "speech") else rng.randint(0, 1))
    )
    neighborhood = booth.neighborhood if booth is not None else None
    if booth is None and rng.random() < 0.3 and demo.selected:
        neighborhood = rng.choice(demo.selected)
    return ScheduleItem(
        exhibition=demo.edition,
        day=day,
        start_time=clock(start),
        end_time=clock(end),
        place_kind=ScheduleItem.PlaceKind.BOOTH if booth else ScheduleItem.PlaceKind.HALL,
        hall=hall,
        booth=booth,
        kind=kind,
        title=title,
        speakers=speakers,
        description=f"«{words.DEMO_LABEL}» — برنامه ساختگی برای نمایش جدول برنامه‌ها.",
        neighborhood=neighborhood,
        agency=rng.choice(agencies) if agencies else None,
        is_synthetic=True,
        **published(),
    )


def _speaker(demo: DemoSet, rng) -> str:
    female = rng.random() < 0.2
    titles = words.FEMALE_SPEAKER_TITLES if female else words.SPEAKER_TITLES
    return f"{rng.choice(titles)} {demo.full_name(rng, female=female)}"


def _codes(prefix: str, count: int, taken: set[str]) -> list[str]:
    codes, number = [], 1
    while len(codes) < count:
        code = f"{prefix}-{number:02d}"
        if code not in taken:
            codes.append(code)
        number += 1
    return codes


class _FloorPlan:
    """Lays booths out in rows across the hall; a section starts on a new row."""

    def __init__(self):
        self.x = PLAN_MARGIN
        self.y = PLAN_MARGIN
        self.row_depth = Decimal(0)

    def new_section(self) -> None:
        if self.row_depth:
            self.y += self.row_depth + PLAN_AISLE * 2
        self.x, self.row_depth = PLAN_MARGIN, Decimal(0)

    def place(self, width: Decimal, depth: Decimal) -> tuple[Decimal, Decimal]:
        if self.x + width > HALL_WIDTH - PLAN_MARGIN:
            self.y += self.row_depth + PLAN_AISLE
            self.x, self.row_depth = PLAN_MARGIN, Decimal(0)
        position = (self.x, self.y)
        self.x += width + PLAN_GAP
        self.row_depth = max(self.row_depth, depth)
        return position


def _hall_programmes() -> list[tuple[str, tuple, tuple, tuple]]:
    """(hall, item lengths, gaps between items, kinds in turn), in minutes."""
    Kind = ScheduleItem.Kind
    return [
        (words.HALLS[0], (45, 60), (0, 15, 15),
         (Kind.SPEECH, Kind.PANEL, Kind.BOOK_UNVEILING, Kind.OFFICIAL_VISIT)),
        (words.HALLS[1], (45, 60), (0, 15), (Kind.PANEL, Kind.SPEECH)),
        (words.HALLS[2], (30, 45), (0, 15), (Kind.PANEL, Kind.OTHER, Kind.SPEECH)),
        (words.HALLS[3], (30, 45), (0, 15), (Kind.BOOK_UNVEILING, Kind.OTHER, Kind.SPEECH)),
        (words.HALLS[4], (30,), (0, 15, 30), (Kind.PERFORMANCE,)),
    ]  # fmt: skip


def _slots(
    rng: random.Random,
    opens: int,
    closes: int,
    durations: Sequence[int],
    gaps: Sequence[int],
    taken: list[tuple[int, int]],
) -> Iterable[tuple[int, int]]:
    """Free (start, end) slots in minutes between opening and closing, recorded in `taken`."""
    start = opens + rng.choice((0, 0, 15))
    while True:
        end = start + rng.choice(durations)
        if end > closes:
            return
        clash = next((t for t in taken if t[0] < end and start < t[1]), None)
        if clash is not None:
            start = clash[1]
            continue
        taken.append((start, end))
        yield start, end
        start = end + rng.choice(gaps)


def _place_key(item: ScheduleItem) -> tuple:
    if item.place_kind == ScheduleItem.PlaceKind.BOOTH:
        return ("booth", item.booth_id)
    return ("hall", item.hall_id)
