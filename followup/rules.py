"""Who may do what to which follow-up rows (read by moqdad.rules; see its docstring).

The neighborhood's manager follows up its commitments, the booth holder reads those that came
from their booth, a partner agency keeps its own (and updates them in bulk); the organizers
see everything. The maker's contact is for those who follow the commitment up.
"""

from moqdad.roles import Role
from moqdad.rules import PrivateFields, Rule, register

ORG, STAFF, MGR, HOLDER, AUD = (
    Role.ORGANIZER,
    Role.AGENCY_STAFF,
    Role.NEIGHBORHOOD_MANAGER,
    Role.BOOTH_HOLDER,
    Role.AUDITOR,
)
BY_COMMITMENT = {
    "neighborhood": "commitment__neighborhood",
    "booth": "commitment__booth",
    "agency": "commitment__agency",
}

register(
    "followup.commitment",
    Rule(
        scope={"neighborhood": "neighborhood", "booth": "booth", "agency": "agency"},
        permissions={MGR: "vac", STAFF: "vac", HOLDER: "v"},
        private_fields=PrivateFields(("maker_phone", "maker_email"), frozenset({ORG, MGR, STAFF})),
        # Which edition, where it came from and the manager's answer are not the maker's to set.
        organizer_fields=("exhibition", "is_synthetic", "last_reminded_on"),
    ),
)
register(
    "followup.milestone",
    Rule(scope=BY_COMMITMENT, permissions={MGR: "vacd", STAFF: "vacd", HOLDER: "v"}),
)
register("followup.attendancecount", Rule(scope={}, permissions={AUD: "v"}))
