"""Writes to the memorial: corrections from the public. Imports live in martyrs/resources.py."""

from martyrs.models import CorrectionSuggestion, Martyr
from moqdad import ratelimit

CORRECTION_LIMIT = 5
CORRECTION_WINDOW_SECONDS = 60 * 60


class TooManyRequests(Exception):
    """The sender's address has sent as many suggestions as the window allows."""


def sender_key(address: str) -> str:
    return ratelimit.sender_key(address, purpose="correction")


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
    if ratelimit.limit_exceeded(
        purpose="correction",
        key=key,
        limit=CORRECTION_LIMIT,
        window_seconds=CORRECTION_WINDOW_SECONDS,
    ):
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
