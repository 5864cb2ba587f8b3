"""Rules of the models no app owns: accounts, login records, and the delivery log."""

from moqdad.roles import Role
from moqdad.rules import PrivateFields, Rule, register

ORG, AUD = Role.ORGANIZER, Role.AUDITOR

register("auth.user", Rule(scope={}, content=False, permissions={ORG: "vac", AUD: "v"}))
register("auth.group", Rule(scope={}, content=False, permissions={ORG: "v", AUD: "v"}))
register("axes.accessattempt", Rule(scope={}, content=False, permissions={ORG: "vd", AUD: "v"}))
for label in ("axes.accesslog", "axes.accessfailurelog"):
    register(label, Rule(scope={}, content=False, permissions={ORG: "v", AUD: "v"}))

# Who was sent what (moqdad.messaging): addresses and phone numbers are for organizers only.
register(
    "moqdad.delivery",
    Rule(
        scope={},
        content=False,
        permissions={ORG: "v", AUD: "v"},
        private_fields=PrivateFields(fields=("recipient", "body"), readers=frozenset({ORG})),
    ),
)
