"""Full-page caching for anonymous visitors, invalidated exactly when published content changes.

How a page is keyed
    A cached page is stored under a key made of everything its HTML can depend on for an
    anonymous visitor: the scheme, host, full path with query string, the active language, the
    current minute (pages show "today" and "now/next"), and content *versions*:

    - ``global``: bumped by every save or delete of content that is not tied to one edition
      (neighborhoods, councils, martyrs, agencies, the editions themselves, ...);
    - ``edition:<id>``: bumped by every save or delete of a row tied to that edition (booths,
      sections, schedule items, booth photos, ...);
    - ``editions``: bumped together with any ``edition:<id>``.

    A public page registered as ``current_edition_only`` (moqdad.public_pages) shows the current
    edition and nothing of the other editions' rows, so its key holds ``global`` and ``edition:<current>``: a change in
    another edition leaves it in the cache. Every other public page holds ``global`` and
    ``editions``. A change therefore always moves the version of every page that can show it,
    and the old entries are never read again (they expire by themselves).

Why it is never stale
    The versions are read before the view reads the database, and a change bumps them both when
    it is saved and again when its transaction commits. A render that read the old data was
    keyed by a version that the commit then moved; a render keyed by the new version started
    after the commit and so read the new data. Version keys that were evicted come back with a
    random value, never an old one. Writes that send no signals (``QuerySet.update()``,
    ``bulk_create()``) must call :func:`content_changed` themselves.

Who gets cached pages
    GET and HEAD requests whose only cookies are the CSRF and language cookies (a session, a
    message or anything else means a logged-in user or a personal page: always rendered), to
    the registered public pages (moqdad.public_pages); only 200 answers that set no cookie, touched no message and
    no session, and did not opt out with ``Cache-Control: private/no-cache/no-store``.

Forms
    A page whose form carries a CSRF token is cached with the token replaced by a placeholder;
    each visitor gets a fresh token for their own CSRF cookie when the page is served, so the
    form works and no token is shared between visitors.
"""

import hashlib
import re
import secrets
import time
from functools import cache
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag
from django.utils.text import compress_string

from moqdad import public_pages

GLOBAL = "global"
EDITIONS = "editions"
_VERSION_KEY = "moqdad:v:{}"
_CURRENT_EDITION_KEY = "moqdad:current-edition"
_PAGE_KEY = "moqdad:page:{}"
_CSRF_PLACEHOLDER = b"\x00moqdad-csrf-token\x00"
_TOKEN_PATTERN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_ACCEPTS_GZIP = re.compile(r"\bgzip\b").search
_UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# Versions


def _fresh_version() -> int:
    return secrets.randbits(48)


def _versions(names: list[str]) -> dict[str, int]:
    """The current value of each version, creating the missing ones at a random value."""
    cache = _cache()
    keys = {name: _VERSION_KEY.format(name) for name in names}
    found = cache.get_many(list(keys.values()))
    versions = {}
    for name, key in keys.items():
        if key not in found:
            cache.add(key, _fresh_version(), timeout=None)
            found[key] = cache.get(key)
        versions[name] = found[key]
    return versions


def _bump(names: list[str]) -> None:
    cache = _cache()
    for name in names:
        key = _VERSION_KEY.format(name)
        try:
            cache.incr(key)
        except ValueError:
            # Missing (never set, or evicted): a random value cannot repeat an old one.
            cache.set(key, _fresh_version(), timeout=None)


def content_changed(*, edition_id: int | None = None, using: str | None = None) -> None:
    """Tell the page cache that public content changed; call it after writes without signals.

    With ``edition_id``, only pages that can show that edition's rows are refreshed; without it,
    every page is.
    """
    names = [f"edition:{edition_id}", EDITIONS] if edition_id is not None else [GLOBAL]
    _bump(names)
    transaction.on_commit(lambda: _bump(names), using=using)


# Which models are content, and which edition a row belongs to


@cache
def _edition_model():
    return apps.get_model(settings.PAGE_CACHE_EDITION_MODEL)


def _is_content_model(model) -> bool:
    from simple_history.models import HistoricalChanges

    from moqdad.publishing import Publishable, Timestamped

    if (
        issubclass(model, HistoricalChanges)
        or model._meta.label in settings.PAGE_CACHE_IGNORED_MODELS
    ):
        return False
    return issubclass(model, Publishable | Timestamped) or (
        model._meta.app_label in settings.PAGE_CACHE_CONTENT_APPS
    )


def _edition_field(model):
    """The foreign key from `model` to the edition, if it has one."""
    edition = _edition_model()
    for field in model._meta.concrete_fields:
        if field.is_relation and field.many_to_one and field.related_model is edition:
            return field
    return None


@cache
def _edition_path(model) -> tuple[str, ...] | None:
    """How to reach the edition from a row of `model`: one or two foreign keys, or None."""
    if model is _edition_model():
        return None
    direct = _edition_field(model)
    if direct is not None:
        return (direct.attname,)
    for field in model._meta.concrete_fields:
        if field.is_relation and field.many_to_one and field.related_model is not model:
            parent_field = _edition_field(field.related_model)
            if parent_field is not None:
                return (field.attname, field.related_model, parent_field.attname)
    return None


def _edition_of(instance) -> int | None:
    path = _edition_path(type(instance))
    if path is None:
        return None
    if len(path) == 1:
        return getattr(instance, path[0])
    attname, parent_model, parent_attname = path
    parent_id = getattr(instance, attname)
    if parent_id is None:
        return None
    return (
        parent_model._base_manager.filter(pk=parent_id)
        .values_list(parent_attname, flat=True)
        .first()
    )


def _on_save_or_delete(sender, instance, raw=False, using=None, **kwargs):
    content_changed(edition_id=_edition_of(instance), using=using)


def _on_m2m_changed(sender, instance, action, using=None, **kwargs):
    if action.startswith("post_"):
        # Either side may be the edition-bound one; refreshing every page is always right.
        content_changed(using=using)


def _on_migrate(sender, using=None, **kwargs):
    content_changed(using=using)


def connect_signals() -> None:
    """Connect the version bumps to every content model (called from MoqdadConfig.ready)."""
    for model in apps.get_models():
        if not _is_content_model(model):
            continue
        uid = f"moqdad-page-cache-{model._meta.label}"
        post_save.connect(_on_save_or_delete, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_save_or_delete, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _on_m2m_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
            )
    post_migrate.connect(_on_migrate, dispatch_uid="moqdad-page-cache-migrate")


# The current edition, cached under the global version it was read at


def _current_edition_id(global_version: int) -> int | None:
    cache = _cache()
    stored = cache.get(_CURRENT_EDITION_KEY)
    if stored is not None and stored[0] == global_version:
        return stored[1]
    current = _edition_model()._default_manager.current()
    edition_id = current.pk if current is not None else None
    cache.set(_CURRENT_EDITION_KEY, (global_version, edition_id), timeout=None)
    return edition_id


# The middleware


def _request_is_cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    allowed = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    return set(request.COOKIES) <= allowed


def _page_key(request, resolver_match) -> str:
    view_name = resolver_match.view_name
    if public_pages.shows_current_edition_only(view_name):
        versions = _versions([GLOBAL])
        edition_id = _current_edition_id(versions[GLOBAL])
        scope = f"edition:{edition_id}"
        versions.update(_versions([scope]))
    else:
        versions = _versions([GLOBAL, EDITIONS])
    minute = int(time.time() // settings.PAGE_CACHE_TIME_RESOLUTION)
    parts = [
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        translation.get_language() or "",
        str(minute),
        *(f"{name}={value}" for name, value in sorted(versions.items())),
    ]
    digest = hashlib.md5("\n".join(parts).encode(), usedforsecurity=False).hexdigest()
    return _PAGE_KEY.format(digest)


def _response_is_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
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
    if session is not None and session.modified:
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


class _Entry(NamedTuple):
    content: bytes
    headers: list[tuple[str, str]]
    etag: str
    has_csrf: bool
    # The content compressed once when stored, so that a hit costs no compression; None for
    # pages with a form (their token differs per visitor) and for tiny pages.
    gzipped: bytes | None = None


def _etag(entry: _Entry, request) -> str:
    if not entry.has_csrf:
        return entry.etag
    # A page with a form is the same for one visitor only as long as their CSRF cookie is.
    secret = request.META.get("CSRF_COOKIE", "")
    suffix = hashlib.md5(secret.encode(), usedforsecurity=False).hexdigest()[:12]
    return quote_etag(f"{entry.etag.strip(chr(34))}-{suffix}")


def _serve(entry: _Entry, request) -> HttpResponse:
    content = entry.content
    if entry.has_csrf:
        content = content.replace(_CSRF_PLACEHOLDER, get_token(request).encode())
    gzipped = entry.gzipped is not None and _ACCEPTS_GZIP(
        request.META.get("HTTP_ACCEPT_ENCODING", "")
    )
    response = HttpResponse(entry.gzipped if gzipped else content)
    for name, value in entry.headers:
        response[name] = value
    response["ETag"] = _etag(entry, request)
    if gzipped:
        # What GZipMiddleware would have done, once instead of on every hit.
        response["Content-Encoding"] = "gzip"
        response["ETag"] = f"W/{response['ETag'].removeprefix('W/')}"
        patch_vary_headers(response, ("Accept-Encoding",))
    return response


class PageCacheMiddleware:
    """Serves and stores whole public pages for anonymous visitors (see the module docstring).

    It goes after the authentication and locale middleware, so that the language is known and
    the CSRF, session, security and CSP middleware still process every answer on its way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is None or getattr(request, "_page_cache_hit", False):
            return response
        if request.method == "GET" and _response_is_cacheable(request, response):
            self._store(request, response, key)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.PAGE_CACHE_ENABLED or not _request_is_cacheable(request):
            return None
        match = request.resolver_match
        if match is None or not public_pages.is_public(match.view_name):
            return None
        key = _page_key(request, match)
        request._page_cache_key = key
        entry = _cache().get(key)
        if entry is None:
            return None
        request._page_cache_hit = True
        return _serve(entry, request)

    def _store(self, request, response, key):
        content = response.content
        has_csrf = bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        if has_csrf:
            content = _strip_csrf_tokens(request, content)
            if content is None:
                return
        if not response.has_header("Cache-Control"):
            # Browsers keep the page but ask again each time; the ETag makes that a 304.
            patch_cache_control(response, no_cache=True)
        if has_csrf:
            patch_cache_control(response, private=True)
        digest = hashlib.md5(content, usedforsecurity=False).hexdigest()
        headers = [
            (name, value) for name, value in response.items() if name.lower() not in {"etag"}
        ]
        gzipped = None if has_csrf or len(content) < 200 else compress_string(content)
        entry = _Entry(content, headers, quote_etag(digest), has_csrf, gzipped)
        # Entries of a past minute are never read again: keep them no longer than that.
        _cache().set(key, entry, timeout=2 * settings.PAGE_CACHE_TIME_RESOLUTION)
        response["ETag"] = _etag(entry, request)
