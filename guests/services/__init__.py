"""Writes of the guests app (`<entity>_<action>(*, ...)`): invitations and the door."""

from guests.services.door import DoorAnswer, check_in_undo, door_scan, walk_in_register
from guests.services.invitations import (
    AnswerClosed,
    guest_save,
    guests_merge,
    invitation_answer,
    invitation_create,
    invitation_revoke,
    invitation_save,
    invitation_substitute,
    slot_places_left,
    slot_places_taken,
)

__all__ = [
    "AnswerClosed",
    "DoorAnswer",
    "check_in_undo",
    "door_scan",
    "guest_save",
    "guests_merge",
    "invitation_answer",
    "invitation_create",
    "invitation_revoke",
    "invitation_save",
    "invitation_substitute",
    "slot_places_left",
    "slot_places_taken",
    "walk_in_register",
]
