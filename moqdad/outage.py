"""A Persian 503 page, instead of a 500, when a shared service fails under a request.

PostgreSQL cancelling a statement (DATABASE_STATEMENT_TIMEOUT: psycopg's QueryCanceled is an
OperationalError), refusing or dropping connections, or the shared Redis being unreachable are outages, not bugs: the visitor is told to try again
in a moment (`Retry-After`), the load balancer sees a 503, and the log keeps the cause. Django
calls `server_error` (the root URLconf's `handler500`) while the exception is being handled,
so the exception is at hand wherever it was raised: a view, a middleware, a template.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.views import defaults
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGES = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)
RETRY_AFTER_SECONDS = 30


def is_outage(exception: BaseException | None) -> bool:
    while exception is not None:
        if isinstance(exception, OUTAGES):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


def service_unavailable(request):
    """The 503 page; the layout's edition lookup is skipped, the database may be what failed."""
    request._public_exhibition = None
    response = render(request, "503.html", {"retry_after": RETRY_AFTER_SECONDS}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    exception = sys.exception()
    if is_outage(exception):
        logger.warning("Service unavailable for %s: %r", request.path, exception)
        try:
            return service_unavailable(request)
        except Exception:
            logger.exception("The 503 page could not be rendered")
    return defaults.server_error(request, template_name)
