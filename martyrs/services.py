"""Writes to the memorial: corrections from the public. Imports live in martyrs/resources.py."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from martyrs.models import CorrectionSuggestion, Martyr

CORRECTION_LIMIT = 5
CORRECTION_WINDOW_SECONDS = 60 * 60


class TooManyRequests(Exception):
    """The sender's address has sent as many suggestions as the window allows."""


def sender_key(address: str) -> str:
    """A salted hash of the sender's address: enough to count, not enough to identify."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


def correction_suggestion_create(
    *,
    martyr: Martyr,
    name: str,
    contact: str,
    message: str,
    relation: str = "",
    sender_address: str,
) -> CorrectionSuggestion:
    """Store a visitor's suggested correction for staff review.

    The martyr's record itself is never touched: staff read the suggestion and make any
    change by hand. Each address may send `CORRECTION_LIMIT` suggestions an hour.
    """
    key = sender_key(sender_address)
    counter = f"martyrs:correction:{key}"
    cache.add(counter, 0, CORRECTION_WINDOW_SECONDS)
    try:
        sent = cache.incr(counter)
    except ValueError:
        cache.set(counter, 1, CORRECTION_WINDOW_SECONDS)
        sent = 1
    if sent > CORRECTION_LIMIT:
        raise TooManyRequests
    suggestion = CorrectionSuggestion(
        martyr=martyr,
        name=name,
        contact=contact,
        relation=relation,
        message=message,
        sender_key=key,
    )
    suggestion.full_clean()
    suggestion.save()
    return suggestion
