"""Time the «نظام مسائل محلات» book and the post-exhibition report on the full demo data set.
Not a test: prints seconds.

    .venv/bin/python bench/followup.py [runs]

Runs on a throw-away in-memory SQLite database: migrate, the real 1401 edition, the demo data
(116 neighborhoods, 500+ problems, their plans and commitments), then makes each PDF `runs`
times (default 3) and prints each time and the best. Targets on the project's 2-core machine:
the book under 10 seconds, the report under 5 (data read, HTML and PDF together).
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


def _time(make, runs: int) -> tuple[list[float], list[float], bytes]:
    """Wall-clock and CPU seconds of each run: on a machine shared with other work the wall
    clock also counts the waiting; the CPU time is what the document costs."""
    timings, cpu, pdf = [], [], b""
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        pdf = make().pdf()
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return timings, cpu, pdf


def main(runs: int) -> None:
    from django.conf import settings

    # Read the stylesheets and the fonts from the source tree, as without collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    from django.contrib.auth import get_user_model

    from exhibition.models import Exhibition
    from exhibition.tests.pdf_text import pdf_pages
    from followup import printing
    from followup.models import Commitment
    from neighborhoods.models import Neighborhood, Problem

    edition = Exhibition.objects.current()
    organizer = get_user_model().objects.create_superuser("bench", "bench@example.org", None)
    print(
        f"data: {Neighborhood.objects.count()} neighborhoods, {Problem.objects.count()} "
        f"problems, {Commitment.objects.count()} commitments"
    )
    with translation.override("fa"):
        for name, make, target in (
            ("book", lambda: printing.book_document(exhibition=edition), 10),
            (
                "report",
                lambda: printing.report_document(exhibition=edition, user=organizer),
                5,
            ),
        ):
            timings, cpu, pdf = _time(make, runs)
            print(f"{name}: pages: {len(pdf_pages(pdf))}, size: {len(pdf) // 1024} KiB")
            print("  runs (s): " + ", ".join(f"{t:.2f}" for t in timings))
            print("  CPU (s):  " + ", ".join(f"{t:.2f}" for t in cpu))
            print(f"  best: {min(timings):.2f} s, CPU {min(cpu):.2f} s (target < {target} s)")
    print(f"load average: {' '.join(f'{n:.1f}' for n in os.getloadavg())} (2 cores)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
