"""Fixtures every app's tests share. App-specific fixtures live in the app's own conftest."""

import os

import pytest
from django.conf import settings
from django.test.signals import setting_changed
from django.utils import translation


def pytest_configure(config):
    # Tests serve static files straight from the source folders: no collectstatic needed and
    # a file added a minute ago is found. The production manifest storage is tested by the
    # performance suite and the benchmark.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    # Parallel workers each get a cache of their own, as each gets a test database: with Redis,
    # the next database number per worker (clearing the cache flushes a whole Redis database).
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        cache = settings.CACHES["default"]
        cache["KEY_PREFIX"] = worker
        if "redis" in cache["BACKEND"].lower():
            number = int(worker.removeprefix("gw") or 0)
            base, _, db = str(cache["LOCATION"]).rpartition("/")
            db = int(db) if db.isdigit() else 0
            cache["LOCATION"] = f"{base}/{db + number}"
    # A password hash costs about half a second by design; tests make many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background tasks run at once, in the test; text messages go to moqdad.sms.outbox.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }
    settings.SMS_BACKEND = "moqdad.sms.LocmemBackend"
    # Django is set up already (an app's admin may have imported a task and so built the
    # configured backend): django-tasks forgets its backends when told the setting changed.
    setting_changed.send(sender=None, setting="TASKS", value=settings.TASKS, enter=True)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test leaves pages of rows that no
    longer exist, and a rollback sends no signal to invalidate them."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    from moqdad import sms

    sms.outbox.clear()


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path_factory):
    """Uploads made by tests never land in the project's media folder."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _persian_by_default():
    with translation.override("fa"):
        yield


@pytest.fixture
def public_host(settings) -> str:
    """The public address of the site (links in the sitemap, QR codes, canonical URLs)."""
    settings.PUBLIC_BASE_URL = "https://meqdad.example.ir"
    return settings.PUBLIC_BASE_URL


@pytest.fixture
def edition(db):
    """The real 1401 edition (re-loaded if a transactional test flushed it)."""
    from exhibition.tests.factories import edition_1401

    return edition_1401()


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.com", "pass-Word-123")


@pytest.fixture
def admin_client_fa(client, superuser):
    client.force_login(superuser)
    return client
