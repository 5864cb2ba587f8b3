from unittest import mock

from django.db.utils import OperationalError


def test_health_is_ok_when_database_answers_and_migrations_are_applied(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_is_unavailable_when_migrations_are_pending(client, db, monkeypatch):
    monkeypatch.setattr("moqdad.health._migrations_applied", False)
    pending = [(mock.Mock(name="migration"), False)]
    with mock.patch(
        "django.db.migrations.executor.MigrationExecutor.migration_plan", return_value=pending
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "migrations": "pending"}


def test_health_is_unavailable_when_database_is_down(client, db):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": False, "cache": True}


def test_health_is_unavailable_when_the_cache_is_down(client, db):
    with mock.patch(
        "django.core.cache.cache.set", side_effect=ConnectionError("Connection refused")
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": True, "cache": False}


def test_health_reads_the_migrations_once_they_are_all_applied(client, db, monkeypatch):
    monkeypatch.setattr("moqdad.health._migrations_applied", False)
    assert client.get("/healthz").status_code == 200

    with mock.patch(
        "django.db.migrations.executor.MigrationExecutor.migration_plan",
        side_effect=AssertionError("the graph was read again"),
    ):
        response = client.get("/healthz")

    assert response.status_code == 200
