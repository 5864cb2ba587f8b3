"""The selection tool (organizers only; the five bodies' flags are never public): for every
neighborhood, how many of the selecting bodies flag it in each year of their data, ranked and
filtered, against the programme's phases (15 → 60 → 116) and the neighborhoods selected for
the exhibition. Only the method is public (the about page)."""

import dataclasses
from collections import defaultdict

from neighborhoods.models import Agency, Neighborhood, ProgrammePhase, VulnerabilityFlag


@dataclasses.dataclass(frozen=True)
class Filters:
    year: int | None = None
    min_overlap: int = 0
    district: int | None = None
    phase: int | None = None
    selected: bool | None = None


@dataclasses.dataclass
class Row:
    neighborhood: Neighborhood
    by_year: dict[int, int]
    bodies: list[str]
    overlap: int
    rank: int = 0
    # (year, bodies flagging it that year), newest first: the table's columns.
    per_year: list[tuple[int, int]] = dataclasses.field(default_factory=list)

    def overlap_in(self, year: int) -> int:
        return self.by_year.get(year, 0)


@dataclasses.dataclass
class PhaseLine:
    phase: ProgrammePhase
    neighborhoods: int
    selected: int
    mean_overlap: float


@dataclasses.dataclass
class Selection:
    years: list[int]
    year: int | None
    bodies: list[Agency]
    rows: list[Row]
    phases: list[PhaseLine]
    distribution: list[tuple[int, int]]
    districts: list[int]
    total: int
    selected_total: int


@dataclasses.dataclass(frozen=True)
class Choices:
    years: list[int]
    districts: list[int]
    bodies: int


def selection_choices() -> Choices:
    """What the tool's filters offer: the years of the data, the districts, how many bodies."""
    years = sorted(set(VulnerabilityFlag.objects.values_list("year", flat=True)), reverse=True)
    districts = sorted(
        set(Neighborhood.objects.exclude(district=None).values_list("district", flat=True))
    )
    bodies = Agency.objects.filter(kind=Agency.Kind.SELECTING_BODY).count()
    return Choices(years, districts, bodies)


def overlap_by_neighborhood() -> dict[int, dict[int, set[int]]]:
    """{neighborhood id: {year: the ids of the bodies that flag it that year}}."""
    flags = defaultdict(lambda: defaultdict(set))
    for neighborhood, year, agency in VulnerabilityFlag.objects.filter(is_flagged=True).values_list(
        "neighborhood", "year", "agency"
    ):
        flags[neighborhood][year].add(agency)
    return flags


def selection(*, filters: Filters) -> Selection:
    bodies = list(Agency.objects.filter(kind=Agency.Kind.SELECTING_BODY).order_by("name"))
    names = {body.pk: body.short_name or body.name for body in bodies}
    flags = overlap_by_neighborhood()
    years = sorted(
        set(VulnerabilityFlag.objects.values_list("year", flat=True).distinct()), reverse=True
    )
    year = filters.year if filters.year in years else (years[0] if years else None)
    neighborhoods = list(Neighborhood.objects.select_related("phase").order_by("name"))
    rows = []
    for neighborhood in neighborhoods:
        per_year = flags.get(neighborhood.pk, {})
        chosen = per_year.get(year, set()) if year is not None else set()
        rows.append(
            Row(
                neighborhood=neighborhood,
                by_year={y: len(ids) for y, ids in per_year.items()},
                bodies=sorted(names[pk] for pk in chosen if pk in names),
                overlap=len(chosen),
                per_year=[(y, len(per_year.get(y, ()))) for y in years],
            )
        )
    distribution = [
        (count, sum(1 for row in rows if row.overlap == count))
        for count in range(len(bodies), -1, -1)
    ]
    phases = []
    for phase in ProgrammePhase.objects.order_by("number"):
        # A phase's neighborhoods are those that joined in it or before (15 → 60 → 116).
        members = [
            r for r in rows if r.neighborhood.phase and r.neighborhood.phase.number <= phase.number
        ]
        phases.append(
            PhaseLine(
                phase=phase,
                neighborhoods=len(members),
                selected=sum(1 for r in members if r.neighborhood.is_selected),
                mean_overlap=(
                    round(sum(r.overlap for r in members) / len(members), 1) if members else 0
                ),
            )
        )
    districts = sorted({n.district for n in neighborhoods if n.district is not None})
    shown = [row for row in rows if _matches(row, filters)]
    shown.sort(key=lambda row: (-row.overlap, row.neighborhood.name))
    rank, previous = 0, None
    for position, row in enumerate(shown, start=1):
        if row.overlap != previous:
            rank, previous = position, row.overlap
        row.rank = rank
    return Selection(
        years=years,
        year=year,
        bodies=bodies,
        rows=shown,
        phases=phases,
        distribution=distribution,
        districts=districts,
        total=len(rows),
        selected_total=sum(1 for row in rows if row.neighborhood.is_selected),
    )


def _matches(row: Row, filters: Filters) -> bool:
    neighborhood = row.neighborhood
    if row.overlap < filters.min_overlap:
        return False
    if filters.district is not None and neighborhood.district != filters.district:
        return False
    if filters.phase is not None and (
        neighborhood.phase is None or neighborhood.phase.number != filters.phase
    ):
        return False
    return filters.selected is None or neighborhood.is_selected == filters.selected
