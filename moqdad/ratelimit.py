"""Per-address limits for the public forms, kept in the shared cache.

Only a keyed hash of the visitor's address is ever stored or counted: enough to tell one sender
from another, not enough to recover the address.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def sender_key(address: str, *, purpose: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{purpose}:{address}".encode()).hexdigest()


def limit_exceeded(*, purpose: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one more submission from `key`; True once it is over `limit` within the window."""
    counter = f"rate:{purpose}:{key}"
    cache.add(counter, 0, window_seconds)
    try:
        count = cache.incr(counter)
    except ValueError:  # the counter expired between add and incr
        cache.set(counter, 1, window_seconds)
        count = 1
    return count > limit
