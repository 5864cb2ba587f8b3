"""Fill the database with the clearly labelled synthetic demo data set (see exhibition.demo)."""

import time

from django.core.management.base import BaseCommand, CommandError

from exhibition.demo.common import DEFAULT_SEED, DemoDataError, DemoScale
from exhibition.demo.loader import load_demo_data
from exhibition.demo.martyrs import HISTORY_LIMIT
from moqdad import caching


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Replace the synthetic demo data (is_synthetic records, labelled «داده نمایشی») with a "
        "fresh set: neighborhoods with councils, profiles, problems, initiatives, identity "
        "elements and veterans; strata bases; martyrs; booths with holders and a floor plan; "
        "contact requests; a full five-day schedule. Real records are never touched. The same "
        "seed and scale always give the same data, and running it twice does not duplicate "
        "anything. Rows are bulk inserted (bulk_create) for speed; history rows are written "
        f"too, except for more than {HISTORY_LIMIT:,} martyrs, which are inserted without history."
    )

    def add_arguments(self, parser):
        defaults = DemoScale()
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Random seed (default: %(default)s)."
        )
        parser.add_argument(
            "--neighborhoods",
            type=_count,
            default=defaults.neighborhoods,
            help="Number of neighborhoods (default: %(default)s, as in 1401).",
        )
        parser.add_argument(
            "--booths",
            type=_count,
            default=defaults.booths,
            help="Number of booths over the three sections (default: %(default)s).",
        )
        parser.add_argument(
            "--martyrs", type=_count, default=defaults.martyrs,
            help="Number of martyrs (default: %(default)s; 100000 take about 25 s of CPU).",
        )  # fmt: skip

    def handle(self, *args, seed, neighborhoods, booths, martyrs, verbosity, **options):
        if neighborhoods < 1:
            raise CommandError("--neighborhoods must be at least 1.")
        started = time.perf_counter()
        log = self.stdout.write if verbosity >= 1 else None
        scale = DemoScale(neighborhoods=neighborhoods, booths=booths, martyrs=martyrs)
        try:
            counts = load_demo_data(seed=seed, scale=scale, log=log)
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        # Bulk inserts send no signals: tell the page cache that every page may have changed.
        caching.content_changed()
        if verbosity >= 1:
            summary = ", ".join(f"{number:,} {label}" for label, number in counts.items())
            elapsed = time.perf_counter() - started
            self.stdout.write(
                self.style.SUCCESS(f"Demo data loaded in {elapsed:.1f} s: {summary}.")
            )
