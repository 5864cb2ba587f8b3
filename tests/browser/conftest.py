"""The browser suite: Playwright driving Debian's Chromium against the live test server.

Every page a test opens is watched: a request to any host but the app's, a console error
(CSP violations are reported as console errors) or an uncaught exception fails the test.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# in such a thread unless told that this is a test.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ASSETS = Path(__file__).parent / "assets"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Debian's chromium is not installed (apt-get install chromium).")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fa-IR", "timezone_id": "Asia/Tehran"}


class PageWatch:
    """What a page did that a visitor should never see: foreign requests, console errors."""

    def __init__(self, page, allowed_host):
        self.foreign_requests = []
        self.console_errors = []
        self.allowed_host = allowed_host
        page.on("request", self._on_request)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))

    def _on_request(self, request):
        parsed = urlparse(request.url)
        if parsed.scheme in ("data", "blob", "about"):
            return
        if parsed.netloc != self.allowed_host:
            self.foreign_requests.append(request.url)

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def assert_clean(self):
        assert self.foreign_requests == []
        assert self.console_errors == []


@pytest.fixture
def watched_page(page, live_server):
    """A page on the live server that fails the test on foreign requests or console errors."""
    page.set_default_timeout(10_000)
    watch = PageWatch(page, urlparse(live_server.url).netloc)
    page.watch = watch
    yield page
    watch.assert_clean()


@pytest.fixture
def axe():
    """Run axe-core on a page and return its serious and critical violations."""
    source = (ASSETS / "axe.min.js").read_text(encoding="utf-8")

    def run(page):
        # page.evaluate goes through the DevTools protocol, which the page's CSP does not
        # govern, so the vendored axe runs without weakening the policy.
        page.evaluate(source)
        result = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result
            if v["impact"] in ("serious", "critical")
        ]

    return run


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def assert_rtl_without_overflow(page):
    direction = page.evaluate("getComputedStyle(document.documentElement).direction")
    assert direction == "rtl"
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
