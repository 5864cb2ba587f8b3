"""/healthz for a load balancer: the database answers and every migration is applied."""

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static


# Outside ATOMIC_REQUESTS: opening the request's transaction would fail before the view could
# answer 503 when the database is down.
@transaction.non_atomic_requests
def healthz(request):
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:
        return JsonResponse({"status": "error", "database": False}, status=503)
    if pending:
        return JsonResponse({"status": "error", "migrations": "pending"}, status=503)
    return JsonResponse({"status": "ok"})


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon."""
    return HttpResponsePermanentRedirect(static("moqdad/favicon.svg"))
