"""A server set up by the README's deployment commands (not `make run`) serves Persian.

The test copies the project's tracked files (no compiled catalogue, no database) to a scratch
folder, runs the README's deployment block line by line with `PRODUCTION=on` and an SQLite
database (packages come from the running virtualenv instead of `pip install`), loads the demo
data, logs in as the organizer and reads the home page, a booth page and the programme PDF.
Their visible text may hold no Latin word but the few that are not English interface: booth
code prefixes, the language switch, "QR", file formats and the public address.
"""

import html
import io
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from tests.docs.test_readme import _code_block_after, _readme

pytestmark = pytest.mark.slow

ALLOWED_LATIN = {"A-", "B-", "C-", "English", "QR", "PNG", "JSON", "organizer"}
LATIN = re.compile(r"[A-Za-z][A-Za-z'\-]+")
PASSWORD = "readme-deploy-1401"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _visible_text(page: str) -> str:
    page = re.sub(r"(?s)<(script|style)\b.*?</\1>|<!--.*?-->", " ", page)
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", page))


def _english(text: str, public_host: str) -> set[str]:
    return set(LATIN.findall(text.replace(f"https://{public_host}", " "))) - ALLOWED_LATIN


class _Client:
    """Plain HTTP to gunicorn as if behind the TLS proxy; secure cookies are sent by hand."""

    def __init__(self, base: str):
        self.base, self.cookies = base, {}
        self.opener = urllib.request.build_opener(_NoRedirect)

    def request(self, path: str, data: bytes | None = None) -> tuple[int, bytes]:
        origin = "https://" + self.base.split("://")[1]
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.0.0.7"}
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if data is not None:
            headers |= {"Referer": origin + path, "Origin": origin}
        url = self.base + path  # always http://127.0.0.1:<port>
        req = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310
        try:
            response = self.opener.open(req, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";")[0].split("=", 1)
            self.cookies[name] = value
        return response.status, response.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def deployed(tmp_path):
    base = Path(settings.BASE_DIR)
    site = tmp_path / "site"
    tracked = subprocess.run(  # noqa: S603
        ["git", "ls-files", "-z"],  # noqa: S607
        cwd=base,
        capture_output=True,
        check=True,
        text=True,
    ).stdout.split("\0")
    for name in filter(None, tracked):
        if (base / name).is_file():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(base / name, site / name)
    assert not list(site.rglob("*.mo"))
    (site / ".venv").symlink_to(Path(sys.prefix))

    port, public_host = _free_port(), "meqdad.example.ir"
    env = os.environ | {
        "PRODUCTION": "on",
        "DEBUG": "off",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}",
        "PUBLIC_BASE_URL": f"https://{public_host}",
        "DATABASE_URL": f"sqlite:///{site / 'db.sqlite3'}",
        "TRUSTED_PROXY_HOPS": "1",
        "DEMO_PASSWORD": PASSWORD,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    commands = [
        line.split("#")[0].strip()
        for line in _code_block_after(_readme(), "## Deployment").splitlines()
    ]
    commands = [c for c in commands if c and "pip install" not in c]
    server = commands.pop()
    assert "gunicorn" in server
    commands += [
        ".venv/bin/python manage.py load_demo_data",
        ".venv/bin/python manage.py create_demo_accounts",
    ]
    for command in commands:
        done = subprocess.run(  # noqa: S603 - the README's own commands
            command.split(), cwd=site, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-2000:])

    process = subprocess.Popen(  # noqa: S603
        server.split(), cwd=site, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    client = _Client(f"http://127.0.0.1:{port}")
    try:
        for _ in range(120):
            try:
                if client.request("/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        yield client, public_host
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_readme_deployment_serves_persian_pages_and_pdfs(deployed):
    client, public_host = deployed
    status, body = client.request("/admin/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = f"csrfmiddlewaretoken={token}&username=organizer&password={PASSWORD}&next=/admin/"
    status, _ = client.request("/admin/login/?next=/admin/", form.encode())
    assert status == 302 and "sessionid" in client.cookies

    booths = client.request("/booths/")[1].decode()
    booth = re.search(r'href="(/booths/[^/"]+/)"', booths).group(1)
    for path in ("/", booth, "/admin/"):
        status, body = client.request(path)
        assert status == 200, path
        assert _english(_visible_text(body.decode()), public_host) == set(), path

    status, pdf = client.request("/print/schedule.pdf")
    assert status == 200 and pdf.startswith(b"%PDF")
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    assert len(text) > 1000
    assert _english(text, public_host) == set()
