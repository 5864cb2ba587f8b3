"""The performance benchmark (`make bench`): every public page against a static file, same run.

It makes a PostgreSQL database of its own, migrates it, loads the synthetic demo data at
exhibition scale (116 neighborhoods, 55 booths, 6,000 martyrs, the 150-item schedule), collects
the static files, starts gunicorn (gunicorn.conf.py) on loopback and drives it with wrk, then
does it again at national scale (250,000 martyrs). Each scale is measured twice:

- cached: the page cache on and warmed, 32 connections (what a crowd of anonymous phones
  sees); target: throughput at least half the static file's, p99 under 50 ms;
- uncached: the page cache off (PAGE_CACHE=off), so every request renders its page, at 2
  connections (one per core: the time to render, without queueing); target: p95 under 100 ms.

Every run must end without a socket error or a non-2xx answer. It prints a table per run and
exits non-zero if a request failed. It stops gunicorn and drops its database at the end,
whatever happened. Needs wrk (Debian package `wrk`), PostgreSQL on 127.0.0.1:5432 and,
if it answers, Redis on 127.0.0.1:6379 (database 14, emptied before and after).

    python bench/run.py [--duration 8] [--scales exhibition,national] [--keep-going]
"""

import argparse
import json
import os
import shutil
import signal
import socket
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
DB_NAME = "bench_moqdad"
SERVER_URL = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/14"


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
from django.urls import NoReverseMatch, reverse
from exhibition.models import Booth, Exhibition
from martyrs.models import Martyr
from neighborhoods.models import Neighborhood

edition = Exhibition.objects.get(is_current=True)
booth = Booth.objects.public().filter(exhibition=edition).order_by("code")[10]
neighborhood = (
    Neighborhood.objects.public().filter(booths__exhibition=edition).order_by("pk").first()
)
martyr = Martyr.objects.public().order_by("pk")[600]
common_name = (
    Martyr.objects.public().values("last_name").annotate(n=Count("pk")).order_by("-n")[0]
)["last_name"]
pages = {
    "home": reverse("exhibition:home"),
    "booth": booth.get_absolute_url(),
    "neighborhood": neighborhood.get_absolute_url(),
    "martyr search": reverse("martyrs:search") + "?q=" + quote(common_name),
    "martyr": martyr.get_absolute_url(),
}
for name, url_name in (("schedule", "exhibition:schedule"), ("floor plan", "exhibition:floor_plan")):
    try:
        pages[name] = reverse(url_name)
    except NoReverseMatch:
        pass  # not built yet: the report says so
print(json.dumps(pages))
"""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def redis_available() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except redis.RedisError:
        return False


def flush_redis() -> None:
    redis.Redis.from_url(REDIS_URL).flushdb()


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


class Server:
    """gunicorn with the project's gunicorn.conf.py, in its own process group."""

    def __init__(self, env: dict):
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "moqdad.wsgi"],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{PORT}"},
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


def wrk(path: str, *, connections: int, duration: int, script: Path) -> dict:
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
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["errors"] = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    return figures


def measure(targets: dict, *, connections: int, duration: int, script: Path, warm: bool) -> dict:
    results = {}
    for name, path in targets.items():
        status, _size = fetch(path)
        if status != 200:
            raise RuntimeError(f"{name} ({path}) answered {status}")
        if warm:
            for _ in range(3):
                fetch(path)
        results[name] = wrk(path, connections=connections, duration=duration, script=script)
    return results


def report(title: str, results: dict, *, check) -> list[str]:
    static = results["static file"]["rps"]
    lines = [
        f"### {title}",
        "",
        "| page | req/s | p50 ms | p95 ms | p99 ms | × static | errors | target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, r in results.items():
        ratio = r["rps"] / static
        verdict = "" if name == "static file" else check(r, ratio)
        lines.append(
            f"| {name} | {r['rps']:,.0f} | {r['p50'] / 1000:.1f} | {r['p95'] / 1000:.1f} | "
            f"{r['p99'] / 1000:.1f} | {ratio:.2f} | {r['errors']} | {verdict} |"
        )
    lines.append("")
    return lines


def cached_check(r: dict, ratio: float) -> str:
    misses = []
    if ratio < 0.5:
        misses.append(f"throughput {ratio:.2f}× < 0.5×")
    if r["p99"] >= 50_000:
        misses.append(f"p99 {r['p99'] / 1000:.0f} ms ≥ 50")
    return "met" if not misses else "MISSED: " + ", ".join(misses)


def uncached_check(r: dict, _ratio: float) -> str:
    return "met" if r["p95"] < 100_000 else f"MISSED: p95 {r['p95'] / 1000:.0f} ms ≥ 100"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run")
    parser.add_argument("--scales", default="exhibition,national")
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="moqdad-bench-"))
    script = workdir / "report.lua"
    script.write_text(WRK_SCRIPT)
    use_redis = redis_available()
    env = {
        **os.environ,
        "DATABASE_URL": f"{SERVER_URL}/{DB_NAME}",
        "CACHE_URL": REDIS_URL if use_redis else "locmemcache://bench",
        "DEBUG": "off",
        "PRODUCTION": "off",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "ERROR",
    }
    lines = [
        f"Benchmark of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} cores, gunicorn.conf.py defaults, PostgreSQL, "
        f"{'Redis' if use_redis else 'local-memory'} cache, wrk with Accept-Encoding: gzip, br; "
        f"{arguments.duration} s per row.",
        "",
    ]
    failed = False
    server = None
    try:
        admin_execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        admin_execute(f"CREATE DATABASE {DB_NAME}")
        if use_redis:
            flush_redis()
        log("migrate, collectstatic")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "translations", "compile", capture=True)
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
                flush_redis()
            targets = json.loads(last_line(manage(env, "shell", "-c", PAGES_SCRIPT, capture=True)))
            targets["static file"] = static
            for mode, connections, check in (
                ("cached", CACHED_CONNECTIONS, cached_check),
                ("uncached", UNCACHED_CONNECTIONS, uncached_check),
            ):
                log(f"{scale} scale, {mode}: {connections} connections")
                page_cache = "on" if mode == "cached" else "off"
                server = Server({**env, "PAGE_CACHE": page_cache})
                try:
                    results = measure(
                        targets,
                        connections=connections,
                        duration=arguments.duration,
                        script=script,
                        warm=mode == "cached",
                    )
                finally:
                    server.stop()
                    server = None
                title = f"{scale.capitalize()} scale, {mode}, {connections} connections"
                table = report(title, results, check=check)
                print("\n".join(table), flush=True)
                lines += table
                failed = failed or any(r["errors"] for r in results.values())
    finally:
        if server is not None:
            server.stop()
        admin_execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        if use_redis:
            flush_redis()
        shutil.rmtree(workdir, ignore_errors=True)
    lines.append(
        f"Total time {time.monotonic() - started:.0f} s; "
        f"{'ERRORS during the runs' if failed else 'zero errors'}."
    )
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / "latest.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines[-1:]))
    print(f"Written to {results_dir / 'latest.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
