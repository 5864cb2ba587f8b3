"""Reads for the public neighborhood pages: published content only, private fields never.

This app imports neither `martyrs` nor `exhibition`; their rows are reached through the
reverse relations (`martyrs`, `veteran_tallies`, `booths`) and filtered here the same way.
"""

import dataclasses
from collections import OrderedDict

from django.db.models import Count, Prefetch, QuerySet

from moqdad.caching import cached_under_content_version
from moqdad.persian import normalize_for_search
from moqdad.publishing import PublicationStatus
from neighborhoods.models import (
    ActionPlan,
    Council,
    CouncilMember,
    Neighborhood,
    Problem,
    ProfileIndicator,
    ProgrammePhase,
)

PUBLISHED = PublicationStatus.PUBLISHED


def neighborhood_list_public(
    *,
    query: str = "",
    district: int | None = None,
    phase: ProgrammePhase | None = None,
    selected: bool | None = None,
) -> QuerySet[Neighborhood]:
    neighborhoods = Neighborhood.objects.public().select_related("phase").order_by("name", "pk")
    key = normalize_for_search(query)
    if key:
        neighborhoods = neighborhoods.filter(search_text__contains=key)
    if district is not None:
        neighborhoods = neighborhoods.filter(district=district)
    if phase is not None:
        neighborhoods = neighborhoods.filter(phase=phase)
    if selected is not None:
        neighborhoods = neighborhoods.filter(is_selected=selected)
    return neighborhoods


def martyr_counts() -> dict[tuple[int | None, str], int]:
    """Published martyrs by (neighborhood id, category): one pass over the martyrs, kept until
    the content changes (moqdad.caching).

    Every count of martyrs on the public site reads it (the neighborhoods list and pages, the
    memorial's figures, the statistics, the home page): at national scale a count over 250,000
    martyrs costs 100-250 ms, paid once per content change instead of once per page.
    """
    martyr_model = Neighborhood._meta.get_field("martyrs").related_model

    def count():
        rows = (
            martyr_model.objects.public()
            .order_by()
            .values_list("neighborhood_id", "category")
            .annotate(n=Count("pk"))
        )
        return {(neighborhood_id, category): n for neighborhood_id, category, n in rows}

    return cached_under_content_version("martyr-counts", count)


def martyr_count_by_neighborhood() -> dict[int | None, int]:
    totals: dict[int | None, int] = {}
    for (neighborhood_id, _category), n in martyr_counts().items():
        totals[neighborhood_id] = totals.get(neighborhood_id, 0) + n
    return totals


def with_martyr_counts(neighborhoods) -> None:
    """Give each neighborhood (a page of the list) its `martyr_count`."""
    totals = martyr_count_by_neighborhood()
    for neighborhood in neighborhoods:
        neighborhood.martyr_count = totals.get(neighborhood.pk, 0)


def neighborhood_districts_public() -> list[int]:
    return list(
        Neighborhood.objects.public()
        .exclude(district__isnull=True)
        .order_by("district")
        .values_list("district", flat=True)
        .distinct()
    )


def neighborhood_get_public(*, slug: str) -> Neighborhood | None:
    return Neighborhood.objects.public().select_related("phase").filter(slug=slug).first()


@dataclasses.dataclass(frozen=True)
class RoleGroup:
    label: str
    count: int
    names: list[str]

    @property
    def unpublished_names(self) -> int:
        """Members who did not agree to their name being shown."""
        return self.count - len(self.names)


@dataclasses.dataclass(frozen=True)
class CouncilSummary:
    council: Council
    member_count: int
    chair_name: str
    roles: list[RoleGroup]


@dataclasses.dataclass(frozen=True)
class ProblemGroup:
    label: str
    problems: list[Problem]


@dataclasses.dataclass(frozen=True)
class NeighborhoodPage:
    neighborhood: Neighborhood
    indicators: list[ProfileIndicator]
    council: CouncilSummary | None
    problem_groups: list[ProblemGroup]
    initiatives: list
    identity_elements: list
    martyr_count: int
    martyr_categories: list[tuple[str, int]]
    prominent_martyr: object | None
    veteran_tallies: list
    veteran_total: int
    booths: list


def council_summary_public(*, neighborhood: Neighborhood) -> CouncilSummary | None:
    """The published council by role: counts, and names only of members who agreed."""
    council = Council.objects.public().filter(neighborhood=neighborhood).first()
    if council is None:
        return None
    # Only the columns a public page may show are read: never phone or address.
    members = list(
        CouncilMember.objects.filter(council=council)
        .only("full_name", "role", "is_chair", "publish_name", "council_id")
        .order_by("role", "-is_chair", "full_name")
    )
    by_role: OrderedDict[str, list[CouncilMember]] = OrderedDict()
    for role in CouncilMember.Role:
        by_role[role] = []
    for member in members:
        by_role.setdefault(member.role, []).append(member)
    roles = [
        RoleGroup(
            label=str(CouncilMember.Role(role).label),
            count=len(group),
            names=[m.full_name for m in group if m.publish_name],
        )
        for role, group in by_role.items()
        if group
    ]
    chair = next((m for m in members if m.is_chair and m.publish_name), None)
    return CouncilSummary(
        council=council,
        member_count=len(members),
        chair_name=chair.full_name if chair else "",
        roles=roles,
    )


def public_indicators(*, neighborhood: Neighborhood) -> list[ProfileIndicator]:
    """Profile figures a visitor may see: social-harm figures are left out."""
    return list(
        ProfileIndicator.objects.public()
        .filter(neighborhood=neighborhood)
        .order_by("-year", "kind", "title")
    )


def problem_groups_public(*, neighborhood: Neighborhood) -> list[ProblemGroup]:
    problems = (
        Problem.objects.public()
        .filter(neighborhood=neighborhood)
        .prefetch_related(
            Prefetch("plans", queryset=ActionPlan.objects.order_by("due_date", "title", "pk"))
        )
        .order_by("category", "title", "pk")
    )
    groups: OrderedDict[str, list[Problem]] = OrderedDict()
    for problem in problems:
        groups.setdefault(problem.category, []).append(problem)
    order = list(Problem.Category)
    return [
        ProblemGroup(label=str(Problem.Category(category).label), problems=items)
        for category, items in sorted(groups.items(), key=lambda kv: order.index(kv[0]))
    ]


def neighborhood_page_public(*, neighborhood: Neighborhood) -> NeighborhoodPage:
    """Everything the neighborhood page shows, each part published-only."""
    martyrs = neighborhood.martyrs.public()
    counts = martyr_counts()
    martyr_model = neighborhood.martyrs.model
    categories = [
        (str(label), counts[neighborhood.pk, category])
        for category, label in martyr_model.Category.choices
        if counts.get((neighborhood.pk, category))
    ]
    tallies = [t for t in neighborhood.veteran_tallies.public().order_by("kind") if t.count]
    return NeighborhoodPage(
        neighborhood=neighborhood,
        indicators=public_indicators(neighborhood=neighborhood),
        council=council_summary_public(neighborhood=neighborhood),
        problem_groups=problem_groups_public(neighborhood=neighborhood),
        initiatives=list(neighborhood.initiatives.public().order_by("kind", "title", "pk")),
        identity_elements=list(
            neighborhood.identity_elements.public().order_by("kind", "title", "pk")
        ),
        martyr_count=sum(count for _, count in categories),
        martyr_categories=categories,
        prominent_martyr=martyrs.filter(is_prominent=True).first(),
        veteran_tallies=tallies,
        veteran_total=sum(t.count for t in tallies),
        booths=list(
            # The current edition's public booths (Booth.objects.public() needs the edition
            # published; the current one is the published edition marked current).
            neighborhood.booths.public()
            .filter(exhibition__is_current=True)
            .select_related("section")
            .order_by("code")
        ),
    )
