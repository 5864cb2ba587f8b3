"""What a page cache hit is: the stored final answer, in one round trip, past no other middleware."""

import gzip
import logging

import brotli
import pytest
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection
from django.db.models.fields.files import FieldFile
from django.middleware.csrf import CsrfViewMiddleware
from django.test import Client
from django.test.utils import CaptureQueriesContext

from exhibition.tests.factories import BoothFactory
from moqdad import caching, page_cache
from neighborhoods.tests.factories import NeighborhoodFactory

IDENTITY = {"HTTP_ACCEPT_ENCODING": "identity"}


@pytest.fixture(autouse=True)
def _cache_answering():
    """Each test starts with the cache up: an outage is logged once, when it starts."""
    caching._outage[0] = False


@pytest.fixture
def booth(edition):
    return BoothFactory(code="A01", name="غرفه محله نخست")


@pytest.fixture
def neighborhood(db):
    return NeighborhoodFactory(slug="shared", name="محله مشترک")


def _headers(response) -> dict:
    return {name: value for name, value in response.items() if name != "Date"}


@pytest.mark.parametrize("encoding", ["br", "gzip", "identity"])
def test_page_cache_hit_answers_with_the_headers_of_the_rendered_page(neighborhood, encoding):
    rendered = Client().get("/neighborhoods/shared/", HTTP_ACCEPT_ENCODING=encoding)

    hit = Client().get("/neighborhoods/shared/", HTTP_ACCEPT_ENCODING=encoding)

    assert hit.wsgi_request._page_cache_hit is True
    assert (_headers(hit), hit.content) == (_headers(rendered), rendered.content)
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "Permissions-Policy",
        "Content-Language",
        "ETag",
    ):
        assert header in hit


@pytest.mark.parametrize(
    ("accept", "coding"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("br;q=0, gzip", "gzip"),
        ("gzip", "gzip"),
        ("deflate", ""),
        ("", ""),
    ],
)
def test_page_cache_hit_is_compressed_per_accept_encoding(neighborhood, accept, coding):
    plain = Client().get("/neighborhoods/shared/", **IDENTITY).content

    hit = Client().get("/neighborhoods/shared/", HTTP_ACCEPT_ENCODING=accept)

    decode = {"br": brotli.decompress, "gzip": gzip.decompress, "": bytes}[coding]
    assert (hit.get("Content-Encoding", ""), decode(hit.content)) == (coding, plain)
    assert hit["Content-Length"] == str(len(hit.content))
    assert "Accept-Encoding" in hit["Vary"]


@pytest.mark.parametrize("encoding", ["br", "gzip", "identity"])
def test_page_cache_hit_answers_304_to_its_etag(neighborhood, encoding):
    first = Client().get("/neighborhoods/shared/", HTTP_ACCEPT_ENCODING=encoding)

    again = Client().get(
        "/neighborhoods/shared/", HTTP_ACCEPT_ENCODING=encoding, HTTP_IF_NONE_MATCH=first["ETag"]
    )

    assert (again.status_code, again.content, again["ETag"]) == (304, b"", first["ETag"])
    assert again["Cache-Control"] == "no-cache"


def test_page_cache_hit_runs_no_query_and_no_session_csrf_or_auth_middleware(booth, monkeypatch):
    Client().get("/booths/A01/")

    def refuse(*args, **kwargs):
        raise AssertionError("a hit entered a middleware it does not need")

    monkeypatch.setattr(SessionMiddleware, "process_request", refuse)
    monkeypatch.setattr(CsrfViewMiddleware, "process_request", refuse)
    monkeypatch.setattr(CsrfViewMiddleware, "process_view", refuse)
    monkeypatch.setattr(AuthenticationMiddleware, "process_request", refuse)
    with CaptureQueriesContext(connection) as queries:
        hit = Client().get("/booths/A01/")

    assert (hit.status_code, hit.wsgi_request._page_cache_hit, len(queries)) == (200, True, 0)


def test_page_cache_hit_is_one_round_trip_to_the_cache(booth, monkeypatch):
    Client().get("/booths/A01/")
    store = page_cache.store()
    calls = []
    monkeypatch.setattr(
        store, "get_many", lambda keys, _read=store.get_many: calls.append(keys) or _read(keys)
    )

    hit = Client().get("/booths/A01/")

    assert (hit.wsgi_request._page_cache_hit, len(calls)) == (True, 1)


def test_page_cache_hit_is_one_redis_command_on_a_reused_client(booth, monkeypatch):
    store = page_cache.store()
    if store.redis is None:
        pytest.skip("the cache is not Redis (CACHE_URL)")
    Client().get("/booths/A01/")
    commands = []
    execute = store.redis.execute_command
    monkeypatch.setattr(
        store.redis,
        "execute_command",
        lambda *args, **options: commands.append(args[0]) or execute(*args, **options),
    )

    Client().get("/booths/A01/")
    Client().get("/booths/A01/")

    assert (commands, page_cache.store() is store) == (["MGET", "MGET"], True)


def test_page_cache_hit_shows_an_admin_change_at_once(booth, admin_client_fa, edition):
    Client().get("/booths/")
    change = admin_client_fa.get(f"/admin/exhibition/booth/{booth.pk}/change/")
    form = change.context["adminform"].form
    data = {
        field.html_name: field.value()
        for field in form
        if field.value() is not None and not isinstance(field.value(), FieldFile)
    }
    for formset in change.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
    data["name"] = "غرفه با نام تازه"
    saved = admin_client_fa.post(f"/admin/exhibition/booth/{booth.pk}/change/", data)

    page = Client().get("/booths/", **IDENTITY)

    assert saved.status_code == 302
    assert "غرفه با نام تازه" in page.content.decode()


class _DeadStore:
    redis = None

    def get_many(self, keys):
        raise ConnectionRefusedError("Redis is down")

    def set(self, key, value, timeout):
        raise ConnectionRefusedError("Redis is down")


def test_page_cache_down_renders_pages_and_warns_once(booth, monkeypatch, caplog):
    monkeypatch.setitem(page_cache._stores, "default", _DeadStore())

    with caplog.at_level(logging.WARNING, logger="moqdad.page_cache"):
        first = Client().get("/booths/A01/")
        second = Client().get("/booths/A01/")

    assert (first.status_code, second.status_code) == (200, 200)
    assert [record.levelname for record in caplog.records] == ["WARNING"]


def test_page_cache_with_redis_refusing_renders_pages_and_saves_changes(booth, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }

    with caplog.at_level(logging.WARNING, logger="moqdad.page_cache"):
        page = Client().get("/booths/A01/")
        booth.name = "نام پس از قطع"
        booth.save()

    assert (page.status_code, booth.name) == (200, "نام پس از قطع")
    assert "unavailable" in caplog.text


def test_page_cache_hit_reads_only_versions_when_this_process_holds_the_page(booth, monkeypatch):
    Client().get("/booths/")
    store = page_cache.store()
    calls = []
    monkeypatch.setattr(
        store, "get_many", lambda keys, _read=store.get_many: calls.append(keys) or _read(keys)
    )

    hit = Client().get("/booths/")
    booth.name = "نام تازه در همین فرایند"
    booth.save()
    fresh = Client().get("/booths/", **IDENTITY)

    assert hit.wsgi_request._page_cache_hit is True
    assert all(key.startswith("moqdad:v:") for key in calls[0])
    assert "نام تازه در همین فرایند" in fresh.content.decode()


def test_page_cache_hit_of_a_current_edition_page_learns_the_edition_in_one_read(
    booth, monkeypatch
):
    Client().get("/booths/A01/")
    monkeypatch.setattr(page_cache, "_edition_hint", [None])
    Client().get("/booths/A01/")
    store = page_cache.store()
    calls = []
    monkeypatch.setattr(
        store, "get_many", lambda keys, _read=store.get_many: calls.append(keys) or _read(keys)
    )

    hit = Client().get("/booths/A01/")

    assert (hit.wsgi_request._page_cache_hit, len(calls)) == (True, 1)


def test_page_cache_serves_last_minute_page_while_this_minute_is_rendered(booth, monkeypatch):
    Client().get("/booths/")
    later = page_cache.time.time() + 60
    monkeypatch.setattr(page_cache.time, "time", lambda: later)
    key = Client().get("/booths/").wsgi_request._page_cache_lookup.key
    Client().get("/booths/")  # the new minute's page, rendered by the one that claimed it
    later += 60
    page_cache._refreshing.claim(key)  # another request of this process is rendering now

    with CaptureQueriesContext(connection) as queries:
        waiting = Client().get("/booths/")
    page_cache._refreshing.release(key)
    renderer = Client().get("/booths/")

    assert (waiting.wsgi_request._page_cache_hit, len(queries)) == (True, 0)
    assert not getattr(renderer.wsgi_request, "_page_cache_hit", False)


def test_page_cache_never_serves_last_minute_page_after_a_content_change(booth, monkeypatch):
    Client().get("/booths/")
    hit = Client().get("/booths/")
    later = page_cache.time.time() + 60
    monkeypatch.setattr(page_cache.time, "time", lambda: later)
    booth.name = "نامی پس از دقیقه"
    booth.save()

    page = Client().get("/booths/", **IDENTITY)

    assert hit.wsgi_request._page_cache_hit is True
    assert "نامی پس از دقیقه" in page.content.decode()
