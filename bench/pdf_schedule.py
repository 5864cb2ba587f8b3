"""Time the whole-edition programme PDF (151 items over 5 days). Not a test: prints seconds.

    .venv/bin/python bench/pdf_schedule.py [runs]

Runs on a throw-away in-memory SQLite database: migrate, the real 1401 edition, 30 items a day
(tests' demo-sized programme), then renders the PDF `runs` times (default 3) and prints each
time and the best. The target is under 5 seconds on the project's 2-core machine.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moqdad.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import translation  # noqa: E402


def main(runs: int) -> None:
    from django.conf import settings

    # Read print.css and the fonts from the source tree, as without collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    from exhibition import printing
    from exhibition.models import ScheduleItem
    from exhibition.tests.factories import edition_1401
    from exhibition.tests.pdf_text import pdf_pages
    from exhibition.tests.schedule_data import make_full_schedule

    edition = edition_1401()
    make_full_schedule(edition)
    items = ScheduleItem.objects.filter(exhibition=edition).count()
    timings = []
    with translation.override("fa"):
        for _ in range(runs):
            started = time.perf_counter()
            pdf = printing.programme_document(exhibition=edition).pdf()
            timings.append(time.perf_counter() - started)
    print(f"items: {items}, pages: {len(pdf_pages(pdf))}, size: {len(pdf) // 1024} KiB")
    print("runs (s): " + ", ".join(f"{t:.2f}" for t in timings))
    print(f"best: {min(timings):.2f} s (target < 5 s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
