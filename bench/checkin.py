"""Door check-in latency: 32 doors scanning at once against a 5,000-guest list (issue #15).

It makes a PostgreSQL database of its own, migrates it, moves the 1401 edition to run today,
adds 5,000 invited guests and a door-staff account, starts gunicorn (gunicorn.conf.py, each
worker taking its share of the connections, as bench/run.py does) on loopback and drives
`POST /door/scan/` with wrk: 32 keep-alive connections, as 32 door phones scanning at once,
each scan a different card and a fresh nonce (a Lua script). Rounds:

1. check-ins as fast as answered: each door sends its next scan the moment it has an answer,
   every scan a real check-in (the heaviest path: the signature, the lookup, the check-in
   insert under its unique constraint and the ledger row) — the server saturated;
2. the same cards again: every answer "already checked in at …";
3. check-ins at a person's pace: each of the 32 doors scans about one card a second (0.5-1.5
   s apart, about 32 scans a second in all, several times the busiest real door);
4. one door alone: the time a scan takes when nothing queues.

It prints p50, p95 and p99 latency, the throughput and the answers of each round with the
load average, and exits non-zero if a request failed, a scan got an unexpected answer or a
round ran out of cards. The target (issue #15) is p95 under 100 ms at 32 doors. It stops
gunicorn and drops its database at the end.

    python bench/checkin.py [--guests 5000] [--doors 32] [--duration 8]

Needs wrk (Debian package) and PostgreSQL on 127.0.0.1:5432 (user postgres). Uses a
local-memory cache, not Redis: the door reads no cached page.
"""

import argparse
import json
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (  # noqa: E402
    Server,
    admin_execute,
    load_average,
    log,
    manage,
    server_env,
    wrk,
)

DB_NAME = "bench_moqdad_checkin"

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


# Each wrk thread scans its own share of the cards (one per line in the file of its round),
# each scan with a fresh nonce, and tallies the answers; done() prints one JSON line.
WRK_SCRIPT = """
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  codes = {}
  local n = 0
  for line in io.lines(args[1]) do
    if n % tonumber(args[2]) == id then table.insert(codes, line) end
    n = n + 1
  end
  nexti = 1
  wrapped = 0
  outcomes = {}
  bad = 0
  math.randomseed(os.time() + id * 7919)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Cookie"] = args[3]
  wrk.headers["X-CSRFToken"] = args[4]
  pace = tonumber(args[5])
end

-- A door at a person's pace: each connection waits about `pace` ms (0.5-1.5x) between scans.
function delay()
  if pace > 0 then return math.random(math.floor(pace / 2), pace + math.floor(pace / 2)) end
  return 0
end

function request()
  if nexti > #codes then nexti = 1; wrapped = 1 end
  local code = codes[nexti]
  nexti = nexti + 1
  local nonce = string.format("bench%d-%d-%08x%08x", id, nexti, math.random(0, 0x7fffffff),
                              math.random(0, 0x7fffffff))
  local body = string.format(
    '{"code": "%s", "nonce": "%s", "door": "door-%d", "device": "bench-%d", "method": "scanner"}',
    code, nonce, id, id)
  return wrk.format(nil, "/door/scan/", nil, body)
end

function response(status, headers, body)
  local outcome = status == 200 and string.match(body, '"outcome": "([%a_]+)"') or nil
  if outcome then
    outcomes[outcome] = (outcomes[outcome] or 0) + 1
  else
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local tally = {}
  local bad_total = 0
  local wrapped_any = 0
  for _, thread in ipairs(threads) do
    bad_total = bad_total + thread:get("bad")
    wrapped_any = math.max(wrapped_any, thread:get("wrapped"))
    for name, n in pairs(thread:get("outcomes")) do
      tally[name] = (tally[name] or 0) + n
    end
  end
  local parts = {}
  for name, n in pairs(tally) do table.insert(parts, string.format('"%s": %d', name, n)) end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, "max": %d, '
    .. '"errors": %d, "bad": %d, "wrapped": %d, "outcomes": {%s}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect + e.read + e.write + e.status + e.timeout,
    bad_total, wrapped_any, table.concat(parts, ", ")))
end
"""


def scan_round(
    codes: list[str],
    *,
    doors: int,
    duration: int,
    cookie: str,
    csrf: str,
    workdir: Path,
    pace_ms: int = 0,
) -> dict:
    """wrk with `doors` connections scanning `codes` for `duration` seconds, each door as fast
    as it is answered or, with `pace_ms`, about one scan per `pace_ms`; its figures."""
    cards = workdir / f"cards-{secrets.token_hex(4)}.txt"
    cards.write_text("\n".join(codes) + "\n")
    threads = min(2, doors)
    return wrk(
        "/door/scan/",
        connections=doors,
        duration=duration,
        script=workdir / "scan.lua",
        script_args=(cards, threads, cookie, csrf, pace_ms),
    )


def checked_in_codes(database_url: str) -> list[str]:
    """The short codes of the guests checked in so far (for the round that scans them again)."""
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT i.short_code FROM guests_invitation i"
            " JOIN guests_checkin c ON c.invitation_id = i.id ORDER BY c.id"
        ).fetchall()
    return [row[0] for row in rows]


def report(label: str, figures: dict, expected: str) -> tuple[str, list[str]]:
    line = (
        f"| {label} | {figures['requests']:,} | {figures['p50'] / 1000:.1f} | "
        f"{figures['p95'] / 1000:.1f} | {figures['p99'] / 1000:.1f} | {figures['rps']:.0f} | "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(figures["outcomes"].items()))
        + " |"
    )
    problems = []
    if figures["errors"] or figures["bad"]:
        problems.append(
            f"{label}: {figures['errors']} failed requests, {figures['bad']} bad answers"
        )
    unexpected = {k: v for k, v in figures["outcomes"].items() if k != expected}
    if unexpected:
        problems.append(f"{label}: unexpected answers {unexpected}")
    if figures["wrapped"] and expected == "welcome":  # scanning again is what round 2 does
        problems.append(f"{label}: ran out of cards; give more --guests or a shorter --duration")
    return line, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guests", type=int, default=5000)
    parser.add_argument("--doors", type=int, default=32)
    parser.add_argument("--duration", type=int, default=8, help="seconds per round")
    arguments = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="moqdad-bench-checkin-"))
    (workdir / "scan.lua").write_text(WRK_SCRIPT)
    # No collectstatic: the door's answers are JSON; an empty folder silences whitenoise.
    env = {
        **server_env(DB_NAME, "locmemcache://bench-checkin", workdir),
        "TASKS_BACKEND": "immediate",
    }
    (workdir / "static").mkdir()
    server = None
    problems: list[str] = []
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
        cookie = f"sessionid={setup['session']}; csrftoken={csrf}"
        codes = setup["codes"]
        # 200 cards warm the workers up, 400 are for the lone door, 1,400 for the doors at a
        # person's pace, the rest for the 32 doors scanning as fast as they are answered.
        warm, alone, paced = codes[:200], codes[200:600], codes[600:2000]
        main_cards = codes[2000:]
        server = Server(env, connections=arguments.doors)
        common = {"cookie": cookie, "csrf": csrf, "workdir": workdir}
        log("warm-up")
        scan_round(warm, doors=arguments.doors, duration=1, **common)
        load_before = load_average()
        # (label, cards, doors, pace, seconds, expected answer); the paced round runs longer so
        # that its start, when all 32 doors send their first scan at once, is under 5% of it.
        rounds = [
            ("check-ins, as fast as answered", main_cards, arguments.doors, 0, 1, "welcome"),
            ("the same cards again", None, arguments.doors, 0, 1, "already"),
            ("check-ins, a scan a second per door", paced, arguments.doors, 1000, 3, "welcome"),
            ("one door alone (check-in)", alone, 1, 0, 1, "welcome"),
        ]
        lines = []
        for label, cards, doors, pace_ms, times, expected in rounds:
            log(label)
            if cards is None:
                cards = checked_in_codes(env["DATABASE_URL"])
            figures = scan_round(
                cards, doors=doors, duration=arguments.duration * times, pace_ms=pace_ms, **common
            )
            line, found = report(
                f"{label}, {doors} door{'s' if doors > 1 else ''}", figures, expected
            )
            lines.append(line)
            problems += found
        print(
            f"Check-in benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: "
            f"{os.cpu_count()} cores, gunicorn.conf.py defaults, PostgreSQL, "
            f"{arguments.guests:,} guests, wrk, {arguments.duration} s per round. "
            f"Load average (1/5/15 min) {load_before} → {load_average()}.\n"
        )
        print("| round | scans | p50 ms | p95 ms | p99 ms | scans/s | answers |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
        print("\n".join(lines))
        for problem in problems:
            print(f"PROBLEM: {problem}")
    finally:
        if server is not None:
            server.stop()
        admin_execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
