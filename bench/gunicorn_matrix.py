"""gunicorn settings by measurement (`make bench-gunicorn`): worker class, workers, threads,
worker_connections and max_requests compared in one run, on one mix of requests.

It makes a PostgreSQL database of its own (`bench_gunicorn` unless --database), loads the demo
data at exhibition scale (116 neighborhoods, 55 booths, 6,000 martyrs), collects the static
files and makes one staff account, then measures every configuration with the same mix, five
wrk streams at once against one gunicorn (gunicorn.conf.py, the configuration's settings
passed in GUNICORN_CMD_ARGS, which gunicorn reads after the file):

- cached: the home page and booth pages, from the Redis page cache (16 connections);
- static: the stylesheet through whitenoise (8 connections);
- form: a booth's contact form, never cached: every request renders (2 connections);
- search: the martyr search for a common surname, a new address each time, so a cache miss
  that renders and stores its page (2 connections);
- pdf: a day's programme as PDF for a signed-in staff account, seconds of work, again
  --pdf-pause seconds after the last (1 connection): the slow request that holds a sync
  worker. On a loaded machine one PDF may outlast a round: the table counts the PDFs done.

Rounds alternate the configurations (round 1: A, B, C, ...; round 2: A, B, C, ...), each
started afresh and warmed, so the machine's other work falls on every configuration alike;
the tables give the medians over the rounds, and each configuration's total req/s as a ratio
to the reference configuration (the gunicorn.conf.py defaults) measured in the same round.
The load average is printed with every round. Memory is the proportional set size (PSS:
shared pages counted once) of the master and its workers after a round. Every configuration
must end without a socket error or an answer other than 2xx/3xx.

It writes bench/results/gunicorn.md and every run's figures to gunicorn.json, always stops
gunicorn and drops its database, and exits non-zero if a request failed. The default run takes
about 15 minutes; --quick measures five configurations in two rounds (about 4 minutes, half of
it the database). Needs wrk, PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379
(database 13 unless --redis-db, emptied before and after).

    python bench/gunicorn_matrix.py [--quick] [--rounds 3] [--duration 6] [--only sync,gthread 2x4]
"""

import argparse
import contextlib
import json
import os
import runpy
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from run import (
    PORT,
    REDIS_BASE,
    ROOT,
    SCALES,
    WRK_SCRIPT,
    Server,
    admin_execute,
    fetch,
    flush_redis,
    last_line,
    load_average,
    log,
    manage,
    redis_available,
    server_env,
)

# gunicorn.conf.py's own values, read without the environment's overrides.
_saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("GUNICORN_")}
DEFAULTS = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
os.environ.update(_saved)

SETUP_SCRIPT = """
import json
from importlib import import_module
from urllib.parse import quote
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.db.models import Count
from django.templatetags.static import static
from exhibition.models import Booth, Exhibition
from martyrs.models import Martyr

user = get_user_model().objects.create_superuser("bench-printer", "", None)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
booths = [booth.get_absolute_url() for booth in Booth.objects.public().order_by("code")[:8]]
surnames = Martyr.objects.public().values("last_name").annotate(n=Count("pk")).order_by("-n")
day = Exhibition.objects.current().days[0].isoformat()
print(json.dumps({
    "cookie": settings.SESSION_COOKIE_NAME + "=" + session.session_key,
    "static": static("moqdad/site.css"),
    "booths": booths,
    "surnames": [quote(row["last_name"]) for row in surnames[:20]],
    "pdf": "/print/schedule/" + day + ".pdf",
}))
"""


@dataclass(frozen=True)
class Stream:
    name: str
    connections: int
    paused: bool = False
    cookie: bool = False


STREAMS = (
    Stream("cached", 16),
    Stream("static", 8),
    Stream("form", 2),
    Stream("search", 2),
    Stream("pdf", 1, paused=True, cookie=True),
)
CONNECTIONS = sum(stream.connections for stream in STREAMS)


@dataclass(frozen=True)
class Config:
    name: str
    worker_class: str
    workers: int
    threads: int = 1
    # worker_connections at each worker's share of the connections plus its threads, else the
    # file's value. gthread keeps a connection on the worker that accepted it, so without a cap
    # the split decides the figures; and it keeps at most worker_connections - threads idle
    # connections alive (it closes the others after their answer), so a cap at the bare share
    # would measure reconnections for many threads (4 workers x 8 threads: no keep-alive).
    capped: bool = True
    max_requests: int = 0

    def arguments(self) -> str:
        connections = (
            -(-CONNECTIONS // self.workers) + self.threads
            if self.capped
            else DEFAULTS["worker_connections"]
        )
        return (
            f"--worker-class {self.worker_class} --workers {self.workers} "
            f"--threads {self.threads} --worker-connections {connections} "
            f"--max-requests {self.max_requests} "
            f"--max-requests-jitter {self.max_requests // 10}"
        )


def configurations(quick: bool) -> list[Config]:
    default_workers, default_threads = DEFAULTS["workers"], DEFAULTS["threads"]
    reference = Config(
        f"gthread {default_workers}x{default_threads}, file's defaults (reference)",
        "gthread",
        default_workers,
        default_threads,
        capped=False,
        max_requests=DEFAULTS["max_requests"],
    )
    sync = [Config(f"sync {w}", "sync", w) for w in ((2, 4) if quick else (2, 3, 4, 5))]
    grid = [(2, 4), (3, 8)] if quick else [(w, t) for w in (2, 3, 4) for t in (2, 4, 8)]
    gthread = [Config(f"gthread {w}x{t}", "gthread", w, t) for w, t in grid]
    variants = [
        Config(
            f"gthread {default_workers}x{default_threads}, worker_connections "
            f"{DEFAULTS['worker_connections']}",
            "gthread",
            default_workers,
            default_threads,
            capped=False,
        ),
        # The default (20,000) never recycles a worker inside a measurement; 200 does, every
        # second or two at a few hundred requests a second: an upper bound of its cost.
        Config(
            f"gthread {default_workers}x{default_threads}, max_requests 200",
            "gthread",
            default_workers,
            default_threads,
            max_requests=200,
        ),
    ]
    if quick:
        return [reference, *sync, *gthread]
    return [reference, *sync, *gthread, *variants]


def stream_script(
    stream: Stream, paths: list[str], *, cookie: str, token: str, pause_ms: int
) -> str:
    """A wrk script that walks its paths; `{n}` in a path becomes a number no request repeats."""
    lines = [
        WRK_SCRIPT,
        f"local paths = {{{', '.join(json.dumps(p) for p in paths)}}}",
        "local threads = 0",
        "setup = function(thread) threads = threads + 1; thread:set('id', threads) end",
        "local n = 0",
        "request = function()",
        "  n = n + 1",
        "  local path = paths[(n % #paths) + 1]",
        f"  path = (path:gsub('{{n}}', '{token}' .. id .. '-' .. n))",
        "  return wrk.format('GET', path)",
        "end",
    ]
    if stream.paused:
        lines.append(f"delay = function() return {pause_ms} end")
    if stream.cookie:
        lines.append(f'wrk.headers["Cookie"] = "{cookie}"')
    return "\n".join(lines) + "\n"


def start_wrk(stream: Stream, script: Path, duration: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            "wrk",
            f"-t{min(2, stream.connections)}",
            f"-c{stream.connections}",
            f"-d{duration}s",
            "--timeout",
            "20s",
            "-s",
            str(script),
            f"http://127.0.0.1:{PORT}/",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish_wrk(process: subprocess.Popen) -> dict:
    output, errors = process.communicate()
    if process.returncode:
        raise RuntimeError(f"wrk failed: {errors.strip()}")
    figures = json.loads(output.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["errors"] = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    return figures


def memory_mb(master: int) -> float:
    """PSS of the master and its workers: the preloaded application's pages counted once."""
    pids = [master]
    children = Path(f"/proc/{master}/task/{master}/children")
    if children.exists():
        pids += [int(pid) for pid in children.read_text().split()]
    total_kb = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return total_kb / 1024


def check_pdf(path: str, cookie: str) -> None:
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=60) as response:
        if response.status != 200 or response.headers["Content-Type"] != "application/pdf":
            raise RuntimeError(f"{path} answered {response.status} {response.headers}")


def measure(
    config: Config, env: dict, scripts: dict[str, Path], warm: list[str], duration: int
) -> dict:
    server = Server({**env, "GUNICORN_CMD_ARGS": config.arguments()}, connections=CONNECTIONS)
    try:
        for path in warm:
            for _ in range(2 * config.workers):
                status, _size = fetch(path)
                if status != 200:
                    raise RuntimeError(f"{path} answered {status}")
        processes = {
            stream.name: start_wrk(stream, scripts[stream.name], duration) for stream in STREAMS
        }
        results = {name: finish_wrk(process) for name, process in processes.items()}
        results["memory"] = memory_mb(server.process.pid)
    finally:
        # A quick shutdown: a graceful one would wait for the PDF that is still rendering.
        if server.process.poll() is None:
            os.killpg(server.process.pid, signal.SIGQUIT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.process.wait(timeout=5)
        server.stop()
    return results


def _median(values) -> float:
    values = list(values)
    return statistics.median(values) if values else 0.0


def report(configs: list[Config], rounds: list[dict], reference: str) -> list[str]:
    def runs(name: str) -> list[dict]:
        return [r[name] for r in rounds if name in r]

    def total(result: dict) -> float:
        return sum(result[stream.name]["rps"] for stream in STREAMS)

    lines = [
        "| configuration | req/s, all streams | × reference (spread) | cached req/s "
        "| cached p50 / p95 / p99 ms | static p99 ms | form p50 / p95 / p99 ms "
        "| search p95 ms | PDFs done | errors | memory MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for config in configs:
        results = runs(config.name)
        ratios = [
            total(r[config.name]) / total(r[reference])
            for r in rounds
            if config.name in r and reference in r
        ]

        def figure(stream: str, key: str, results=results) -> float:
            return _median(result[stream][key] for result in results)

        def ms(stream: str, key: str) -> str:
            return f"{figure(stream, key) / 1000:.0f}"

        errors = sum(result[s.name]["errors"] for result in results for s in STREAMS)
        lines.append(
            f"| {config.name} | {_median(total(r) for r in results):,.0f} | "
            f"{_median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f}) | "
            f"{figure('cached', 'rps'):,.0f} | "
            f"{ms('cached', 'p50')} / {ms('cached', 'p95')} / {ms('cached', 'p99')} | "
            f"{ms('static', 'p99')} | "
            f"{ms('form', 'p50')} / {ms('form', 'p95')} / {ms('form', 'p99')} | "
            f"{ms('search', 'p95')} | {sum(result['pdf']['requests'] for result in results)} | {errors} | "
            f"{_median(result['memory'] for result in results):.0f} |"
        )
    return lines


def detail(configs: list[Config], rounds: list[dict]) -> list[str]:
    lines = [
        "| configuration | stream | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for config in configs:
        results = [r[config.name] for r in rounds if config.name in r]
        for stream in STREAMS:
            runs = [result[stream.name] for result in results]
            lines.append(
                f"| {config.name} | {stream.name} | {_median(r['rps'] for r in runs):,.1f} | "
                + " | ".join(
                    f"{_median(r[key] for r in runs) / 1000:.1f}"
                    for key in ("p50", "p95", "p99", "max")
                )
                + f" | {sum(r['errors'] for r in runs)} |"
            )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="five configurations, 2 rounds")
    parser.add_argument("--rounds", type=int, help="alternating rounds (3; --quick 2)")
    parser.add_argument("--duration", type=int, help="seconds per measurement (6; --quick 5)")
    parser.add_argument("--pdf-pause", type=float, default=2.0, help="seconds between two PDFs")
    parser.add_argument("--database", default="bench_gunicorn", help="made and dropped by the run")
    parser.add_argument("--redis-db", type=int, default=13, help="emptied before and after")
    parser.add_argument("--only", default="", help="configuration names (substrings), commas")
    arguments = parser.parse_args()
    rounds = arguments.rounds or (2 if arguments.quick else 3)
    duration = arguments.duration or (5 if arguments.quick else 6)
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2
    redis_url = f"{REDIS_BASE}/{arguments.redis_db}"
    if not redis_available(redis_url):
        print(f"Redis does not answer at {redis_url}", file=sys.stderr)
        return 2
    configs = configurations(arguments.quick)
    reference = configs[0].name
    if arguments.only:
        wanted = arguments.only.split(",")
        configs = [c for c in configs if c.name == reference or any(w in c.name for w in wanted)]
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="moqdad-bench-gunicorn-"))
    database = arguments.database
    env = {
        **server_env(
            database,
            redis_url,
            workdir,
            base={k: v for k, v in os.environ.items() if not k.startswith("GUNICORN_")},
        ),
        "PAGE_CACHE": "on",
    }
    header = (
        f"gunicorn matrix of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} cores, PostgreSQL and Redis on the same machine, exhibition scale; "
        f"{len(configs)} configurations in {rounds} alternating rounds of {duration} s; "
        f"{CONNECTIONS} connections at once: "
        + ", ".join(f"{s.name} {s.connections}" for s in STREAMS)
        + f" (a PDF every {arguments.pdf_pause:g} s after the last); worker_connections at "
        "each worker's share plus its threads and no recycling unless the name says otherwise. "
        f"Load average at the start (1/5/15 min): {load_average()}."
    )
    log(header)
    results: list[dict] = []
    averages: list[str] = []
    failed = False
    try:
        admin_execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin_execute(f'CREATE DATABASE "{database}"')
        flush_redis(redis_url)
        log("migrate, collectstatic, demo data")
        manage(env, "translations", "compile", capture=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "load_demo_data", "-v0", *SCALES["exhibition"])
        flush_redis(redis_url)
        setup = json.loads(last_line(manage(env, "shell", "-c", SETUP_SCRIPT, capture=True)))
        token = time.strftime("%H%M%S")
        log("checking that the staff account gets the PDF")
        server = Server(env, connections=CONNECTIONS)
        try:
            check_pdf(setup["pdf"], setup["cookie"])
        finally:
            server.stop()
        paths = {
            "cached": ["/", *setup["booths"]],
            "static": [setup["static"]],
            "form": [booth + "connect/" for booth in setup["booths"]],
            "search": [f"/martyrs/?q={name}&n={{n}}" for name in setup["surnames"]],
            "pdf": [setup["pdf"]],
        }
        scripts = {}
        for stream in STREAMS:
            scripts[stream.name] = workdir / f"{stream.name}.lua"
            scripts[stream.name].write_text(
                stream_script(
                    stream,
                    paths[stream.name],
                    cookie=setup["cookie"],
                    token=token,
                    pause_ms=int(arguments.pdf_pause * 1000),
                )
            )
        for number in range(rounds):
            averages.append(load_average())
            log(f"round {number + 1}/{rounds}, load average {averages[-1]}")
            results.append({})
            for config in configs:
                result = measure(config, env, scripts, paths["cached"], duration)
                results[-1][config.name] = result
                errors = sum(result[s.name]["errors"] for s in STREAMS)
                failed = failed or bool(errors)
                log(
                    f"  {config.name}: "
                    + ", ".join(f"{s.name} {result[s.name]['rps']:,.0f}/s" for s in STREAMS)
                    + f", {errors} errors, {result['memory']:.0f} MB"
                )
    finally:
        admin_execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        flush_redis(redis_url)
        shutil.rmtree(workdir, ignore_errors=True)
    lines = [
        header,
        "",
        *report(configs, results, reference),
        "",
        f"Medians over the rounds; load average at each round's start: {'; '.join(averages)}; "
        f"at the end {load_average()}. Total time {time.monotonic() - started:.0f} s; "
        f"{'ERRORS during the runs' if failed else 'zero errors'}.",
        "",
        "Every stream, medians over the rounds:",
        "",
        *detail(configs, results),
    ]
    print("\n".join(lines), flush=True)
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / "gunicorn.md").write_text("\n".join(lines) + "\n")
    (results_dir / "gunicorn.json").write_text(json.dumps(results, indent=1) + "\n")
    print(f"Written to {results_dir / 'gunicorn.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
