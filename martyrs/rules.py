"""Who may do what to which martyrs rows (read by moqdad.rules; see its docstring)."""

from moqdad.roles import Role
from moqdad.rules import PrivateFields, Rule, register

MGR, REV = Role.NEIGHBORHOOD_MANAGER, Role.REVIEWER

register(
    "martyrs.martyr",
    Rule(
        scope={"neighborhood": "neighborhood"},
        permissions={MGR: "vac", REV: "v"},
        organizer_fields=("is_synthetic",),
    ),
)
register(
    "martyrs.veterantally",
    Rule(scope={"neighborhood": "neighborhood"}, permissions={MGR: "vacd", REV: "v"}),
)
register(
    "martyrs.correctionsuggestion",
    Rule(
        scope={"neighborhood": "martyr__neighborhood"},
        permissions={MGR: "vc"},
        # Who suggested a correction, and how to reach them.
        private_fields=PrivateFields(("name", "contact"), frozenset({Role.ORGANIZER, MGR})),
    ),
)
