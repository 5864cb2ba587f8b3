"""/healthz for a load balancer: the database and the shared cache answer, and every migration
is applied. A 503 takes the app server out of the balancer's rotation."""

import logging

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static

logger = logging.getLogger(__name__)

_PROBE_KEY = "moqdad:healthz"


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
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as error:
        logger.warning("Health check: migrations unreadable: %r", error)
        return JsonResponse({"status": "error", "database": False}, status=503)
    if pending:
        return JsonResponse({"status": "error", "migrations": "pending"}, status=503)
    return JsonResponse({"status": "ok"})


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon."""
    return HttpResponsePermanentRedirect(static("moqdad/favicon.svg"))
