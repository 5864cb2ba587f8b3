"""Who may do what to which neighborhood rows (read by moqdad.rules; see its docstring)."""

from moqdad.roles import Role
from moqdad.rules import ALL, PrivateFields, PrivateRows, Rule, register

MGR, STAFF, REV, AUD = (
    Role.NEIGHBORHOOD_MANAGER,
    Role.AGENCY_STAFF,
    Role.REVIEWER,
    Role.AUDITOR,
)
# A manager keeps their own neighborhoods' content; reviewers read everything to publish it.
OWN_CONTENT = {MGR: "vacd", REV: "v"}
BY_NEIGHBORHOOD = {"neighborhood": "neighborhood"}

register(
    "neighborhoods.agency",
    Rule(scope={"agency": "pk"}, permissions={STAFF: "v", REV: "v"}),
)
register("neighborhoods.programmephase", Rule(scope={}, permissions={REV: "v"}))
register(
    "neighborhoods.neighborhood",
    Rule(
        scope={"neighborhood": "pk"},
        permissions={MGR: "vc", REV: "v"},
        organizer_fields=("slug", "phase", "is_selected", "managers", "is_synthetic"),
    ),
)
register(
    "neighborhoods.profileindicator",
    Rule(
        scope=BY_NEIGHBORHOOD,
        permissions=OWN_CONTENT,
        # Social-harm figures are for the organizers and the neighborhood's own manager.
        private_rows=PrivateRows({"kind": "social_harm"}, frozenset({Role.ORGANIZER, MGR})),
    ),
)
register(
    "neighborhoods.vulnerabilityflag",
    Rule(
        scope={"agency": "agency"},
        permissions={STAFF: "vacd", AUD: ""},
        # An agency flags any neighborhood of the programme, not only those it may open.
        open_choices={"neighborhood": ALL},
    ),
)
register("neighborhoods.council", Rule(scope=BY_NEIGHBORHOOD, permissions={MGR: "vac", REV: "v"}))
register(
    "neighborhoods.councilmember",
    Rule(
        scope={"neighborhood": "council__neighborhood"},
        permissions=OWN_CONTENT,
        private_fields=PrivateFields(("phone", "address"), frozenset({Role.ORGANIZER, MGR})),
        publication_parent="council",
    ),
)
register("neighborhoods.problem", Rule(scope=BY_NEIGHBORHOOD, permissions=OWN_CONTENT))
register(
    "neighborhoods.actionplan",
    Rule(
        scope={"neighborhood": "problem__neighborhood"},
        permissions=OWN_CONTENT,
        publication_parent="problem",
    ),
)
register("neighborhoods.initiative", Rule(scope=BY_NEIGHBORHOOD, permissions=OWN_CONTENT))
register("neighborhoods.identityelement", Rule(scope=BY_NEIGHBORHOOD, permissions=OWN_CONTENT))
register(
    "neighborhoods.staffprofile",
    Rule(scope={}, private_fields=PrivateFields(("phone",), frozenset({Role.ORGANIZER}))),
)
