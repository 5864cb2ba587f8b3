"""One cluster for the whole run (starting it takes most of the time): see harness.py."""

import re

import pytest

from tests.cluster.browser import Browser
from tests.cluster.harness import Cluster

ADMIN = ("cluster-admin", "cluster-admin-password-1401")


def _seed(cluster: Cluster) -> None:
    cluster.manage(
        "load_demo_data", "--neighborhoods", "3", "--booths", "6", "--martyrs", "30", "-v0"
    )
    cluster.manage(
        "createsuperuser",
        "--noinput",
        "--username",
        ADMIN[0],
        "--email",
        "admin@example.org",
        DJANGO_SUPERUSER_PASSWORD=ADMIN[1],
    )


@pytest.fixture(scope="session")
def cluster():
    started = Cluster()
    try:
        started.start(_seed)
        yield started
    except BaseException:
        for service in started.services.values():
            print(f"--- {service.name} ---\n{service.log_tail()}")
        raise
    finally:
        started.stop()


@pytest.fixture(scope="session")
def booth_path(cluster) -> str:
    """The public page of a published booth, read from the booth list."""
    page = Browser().get(cluster.url("/booths/"))
    return re.search(r'href="(/booths/[^"/]+/)"', page.text)[1]


@pytest.fixture(scope="session")
def connect_path(cluster, booth_path) -> str:
    """Where the booth's connect form is: on the booth page, or on a page of its own it links."""
    page = Browser().get(cluster.url(booth_path))
    if 'name="subject"' in page.text:
        return booth_path
    return re.search(r'href="(/booths/[^"/]+/connect/)"', page.text)[1]


def log_in(cluster: Cluster, via: str, *, source: str = "127.0.0.1") -> Browser:
    browser = Browser(source=source)
    url = cluster.url("/admin/login/?next=/admin/", via)
    answer = browser.submit(url, "login-form", change={"username": ADMIN[0], "password": ADMIN[1]})
    assert answer.status == 302, answer.text[:2000]
    return browser
