"""The «نظام مسائل محلات» book: the city's published problems, one chapter per category, each
problem with the neighborhoods that report it, their action plans and the commitments that
address it, and an appendix per neighborhood. Everything comes through `public()`: the book is
a publication, and reprinting it shows what changed since."""

import dataclasses
from collections import defaultdict

from django.db.models import Prefetch

from followup.models import Commitment
from followup.selectors.commitments import Rollup
from moqdad.persian import normalize_for_search
from neighborhoods.models import ActionPlan, Neighborhood, Problem


@dataclasses.dataclass
class Report:
    """One neighborhood's report of a problem: its status, its plans, the commitments to it."""

    problem: Problem
    plans: list
    commitments: list


@dataclasses.dataclass
class Entry:
    anchor: str
    title: str
    reports: list[Report]
    rollup: Rollup

    @property
    def commitments(self) -> list:
        return [c for report in self.reports for c in report.commitments]


@dataclasses.dataclass
class Chapter:
    number: int
    key: str
    label: str
    anchor: str
    entries: list[Entry]

    @property
    def problem_count(self) -> int:
        return sum(len(entry.reports) for entry in self.entries)

    @property
    def neighborhood_count(self) -> int:
        return len({r.problem.neighborhood_id for e in self.entries for r in e.reports})


@dataclasses.dataclass
class AppendixEntry:
    neighborhood: Neighborhood
    anchor: str
    problems: list[tuple[Problem, str]]
    rollup: Rollup


@dataclasses.dataclass
class Book:
    chapters: list[Chapter]
    appendix: list[AppendixEntry]
    neighborhood_count: int
    problem_count: int
    commitment_count: int
    fulfilled_count: int
    plan_count: int


def _rollup(commitments: list) -> Rollup:
    made = [c for c in commitments if c.status in Commitment.MADE]
    if not made:
        return Rollup.empty()
    done = sum(1 for c in made if c.status == Commitment.Status.DONE)
    return Rollup(len(made), done, round(sum(c.progress_percent for c in made) / len(made)))


def problems_book() -> Book:
    plans = ActionPlan.objects.public().order_by("due_date", "title")
    problems = list(
        Problem.objects.public()
        .select_related("neighborhood", "neighborhood__phase")
        .prefetch_related(Prefetch("plans", queryset=plans))
        .order_by("category", "neighborhood__name", "title")
    )
    by_problem = defaultdict(list)
    commitments = (
        Commitment.objects.public()
        .filter(problem__isnull=False)
        .select_related("agency")
        .order_by("-status", "title")
    )
    for commitment in commitments:
        by_problem[commitment.problem_id].append(commitment)
    labels = dict(Problem.Category.choices)
    grouped: dict[str, dict[str, list[Problem]]] = {}
    for problem in problems:
        key = normalize_for_search(problem.title)
        grouped.setdefault(problem.category, {}).setdefault(key, []).append(problem)
    chapters, anchors = [], {}
    for value in Problem.Category.values:
        if value not in grouped:
            continue
        entries = []
        for same in sorted(grouped[value].values(), key=lambda rows: (-len(rows), rows[0].title)):
            anchor = f"p-{same[0].pk}"
            reports = [
                Report(problem, list(problem.plans.all()), by_problem.get(problem.pk, []))
                for problem in same
            ]
            entry = Entry(anchor, same[0].title, reports, Rollup.empty())
            entry.rollup = _rollup(entry.commitments)
            entries.append(entry)
            for problem in same:
                anchors[problem.pk] = anchor
        chapters.append(
            Chapter(len(chapters) + 1, value, str(labels[value]), f"ch-{value}", entries)
        )
    per_neighborhood: dict[int, list[Problem]] = defaultdict(list)
    for problem in problems:
        per_neighborhood[problem.neighborhood_id].append(problem)
    appendix = []
    for neighborhood in Neighborhood.objects.public().select_related("phase").order_by("name"):
        own = sorted(per_neighborhood.get(neighborhood.pk, []), key=lambda p: (p.category, p.title))
        own_commitments = [c for p in own for c in by_problem.get(p.pk, [])]
        appendix.append(
            AppendixEntry(
                neighborhood,
                f"n-{neighborhood.pk}",
                [(problem, anchors[problem.pk]) for problem in own],
                _rollup(own_commitments),
            )
        )
    made = [c for rows in by_problem.values() for c in rows]
    return Book(
        chapters=chapters,
        appendix=appendix,
        neighborhood_count=len(appendix),
        problem_count=len(problems),
        commitment_count=len(made),
        fulfilled_count=sum(1 for c in made if c.status == Commitment.Status.DONE),
        plan_count=sum(len(p.plans.all()) for p in problems),
    )
