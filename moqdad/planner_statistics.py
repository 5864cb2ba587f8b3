"""Planner statistics after bulk writes: ANALYZE the tables a bulk load or import filled.

PostgreSQL plans each query from statistics that autovacuum refreshes only after a delay (and
never, where autovacuum is off). Right after a bulk load the planner still believes a table
empty: it expects one row where there are 250,000, rescans an index per row and sorts on disk,
and the first visitors wait seconds instead of milliseconds. So every bulk write (the demo data,
`import_martyrs`, an admin import) ends with ANALYZE of what it filled, once its transaction
has committed. On other databases this does nothing.
"""

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction


def analyze(models, *, using: str = DEFAULT_DB_ALIAS) -> None:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    tables = sorted({model._meta.db_table for model in models})
    if tables:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def analyze_on_commit(models, *, using: str | None = None) -> None:
    """ANALYZE these models' tables once the current transaction commits (at once outside one).

    Several calls in one transaction (an import in chunks) give one ANALYZE at the commit.
    """
    using = using or DEFAULT_DB_ALIAS
    connection = connections[using]
    pending = connection.__dict__.setdefault("_moqdad_analyze_pending", set())
    pending.update(models)

    def run():
        # The first callback after a commit analyzes everything pending; the others find
        # nothing left. A rolled-back transaction's models wait for the next commit.
        models = list(pending)
        pending.clear()
        analyze(models, using=using)

    transaction.on_commit(run, using=using)


def app_models(app_labels) -> list:
    """Every model of these apps, their history tables included."""
    return [model for label in app_labels for model in apps.get_app_config(label).get_models()]
