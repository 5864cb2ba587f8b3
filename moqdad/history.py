"""Who a change is recorded against when no request carries a user (management commands)."""

from contextlib import contextmanager
from types import SimpleNamespace

from simple_history.models import HistoricalRecords


@contextmanager
def history_user(user):
    """Record every change made inside the block as made by `user` (an account or None)."""
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    context.request = SimpleNamespace(user=user) if user is not None else None
    try:
        yield
    finally:
        if previous is None:
            del context.request
        else:
            context.request = previous
