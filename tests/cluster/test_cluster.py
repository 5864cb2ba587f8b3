"""Two app servers behind nginx, one PostgreSQL database, one Redis, media in an S3 bucket.

`make cluster` (and `.ci/run`) runs this folder: harness.py starts moto_server, a Redis of its
own, gunicorn A and B (`gunicorn.conf.py`, the settings read from the environment exactly as in
deploy/moqdad.env.example) and Debian's nginx with deploy/nginx/moqdad-locations.conf, on a
fresh PostgreSQL database reached through a TCP proxy the test can cut. Every check goes
through nginx: the balanced port, or a port pinned to A or to B with the same locations.

How it was checked that these tests can fail (each run on this machine, with CLUSTER_APP_ENV
giving every process of the cluster the setting; see harness.py):

- `CLUSTER_APP_ENV="CACHE_URL=locmemcache://moqdad"` (page cache and rate limits in each
  process's memory): 3 failed. test_change_published_on_a_is_visible_at_once_on_b (B served
  its stale page without the new name), test_contact_rate_limit_counts_across_both (all 21
  requests passed: each server counted its own) and test_healthz_and_pages_while_redis_is_down
  (/healthz said 200: the instances never needed Redis).
- `CLUSTER_APP_ENV="MEDIA_S3_BUCKET="` (media on the local disk): 2 failed.
  test_image_uploaded_through_a_is_in_the_bucket_and_shown_by_b (the photo and its variants
  were not in the bucket) and the backup test (the bucket held nothing to restore).
- `CLUSTER_APP_ENV="DATABASE_STATEMENT_TIMEOUT=0"`: the slow-database test failed, the page
  waited for the lock until the client gave up after 30 s.
- test_failover.py's docstring: nginx without retries.
"""

import io
import json
import re
import secrets
import signal
import tarfile
import time
import urllib.request

import psycopg
import pytest
from django.conf import settings
from PIL import Image

from exhibition.services import CONTACT_RATE_LIMIT
from moqdad.images import VARIANT_WIDTHS, variant_name
from tests.cluster.browser import Browser
from tests.cluster.conftest import ADMIN, log_in
from tests.cluster.harness import BUCKET, http_status, wait_for

pytestmark = pytest.mark.cluster

PERSIAN_503 = "موقتاً در دسترس نیست"
WORDS = ["محله", "شهید", "نمایشگاه", "شورا", "کوچه", "مسجد", "پایگاه", "روایت", "همت", "مقداد"]


def _jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (27, 107, 90)).save(out, "JPEG", quality=90)
    return out.getvalue()


def _booth_id(cluster, booth_path: str) -> int:
    code = booth_path.strip("/").split("/")[-1]
    return cluster.sql("SELECT id FROM exhibition_booth WHERE code = %s", (code,))[0][0]


def send_contact(browser: Browser, url: str, marker: str):
    return browser.submit(
        url,
        "field:subject",
        change={
            "name": "بازدیدکننده",
            "email": "visitor@example.org",
            "subject": marker,
            "message": f"پیام {marker}",
        },
    )


@pytest.fixture(scope="session")
def uploaded_photo(cluster, booth_path) -> str:
    """A photo uploaded in the admin through A; its stored name."""
    admin = log_in(cluster, "a")
    booth_id = _booth_id(cluster, booth_path)
    answer = admin.submit(
        cluster.url(f"/admin/exhibition/booth/{booth_id}/change/", "a"),
        "booth_form",
        files={"photo": ("stand.jpg", _jpeg(900, 600), "image/jpeg")},
    )
    assert answer.status == 302, re.findall(r'class="errorlist[^>]*>(.*?)</ul>', answer.text)
    return cluster.sql("SELECT photo FROM exhibition_booth WHERE id = %s", (booth_id,))[0][0]


def test_image_uploaded_through_a_is_in_the_bucket_and_shown_by_b(
    cluster, booth_path, uploaded_photo
):
    objects = cluster.bucket_objects()
    variants = [variant_name(uploaded_photo, width) for width in VARIANT_WIDTHS]
    page = Browser().get(cluster.url(booth_path, "b"))

    media = f"http://127.0.0.1:{cluster.s3_port}"
    assert {uploaded_photo, *variants} <= set(objects)
    assert f'src="{media}/{BUCKET}/{uploaded_photo}"' in page.text
    assert media in page.header("Content-Security-Policy").split("img-src")[1].split(";")[0]
    with urllib.request.urlopen(f"{media}/{BUCKET}/{uploaded_photo}") as served:  # noqa: S310
        assert served.read() == objects[uploaded_photo]
        assert served.headers["Content-Type"] == "image/jpeg"
    sizes = []
    for name in variants:
        with urllib.request.urlopen(f"{media}/{BUCKET}/{name}") as served:  # noqa: S310
            sizes.append(Image.open(io.BytesIO(served.read())).size)
    assert sizes == [(400, 267), (900, 600)]
    # Nothing on the app servers' disk, and nginx serves no /media/ path.
    assert not any((cluster.directory / "local-media").rglob("*"))
    assert Browser().get(cluster.url(f"/media/{uploaded_photo}")).status == 404
    print(f"\n[cluster] upload via A: {len(objects)} objects in the bucket, shown by B")


def test_nginx_lets_through_what_the_app_refuses_in_persian(cluster, booth_path):
    """The app's own limit (IMAGE_MAX_BYTES) answers with a Persian form error; nginx's
    client_max_body_size only stops bodies no form can be."""
    admin = log_in(cluster, "a")
    url = cluster.url(f"/admin/exhibition/booth/{_booth_id(cluster, booth_path)}/change/", "a")
    just_over = b"\xff\xd8" + b"\0" * settings.IMAGE_MAX_BYTES

    by_the_app = admin.submit(
        url, "booth_form", files={"photo": ("big.jpg", just_over, "image/jpeg")}
    )
    by_nginx = admin.submit(
        url, "booth_form", files={"photo": ("huge.jpg", just_over * 2, "image/jpeg")}
    )

    assert by_the_app.status == 200
    assert "حجم تصویر بیش از" in by_the_app.text
    assert by_nginx.status == 413


def test_change_published_on_a_is_visible_at_once_on_b(cluster, booth_path):
    visitor = Browser()
    before = [visitor.get(cluster.url(booth_path, "b")) for _ in range(2)]
    # Letters only: the page writes digits in Persian.
    new_name = "غرفهٔ " + " ".join(secrets.choice(WORDS) for _ in range(4))
    admin = log_in(cluster, "a")
    booth_id = _booth_id(cluster, booth_path)

    answer = admin.submit(
        cluster.url(f"/admin/exhibition/booth/{booth_id}/change/", "a"),
        "booth_form",
        change={"name": new_name},
    )
    after = visitor.get(cluster.url(booth_path, "b"))

    assert [page.status for page in before] == [200, 200]
    assert before[0].header("ETag") == before[1].header("ETag")  # the second from the cache
    assert answer.status == 302
    assert new_name not in before[1].text
    assert new_name in after.text


def test_session_made_on_a_is_valid_on_b(cluster):
    admin = log_in(cluster, "a")

    page = admin.get(cluster.url("/admin/", "b"))

    assert page.status == 200
    assert ADMIN[0] in page.text
    assert 'id="logout-form"' in page.text


def test_contact_rate_limit_counts_across_both(cluster, connect_path):
    visitor = Browser(source="127.0.0.201")
    marker = f"rate-{secrets.token_hex(3)}"

    statuses = [
        send_contact(visitor, cluster.url(connect_path, "ab"[n % 2]), marker).status
        for n in range(CONTACT_RATE_LIMIT + 1)
    ]

    assert statuses == [302] * CONTACT_RATE_LIMIT + [429]
    rows = cluster.sql(
        "SELECT count(*) FROM exhibition_contactrequest WHERE subject = %s", (marker,)
    )
    assert rows == [(CONTACT_RATE_LIMIT,)]


def test_login_lockout_counts_across_both(cluster):
    guesser = Browser(source="127.0.0.202")
    url = "/admin/login/?next=/admin/"

    wrong = [
        guesser.submit(
            cluster.url(url, "ab"[n % 2]),
            "login-form",
            change={"username": ADMIN[0], "password": f"wrong-{n}"},
        ).status
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    right = Browser(source="127.0.0.202").submit(
        cluster.url(url, "b"), "login-form", change={"username": ADMIN[0], "password": ADMIN[1]}
    )

    assert wrong[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert wrong[-1] == 429
    assert right.status == 429
    assert right.header("Retry-After").isdigit()


def test_slow_database_gives_persian_503_after_the_statement_timeout(cluster):
    with psycopg.connect(cluster.postgres_url(cluster.database, direct=True)) as locker:
        locker.execute("LOCK TABLE exhibition_exhibition IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        page = Browser().get(cluster.url(f"/?uncached={secrets.token_hex(4)}", "a"))
        elapsed = time.monotonic() - started
        locker.rollback()

    assert page.status == 503
    assert PERSIAN_503 in page.text
    assert "Traceback" not in page.text
    assert page.header("Retry-After") == "30"
    assert 3 <= elapsed < 8  # DATABASE_STATEMENT_TIMEOUT=3 in the cluster
    assert Browser().get(cluster.url("/", "a")).status == 200
    print(f"\n[cluster] locked table: Persian 503 after {elapsed:.1f} s")


def _health(cluster, via: str) -> tuple[int, dict]:
    answer = Browser().get(cluster.url("/healthz", via))
    return answer.status, json.loads(answer.text)


def _wait_healthy(cluster):
    for via in ("a", "b"):
        wait_for(
            lambda via=via: http_status(cluster.url("/healthz", via)) == 200,
            timeout=30,
            what=f"/healthz on {via}",
        )


def test_healthz_and_pages_while_postgresql_is_down(cluster, booth_path):
    Browser().get(cluster.url(booth_path))  # in the page cache (Redis)
    cluster.proxy.cut()
    try:
        health = [_health(cluster, via) for via in ("a", "b")]
        cached = Browser().get(cluster.url(booth_path))
        started = time.monotonic()
        uncached = Browser().get(cluster.url(f"/booths/?outage={secrets.token_hex(4)}"))
        elapsed = time.monotonic() - started
    finally:
        cluster.proxy.restore()
    _wait_healthy(cluster)

    assert health == [(503, {"status": "error", "database": False, "cache": True})] * 2
    assert cached.status == 200
    assert uncached.status == 503
    assert PERSIAN_503 in uncached.text
    assert "Traceback" not in uncached.text
    assert elapsed < 5
    assert Browser().get(cluster.url(f"/booths/?back={secrets.token_hex(4)}")).status == 200


def test_healthz_and_pages_while_redis_is_down(cluster, booth_path, connect_path):
    admin = log_in(cluster, "a")
    redis = cluster.services["redis"]
    redis.signal(signal.SIGKILL)
    redis.process.wait(10)
    marker = f"redis-down-{secrets.token_hex(3)}"
    try:
        health = [_health(cluster, via) for via in ("a", "b")]
        pages = [Browser().get(cluster.url(path)) for path in ("/", booth_path, "/booths/") * 2]
        staff = admin.get(cluster.url("/admin/", "b"))
        log_in(cluster, "b")  # a new log-in works too
        visitor = Browser(source="127.0.0.203")
        form_page = visitor.get(cluster.url(connect_path))
        # Where the form's page is answered, the form is taken: its rate limit fails open.
        sent = (
            send_contact(visitor, cluster.url(connect_path), marker)
            if form_page.status == 200
            else None
        )
    finally:
        cluster.start_redis()
    _wait_healthy(cluster)

    assert health == [(503, {"status": "error", "database": True, "cache": False})] * 2
    statuses = [page.status for page in pages]
    assert set(statuses) <= {200, 503}, statuses
    for page in pages:
        assert "Traceback" not in page.text
        assert page.status == 200 or PERSIAN_503 in page.text
    # Sessions live in the database: staff stay logged in while Redis is down.
    assert staff.status == 200
    assert 'id="logout-form"' in staff.text
    stored = cluster.sql(
        "SELECT count(*) FROM exhibition_contactrequest WHERE subject = %s", (marker,)
    )
    if form_page.status == 200:
        assert (sent.status, stored) == (302, [(1,)])
    print(
        f"\n[cluster] Redis down: {statuses.count(200)} pages rendered, "
        f"{statuses.count(503)} Persian 503, 0 tracebacks; staff session kept, log-in works; "
        f"connect form page {form_page.status}, form {'stored' if stored == [(1,)] else 'not sent'}"
    )


def _manifest(path) -> dict:
    with tarfile.open(path) as archive:
        return json.load(archive.extractfile("manifest.json"))


def test_backup_on_one_instance_and_restore_into_a_fresh_database(
    cluster, uploaded_photo, tmp_path
):
    tmp_path.chmod(0o755)
    archive = tmp_path / "cluster.tar.gz"
    cluster.manage("backup", str(archive), DATABASE_STATEMENT_TIMEOUT=0)
    restored = f"{cluster.database}_restored"
    cluster.create_database(restored)
    cluster.extra_databases.append(restored)
    cluster.create_bucket("moqdad-restored")
    elsewhere = {
        "DATABASE_URL": cluster.postgres_url(restored, direct=True),
        "MEDIA_S3_BUCKET": "moqdad-restored",
        "DATABASE_STATEMENT_TIMEOUT": 0,
    }

    cluster.manage("restore", str(archive), **elsewhere)
    cluster.manage("backup", str(tmp_path / "again.tar.gz"), **elsewhere)

    first, again = _manifest(archive), _manifest(tmp_path / "again.tar.gz")
    assert uploaded_photo in {entry["name"] for entry in first["media"]}
    assert again["row_counts"] == first["row_counts"]
    assert again["data_sha256"] == first["data_sha256"]
    assert again["media"] == first["media"]
    assert cluster.bucket_objects("moqdad-restored") == cluster.bucket_objects()
    print(
        f"\n[cluster] backup/restore: {sum(first['row_counts'].values())} rows, "
        f"{len(first['media'])} media files, identical"
    )
