"""Full-page caching for anonymous visitors, invalidated exactly when published content changes.

How a page is kept fresh
    A cached page is valid for what its HTML can depend on for an anonymous visitor: the
    scheme, host, full path with query string, the language, the current minute (pages show
    "today" and "now/next"), and content *versions*:

    - ``global``: bumped by every save or delete of content that is not tied to one edition
      (neighborhoods, councils, martyrs, agencies, the editions themselves, ...);
    - ``edition:<id>``: bumped by every save or delete of a row tied to that edition (booths,
      sections, schedule items, booth photos, ...);
    - ``editions``: bumped together with any ``edition:<id>``.

    A public page registered as ``current_edition_only`` (moqdad.public_pages) shows the current
    edition and nothing of the other editions' rows, so it depends on ``global`` and
    ``edition:<current>``: a change in another edition leaves it in the cache. Every other public
    page depends on ``global`` and ``editions``. A change therefore always moves a version of
    every page that can show it, and the old entries are never served again.

Why it is never stale
    The versions are read before the view reads the database, and a change bumps them both when
    it is saved and again when its transaction commits. A render that read the old data was
    tagged with a version that the commit then moved; a render keyed by the new version started
    after the commit and so read the new data. Version keys that were evicted come back with a
    random value, never an old one. Writes that send no signals (``QuerySet.update()``,
    ``bulk_create()``) must call :func:`content_changed` themselves.

Where the pages are served
    moqdad.page_cache: the middleware, what is stored and who gets it. This module holds what
    the apps call: the versions, their bumps on every content change, :func:`content_changed`
    for writes without signals, and :func:`cached_under_content_version` for figures that are
    costly to compute and change only with the content.

When the cache is down
    A bump that cannot reach the cache is logged (once per outage) and the write goes on: every
    page entry is valid for its minute only, so nothing stale outlives the outage by more than
    a minute.
"""

import logging
import secrets
from collections.abc import Callable
from functools import cache
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

logger = logging.getLogger("moqdad.page_cache")

GLOBAL = "global"
EDITIONS = "editions"
_VERSION_KEY = "moqdad:v:{}"
_CURRENT_EDITION_KEY = "moqdad:current-edition"
_FIGURES_KEY = "moqdad:figures:{}:{}"


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# When the cache is down: log once per outage, and go on without it

_outage = [False]


def cache_failed(error: Exception) -> None:
    if not _outage[0]:
        _outage[0] = True
        logger.warning("The page cache is unavailable; pages are rendered without it: %r", error)


def cache_answered() -> None:
    if _outage[0]:
        _outage[0] = False
        logger.warning("The page cache is available again.")


# Versions


def _fresh_version() -> int:
    return secrets.randbits(48)


def version_key(name: str) -> str:
    return _VERSION_KEY.format(name)


def versions(names: list[str]) -> dict[str, int]:
    """The current value of each version, creating the missing ones at a random value."""
    if not names:
        return {}
    cache = _cache()
    keys = {name: version_key(name) for name in names}
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
    try:
        for name in names:
            key = version_key(name)
            try:
                cache.incr(key)
            except ValueError:
                # Missing (never set, or evicted): a random value cannot repeat an old one.
                cache.set(key, _fresh_version(), timeout=None)
    except Exception as error:  # noqa: BLE001 (the write must not fail because the cache did)
        cache_failed(error)


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


def current_edition_id(global_version: int) -> int | None:
    cache = _cache()
    stored = cache.get(_CURRENT_EDITION_KEY)
    if stored is not None and stored[0] == global_version:
        return stored[1]
    current = _edition_model()._default_manager.current()
    edition_id = current.pk if current is not None else None
    cache.set(_CURRENT_EDITION_KEY, (global_version, edition_id), timeout=None)
    return edition_id


# Figures that change only with the content


def cached_under_content_version(name: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept until any content changes (the ``global`` and ``editions`` versions).

    For figures over many rows that every page shows (counts of martyrs, by neighborhood and by
    category): the first render after a change computes them once, the others read them.
    """
    try:
        current = versions([GLOBAL, EDITIONS])
        key = _FIGURES_KEY.format(name, f"{current[GLOBAL]}-{current[EDITIONS]}")
        found = _cache().get(key)
    except Exception as error:  # noqa: BLE001
        cache_failed(error)
        return compute()
    if found is not None:
        return found
    value = compute()
    try:
        _cache().set(key, value, timeout=24 * 60 * 60)
    except Exception as error:  # noqa: BLE001
        cache_failed(error)
    return value
