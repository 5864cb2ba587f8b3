"""Per-address limits for the public forms, kept in the shared cache.

Only a keyed hash of the visitor's address is ever stored or counted: enough to tell one sender
from another, not enough to recover the address.

The counters live in the shared cache (Redis) so that every app server counts the same
submissions. When the cache cannot be reached the limit fails open: the submission is let
through and a warning is logged. A visitor's request to a booth is worth more than a few
minutes without flood protection, and the forms keep their honeypot; refusing every form, or
answering 500, while Redis is down would take the site's purpose down with it.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def sender_key(address: str, *, purpose: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{purpose}:{address}".encode()).hexdigest()


def _count(counter: str, window_seconds: int) -> int:
    cache.add(counter, 0, window_seconds)
    try:
        return cache.incr(counter)
    except ValueError:  # the counter expired between add and incr
        cache.set(counter, 1, window_seconds)
        return 1


def limit_exceeded(*, purpose: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one more submission from `key`; True once it is over `limit` within the window."""
    try:
        count = _count(f"rate:{purpose}:{key}", window_seconds)
    except Exception as error:  # the cache backend's own errors: redis, memcached, ...
        logger.warning("Rate limit %s not counted, the cache is unavailable: %r", purpose, error)
        return False
    return count > limit
