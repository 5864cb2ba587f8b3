"""Load the whole demo data set: the real rows it builds on, then each app's part in turn."""

from collections.abc import Callable

from django.conf import settings
from django.db import transaction

from exhibition.demo import exhibition, martyrs, neighborhoods
from exhibition.demo.common import (
    DEFAULT_SEED,
    DemoDataError,
    DemoScale,
    DemoSet,
    delete_with_history,
)
from exhibition.models import Booth, Exhibition, ScheduleItem, Section, StrataBase
from martyrs.models import Martyr
from moqdad.planner_statistics import analyze_on_commit, app_models
from neighborhoods.models import Agency, Neighborhood, ProgrammePhase

# Later apps (guests, followup) add their part of the demo: `register_demo_part(add, delete)`
# from their AppConfig.ready(). `add(demo)` runs after this app's parts, in registration
# order; `delete()` runs before this app's data is removed, in reverse order.
_LATER_PARTS: list[tuple[Callable[[DemoSet], None], Callable[[], None]]] = []


def register_demo_part(add: Callable[[DemoSet], None], delete: Callable[[], None]) -> None:
    if (add, delete) not in _LATER_PARTS:
        _LATER_PARTS.append((add, delete))


def load_demo_data(
    *,
    seed: int = DEFAULT_SEED,
    scale: DemoScale | None = None,
    log: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Replace the demo data set with the one of this seed and scale; the rows made, by kind."""
    demo = DemoSet(seed=seed, scale=scale or DemoScale(), log=log or (lambda message: None))
    with transaction.atomic():
        _read_real_data(demo)
        demo.log("Removing the previous demo data")
        delete_demo_data()
        neighborhoods.add_neighborhoods(demo)
        neighborhoods.add_councils(demo)
        neighborhoods.add_profiles(demo)
        neighborhoods.add_problems(demo)
        neighborhoods.add_initiatives_and_identity(demo)
        martyrs.add_veterans(demo)
        exhibition.add_strata_bases(demo)
        martyrs.add_martyrs(demo)
        exhibition.add_booths(demo)
        exhibition.add_contact_requests(demo)
        exhibition.add_schedule(demo)
        for add, _delete in _LATER_PARTS:
            add(demo)
        # Bulk inserts leave the planner without statistics: the first visitors would wait
        # for plans made for empty tables (moqdad.planner_statistics).
        analyze_on_commit(app_models(settings.PROJECT_APPS))
    return demo.counts


def delete_demo_data() -> None:
    """Remove every synthetic record and what hangs from it; real records stay untouched."""
    for _add, delete in reversed(_LATER_PARTS):
        delete()
    delete_with_history(ScheduleItem.objects.filter(is_synthetic=True))
    delete_with_history(Booth.objects.filter(is_synthetic=True))
    delete_with_history(Martyr.objects.filter(is_synthetic=True))
    delete_with_history(StrataBase.objects.filter(is_synthetic=True))
    delete_with_history(Neighborhood.objects.filter(is_synthetic=True))


def _read_real_data(demo: DemoSet) -> None:
    edition = Exhibition.objects.filter(is_current=True).first()
    edition = edition or Exhibition.objects.filter(jalali_year=1401).first()
    phases = {p.number: p for p in ProgrammePhase.objects.all()}
    if edition is None or len(phases) < 3:
        raise DemoDataError(
            "The 1401 edition is missing: run `manage.py migrate` first (it loads the real data)."
        )
    demo.edition = edition
    demo.phases = phases
    demo.sections = {s.number: s for s in Section.objects.filter(exhibition=edition)}
    agencies = list(Agency.objects.order_by("name"))
    demo.selecting_bodies = [a for a in agencies if a.kind == Agency.Kind.SELECTING_BODY]
    demo.organizers = [a for a in agencies if a.kind == Agency.Kind.ORGANIZER]
    demo.host = next((a for a in agencies if a.kind == Agency.Kind.HOST), None)
