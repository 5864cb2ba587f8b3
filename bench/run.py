"""The performance benchmark (`make bench`): every public page type against a static file, in one run.

It makes a PostgreSQL database of its own, migrates it, loads the synthetic demo data at
exhibition scale (116 neighborhoods, 55 booths, 6,000 martyrs, the 166-item schedule), collects
the static files, starts gunicorn (gunicorn.conf.py) on loopback and drives it with wrk, then
does it again at national scale (250,000 martyrs), measuring right after the load (the loader's
own ANALYZE, nothing by hand). One page of every registered public page type
(moqdad.public_pages) is measured, plus the martyr search for the most common surname. Each
scale is measured twice:

- cached: the page cache on and warmed, 32 connections, spread evenly over the workers (each
  gthread worker accepts at most its share: `worker_connections`). Several rounds alternate a
  page with the static file (static, page, static, ...), and each page is compared with the
  static runs on either side of it, so that a change in the machine's load moves both. The
  table gives the median ratio over the rounds and its spread (lowest–highest); the page's
  and the static file's p50/p95/p99 are the medians over the rounds. Targets: throughput at
  least 0.8x the static file's, p99 at most 1.5x the static file's p99;
- uncached: the page cache off (PAGE_CACHE=off), so every request renders its page, at 2
  connections (one per core: the time to render, without queueing); target: p95 under 100 ms.

The machine's load average is printed with every table: on a shared machine the ratios are the
figures to compare, not the absolute ones. Every run must end without a socket error or a
non-2xx answer. It prints a table per run and exits non-zero if a request failed. It stops
gunicorn and drops its database at the end, whatever happened. Needs wrk (Debian package
`wrk`), PostgreSQL on 127.0.0.1:5432 and, if it answers, Redis on 127.0.0.1:6379 (database
14 unless --redis-db, emptied before and after).

    python bench/run.py [--duration 3] [--rounds 3] [--uncached-duration 5]
                        [--scales exhibition,national] [--database bench_moqdad] [--redis-db 14]
                        [--only home,statistics]
"""

import argparse
import json
import os
import runpy
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SERVER_URL = "postgres://postgres@127.0.0.1:5432"
REDIS_BASE = "redis://127.0.0.1:6379"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = _free_port()
SCALES = {
    "exhibition": ["--neighborhoods", "116", "--booths", "55", "--martyrs", "6000"],
    "national": ["--neighborhoods", "116", "--booths", "55", "--martyrs", "250000"],
}
CACHED_CONNECTIONS = 32
UNCACHED_CONNECTIONS = 2
CACHED_RATIO_TARGET = 0.8
CACHED_P99_TARGET = 1.5
UNCACHED_P95_TARGET_US = 100_000

# wrk prints the figures the targets need as one JSON line when a run is done.
WRK_SCRIPT = """
wrk.headers["Accept-Encoding"] = "gzip, br"
wrk.headers["Accept-Language"] = "fa"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, "max": %d, '
    .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, "bytes": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout,
    summary.bytes))
end
"""

PAGES_SCRIPT = """
import json
from urllib.parse import quote
from django.db.models import Count
from martyrs.models import Martyr
from moqdad.public_pages import public_pages

pages = {}
for page in public_pages():
    if page.html:
        urls = page.sample_urls(per_type=1)
        if urls:
            pages[page.url_name.split(":")[-1].replace("_", " ") + " (" + page.url_name.split(":")[0] + ")"] = urls[0]
martyr = Martyr.objects.public().order_by("pk")[600]
pages["detail (martyrs)"] = martyr.get_absolute_url()
common_name = (
    Martyr.objects.public().values("last_name").annotate(n=Count("pk")).order_by("-n")[0]
)["last_name"]
pages["search for a common name (martyrs)"] = "/martyrs/?q=" + quote(common_name)
print(json.dumps(pages))
"""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def redis_available(url: str) -> bool:
    try:
        return redis.Redis.from_url(url, socket_timeout=1).ping()
    except redis.RedisError:
        return False


def flush_redis(url: str) -> None:
    redis.Redis.from_url(url).flushdb()


def load_average() -> str:
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def admin_execute(sql: str) -> None:
    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def last_line(output: str) -> str:
    return output.strip().splitlines()[-1]


def server_env(database: str, cache_url: str, workdir: Path, base: dict | None = None) -> dict:
    """The environment of a benchmark's gunicorn and manage.py: its own database and cache, the
    production code paths (DEBUG off) on loopback, static and media files in `workdir`."""
    return {
        **(os.environ if base is None else base),
        "DATABASE_URL": f"{SERVER_URL}/{database}",
        "CACHE_URL": cache_url,
        "DEBUG": "off",
        "PRODUCTION": "off",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "ERROR",
    }


class Server:
    """gunicorn with the project's gunicorn.conf.py, in its own process group."""

    def __init__(self, env: dict, *, connections: int):
        defaults = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
        workers = int(env.get("GUNICORN_WORKERS") or defaults["workers"])
        threads = int(env.get("GUNICORN_THREADS") or defaults["threads"])
        # gthread keeps a keep-alive connection on the worker that accepted it: without a cap
        # one worker may take 31 of 32 connections. Each accepts at most its share, plus its
        # threads: gthread closes idle keep-alive connections beyond (connections - threads),
        # so the bare share would make wrk reconnect (bench/gunicorn_matrix.py does the same).
        per_worker = max(1, -(-connections // workers)) + threads
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "moqdad.wsgi"],
            cwd=ROOT,
            env={
                **env,
                "GUNICORN_BIND": f"127.0.0.1:{PORT}",
                "GUNICORN_WORKER_CONNECTIONS": str(per_worker),
                # Recycling a worker mid-run would measure its start-up, not the page.
                "GUNICORN_MAX_REQUESTS": "0",
            },
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2):
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("gunicorn exited during start-up") from None
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def fetch(path: str) -> tuple[int, int]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}{path}", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, len(response.read())


def wrk(
    path: str, *, connections: int, duration: int, script: Path, script_args: tuple = ()
) -> dict:
    """wrk against `path` with the Lua `script` (given `script_args`), which prints its figures
    as one JSON line when done; those figures, with req/s and the errors added up."""
    threads = min(2, connections)
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://127.0.0.1:{PORT}{path}",
            *(["--", *map(str, script_args)] if script_args else []),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    if "errors" not in figures:
        kinds = ("connect", "read", "write", "status", "timeout")
        figures["errors"] = sum(figures[k] for k in kinds)
    return figures


def _check(path: str, name: str, *, warm: bool) -> None:
    status, _size = fetch(path)
    if status != 200:
        raise RuntimeError(f"{name} ({path}) answered {status}")
    if warm:
        for _ in range(3):
            fetch(path)


def measure_cached(targets: dict, static: str, *, rounds: int, duration: int, script: Path):
    """Rounds of static, page, static, page, ...: each page against the static runs around it."""
    for name, path in targets.items():
        _check(path, name, warm=True)
    runs = {name: [] for name in targets}
    statics = {name: [] for name in targets}
    for number in range(rounds):
        log(f"  round {number + 1}/{rounds}, load average {load_average()}")
        before = wrk(static, connections=CACHED_CONNECTIONS, duration=duration, script=script)
        for name, path in targets.items():
            page = wrk(path, connections=CACHED_CONNECTIONS, duration=duration, script=script)
            after = wrk(static, connections=CACHED_CONNECTIONS, duration=duration, script=script)
            runs[name].append(page)
            statics[name].append(_combined(before, after))
            before = after
    return runs, statics


def _combined(first: dict, second: dict) -> dict:
    both = {key: (first[key] + second[key]) / 2 for key in ("rps", "p50", "p95", "p99")}
    both["errors"] = first["errors"] + second["errors"]
    return both


def measure_uncached(targets: dict, *, duration: int, script: Path) -> dict:
    results = {}
    for name, path in targets.items():
        _check(path, name, warm=False)
        results[name] = wrk(
            path, connections=UNCACHED_CONNECTIONS, duration=duration, script=script
        )
    return results


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def report_cached(title: str, runs: dict, statics: dict) -> tuple[list[str], int]:
    lines = [
        f"### {title}",
        "",
        "| page | × static req/s (median) | spread | req/s | p50 ms | p95 ms | p99 ms "
        "| static p99 ms | p99 × static | errors | target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    missed = 0
    for name, page_runs in runs.items():
        ratios = [p["rps"] / s["rps"] for p, s in zip(page_runs, statics[name], strict=True)]
        p99_ratios = [p["p99"] / s["p99"] for p, s in zip(page_runs, statics[name], strict=True)]
        ratio, p99_ratio = statistics.median(ratios), statistics.median(p99_ratios)
        errors = sum(run["errors"] for run in page_runs) + sum(s["errors"] for s in statics[name])
        misses = []
        if ratio < CACHED_RATIO_TARGET:
            misses.append(f"throughput {ratio:.2f}× < {CACHED_RATIO_TARGET}×")
        if p99_ratio > CACHED_P99_TARGET:
            misses.append(f"p99 {p99_ratio:.2f}× > {CACHED_P99_TARGET}×")
        if errors:
            misses.append(f"{errors} errors")
        missed += bool(misses)
        lines.append(
            f"| {name} | {ratio:.2f} | {min(ratios):.2f}–{max(ratios):.2f} | "
            f"{_median(page_runs, 'rps'):,.0f} | {_median(page_runs, 'p50') / 1000:.1f} | "
            f"{_median(page_runs, 'p95') / 1000:.1f} | {_median(page_runs, 'p99') / 1000:.1f} | "
            f"{_median(statics[name], 'p99') / 1000:.1f} | {p99_ratio:.2f} | {errors} | "
            f"{'met' if not misses else 'MISSED: ' + ', '.join(misses)} |"
        )
    every_static = [s for runs_of_page in statics.values() for s in runs_of_page]
    lines += [
        "",
        f"Static file over the same rounds: {_median(every_static, 'rps'):,.0f} req/s median, "
        f"p99 {_median(every_static, 'p99') / 1000:.1f} ms median.",
        "",
    ]
    return lines, missed


def report_uncached(title: str, results: dict) -> tuple[list[str], int]:
    lines = [
        f"### {title}",
        "",
        "| page | req/s | p50 ms | p95 ms | p99 ms | errors | target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    missed = 0
    for name, r in results.items():
        ok = r["p95"] < UNCACHED_P95_TARGET_US and not r["errors"]
        missed += not ok
        verdict = "met" if ok else f"MISSED: p95 {r['p95'] / 1000:.0f} ms, {r['errors']} errors"
        lines.append(
            f"| {name} | {r['rps']:,.0f} | {r['p50'] / 1000:.1f} | {r['p95'] / 1000:.1f} | "
            f"{r['p99'] / 1000:.1f} | {r['errors']} | {verdict} |"
        )
    lines.append("")
    return lines, missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=3, help="seconds per cached wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds, cached")
    parser.add_argument("--uncached-duration", type=int, default=5, help="seconds per page")
    parser.add_argument("--scales", default="exhibition,national")
    parser.add_argument("--database", default="bench_moqdad", help="made and dropped by the run")
    parser.add_argument("--redis-db", type=int, default=14, help="emptied before and after")
    parser.add_argument("--only", default="", help="page names (substrings), comma-separated")
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="moqdad-bench-"))
    script = workdir / "report.lua"
    script.write_text(WRK_SCRIPT)
    database = arguments.database
    redis_url = f"{REDIS_BASE}/{arguments.redis_db}"
    use_redis = redis_available(redis_url)
    env = server_env(database, redis_url if use_redis else "locmemcache://bench", workdir)
    lines = [
        f"Benchmark of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} cores, gunicorn.conf.py defaults (worker_connections capped at the "
        f"workers' share, no recycling during the run), PostgreSQL, "
        f"{'Redis' if use_redis else 'local-memory'} cache, wrk with Accept-Encoding: gzip, br; "
        f"cached: {arguments.rounds} alternating rounds of {arguments.duration} s per page and "
        f"static run; uncached: {arguments.uncached_duration} s per page. "
        f"Load average at the start (1/5/15 min): {load_average()}.",
        "",
    ]
    failed = False
    missed = 0
    server = None
    try:
        admin_execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin_execute(f'CREATE DATABASE "{database}"')
        if use_redis:
            flush_redis(redis_url)
        log("migrate, collectstatic")
        manage(env, "translations", "compile", capture=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        static = last_line(
            manage(
                env,
                "shell",
                "-c",
                "from django.templatetags.static import static; print(static('moqdad/site.css'))",
                capture=True,
            )
        )
        for scale in arguments.scales.split(","):
            log(f"demo data at {scale} scale")
            manage(env, "load_demo_data", "-v0", *SCALES[scale])
            if use_redis:
                flush_redis(redis_url)
            targets = json.loads(last_line(manage(env, "shell", "-c", PAGES_SCRIPT, capture=True)))
            if arguments.only:
                wanted = arguments.only.split(",")
                targets = {k: v for k, v in targets.items() if any(w in k for w in wanted)}
            # Uncached first: right after the load, as the first visitors would find it.
            log(f"{scale} scale, uncached: {UNCACHED_CONNECTIONS} connections")
            server = Server({**env, "PAGE_CACHE": "off"}, connections=UNCACHED_CONNECTIONS)
            try:
                average = load_average()
                results = measure_uncached(
                    targets, duration=arguments.uncached_duration, script=script
                )
            finally:
                server.stop()
                server = None
            table, misses = report_uncached(
                f"{scale.capitalize()} scale, uncached, {UNCACHED_CONNECTIONS} connections "
                f"(load average {average} → {load_average()})",
                results,
            )
            print("\n".join(table), flush=True)
            lines += table
            missed += misses
            failed = failed or any(r["errors"] for r in results.values())

            log(f"{scale} scale, cached: {CACHED_CONNECTIONS} connections")
            server = Server({**env, "PAGE_CACHE": "on"}, connections=CACHED_CONNECTIONS)
            try:
                average = load_average()
                runs, statics = measure_cached(
                    targets,
                    static,
                    rounds=arguments.rounds,
                    duration=arguments.duration,
                    script=script,
                )
            finally:
                server.stop()
                server = None
            table, misses = report_cached(
                f"{scale.capitalize()} scale, cached, {CACHED_CONNECTIONS} connections "
                f"(load average {average} → {load_average()})",
                runs,
                statics,
            )
            print("\n".join(table), flush=True)
            lines += table
            missed += misses
            failed = failed or any(
                run["errors"] for page_runs in runs.values() for run in page_runs
            )
    finally:
        if server is not None:
            server.stop()
        admin_execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        if use_redis:
            flush_redis(redis_url)
        shutil.rmtree(workdir, ignore_errors=True)
    lines.append(
        f"Total time {time.monotonic() - started:.0f} s; "
        f"{'ERRORS during the runs' if failed else 'zero errors'}; {missed} rows missed a "
        f"target; load average at the end {load_average()}."
    )
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / "latest.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines[-1:]))
    print(f"Written to {results_dir / 'latest.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
