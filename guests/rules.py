"""Who may do what to the guest list, invitations, visits and check-ins (read by moqdad.rules).

The guest list is private: organizers see all of it, agency staff only the guests their agency
invited, nobody else (auditors and reviewers included) any of it. Phones and e-mails are for
organizers and the inviting agency. Door staff do one thing: check guests in at the door page
(guests/views/door.py, allowed by "add" on check-ins); they read nothing of the list in the
admin. Booth holders and neighborhood managers see the visits whose route reaches their booth.
Check-ins and scans are written only by the door page; organizers undo a check-in (delete).
"""

from moqdad.roles import Role
from moqdad.rules import ALL, PrivateFields, Rule, register

ORG, STAFF, MGR, HOLDER, REV, AUD, DOOR = (
    Role.ORGANIZER,
    Role.AGENCY_STAFF,
    Role.NEIGHBORHOOD_MANAGER,
    Role.BOOTH_HOLDER,
    Role.REVIEWER,
    Role.AUDITOR,
    Role.DOOR_STAFF,
)
CONTACT_READERS = frozenset({ORG, STAFF})
# Auditors oversee the published product; the guest list is not theirs to read.
NOT_CONTENT = {"content": False}

register(
    "guests.guest",
    Rule(
        scope={"agency": "agency"},
        permissions={ORG: "vacd", STAFF: "vacd"},
        private_fields=PrivateFields(("phone", "email"), CONTACT_READERS),
        organizer_fields=("is_synthetic",),
        **NOT_CONTENT,
    ),
)
register(
    "guests.invitation",
    Rule(
        scope={"agency": "guest__agency"},
        permissions={ORG: "vacd", STAFF: "vacd"},
        organizer_fields=("exhibition", "is_synthetic"),
        **NOT_CONTENT,
    ),
)
register(
    "guests.visitslot",
    Rule(scope={"agency": ALL}, permissions={ORG: "vacd", STAFF: "v"}, **NOT_CONTENT),
)
register(
    "guests.officialvisit",
    Rule(
        scope={"agency": "invitation__guest__agency"},
        permissions={ORG: "vacd", STAFF: "v"},
        organizer_fields=("is_public", "is_synthetic"),
        **NOT_CONTENT,
    ),
)
register(
    "guests.visitstop",
    Rule(
        scope={
            "agency": "visit__invitation__guest__agency",
            "neighborhood": "booth__neighborhood",
            "booth": "booth",
        },
        permissions={ORG: "vacd", STAFF: "v", MGR: "v", HOLDER: "v"},
        **NOT_CONTENT,
    ),
)
register(
    "guests.checkin",
    Rule(
        scope={"agency": "guest__agency"},
        # "add" is the door page's check-in; the admin never adds one (guests/admin.py).
        permissions={ORG: "vad", STAFF: "v", DOOR: "a"},
        **NOT_CONTENT,
    ),
)
register(
    "guests.scan",
    Rule(
        scope={"agency": "guest__agency"},
        permissions={ORG: "v"},
        **NOT_CONTENT,
    ),
)
