"""Who may do what to which exhibition rows (read by moqdad.rules; see its docstring)."""

from moqdad.roles import Role
from moqdad.rules import ALL, PrivateFields, Rule, register

ORG, STAFF, MGR, HOLDER, REV = (
    Role.ORGANIZER,
    Role.AGENCY_STAFF,
    Role.NEIGHBORHOOD_MANAGER,
    Role.BOOTH_HOLDER,
    Role.REVIEWER,
)
# The edition's frame (editions, sections, strata bases) is the organizers'; agencies read it.
FRAME = {STAFF: "v", REV: "v"}
BY_BOOTH = {"neighborhood": "booth__neighborhood", "agency": "booth__agency"}

register("exhibition.exhibition", Rule(scope={"agency": ALL}, permissions=FRAME))
register("exhibition.partnership", Rule(scope={}, permissions={REV: "v"}))
register("exhibition.section", Rule(scope={"agency": ALL}, permissions=FRAME))
register("exhibition.hall", Rule(scope={"agency": ALL}, permissions=FRAME))
register("exhibition.stratabase", Rule(scope={"agency": ALL}, permissions=FRAME))
register(
    "exhibition.booth",
    Rule(
        scope={"neighborhood": "neighborhood", "agency": "agency", "booth": "pk"},
        # Booth holders see their own booth (their admin home, its sign); its content is the
        # manager's or the agency's.
        permissions={STAFF: "vc", MGR: "vc", HOLDER: "v", REV: "v"},
        # Which booth, where and whose are allocation decisions.
        organizer_fields=(
            "exhibition",
            "section",
            "code",
            "slug",
            "neighborhood",
            "strata_base",
            "agency",
            "plan_x",
            "plan_y",
            "plan_width",
            "plan_depth",
            "is_synthetic",
        ),
    ),
)
register(
    "exhibition.boothholder",
    Rule(
        scope=BY_BOOTH,
        permissions={STAFF: "vacd", MGR: "vacd"},
        private_fields=PrivateFields(("phone",), frozenset({ORG, MGR, STAFF})),
        organizer_fields=("user", "booth"),
    ),
)
register(
    "exhibition.boothphoto",
    Rule(
        scope=BY_BOOTH,
        permissions={STAFF: "vacd", MGR: "vacd", REV: "v"},
        publication_parent="booth",
    ),
)
register(
    "exhibition.scheduleitem",
    Rule(
        scope={"agency": "agency"},
        permissions={STAFF: "vacd", REV: "v"},
        organizer_fields=("is_synthetic",),
    ),
)
register(
    "exhibition.contactrequest",
    Rule(
        scope={**BY_BOOTH, "booth": "booth"},
        permissions={STAFF: "vc", MGR: "vc", HOLDER: "vc"},
        # The visitor's contact data and message: for those who answer it.
        private_fields=PrivateFields(
            ("name", "phone", "email", "message"), frozenset({ORG, MGR, STAFF, HOLDER})
        ),
    ),
)
