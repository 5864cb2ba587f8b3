"""The guests app's models: the guest list and invitations, official visits, door check-in."""

from guests.models.door import CheckIn, Scan
from guests.models.guests import Guest, Invitation, VisitSlot, phone_key
from guests.models.visits import OfficialVisit, VisitStop

__all__ = [
    "CheckIn",
    "Guest",
    "Invitation",
    "OfficialVisit",
    "Scan",
    "VisitSlot",
    "VisitStop",
    "phone_key",
]
