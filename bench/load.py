"""Load test: 64 concurrent visitors for 60 s on the public pages and the booth connect form.

It makes a PostgreSQL database of its own, migrates it, loads the synthetic demo data,
collects the static files, starts gunicorn (gunicorn.conf.py) on loopback and lets 64 clients
loose on it, each with its own cookie jar and its own loopback source address (127.0.0.2,
127.0.0.3, ...), so per-visitor limits see 64 visitors. Each client mostly reads pages found
by crawling the site from its home page, and now and then opens a booth page and its connect
form's page, takes the CSRF token from it and sends the form with a unique marker in the message.

At the end it counts the answers by status, and checks that every submission the site
accepted (a redirect to ?sent=1) is a row in the database. It exits non-zero on any 5xx, any
transport error or any accepted submission missing from the database. It stops gunicorn and
drops its database whatever happens. Traffic goes to 127.0.0.1 only; the run is bounded by
--duration (at most 300 s) and each request by a 15 s timeout.

    python bench/load.py [--clients 64] [--duration 60] [--form-share 0.15]
"""

import argparse
import asyncio
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

import aiohttp
import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DB_NAME = "load_moqdad"
SERVER_URL = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/13"
HOST = "127.0.0.1"
PORT = 8766
BASE = f"http://{HOST}:{PORT}"
MAX_DURATION = 300
REQUEST_TIMEOUT = 15
CRAWL_LIMIT = 400

HREF = re.compile(r'href="(/[^"#?]*)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BOOTH_PAGE = re.compile(r"^/booths/[^/]+/$")
SKIPPED = re.compile(r"^/(admin|static|media|print|i18n|en)/|\.(pdf|ics|png|svg|json)$")


def _redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except Exception:
        return False


def _environment(static_root: Path) -> dict:
    env = dict(os.environ)
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", "PRODUCTION"):
        env.pop(name, None)
    env.update(
        DATABASE_URL=f"{SERVER_URL}/{DB_NAME}",
        DEBUG="off",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        STATIC_ROOT=str(static_root),
        GUNICORN_BIND=f"{HOST}:{PORT}",
        PYTHONUNBUFFERED="1",
    )
    if _redis_answers():
        env["CACHE_URL"] = REDIS_URL
    return env


def _manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def _recreate_database() -> None:
    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DB_NAME}"')


def _drop_database() -> None:
    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def _flush_redis() -> None:
    if _redis_answers():
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()


def _start_gunicorn(env: dict) -> subprocess.Popen:
    config = ROOT / "gunicorn.conf.py"
    command = [PYTHON, "-m", "gunicorn", "moqdad.wsgi"]
    if config.exists():
        command += ["-c", str(config)]
    else:
        command += ["-k", "gthread", "-w", "2", "--threads", "8", "-b", f"{HOST}:{PORT}"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{BASE}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    _stop(server)
    raise SystemExit("gunicorn did not answer /healthz within 20 s")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=25)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


async def _crawl(session: aiohttp.ClientSession) -> list[str]:
    """Same-site pages reachable from the home page and the list pages, breadth first."""
    seen, queue, pages = set(), ["/", "/neighborhoods/", "/martyrs/", "/schedule/"], []
    while queue and len(pages) < CRAWL_LIMIT:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        async with session.get(BASE + path, allow_redirects=False) as response:
            body = await response.text()
            if response.status != 200 or "text/html" not in response.content_type:
                continue
        pages.append(path)
        for link in HREF.findall(body):
            if link not in seen and not SKIPPED.search(link):
                queue.append(link)
    return pages


class Tally:
    def __init__(self):
        self.statuses: Counter = Counter()
        self.latencies: list[float] = []
        self.server_errors: list[str] = []
        self.transport_errors: Counter = Counter()
        self.accepted: set[str] = set()
        self.rate_limited = 0
        self.rejected = 0

    def record(self, path: str, status: int, seconds: float) -> None:
        self.statuses[status] += 1
        self.latencies.append(seconds)
        if status >= 500:
            self.server_errors.append(f"{status} {path}")


async def _timed(tally: Tally, session, method: str, path: str, **kwargs):
    started = time.perf_counter()
    try:
        async with session.request(method, BASE + path, allow_redirects=False, **kwargs) as answer:
            body = await answer.text()
            tally.record(path, answer.status, time.perf_counter() - started)
            return answer.status, answer.headers.get("Location", ""), body
    except (aiohttp.ClientError, TimeoutError) as error:
        tally.transport_errors[type(error).__name__] += 1
        return None, "", ""


async def _connect_form(tally: Tally, session, booth: str, marker: str) -> None:
    # The booth page links to its form's own page (the booth page itself carries no token).
    await _timed(tally, session, "GET", booth)
    booth += "connect/"
    status, _location, body = await _timed(tally, session, "GET", booth)
    token = CSRF.search(body) if status == 200 else None
    if token is None:
        return
    form = {
        "csrfmiddlewaretoken": token[1],
        "name": "بازدیدکننده آزمون بار",
        "organization": "آزمون بار",
        "phone": "09121234567",
        "email": "",
        "subject": "درخواست همکاری",
        "message": f"پیام آزمون بار {marker}",
        "website": "",
    }
    status, location, _body = await _timed(
        tally, session, "POST", booth, data=form, headers={"Referer": BASE + booth}
    )
    if status == 302 and "sent=1" in location:
        tally.accepted.add(marker)
    elif status == 429:
        tally.rate_limited += 1
    elif status is not None and status < 500:
        tally.rejected += 1


async def _visitor(number, run_id, pages, booths, deadline, form_share, tally, rng) -> None:
    source = f"127.0.0.{2 + number}"
    connector = aiohttp.TCPConnector(limit=1, local_addr=(source, 0))
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    jar = aiohttp.CookieJar(unsafe=True)
    headers = {"Accept-Language": "fa", "Accept-Encoding": "gzip, br"}
    async with aiohttp.ClientSession(
        connector=connector, timeout=timeout, cookie_jar=jar, headers=headers
    ) as session:
        sent = 0
        while time.monotonic() < deadline:
            if booths and rng.random() < form_share:
                sent += 1
                await _connect_form(tally, session, rng.choice(booths), f"{run_id}-{number}-{sent}")
            else:
                await _timed(tally, session, "GET", rng.choice(pages))


def _stored_markers(run_id: str) -> set[str]:
    with psycopg.connect(f"{SERVER_URL}/{DB_NAME}") as connection:
        rows = connection.execute(
            "SELECT message FROM exhibition_contactrequest WHERE message LIKE %s",
            (f"%{run_id}-%",),
        ).fetchall()
    return {re.search(rf"{run_id}-\d+-\d+", message)[0] for (message,) in rows}


async def _load(clients: int, duration: float, form_share: float) -> tuple[Tally, dict]:
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        pages = await _crawl(session)
    booths = [page for page in pages if BOOTH_PAGE.match(page)]
    tally = Tally()
    run_id = f"load{secrets.token_hex(4)}"
    rng = random.Random(1401)  # noqa: S311 - a reproducible mix of pages, not a secret
    seeds = [rng.random() for _ in range(clients)]
    started = time.monotonic()
    deadline = started + duration
    await asyncio.gather(
        *(
            _visitor(
                n,
                run_id,
                pages,
                booths,
                deadline,
                form_share,
                tally,
                random.Random(seeds[n]),  # noqa: S311
            )
            for n in range(clients)
        )
    )
    elapsed = time.monotonic() - started
    return tally, {
        "pages": len(pages),
        "booths": len(booths),
        "run_id": run_id,
        "elapsed": elapsed,
    }


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def _report(tally: Tally, facts: dict, stored: set[str], clients: int) -> bool:
    total = sum(tally.statuses.values())
    missing = tally.accepted - stored
    print(f"\n== load: {clients} clients for {facts['elapsed']:.0f} s against gunicorn on {BASE}")
    print(f"pages crawled {facts['pages']} (booth pages {facts['booths']})")
    print(f"requests {total}, {total / facts['elapsed']:.0f}/s")
    if tally.latencies:
        median = statistics.median(tally.latencies) * 1000
        p95, p99 = _percentile(tally.latencies, 0.95), _percentile(tally.latencies, 0.99)
        longest = max(tally.latencies) * 1000
        print(f"latency ms: median {median:.0f}, p95 {p95:.0f}, p99 {p99:.0f}, max {longest:.0f}")
    print("status counts:", ", ".join(f"{k}: {v}" for k, v in sorted(tally.statuses.items())))
    print(f"5xx answers: {len(tally.server_errors)}")
    for line in sorted(set(tally.server_errors))[:10]:
        print("   ", line)
    print(
        f"transport errors: {sum(tally.transport_errors.values())} {dict(tally.transport_errors)}"
    )
    print(
        f"connect form: accepted {len(tally.accepted)}, in the database {len(tally.accepted & stored)}, "
        f"missing {len(missing)}; rate-limited (429) {tally.rate_limited}, "
        f"other refusals {tally.rejected}"
    )
    ok = not tally.server_errors and not tally.transport_errors and not missing
    ok = ok and len(tally.accepted) > 0
    print("result:", "PASS" if ok else "FAIL")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--form-share", type=float, default=0.15)
    parser.add_argument("--martyrs", default="6000", help="Martyrs in the demo data.")
    options = parser.parse_args()
    if not 1 <= options.clients <= 250:
        parser.error("--clients must be between 1 and 250 (one loopback address each)")
    duration = min(options.duration, MAX_DURATION)
    static_root = Path(tempfile.mkdtemp(prefix="moqdad-load-static-"))
    env = _environment(static_root)
    server = None
    try:
        _recreate_database()
        _flush_redis()
        _manage(env, "translations", "compile")
        _manage(env, "migrate", "--noinput", "-v0")
        _manage(env, "load_demo_data", "--martyrs", options.martyrs)
        _manage(env, "collectstatic", "--noinput", "-v0")
        server = _start_gunicorn(env)
        tally, facts = asyncio.run(_load(options.clients, duration, options.form_share))
        stored = _stored_markers(facts["run_id"])
        return 0 if _report(tally, facts, stored, options.clients) else 1
    finally:
        if server is not None:
            _stop(server)
        _flush_redis()
        _drop_database()
        shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
