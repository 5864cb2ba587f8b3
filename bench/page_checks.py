"""Lighthouse (mobile), the page weight budget and the Nu Html Checker over every page type.

It makes a scratch SQLite database, migrates it, loads the synthetic demo data, collects the
static files, serves the site with gunicorn on loopback (DEBUG off, as in production), then
checks one page of every public page type, the two visitors' forms and (when the demo data has
one open) a guest's invitation page:

- Lighthouse with Debian's Chromium (headless, mobile, simulated throttling), the median of
  `--runs` runs by performance score: the four category scores, the metrics behind the
  performance score, and the first visit's bytes on the wire and requests (its
  network-requests audit);
- a repeat visit in Chromium (Playwright): the page opened again in a new tab of the same
  browser, its HTTP cache warm, counting what still reaches the server;
- the Nu Html Checker (vnu) on every page.

It prints a table and exits non-zero on a miss of issue #18's targets: performance and
accessibility 1.0, best practices and SEO 0.95, a first visit under 250 kB in under 15
requests, a repeat visit under 30 kB, no checker error. Nothing reaches the internet.

The tools are npm packages (bench/page_checks/package.json); once:

    (cd bench/page_checks && npm install)      # lighthouse, vnu-jar; needs node and java
    python bench/page_checks.py [--only martyrs:search,exhibition:floor_plan] [--runs 3] [--keep]
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

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "bench" / "page_checks"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
VNU_JAR = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PYTHON = sys.executable
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"accessibility": 1.0, "performance": 1.0, "best-practices": 0.95, "seo": 0.95}
# The page weight budget of issue #18, per page: a first visit (cold cache) under 250 kB in
# under 15 requests, a repeat visit (same browser, warm HTTP cache) under 30 kB. Bytes on the
# wire, headers included.
FIRST_VISIT_BYTES, FIRST_VISIT_REQUESTS, REPEAT_VISIT_BYTES = 250_000, 15, 30_000
# The metrics the performance score is made of, printed to show what a low score comes from.
METRICS = {
    "first-contentful-paint": "FCP ms",
    "largest-contentful-paint": "LCP ms",
    "speed-index": "SI ms",
    "total-blocking-time": "TBT ms",
    "cumulative-layout-shift": "CLS",
}
# Audits a page type fails on purpose, with the reason; its category is judged without them.
# (None today: a search's result pages are crawlable and name /search/ as their canonical page.)
DELIBERATE: dict[str, dict[str, str]] = {}

# One address per public page type (moqdad.public_pages), then the visitors' pages that are
# not page types because they are never cached: the two forms a public page links to and a
# guest's invitation (when the demo's edition still has one open).
PAGE_LIST = r"""
import json
from django.urls import reverse
from django.utils import timezone
from guests.models import Invitation
from martyrs.models import Martyr
from moqdad.public_pages import public_pages
pages = {}
booth_code = None
for page in public_pages():
    if page.html:
        urls = page.sample_urls(per_type=1)
        if urls:
            pages[page.url_name] = urls[0]
        for url in urls[1:]:
            pages[page.url_name + url[url.index("?"):]] = url
        if page.url_name == "exhibition:booth" and urls:
            booth_code = next(iter(page.items())).code
if booth_code:
    pages["exhibition:booth_connect"] = reverse("exhibition:booth_connect", kwargs={"code": booth_code})
martyr = Martyr.objects.public().order_by("pk").first()
if martyr:
    pages["martyrs:correction"] = reverse("martyrs:correction", kwargs={"pk": martyr.pk})
invitations = Invitation.objects.filter(
    status=Invitation.Status.PENDING, exhibition__end_date__gte=timezone.localdate()
).order_by("pk")
invitation = next((i for i in invitations if i.is_open_for_answers), None)
if invitation:
    pages["guests:rsvp"] = reverse("guests:rsvp", kwargs={"token": invitation.token})
print(json.dumps(pages))
"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def start_server(env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "moqdad.wsgi", "--workers", "2"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("gunicorn exited during start-up") from None
            time.sleep(0.3)
    stop_server(process)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


class LighthouseError(RuntimeError):
    """Lighthouse failed on every attempt at a page (the page is reported, the others go on)."""


def lighthouse(url: str, workdir: Path, runs: int) -> dict:
    """The four category scores of one page, on Lighthouse's default mobile settings (simulated
    slow 4G and a 4x slower CPU), from the run with the median performance score: the
    simulation starts from the timings this machine observed, which move with its load."""
    reports = []
    for number in range(runs):
        report = workdir / f"lighthouse-{number}.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
        ]
        # On a loaded machine Lighthouse now and then loses the trace (NO_NAVSTART) or Chromium
        # does not start in its time: try again before giving up on the run.
        for attempt in (1, 2, 3):
            completed = subprocess.run(
                command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True
            )
            if completed.returncode == 0:
                reports.append(json.loads(report.read_text()))
                break
            log(f"Lighthouse failed (attempt {attempt}): {completed.stderr.strip()[-300:]}")
    if not reports:
        raise LighthouseError(url)
    reports.sort(key=lambda result: result["categories"]["performance"]["score"])
    result = reports[len(reports) // 2]
    scores = {name: result["categories"][name]["score"] for name in CATEGORIES}
    failing = {
        name: [
            audit_id
            for audit_id in (ref["id"] for ref in result["categories"][name]["auditRefs"])
            if _fails(result["audits"][audit_id])
        ]
        for name in CATEGORIES
    }
    titles = {
        audit_id: f"{audit['title']} ({audit.get('displayValue') or audit['score']})"
        for audit_id, audit in result["audits"].items()
    }
    performance_runs = [r["categories"]["performance"]["score"] for r in reports]
    return {
        "scores": scores,
        "failing": failing,
        "titles": titles,
        "first_visit": first_visit(result),
        "performance_runs": performance_runs,
        "metrics": {name: result["audits"][name]["numericValue"] for name in METRICS},
    }


def _fails(audit: dict) -> bool:
    """A pass/fail audit that failed, or a measured one that scored under 0.9."""
    if audit.get("score") is None:
        return False
    if audit.get("scoreDisplayMode") == "binary":
        return audit["score"] < 1
    return audit.get("scoreDisplayMode") in ("numeric", "metricSavings") and audit["score"] < 0.9


def first_visit(result: dict) -> tuple[int, int]:
    """Bytes on the wire (headers included) and requests of Lighthouse's cold load."""
    items = result["audits"]["network-requests"]["details"]["items"]
    return sum(item.get("transferSize") or 0 for item in items), len(items)


def repeat_visits(urls: list[str]) -> dict[str, tuple[int, int]]:
    """Bytes on the wire and requests that reached the server when each page is opened a
    second time in a new tab of the same browser (its HTTP cache warm from the first visit),
    as a visitor coming back to the page would."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for url in urls:
                context = browser.new_context(**playwright.devices["Moto G4"])
                context.new_page().goto(url, wait_until="load")
                results[url] = _network_use(context, url)
                context.close()
        finally:
            browser.close()
    return results


def _network_use(context, url: str) -> tuple[int, int]:
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    from_cache, sizes = set(), {}
    session.on("Network.requestServedFromCache", lambda e: from_cache.add(e["requestId"]))
    session.on(
        "Network.responseReceived",
        lambda e: e["response"].get("fromDiskCache") and from_cache.add(e["requestId"]),
    )
    session.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    on_wire = {request: size for request, size in sizes.items() if request not in from_cache}
    return sum(on_wire.values()), len(on_wire)


def nu_checker(urls: list[str], workdir: Path) -> dict[str, list[str]]:
    """The Nu Html Checker's errors (not its warnings) for each address. vnu refuses to fetch
    from loopback, so it checks the pages saved as files."""
    files = {}
    for number, url in enumerate(urls):
        path = workdir / f"page-{number}.html"
        with urllib.request.urlopen(url, timeout=30) as response:
            path.write_bytes(response.read())
        files[f"file:{path}"] = url
    completed = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
        + [name.removeprefix("file:") for name in files],
        capture_output=True,
        text=True,
    )
    errors = {url: [] for url in urls}
    for message in json.loads(completed.stderr or '{"messages": []}')["messages"]:
        url = files.get(message.get("url", ""), message.get("url", "?"))
        errors.setdefault(url, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']}"
        )
    return errors


def budget_misses(first: tuple[int, int], repeat: tuple[int, int]) -> list[str]:
    misses = []
    if first[0] >= FIRST_VISIT_BYTES:
        misses.append(f"first visit {first[0]:,} B >= {FIRST_VISIT_BYTES:,} B")
    if first[1] >= FIRST_VISIT_REQUESTS:
        misses.append(f"first visit {first[1]} requests >= {FIRST_VISIT_REQUESTS}")
    if repeat[0] >= REPEAT_VISIT_BYTES:
        misses.append(f"repeat visit {repeat[0]:,} B >= {REPEAT_VISIT_BYTES:,} B")
    return misses


def print_tables(rows: list[tuple]) -> None:
    print(
        f"{'page type':34} "
        + " ".join(f"{c[:13]:>13}" for c in CATEGORIES)
        + "  first kB  req  repeat kB  req  nu errors"
    )
    for name, _url, result, errors, _low, repeat, _misses in rows:
        scores = " ".join(f"{result['scores'][c]:>13.2f}" for c in CATEGORIES)
        first = result["first_visit"]
        print(
            f"{name:34} {scores}  {first[0] / 1000:>8.1f} {first[1]:>4}"
            f"  {repeat[0] / 1000:>9.1f} {repeat[1]:>4}  {len(errors):>9}"
        )
    print(f"\n{'page type':34} " + " ".join(f"{label:>7}" for label in METRICS.values()) + "  runs")
    for name, _url, result, *_rest in rows:
        values = " ".join(
            f"{result['metrics'][metric]:>7.3f}"
            if metric == "cumulative-layout-shift"
            else f"{result['metrics'][metric]:>7.0f}"
            for metric in METRICS
        )
        runs = " ".join(f"{score:.2f}" for score in result["performance_runs"])
        print(f"{name:34} {values}  {runs}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated page types (URL names)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    arguments = parser.parse_args()
    for tool in (LIGHTHOUSE, VNU_JAR):
        if not tool.exists():
            log(f"{tool} is missing: run `npm install` in {TOOLS}.")
            return 2
    workdir = Path(tempfile.mkdtemp(prefix="moqdad-page-checks-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "DEBUG": "off",
        "PRODUCTION": "off",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PUBLIC_BASE_URL": base,
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "ERROR",
    }
    server = None
    failed = False
    try:
        log(f"load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
        log("migrate, demo data, collectstatic")
        manage(env, "translations", "compile")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo_data")
        manage(env, "collectstatic", "--noinput", "-v0")
        pages = json.loads(manage(env, "shell", "-c", PAGE_LIST).strip().splitlines()[-1])
        if "guests:rsvp" not in pages:
            log("guests:rsvp is not checked: the demo data has no invitation open for answers")
        if arguments.only:
            pages = {name: url for name, url in pages.items() if name in arguments.only.split(",")}
        server = start_server(env, port)
        log(f"Nu Html Checker on {len(pages)} pages")
        nu = nu_checker([base + url for url in pages.values()], workdir)
        log("repeat visits")
        repeats = repeat_visits([base + url for url in pages.values()])
        rows = []
        for name, url in pages.items():
            log(f"Lighthouse: {name} {url}")
            try:
                result = lighthouse(base + url, workdir, arguments.runs)
            except LighthouseError:
                print(f"{name} ({url}): Lighthouse failed on every attempt")
                failed = True
                continue
            errors = nu.get(base + url, [])
            excused = DELIBERATE.get(name.split("?")[0], {})
            low = [
                c
                for c in CATEGORIES
                if result["scores"][c] < TARGETS[c]
                and not (excused and set(result["failing"][c]) <= set(excused))
            ]
            repeat = repeats[base + url]
            misses = budget_misses(result["first_visit"], repeat)
            failed = failed or bool(low or errors or misses)
            rows.append((name, url, result, errors, low, repeat, misses))
        print(
            f"Page checks of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: Lighthouse"
            f" (mobile, simulated throttling, median of {arguments.runs} runs), load average"
            f" at the end {' / '.join(f'{x:.1f}' for x in os.getloadavg())}\n"
        )
        print_tables(rows)
        for name, reasons in DELIBERATE.items():
            for audit, reason in reasons.items():
                print(f"\n{name}: {audit} is deliberate ({reason}).")
        for name, url, result, errors, low, _repeat, misses in rows:
            if low:
                print(f"\n{name} ({url}) below target in {', '.join(low)}:")
                for category in low:
                    for audit_id in result["failing"][category]:
                        print(f"  {category}: {audit_id}: {result['titles'][audit_id]}")
            if misses:
                print(f"\n{name} ({url}) over the page weight budget: {'; '.join(misses)}")
            if errors:
                print(f"\n{name} ({url}) Nu checker errors:")
                print("\n".join(f"  {line}" for line in errors))
    finally:
        if server is not None:
            stop_server(server)
        if not arguments.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
