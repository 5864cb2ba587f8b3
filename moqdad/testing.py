"""Helpers for tests: the Persian text a user sees for a message of the code."""

from django.utils import translation


def persian_message(msgid: str, **params) -> str:
    """`msgid` as the Persian catalogue renders it; fails if the catalogue has no Persian for it.

    Tests assert the message a user reads without repeating wording that lives in i18n/fa/.
    """
    with translation.override("fa"):
        text = translation.gettext(msgid)
    assert text != msgid, f"no Persian for {msgid!r}"
    return text % params if params else text
