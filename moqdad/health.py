"""/healthz for a load balancer: the database and the shared cache answer, and every migration
is applied. A 503 takes the app server out of the balancer's rotation."""

import logging

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static

logger = logging.getLogger(__name__)

_PROBE_KEY = "moqdad:healthz"
# Once this process has seen every migration applied, it does not read the migration graph
# again: building it costs hundreds of milliseconds of CPU (seconds in a worker busy with other
# requests), and a probe slower than the balancer's timeout takes a healthy server out.
_migrations_applied = False


def _database_ok() -> bool:
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return True


def _cache_ok() -> bool:
    cache.set(_PROBE_KEY, 1, timeout=60)
    return cache.get(_PROBE_KEY) == 1


def _check(name, probe) -> bool:
    try:
        return probe()
    except Exception as error:
        logger.warning("Health check: %s unavailable: %r", name, error)
        return False


# Outside ATOMIC_REQUESTS: opening the request's transaction would fail before the view could
# answer 503 when the database is down.
@transaction.non_atomic_requests
def healthz(request):
    checks = {"database": _check("database", _database_ok), "cache": _check("cache", _cache_ok)}
    if not all(checks.values()):
        return JsonResponse({"status": "error", **checks}, status=503)
    if not _migrations_applied:
        try:
            pending = migrations_pending()
        except Exception as error:
            logger.warning("Health check: migrations unreadable: %r", error)
            return JsonResponse({"status": "error", "database": False}, status=503)
        if pending:
            return JsonResponse({"status": "error", "migrations": "pending"}, status=503)
    return JsonResponse({"status": "ok"})


def migrations_pending() -> bool:
    global _migrations_applied
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrations_applied = not pending
    return pending


def load_migration_modules() -> None:
    """Import every migration module (gunicorn's master, before it forks the workers)."""
    MigrationLoader(None, ignore_no_migrations=True)


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon."""
    return HttpResponsePermanentRedirect(static("moqdad/favicon.svg"))
