"""Render time of every public page type, in-process, without the page cache (issue #18).

The page benchmark (bench/run.py) measures the uncached pages through gunicorn and wrk, where
the machine's other work moves every figure. This script measures what a render itself
costs: it renders one page of every registered public page type (moqdad.public_pages; the
same sample addresses as bench/run.py, with the martyr page and the search for the most common
surname), plus the memorial of the neighborhood with the most martyrs and the last page of
every paginated list (the deepest page a visitor can reach by the pager's links), each `--repeat` times with Django's test client in this process, with
PAGE_CACHE=off. The pages are rendered in rounds (every page once, then again), so a change in
the machine's load falls on all of them alike. It prints, per page type, the first render
(right after the load: it pays the figures kept under the content version), the p50 and p95
of the following renders and the number of queries, with the load average before and after.

By default it makes a PostgreSQL database of its own, migrates it, loads the demo data at the
chosen scale (bench/run.py's SCALES; the loader's own ANALYZE, nothing by hand), measures and
drops it. With --keep it reuses the database if it exists (loading it only if it does not) and
keeps it, so that a fix can be measured again on the same data in a minute.

    python bench/render.py [--scale national] [--database bench_render] [--keep]
                           [--repeat 20] [--only search,statistics] [--redis-db N]

Without --redis-db the figures kept under the content version live in a local-memory cache;
with it, in that Redis database (emptied first), as in production.
"""

import argparse
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (  # noqa: E402
    PAGES_SCRIPT,
    REDIS_BASE,
    ROOT,
    SCALES,
    SERVER_URL,
    admin_execute,
    flush_redis,
    last_line,
    load_average,
    log,
    manage,
    redis_available,
)

TARGET_MS = 50


def database_exists(name: str) -> bool:
    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        return found.fetchone() is not None


def prepare(env: dict, database: str, scale: str, *, keep: bool) -> bool:
    """Make, migrate and load the database; True if it was reused as it was."""
    if keep and database_exists(database):
        log(f"reusing the database {database} as it is")
        return True
    admin_execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    admin_execute(f'CREATE DATABASE "{database}"')
    log("migrate")
    manage(env, "translations", "compile", capture=True)
    manage(env, "migrate", "--noinput", "-v0")
    log(f"demo data at {scale} scale")
    manage(env, "load_demo_data", "-v0", *SCALES[scale])
    return False


def last_page(client, path: str) -> str | None:
    """The address of the last page of a paginated list (the view's `page`), if it has more
    than one; the same address with `page=` set, as the pager's links make it."""
    response = client.get(path)
    page = (response.context or {}).get("page")
    paginator = getattr(page, "paginator", None)
    if paginator is None or paginator.num_pages <= 1:
        return None
    base, _, query = path.partition("?")
    parameters = [p for p in query.split("&") if p and not p.startswith("page=")]
    return f"{base}?{'&'.join([*parameters, f'page={paginator.num_pages}'])}"


def largest_memorial() -> str:
    """The memorial page of the neighborhood with the most martyrs (its last page is the
    deepest page of any list)."""
    from django.db.models import Count
    from django.urls import reverse

    from martyrs.models import Martyr
    from neighborhoods.models import Neighborhood

    largest = (
        Martyr.objects.public()
        .exclude(neighborhood=None)
        .values("neighborhood")
        .annotate(n=Count("pk"))
        .order_by("-n")[0]
    )
    slug = Neighborhood.objects.get(pk=largest["neighborhood"]).slug
    return reverse("martyrs:neighborhood", kwargs={"slug": slug})


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


class Render:
    """One render's wall time, the time spent waiting for the database and its queries."""

    def __init__(self):
        self.database_ms = 0.0
        self.queries = 0
        self.cpu_ms = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.database_ms += (time.perf_counter() - started) * 1000
            self.queries += 1


def render(client, path: str) -> tuple[float, Render]:
    from django.db import connection

    figures = Render()
    with connection.execute_wrapper(figures):
        started, cpu_started = time.perf_counter(), time.thread_time()
        response = client.get(path)
        wall_ms = (time.perf_counter() - started) * 1000
        figures.cpu_ms = (time.thread_time() - cpu_started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return wall_ms, figures


def measure(targets: dict[str, str], *, repeat: int) -> dict[str, dict]:
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="fa")
    figures = {name: {"times": [], "database": [], "cpu": []} for name in targets}
    for name, path in targets.items():
        figures[name]["first"], first = render(client, path)
        figures[name]["first_queries"] = first.queries
    for _round in range(repeat):
        for name, path in targets.items():
            wall_ms, one = render(client, path)
            figures[name]["times"].append(wall_ms)
            figures[name]["database"].append(one.database_ms)
            figures[name]["cpu"].append(one.cpu_ms)
            figures[name]["queries"] = one.queries
    return figures


def report(figures: dict[str, dict], targets: dict[str, str]) -> list[str]:
    lines = [
        "| page | address | first ms | p50 ms | p95 ms | database p50 ms | CPU p50 ms "
        "| queries (first, then) | p95 < 50 ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, row in figures.items():
        p50 = statistics.median(row["times"])
        p95 = percentile(row["times"], 0.95)
        lines.append(
            f"| {name} | `{targets[name][:50]}` | {row['first']:.1f} | {p50:.1f} | {p95:.1f} | "
            f"{statistics.median(row['database']):.1f} | {statistics.median(row['cpu']):.1f} | "
            f"{row['first_queries']}, "
            f"{row['queries']} | {'yes' if p95 < TARGET_MS else 'NO'} |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="national", choices=sorted(SCALES))
    parser.add_argument("--database", default="bench_render")
    parser.add_argument("--keep", action="store_true", help="reuse the database and keep it")
    parser.add_argument("--repeat", type=int, default=20, help="renders per page after the first")
    parser.add_argument("--only", default="", help="page names (substrings), comma-separated")
    parser.add_argument("--redis-db", type=int, default=None, help="Redis database (emptied)")
    arguments = parser.parse_args()

    redis_url = f"{REDIS_BASE}/{arguments.redis_db}" if arguments.redis_db is not None else ""
    if redis_url and not redis_available(redis_url):
        print(f"Redis does not answer at {redis_url}", file=sys.stderr)
        return 2
    # The collected static files (the manifest the pages' links read) and the sample addresses
    # (finding them walks every martyr) are kept with the database.
    workdir = Path(tempfile.gettempdir()) / f"moqdad-render-{arguments.database}"
    workdir.mkdir(exist_ok=True)
    pages_file = workdir / "pages.json"
    env = {
        **os.environ,
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "DATABASE_URL": f"{SERVER_URL}/{arguments.database}",
        "CACHE_URL": redis_url or "locmemcache://render",
        "PAGE_CACHE": "off",
        "DEBUG": "off",
        "PRODUCTION": "off",
        "LOG_LEVEL": "ERROR",
    }
    try:
        reused = prepare(env, arguments.database, arguments.scale, keep=arguments.keep)
        manage(env, "collectstatic", "--noinput", "-v0")
        if not (reused and pages_file.exists()):
            pages_file.write_text(last_line(manage(env, "shell", "-c", PAGES_SCRIPT, capture=True)))
        targets = json.loads(pages_file.read_text())
        if redis_url:
            flush_redis(redis_url)

        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "moqdad.settings"
        os.chdir(ROOT)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.test import Client
        from django.test.utils import setup_test_environment, teardown_test_environment

        # The test environment records each response's context (the pager's page count); it
        # slows every render, so it is on only while the deep pages are found.
        setup_test_environment()
        targets["neighborhood with the most martyrs (martyrs)"] = largest_memorial()
        client = Client(HTTP_ACCEPT_LANGUAGE="fa")
        for name, path in list(targets.items()):
            deep = last_page(client, path)
            if deep:
                targets[f"{name}, last page"] = deep
        teardown_test_environment()
        if arguments.only:
            wanted = arguments.only.split(",")
            targets = {k: v for k, v in targets.items() if any(w in k for w in wanted)}
        if redis_url:
            flush_redis(redis_url)
        else:
            from django.core.cache import cache

            cache.clear()

        before = load_average()
        log(f"{len(targets)} pages, 1 + {arguments.repeat} renders each, load average {before}")
        figures = measure(targets, repeat=arguments.repeat)
        after = load_average()
    finally:
        if not arguments.keep:
            admin_execute(f'DROP DATABASE IF EXISTS "{arguments.database}" WITH (FORCE)')
            shutil.rmtree(workdir, ignore_errors=True)
        if redis_url:
            flush_redis(redis_url)

    print(
        f"\nIn-process renders at {arguments.scale} scale, PAGE_CACHE=off, "
        f"{'Redis' if redis_url else 'local-memory'} cache for the kept figures, "
        f"1 + {arguments.repeat} renders per page in rounds, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"load average {before} → {after}.\n"
    )
    print("\n".join(report(figures, targets)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
