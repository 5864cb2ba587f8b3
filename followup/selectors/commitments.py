"""Commitments rolled up per problem and per neighborhood, what is due, and the public figures
(through `Commitment.objects.public()` and `Problem.objects.public()`: never an offer not yet
agreed, a dropped commitment, an unpublished problem or neighborhood, or a maker's name they did
not agree to show)."""

import dataclasses
import datetime

from django.db.models import Avg, Count, Q
from django.utils import timezone

from followup.models import Commitment
from neighborhoods.models import Problem

Status = Commitment.Status
# "Due" on the admin home, in the reminders and the admin filter: within this many days.
SOON_DAYS = 7
FULFILLED = Q(status=Status.DONE) & ~Q(confirmation=Commitment.Confirmation.DISPUTED)


@dataclasses.dataclass(frozen=True)
class Rollup:
    """Commitments made for one problem or neighborhood, how many are done, their mean progress."""

    made: int
    done: int
    progress: int

    @classmethod
    def empty(cls) -> "Rollup":
        return cls(0, 0, 0)


def _rollups(queryset, key: str) -> dict:
    rows = (
        queryset.made()
        .values(key)
        .annotate(made=Count("pk"), done=Count("pk", filter=Q(status=Status.DONE)))
        .annotate(progress=Avg("progress_percent"))
    )
    return {row[key]: Rollup(row["made"], row["done"], round(row["progress"] or 0)) for row in rows}


def rollup_by_problem(queryset=None) -> dict[int, Rollup]:
    """{problem id: Rollup} over the commitments of `queryset` (all by default)."""
    queryset = Commitment.objects.all() if queryset is None else queryset
    return _rollups(queryset.filter(problem__isnull=False), "problem")


def rollup_by_neighborhood(queryset=None) -> dict[int, Rollup]:
    queryset = Commitment.objects.all() if queryset is None else queryset
    return _rollups(queryset, "neighborhood")


def commitments_due(queryset, *, today: datetime.date | None = None, soon_days: int = SOON_DAYS):
    """Open commitments of `queryset` that are overdue or due within `soon_days`, soonest first."""
    today = today or timezone.localdate()
    return (
        queryset.open()
        .filter(due_date__lte=today + datetime.timedelta(days=soon_days))
        .select_related("neighborhood")
        .order_by("due_date", "pk")
    )


@dataclasses.dataclass(frozen=True)
class KindCount:
    label: str
    made: int
    fulfilled: int


@dataclasses.dataclass(frozen=True)
class AddressedProblem:
    problem: Problem
    made: int
    fulfilled: int


@dataclasses.dataclass(frozen=True)
class PublicSummary:
    made: int
    fulfilled: int
    by_kind: list[KindCount]
    problems: list[AddressedProblem]
    makers: list[str]


def public_summary(*, neighborhood=None) -> PublicSummary:
    """The public figures of the commitments (of one neighborhood, or of all)."""
    commitments = Commitment.objects.public()
    if neighborhood is not None:
        commitments = commitments.filter(neighborhood=neighborhood)
    kinds = dict(
        (row["kind"], (row["made"], row["fulfilled"]))
        for row in commitments.values("kind").annotate(
            made=Count("pk"), fulfilled=Count("pk", filter=FULFILLED)
        )
    )
    by_kind = [
        KindCount(str(label), *kinds[value])
        for value, label in Commitment.Kind.choices
        if value in kinds
    ]
    per_problem = {
        row["problem"]: (row["made"], row["fulfilled"])
        for row in commitments.filter(problem__isnull=False)
        .values("problem")
        .annotate(made=Count("pk"), fulfilled=Count("pk", filter=FULFILLED))
    }
    problems = [
        AddressedProblem(problem, *per_problem[problem.pk])
        for problem in Problem.objects.public()
        .filter(pk__in=per_problem)
        .select_related("neighborhood")
        .order_by("neighborhood__name", "category", "title")
    ]
    makers = sorted(
        {
            name
            for name in commitments.filter(maker_named_publicly=True).values_list(
                "maker_name", flat=True
            )
        }
    )
    made = sum(row.made for row in by_kind)
    fulfilled = sum(row.fulfilled for row in by_kind)
    return PublicSummary(made, fulfilled, by_kind, problems, makers)
