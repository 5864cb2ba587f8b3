"""Reads for the public pages and print documents; the schedule's are in `schedule.py`."""

import dataclasses
import re

from django.db.models import Count, Max, Prefetch, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exhibition.models import (
    Booth,
    BoothPhoto,
    Exhibition,
    Partnership,
    ScheduleItem,
    Section,
)
from exhibition.selectors.schedule import EXHIBITION_TZ as EXHIBITION_TZ
from exhibition.selectors.schedule import NEXT_ITEMS_LIMIT as NEXT_ITEMS_LIMIT
from exhibition.selectors.schedule import OpeningState as OpeningState
from exhibition.selectors.schedule import ScheduleDay as ScheduleDay
from exhibition.selectors.schedule import SchedulePlace as SchedulePlace
from exhibition.selectors.schedule import exhibition_opening_state as exhibition_opening_state
from exhibition.selectors.schedule import schedule_by_day as schedule_by_day
from exhibition.selectors.schedule import schedule_days as schedule_days
from exhibition.selectors.schedule import schedule_filtered as schedule_filtered
from exhibition.selectors.schedule import schedule_for_day as schedule_for_day
from exhibition.selectors.schedule import schedule_halls as schedule_halls
from exhibition.selectors.schedule import schedule_items_public as schedule_items_public
from exhibition.selectors.schedule import schedule_last_changed as schedule_last_changed
from exhibition.selectors.schedule import schedule_now_next as schedule_now_next
from exhibition.selectors.schedule import schedule_places as schedule_places
from martyrs.models import Martyr, VeteranTally
from martyrs.selectors import martyr_prominent, martyr_search
from moqdad import charts
from moqdad.persian import normalize_for_search
from neighborhoods.models import (
    COUNCIL_MAX_MEMBERS,
    COUNCIL_MIN_MEMBERS,
    Council,
    CouncilMember,
    IdentityElement,
    Initiative,
    Neighborhood,
    Problem,
    ProfileIndicator,
    ProgrammePhase,
)
from neighborhoods.selectors import martyr_count_by_neighborhood, martyr_counts


def booth_get_public(*, exhibition: Exhibition, code: str) -> Booth | None:
    return (
        Booth.objects.public()
        .filter(exhibition=exhibition, code=code)
        .select_related("exhibition", "section", "neighborhood", "strata_base")
        .first()
    )


@dataclasses.dataclass(frozen=True)
class AboutFacts:
    """What the about page states that lives in the database; the rest is the page's text."""

    exhibition: Exhibition | None
    partners: list[tuple[str, list[str]]]
    selecting_bodies: list[str]
    sections: list[Section]
    phases: list[ProgrammePhase]
    council_min_members: int = COUNCIL_MIN_MEMBERS
    council_max_members: int = COUNCIL_MAX_MEMBERS


PARTNER_ROLE_HEADINGS = {
    Partnership.Role.HOST: gettext_lazy("Host"),
    Partnership.Role.ORGANIZER: gettext_lazy("Organizing partners"),
}


def about_facts(*, exhibition: Exhibition | None) -> AboutFacts:
    """The edition's facts as the announcement gives them: partners by role, sections, phases.

    The selecting bodies are named for the method only: no neighborhood's flags are read here.
    """
    partners: dict[str, list[str]] = {}
    bodies: list[str] = []
    sections: list[Section] = []
    if exhibition is not None:
        rows = (
            Partnership.objects.filter(exhibition=exhibition)
            .select_related("agency")
            .order_by("role", "pk")
        )
        for partnership in rows:
            if partnership.role == Partnership.Role.SELECTING_BODY:
                bodies.append(partnership.agency.name)
            else:
                heading = str(PARTNER_ROLE_HEADINGS[partnership.role])
                partners.setdefault(heading, []).append(partnership.agency.name)
        sections = list(Section.objects.public().filter(exhibition=exhibition))
    return AboutFacts(
        exhibition=exhibition,
        partners=list(partners.items()),
        selecting_bodies=bodies,
        sections=sections,
        phases=list(ProgrammePhase.objects.order_by("number")),
    )


def booths_for_print(
    *, exhibition: Exhibition, within: QuerySet[Booth], codes: list[str] | None = None
) -> list[Booth]:
    """Booths for signs among `within` (the user's): the given codes (published or not, to
    print ahead), else every public booth."""
    booths = within.filter(exhibition=exhibition).select_related(
        "section", "neighborhood", "strata_base"
    )
    booths = booths.filter(code__in=codes) if codes else booths.public()
    return list(booths.order_by("section__number", "code"))


def booth_directory(
    *, exhibition: Exhibition
) -> tuple[list[tuple[Section, list[Booth]]], list[tuple[Neighborhood, list[Booth]]], list[Booth]]:
    """Published booths by section, by neighborhood, and those of no neighborhood."""
    booths = list(
        Booth.objects.public()
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
    # The profile shows what is (or, for a neighborhood not yet published, will be) public about
    # the neighborhood: each part published. Who may print it is the view's rule check.
    council = Council.objects.published().filter(neighborhood=neighborhood).first()
    members = []
    council_size = 0
    if council is not None:
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
    martyrs = Martyr.objects.public().filter(neighborhood=neighborhood)
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


# --- The public site -----------------------------------------------------------------------

SEARCH_LIMIT = 20
CHART_NEIGHBORHOOD_ROWS = 15
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_SECTION_COLOUR = "#1b6b5a"


def section_colour(section: Section) -> str:
    """The section's colour if it is a well-formed hex colour (it goes into an attribute)."""
    return section.color if _HEX_COLOUR.match(section.color or "") else DEFAULT_SECTION_COLOUR


def booths_public(*, exhibition: Exhibition) -> QuerySet[Booth]:
    return (
        Booth.objects.public()
        .filter(exhibition=exhibition)
        .select_related("section", "neighborhood", "strata_base")
        .order_by("section__number", "code")
    )


def sections_with_booths_public(*, exhibition: Exhibition) -> list[Section]:
    """Published sections, each with `public_booths` (published booths in code order)."""
    return list(
        Section.objects.public()
        .filter(exhibition=exhibition)
        .prefetch_related(
            Prefetch(
                "booths",
                queryset=Booth.objects.public()
                .select_related("neighborhood", "strata_base")
                .order_by("code"),
                to_attr="public_booths",
            )
        )
        .order_by("number")
    )


@dataclasses.dataclass(frozen=True)
class BoothPage:
    booth: Booth
    photos: list[BoothPhoto]
    prominent_martyr: Martyr | None
    schedule_items: list[ScheduleItem]


def booth_page_public(*, booth: Booth) -> BoothPage:
    prominent = None
    if booth.neighborhood_id:
        prominent = martyr_prominent(neighborhood=booth.neighborhood)
    return BoothPage(
        booth=booth,
        photos=list(booth.photos.public().order_by("position", "pk")),
        prominent_martyr=prominent,
        schedule_items=list(
            ScheduleItem.objects.public()
            .filter(booth=booth, place_kind=ScheduleItem.PlaceKind.BOOTH)
            .order_by("day", "start_time", "pk")
        ),
    )


@dataclasses.dataclass(frozen=True)
class HeadlineFigures:
    programme_neighborhoods: int
    selected_neighborhoods: int
    councils: int
    council_members: int
    initiatives: int
    martyrs: int
    # The counts include made-up records of the demo data set (shown with the «demo» mark).
    is_synthetic: bool


def demo_data_shown() -> bool:
    """Whether the public site shows demo records, so that figures built from them say so."""
    return Neighborhood.objects.public().filter(is_synthetic=True).exists()


def headline_figures(*, exhibition: Exhibition | None) -> HeadlineFigures:
    latest_phase = ProgrammePhase.objects.order_by("-number").first()
    selected = exhibition.announced_selected_neighborhoods if exhibition else None
    if selected is None:
        selected = Neighborhood.objects.public().filter(is_selected=True).count()
    return HeadlineFigures(
        programme_neighborhoods=latest_phase.neighborhood_count if latest_phase else 0,
        selected_neighborhoods=selected,
        councils=Council.objects.public().count(),
        council_members=CouncilMember.objects.public().count(),
        initiatives=Initiative.objects.public().count(),
        martyrs=sum(martyr_counts().values()),
        is_synthetic=demo_data_shown(),
    )


@dataclasses.dataclass(frozen=True)
class Statistics:
    growth: charts.ColumnChart
    roles: charts.BarChart
    initiatives: charts.BarChart
    initiative_statuses: list[str]
    memorial: charts.BarChart
    memorial_rows: list[tuple[Neighborhood, int, int]]
    is_synthetic: bool


def statistics_public(*, exhibition: Exhibition | None, rtl: bool) -> Statistics:
    """The statistics page's charts and the figures behind them (published content only)."""
    columns = [
        (
            _("Phase %(number)s (%(year)s)") % {"number": phase.number, "year": phase.start_year}
            if phase.start_year
            else _("Phase %(number)s") % {"number": phase.number},
            phase.neighborhood_count,
            1,
        )
        for phase in ProgrammePhase.objects.order_by("number")
    ]
    selected = exhibition.announced_selected_neighborhoods if exhibition else None
    if selected is None:
        selected = Neighborhood.objects.public().filter(is_selected=True).count()
    columns.append((_("Selected for the exhibition"), selected, 2))
    growth = charts.column_chart(
        title=_("Neighborhoods in the programme"), columns=columns, rtl=rtl
    )

    role_counts = dict(
        CouncilMember.objects.public().order_by("role").values_list("role").annotate(n=Count("pk"))
    )
    roles = charts.bar_chart(
        title=_("Council members by role"),
        rows=[
            (role.label, [role_counts[role]]) for role in CouncilMember.Role if role in role_counts
        ],
        series_labels=[_("Members")],
        rtl=rtl,
    )

    kind_status = (
        Initiative.objects.public()
        .order_by("kind", "progress")
        .values_list("kind", "progress")
        .annotate(n=Count("pk"))
    )
    counts = {(kind, progress): n for kind, progress, n in kind_status}
    statuses = list(Initiative.Progress)
    initiatives = charts.bar_chart(
        title=_("Initiatives by kind and status"),
        rows=[
            (kind.label, [counts.get((kind, status), 0) for status in statuses])
            for kind in Initiative.Kind
            if any(counts.get((kind, status)) for status in statuses)
        ],
        series_labels=[status.label for status in statuses],
        rtl=rtl,
    )

    martyrs = martyr_count_by_neighborhood()
    veterans = dict(
        VeteranTally.objects.public()
        .order_by("neighborhood_id")
        .values_list("neighborhood_id")
        .annotate(n=Sum("count"))
    )
    ids = set(martyrs) | set(veterans)
    neighborhoods = Neighborhood.objects.public().filter(pk__in=ids).order_by("name")
    memorial_rows = [(n, martyrs.get(n.pk, 0), veterans.get(n.pk, 0) or 0) for n in neighborhoods]
    top = sorted(memorial_rows, key=lambda row: (-(row[1] + row[2]), row[0].name))
    memorial = charts.bar_chart(
        title=_("Martyrs and veterans per neighborhood"),
        rows=[(n.name, [m, v]) for n, m, v in top[:CHART_NEIGHBORHOOD_ROWS]],
        series_labels=[_("Martyrs"), _("Veterans")],
        rtl=rtl,
        stacked=False,
    )
    return Statistics(
        growth=growth,
        roles=roles,
        initiatives=initiatives,
        initiative_statuses=[str(status.label) for status in statuses],
        memorial=memorial,
        is_synthetic=demo_data_shown(),
        memorial_rows=memorial_rows,
    )


@dataclasses.dataclass(frozen=True)
class SearchResults:
    query: str
    neighborhoods: list[Neighborhood]
    booths: list[Booth]
    martyrs: list[Martyr]

    @property
    def count(self) -> int:
        return len(self.neighborhoods) + len(self.booths) + len(self.martyrs)


def site_search(*, query: str, exhibition: Exhibition | None) -> SearchResults:
    """Neighborhoods, booths and martyrs whose names match, however the query is spelled."""
    key = normalize_for_search(query)
    if not key:
        return SearchResults(query=query, neighborhoods=[], booths=[], martyrs=[])
    booths = []
    if exhibition is not None:
        booths = list(
            booths_public(exhibition=exhibition).filter(search_text__contains=key)[:SEARCH_LIMIT]
        )
    return SearchResults(
        query=query,
        neighborhoods=list(
            Neighborhood.objects.public()
            .filter(search_text__contains=key)
            .select_related("phase")
            .order_by("name")[:SEARCH_LIMIT]
        ),
        booths=booths,
        martyrs=list(martyr_search(query=query)[:SEARCH_LIMIT]),
    )
