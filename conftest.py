"""Fixtures every app's tests share. App-specific fixtures live in the app's own conftest."""

import os

import pytest
from django.conf import settings
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
    # Parallel workers share one Redis database but not one test database.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        settings.CACHES["default"]["KEY_PREFIX"] = worker
    # A password hash costs about half a second by design; tests make many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test leaves pages of rows that no
    longer exist, and a rollback sends no signal to invalidate them."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path_factory):
    """Uploads made by tests never land in the project's media folder."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _persian_by_default():
    with translation.override("fa"):
        yield


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
