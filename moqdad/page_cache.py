"""The page cache's middleware: whole public pages for anonymous visitors, served in one round trip.

What a hit costs
    ``PageCacheMiddleware`` sits right under the security, hygiene, static-file and gzip
    middleware, above everything a hit does not need (sessions, locale, CSRF, auth, messages,
    CSP, axes, history). A hit is one ``MGET`` on one reused Redis client: the ``global`` and
    ``editions`` versions, the version of the edition this process last saw as current, and the
    page itself, unless this process already holds the page (the last 256 served): then the
    versions alone, which say whether it is still valid. The page is stored as its final
    answer (every header the stack below set: CSP, Vary, Cache-Control, Content-Language, ...),
    compressed once with brotli and gzip, and answered per ``Accept-Encoding``; a matching
    ``If-None-Match`` gets a ``304``. No database query, no template, no compression, no
    cookie.

How a page is keyed and why it is never stale
    The page's slot is keyed by scheme, host, full path and the language its path selects. The
    entry in it records the versions (moqdad.caching) it was rendered under and the minute; a hit
    is an entry whose versions all equal the current ones, in the current minute (or the
    previous one while another request of the same process renders the new one). The versions
    are pinned in ``process_view``, before the view reads the database, and a change bumps them
    when it is saved and again when it commits: a render that read old data is tagged with a
    version the commit then moved (see moqdad.caching). A page of the current edition only
    (``current_edition_only``) records ``global`` and ``edition:<current>``, so a change in
    another edition leaves it valid; any other page records ``global`` and ``editions``.

Who gets cached pages
    GET and HEAD requests whose only cookies are the CSRF and language cookies (a session, a
    message or any other cookie means a logged-in user or a personal page: always rendered), to
    the registered public pages (moqdad.public_pages); only 200 answers that set no cookie but
    the CSRF one, touched no message and no session, and did not opt out with
    ``Cache-Control: private/no-cache/no-store``.

Pages with a CSRF form
    Public pages keep their forms on their own, uncached addresses (the booth's connect form,
    the martyr's correction form), so that the pages themselves are the same for everyone. A
    page that does carry a CSRF token is still cached, with the token replaced by a placeholder:
    each hit fills in a token for the visitor's own CSRF cookie (setting one if they have none),
    is ``private`` and compressed per visitor.

When the cache is down
    A cache error (Redis refused, timed out) is logged once per outage and the page is rendered
    as if there were no cache; the socket timeouts in ``CACHES`` keep a dead Redis from holding
    workers.
"""

import hashlib
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

import brotli
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import (
    CSRF_SECRET_LENGTH,
    InvalidTokenFormat,
    _check_token_format,
    _get_new_csrf_string,
    _mask_cipher_secret,
    _unmask_cipher_token,
)
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags, quote_etag
from django.utils.text import compress_string

from moqdad import caching, public_pages

_PAGE_KEY = "moqdad:page:{}"
_CSRF_PLACEHOLDER = b"\x00moqdad-csrf-token\x00"
_TOKEN_PATTERN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}
# Headers that belong to one encoding or one answer, set again on every hit.
_PER_ANSWER_HEADERS = {"etag", "content-length", "content-encoding", "set-cookie"}
# Compressing smaller pages gains nothing (GZipMiddleware's own threshold).
_MIN_COMPRESSED_SIZE = 200
# Quality 11 costs ~10x the time of 9 for a few per cent; a page is compressed once per change.
BROTLI_QUALITY = 9


# The store: one client per process, one round trip per lookup


class _Store:
    """Reads several keys in one round trip: one MGET on one reused Redis client.

    Django's Redis backend makes a new client object on every call and reads one key per call;
    for another backend (local memory in development and tests) its ``get_many`` is the one call.
    """

    def __init__(self, alias: str):
        self.cache = caches.create_connection(alias)
        self.redis = None
        if isinstance(self.cache, RedisCache):
            self.redis = self.cache._cache.get_client(write=True)
            self.loads = self.cache._cache._serializer.loads

    def get_many(self, keys: list[str]) -> list:
        if self.redis is None:
            found = self.cache.get_many(keys)
            return [found.get(key) for key in keys]
        values = self.redis.mget([self.cache.make_and_validate_key(key) for key in keys])
        return [None if value is None else self.loads(value) for value in values]

    def set(self, key: str, value, timeout: int) -> None:
        self.cache.set(key, value, timeout=timeout)


_stores: dict[str, _Store] = {}


def store() -> _Store:
    alias = settings.PAGE_CACHE_ALIAS
    if alias not in _stores:
        _stores[alias] = _Store(alias)
    return _stores[alias]


@receiver(setting_changed)
def _forget_store(setting, **kwargs):
    if setting in ("CACHES", "PAGE_CACHE_ALIAS"):
        _stores.clear()


# What is stored


@dataclass(frozen=True)
class _Entry:
    content: bytes
    headers: tuple[tuple[str, str], ...]
    digest: str
    # The versions the page was rendered under, and the minute.
    versions: tuple[tuple[str, int], ...]
    minute: int
    has_csrf: bool = False
    # Compressed once when stored; None for tiny pages and pages with a CSRF token.
    brotli: bytes | None = None
    gzip: bytes | None = None


@dataclass
class _Lookup:
    """A miss on its way through the stack: where to store the page, and what it is tagged with."""

    key: str
    language: str
    fetched: dict[str, int | None]
    versions: dict[str, int] = field(default_factory=dict)
    # This request renders the new minute's page for its process (see _Refreshing).
    refreshing: bool = False
    # The previous minute's page, current in content: answered instead of a 503 if the render
    # meets an outage (the database down across a minute boundary).
    stale: "_Entry | None" = None


def _minute() -> int:
    return int(time.time() // settings.PAGE_CACHE_TIME_RESOLUTION)


# Which requests may be answered from the cache


def _request_is_cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    allowed = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    if not set(request.COOKIES) <= allowed:
        return False
    path = request.path_info
    return not path.startswith((settings.STATIC_URL, settings.MEDIA_URL))


def _page_key(request, language: str) -> str:
    parts = [request.scheme, request.get_host(), request.get_full_path(), language]
    digest = hashlib.md5("\n".join(parts).encode(), usedforsecurity=False).hexdigest()
    return _PAGE_KEY.format(digest)


def _path_language(request) -> str:
    # The public pages are under i18n_patterns without a prefix for the default language: the
    # path alone selects the language. A page whose language came from anything else is not
    # stored (see _store).
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


# The edition this process last saw as current: its version is read in the same MGET.
_edition_hint: list[int | None] = [None]


class _LocalEntries:
    """The entries this process served last, so that a hit reads only the versions from Redis.

    An entry is the same answer wherever it is kept; what makes it valid is that its versions
    equal the current ones, read from Redis on every hit. Keeping it here saves moving the
    page (tens of kilobytes, three encodings) through Redis on every hit: measured under load,
    the transfer, not the Python, was most of a hit's cost.
    """

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[str, _Entry] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> _Entry | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: _Entry) -> None:
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def drop(self, key: str) -> None:
        with self.lock:
            self.entries.pop(key, None)


_local = _LocalEntries(size=256)


class _Refreshing:
    """The pages this process is rendering for a new minute: one request renders, the others
    are served the previous minute's page meanwhile (no herd of renders at every minute)."""

    def __init__(self):
        self.keys: set[str] = set()
        self.lock = threading.Lock()

    def claim(self, key: str) -> bool:
        with self.lock:
            if key in self.keys:
                return False
            self.keys.add(key)
            return True

    def release(self, key: str) -> None:
        with self.lock:
            self.keys.discard(key)


_refreshing = _Refreshing()


def _fetch(request) -> tuple[_Entry | None, _Lookup]:
    language = _path_language(request)
    key = _page_key(request, language)
    names = [caching.GLOBAL, caching.EDITIONS]
    hint = _edition_hint[0]
    if hint is not None:
        names.append(f"edition:{hint}")
    local = _local.get(key)
    keys = [caching.version_key(name) for name in names] + ([] if local else [key])
    values = store().get_many(keys)
    fetched = dict(zip(names, values[: len(names)], strict=True))
    lookup = _Lookup(key, language, fetched)
    entry = local if local is not None else values[-1]
    if not isinstance(entry, _Entry) or entry.minute < _minute() - 1:
        return None, lookup
    for name, value in entry.versions:
        if name not in fetched:
            # This process has not seen the current edition yet (or it changed): one more read,
            # and the next hits read its version in the same MGET.
            fetched[name] = store().get_many([caching.version_key(name)])[0]
            if name.startswith("edition:"):
                _edition_hint[0] = int(name.removeprefix("edition:"))
        if fetched[name] != value:
            if local is not None:
                _local.drop(key)
            return None, lookup
    if entry.minute != _minute() and not _refreshing.claim(key):
        # Last minute's page, while another request of this process renders this minute's:
        # the content is the same (its versions are current), only "now" is a minute old.
        return entry, lookup
    if entry.minute != _minute():
        lookup.refreshing = True
        lookup.stale = entry
        return None, lookup
    if local is None:
        _local.put(key, entry)
    return entry, lookup


def _pin_versions(lookup: _Lookup, view_name: str) -> None:
    """Read (or create) the versions this page depends on, before its view reads anything."""
    known = {name: value for name, value in lookup.fetched.items() if value is not None}
    missing = [name for name in (caching.GLOBAL, caching.EDITIONS) if name not in known]
    known.update(caching.versions(missing))
    if public_pages.shows_current_edition_only(view_name):
        edition_id = caching.current_edition_id(known[caching.GLOBAL])
        _edition_hint[0] = edition_id
        scope = f"edition:{edition_id}"
        if scope not in known:
            known.update(caching.versions([scope]))
        lookup.versions = {caching.GLOBAL: known[caching.GLOBAL], scope: known[scope]}
    else:
        lookup.versions = {name: known[name] for name in (caching.GLOBAL, caching.EDITIONS)}


# Which answers may be stored


def _response_is_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
        return False
    if response.has_header("Content-Encoding"):
        return False
    directives = {
        part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(",")
    }
    if directives & _UNCACHEABLE_DIRECTIVES:
        return False
    if response.has_header("Vary"):
        vary = {v.strip().lower() for v in response["Vary"].split(",")}
        if vary - {"accept-language", "cookie", "accept-encoding"}:
            return False
    session = getattr(request, "session", None)
    if session is not None and (session.modified or session.accessed and session.session_key):
        return False
    storage = getattr(request, "_messages", None)
    return not (storage is not None and getattr(storage, "added_new", False))


def _strip_csrf_tokens(request, content: bytes) -> bytes | None:
    """The content with this request's CSRF tokens replaced by a placeholder.

    None when the token was used but not found in the content (it may be in a form we cannot
    see, so the page is not cached).
    """
    secret = request.META.get("CSRF_COOKIE")
    if not secret or settings.CSRF_USE_SESSIONS:
        return None
    found = False

    def replace(match):
        nonlocal found
        token = match.group(0).decode()
        if _unmask_cipher_token(token) == secret:
            found = True
            return _CSRF_PLACEHOLDER
        return match.group(0)

    stripped = _TOKEN_PATTERN.sub(replace, content)
    return stripped if found else None


def _make_entry(request, response, lookup: _Lookup) -> _Entry | None:
    content = response.content
    # CsrfViewMiddleware sets its cookie on every answer that used the token.
    has_csrf = settings.CSRF_COOKIE_NAME in response.cookies
    if has_csrf:
        content = _strip_csrf_tokens(request, content)
        if content is None:
            return None
    if not response.has_header("Cache-Control"):
        # Browsers keep the page but ask again each time; the ETag makes that a 304.
        patch_cache_control(response, no_cache=True)
    if has_csrf:
        patch_cache_control(response, private=True)
    patch_vary_headers(response, ("Accept-Encoding",))
    headers = tuple(
        (name, value) for name, value in response.items() if name.lower() not in _PER_ANSWER_HEADERS
    )
    compressed = not has_csrf and len(content) >= _MIN_COMPRESSED_SIZE
    return _Entry(
        content=content,
        headers=headers,
        digest=hashlib.md5(content, usedforsecurity=False).hexdigest(),
        versions=tuple(sorted(lookup.versions.items())),
        minute=_minute(),
        has_csrf=has_csrf,
        brotli=brotli.compress(content, quality=BROTLI_QUALITY) if compressed else None,
        gzip=compress_string(content) if compressed else None,
    )


# Answering from an entry


def _accepted(request, coding: str) -> bool:
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").lower().split(","):
        name, _sep, params = part.partition(";")
        if name.strip() == coding:
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _encoding(entry: _Entry, request) -> str:
    if entry.brotli is not None and _accepted(request, "br"):
        return "br"
    if entry.gzip is not None and _accepted(request, "gzip"):
        return "gzip"
    return ""


def _csrf_secret(request) -> str:
    """The visitor's CSRF secret, as CsrfViewMiddleware would read it; a new one if none."""
    secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    try:
        _check_token_format(secret)
    except InvalidTokenFormat:
        return _get_new_csrf_string()
    if len(secret) != CSRF_SECRET_LENGTH:
        return _get_new_csrf_string()
    return secret


def _not_modified(entry: _Entry, request, etag: str) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    wanted = etag.removeprefix("W/")
    return any(tag == "*" or tag.removeprefix("W/") == wanted for tag in parse_etags(header))


def _serve(entry: _Entry, request) -> HttpResponse:
    """The stored answer for this visitor: their encoding, their CSRF token, or a 304."""
    secret = _csrf_secret(request) if entry.has_csrf else ""
    if secret:
        suffix = hashlib.md5(secret.encode(), usedforsecurity=False).hexdigest()[:12]
        etag = quote_etag(f"{entry.digest}-{suffix}")
    else:
        etag = quote_etag(entry.digest)
    coding = "" if secret else _encoding(entry, request)
    if coding:
        etag = f"W/{etag}"
    if _not_modified(entry, request, etag):
        response = HttpResponseNotModified()
        for name, value in entry.headers:
            if name.lower() in ("cache-control", "vary", "content-location", "expires"):
                response[name] = value
    else:
        if secret:
            content = entry.content.replace(_CSRF_PLACEHOLDER, _mask_cipher_secret(secret).encode())
        else:
            content = {"br": entry.brotli, "gzip": entry.gzip}.get(coding, entry.content)
        response = HttpResponse(content)
        for name, value in entry.headers:
            response[name] = value
        if coding:
            response["Content-Encoding"] = coding
        response["Content-Length"] = str(len(content))
    response["ETag"] = etag
    if secret:
        # What CsrfViewMiddleware does for every answer that used the token.
        response.set_cookie(
            settings.CSRF_COOKIE_NAME,
            secret,
            max_age=settings.CSRF_COOKIE_AGE,
            domain=settings.CSRF_COOKIE_DOMAIN,
            path=settings.CSRF_COOKIE_PATH,
            secure=settings.CSRF_COOKIE_SECURE,
            httponly=settings.CSRF_COOKIE_HTTPONLY,
            samesite=settings.CSRF_COOKIE_SAMESITE,
        )
        patch_vary_headers(response, ("Cookie",))
    return response


class PageCacheMiddleware:
    """Serves and stores whole public pages for anonymous visitors (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED or not _request_is_cacheable(request):
            return self.get_response(request)
        try:
            entry, lookup = _fetch(request)
        except Exception as error:  # noqa: BLE001 (any cache failure: render without it)
            caching.cache_failed(error)
            return self.get_response(request)
        caching.cache_answered()
        if entry is not None:
            request._page_cache_hit = True
            return _serve(entry, request)
        request._page_cache_lookup = lookup
        try:
            return self._render_and_store(request, lookup)
        finally:
            if lookup.refreshing:
                _refreshing.release(lookup.key)

    def _render_and_store(self, request, lookup: _Lookup):
        response = self.get_response(request)
        if response.status_code == 503 and lookup.stale is not None:
            # The page is a minute old in "now" only; better than "try again later".
            return _serve(lookup.stale, request)
        if not lookup.versions or request.method != "GET":
            return response
        if response.get("Content-Language", lookup.language) != lookup.language:
            return response
        if not _response_is_cacheable(request, response):
            return response
        entry = _make_entry(request, response, lookup)
        if entry is None:
            return response
        try:
            # Entries of a past minute are never read again: keep them no longer than that.
            store().set(lookup.key, entry, timeout=2 * settings.PAGE_CACHE_TIME_RESOLUTION)
        except Exception as error:  # noqa: BLE001
            caching.cache_failed(error)
        else:
            _local.put(lookup.key, entry)
        return _serve(entry, request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        lookup = getattr(request, "_page_cache_lookup", None)
        match = request.resolver_match
        if lookup is None or match is None or not public_pages.is_public(match.view_name):
            return None
        try:
            _pin_versions(lookup, match.view_name)
        except Exception as error:  # noqa: BLE001
            caching.cache_failed(error)
            lookup.versions = {}
        return None
