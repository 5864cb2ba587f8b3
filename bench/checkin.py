"""Door check-in latency: 32 doors scanning at once against a 5,000-guest list (issue #15).

It makes a PostgreSQL database of its own, migrates it, moves the 1401 edition to run today,
adds 5,000 invited guests and a door-staff account, starts gunicorn (gunicorn.conf.py) on
loopback and drives `POST /door/scan/` from 32 threads, each with its own keep-alive
connection, as 32 door phones would. Every scan is a real check-in of a different guest
(the heaviest path: the signature, the lookup, the check-in insert under its unique
constraint, the ledger row and their history rows); a second round scans the same cards
again ("already checked in"); a third round scans 300 more guests from one door alone, the
time a scan takes when nothing queues. It prints p50, p95 and p99 latency and the throughput
of each round, and exits non-zero if a request failed or a scan got an unexpected answer. The target
(issue #15) is p95 under 100 ms. It stops gunicorn and drops its database at the end.

    python bench/checkin.py [--guests 5000] [--doors 32] [--scans 3200]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres). Uses a local-memory cache, not Redis.
"""

import argparse
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import PYTHON, ROOT, SERVER_URL, log, manage  # noqa: E402

DB_NAME = "bench_moqdad_checkin"
PORT = 8766

SETUP = """
import datetime, json
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone
from exhibition.models import Exhibition
from guests.models import Guest, Invitation, phone_key
from moqdad.persian import normalize_for_search
from moqdad.roles import GROUP_NAMES, Role

count = {count}
edition = Exhibition.objects.get(jalali_year=1401)
today = timezone.localdate()
edition.start_date = today - datetime.timedelta(days=1)
edition.end_date = today + datetime.timedelta(days=3)
edition.first_day_opens_at = None
edition.save()
guests = []
for i in range(count):
    name = f"مهمان نمایشی {{i}}"
    phone = f"0912{{i:07d}}"
    guests.append(Guest(name=name, organization="سازمان نمایشی", phone=phone,
        name_key=normalize_for_search(name + " سازمان نمایشی"), phone_key=phone_key(phone),
        is_synthetic=True))
guests = Guest.objects.bulk_create(guests, batch_size=1000)
invitations = Invitation.objects.bulk_create(
    [Invitation(exhibition=edition, guest=g, first_day=edition.start_date,
                last_day=edition.end_date, is_synthetic=True) for g in guests],
    batch_size=1000,
)
door = User.objects.create_user("bench-door", password=None, is_staff=True)
door.groups.add(Group.objects.get(name=GROUP_NAMES[Role.DOOR_STAFF]))
client = Client()
client.force_login(door)
print(json.dumps({{"session": client.cookies["sessionid"].value,
                  "codes": [i.short_code for i in invitations]}}))
"""


def admin_execute(sql: str) -> None:
    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as connection:
        connection.execute(sql)


class Server:
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
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("gunicorn exited during start-up") from None
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            self.process.wait(timeout=20)


def drive(codes: list[str], doors: int, headers: dict, expected: str) -> tuple[list[float], list]:
    """Scan every code once, from `doors` threads; (latencies in ms, problems)."""
    latencies: list[float] = []
    problems: list = []
    lock = threading.Lock()
    shares = [codes[door::doors] for door in range(doors)]
    start = threading.Barrier(doors)

    def door(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        mine = []
        start.wait()
        for code in shares[number]:
            body = json.dumps(
                {
                    "code": code,
                    "nonce": uuid.uuid4().hex,
                    "door": f"door-{number}",
                    "device": f"bench-{number}",
                    "method": "scanner",
                }
            )
            began = time.perf_counter()
            connection.request("POST", "/door/scan/", body, headers)
            response = connection.getresponse()
            payload = response.read()
            mine.append((time.perf_counter() - began) * 1000)
            outcome = json.loads(payload).get("outcome") if response.status == 200 else None
            if outcome != expected:
                with lock:
                    problems.append((response.status, outcome))
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=door, args=(n,)) for n in range(doors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, problems


def report(label: str, latencies: list[float], seconds: float) -> str:
    cuts = statistics.quantiles(latencies, n=100)
    return (
        f"{label:<28} {len(latencies):>6} scans  p50 {cuts[49]:6.1f} ms  p95 {cuts[94]:6.1f} ms  "
        f"p99 {cuts[98]:6.1f} ms  {len(latencies) / seconds:7.1f} scans/s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guests", type=int, default=5000)
    parser.add_argument("--doors", type=int, default=32)
    parser.add_argument("--scans", type=int, default=3200)
    arguments = parser.parse_args()
    env = {
        **os.environ,
        "DATABASE_URL": f"{SERVER_URL}/{DB_NAME}",
        "CACHE_URL": "locmemcache://bench-checkin",
        "DEBUG": "off",
        "PRODUCTION": "off",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TASKS_BACKEND": "immediate",
        "LOG_LEVEL": "ERROR",
        # No collectstatic: the door's answers are JSON; an empty folder silences whitenoise.
        "STATIC_ROOT": tempfile.mkdtemp(prefix="moqdad-bench-checkin-"),
    }
    server = None
    failed = False
    try:
        admin_execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        admin_execute(f"CREATE DATABASE {DB_NAME}")
        log("migrate")
        manage(env, "translations", "compile", capture=True)
        manage(env, "migrate", "--noinput", "-v0")
        log(f"{arguments.guests} guests and their invitations")
        output = manage(env, "shell", "-c", SETUP.format(count=arguments.guests), capture=True)
        setup = json.loads(output.strip().splitlines()[-1])
        csrf = secrets.token_hex(16)
        headers = {
            "Content-Type": "application/json",
            "Cookie": f"sessionid={setup['session']}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
        }
        server = Server(env)
        codes = setup["codes"][: arguments.scans]
        # One scan to warm each worker's connections and caches, not measured.
        drive(setup["codes"][-arguments.doors :], arguments.doors, headers, "welcome")
        lines = [
            f"Check-in benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: "
            f"{os.cpu_count()} cores, gunicorn.conf.py defaults, PostgreSQL, "
            f"{arguments.guests} guests, {arguments.doors} doors at once.",
        ]
        for label, expected in (
            ("first scans (check-in)", "welcome"),
            ("same cards again", "already"),
        ):
            began = time.perf_counter()
            latencies, problems = drive(codes, arguments.doors, headers, expected)
            lines.append(report(label, latencies, time.perf_counter() - began))
            if problems:
                failed = True
                lines.append(f"  {len(problems)} unexpected answers, e.g. {problems[:3]}")
        # The time one scan takes when nothing queues: one door, the next guests on the list.
        alone = setup["codes"][arguments.scans : arguments.scans + 300]
        began = time.perf_counter()
        latencies, problems = drive(alone, 1, headers, "welcome")
        lines.append(report("one door alone (check-in)", latencies, time.perf_counter() - began))
        failed = failed or bool(problems)
        load = os.getloadavg()
        lines.append(f"Load average during the run: {load[0]:.1f} (1 min), {load[1]:.1f} (5 min).")
        print("\n".join(lines))
    finally:
        if server is not None:
            server.stop()
        admin_execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
