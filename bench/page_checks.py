"""Lighthouse (mobile) and the Nu Html Checker over one page of every public page type.

It makes a scratch SQLite database, migrates it, loads the synthetic demo data, collects the
static files, serves the site with gunicorn on loopback (DEBUG off, as in production), then
runs Lighthouse with Debian's Chromium (headless) on each page and vnu on all of them, and
prints a table: the four Lighthouse scores per page type and the Nu checker's errors. Nothing
reaches the internet. It exits non-zero when a page scores below the targets (accessibility
1.0, every other category 0.95) or the checker reports an error.

The tools are npm packages (bench/page_checks/package.json); once:

    (cd bench/page_checks && npm install)      # lighthouse, vnu-jar; needs node and java
    python bench/page_checks.py [--only martyrs:search,exhibition:floor_plan] [--keep]
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
TARGETS = {"accessibility": 1.0, "performance": 0.95, "best-practices": 0.95, "seo": 0.95}
# Audits a page type fails on purpose, with the reason; its category is judged without them.
# (None today: a search's result pages are crawlable and name /search/ as their canonical page.)
DELIBERATE: dict[str, dict[str, str]] = {}

# One address per public page type, from the registry of public pages when the project has
# one (moqdad.public_pages), else from this list of URL names and the demo data's first row.
PAGE_LIST = r"""
import json
from django.urls import reverse
try:
    from moqdad.public_pages import public_pages
except ImportError:
    public_pages = None
if public_pages is not None:
    pages = {}
    for page in public_pages():
        if page.html:
            urls = page.sample_urls(per_type=1)
            if urls:
                pages[page.url_name] = urls[0]
            for url in urls[1:]:
                pages[page.url_name + url[url.index("?"):]] = url
else:
    from exhibition.models import Booth, Exhibition
    from martyrs.models import Martyr
    from neighborhoods.models import Neighborhood
    edition = Exhibition.objects.current()
    neighborhood = Neighborhood.objects.public().filter(martyrs__isnull=False).first()
    pages = {
        "exhibition:home": reverse("exhibition:home"),
        "neighborhoods:list": reverse("neighborhoods:list"),
        "neighborhoods:detail": neighborhood.get_absolute_url(),
        "exhibition:booth_list": reverse("exhibition:booth_list"),
        "exhibition:booth": Booth.objects.public().filter(exhibition=edition).first().get_absolute_url(),
        "exhibition:floor_plan": reverse("exhibition:floor_plan"),
        "exhibition:schedule": reverse("exhibition:schedule"),
        "exhibition:schedule?days=all": reverse("exhibition:schedule") + "?days=all",
        "exhibition:schedule_day": reverse("exhibition:schedule_day", kwargs={"day": edition.start_date}),
        "exhibition:schedule_now": reverse("exhibition:schedule_now"),
        "exhibition:statistics": reverse("exhibition:statistics"),
        "exhibition:search": reverse("exhibition:search") + "?q=%D9%85%D8%AD%D9%84%D9%87",
        "martyrs:search": reverse("martyrs:search"),
        "martyrs:search?q=": reverse("martyrs:search") + "?q=%D8%A7%D8%AD%D9%85%D8%AF",
        "martyrs:detail": Martyr.objects.public().first().get_absolute_url(),
        "martyrs:figures": reverse("martyrs:figures"),
        "martyrs:neighborhood": reverse("martyrs:neighborhood", kwargs={"slug": neighborhood.slug}),
    }
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


def lighthouse(url: str, workdir: Path) -> dict:
    """The four category scores of one page, on Lighthouse's default mobile settings."""
    report = workdir / "lighthouse.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        capture_output=True,
    )
    result = json.loads(report.read_text())
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
    return {"scores": scores, "failing": failing, "titles": titles}


def _fails(audit: dict) -> bool:
    """A pass/fail audit that failed, or a measured one that scored under 0.9."""
    if audit.get("score") is None:
        return False
    if audit.get("scoreDisplayMode") == "binary":
        return audit["score"] < 1
    return audit.get("scoreDisplayMode") in ("numeric", "metricSavings") and audit["score"] < 0.9


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated page types (URL names)")
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
        log("migrate, demo data, collectstatic")
        manage(env, "translations", "compile")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo_data")
        manage(env, "collectstatic", "--noinput", "-v0")
        pages = json.loads(manage(env, "shell", "-c", PAGE_LIST).strip().splitlines()[-1])
        if arguments.only:
            pages = {name: url for name, url in pages.items() if name in arguments.only.split(",")}
        server = start_server(env, port)
        log(f"Nu Html Checker on {len(pages)} pages")
        nu = nu_checker([base + url for url in pages.values()], workdir)
        rows = []
        for name, url in pages.items():
            log(f"Lighthouse: {name} {url}")
            result = lighthouse(base + url, workdir)
            errors = nu.get(base + url, [])
            excused = DELIBERATE.get(name.split("?")[0], {})
            low = [
                c
                for c in CATEGORIES
                if result["scores"][c] < TARGETS[c]
                and not (excused and set(result["failing"][c]) <= set(excused))
            ]
            failed = failed or bool(low or errors)
            rows.append((name, url, result, errors, low))
        print(f"{'page type':28} " + " ".join(f"{c[:13]:>13}" for c in CATEGORIES) + "  nu errors")
        for name, _url, result, errors, _low in rows:
            scores = " ".join(f"{result['scores'][c]:>13.2f}" for c in CATEGORIES)
            print(f"{name:28} {scores}  {len(errors):>9}")
        for name, reasons in DELIBERATE.items():
            for audit, reason in reasons.items():
                print(f"\n{name}: {audit} is deliberate ({reason}).")
        for name, url, result, errors, low in rows:
            if low:
                print(f"\n{name} ({url}) below target in {', '.join(low)}:")
                for category in low:
                    for audit_id in result["failing"][category]:
                        print(f"  {category}: {audit_id}: {result['titles'][audit_id]}")
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
