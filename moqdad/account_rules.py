"""Rules of the accounts and login records (Django's and axes' models, not the apps')."""

from moqdad.roles import Role
from moqdad.rules import Rule, register

ORG, AUD = Role.ORGANIZER, Role.AUDITOR

register("auth.user", Rule(scope={}, content=False, permissions={ORG: "vac", AUD: "v"}))
register("auth.group", Rule(scope={}, content=False, permissions={ORG: "v", AUD: "v"}))
register("axes.accessattempt", Rule(scope={}, content=False, permissions={ORG: "vd", AUD: "v"}))
for label in ("axes.accesslog", "axes.accessfailurelog"):
    register(label, Rule(scope={}, content=False, permissions={ORG: "v", AUD: "v"}))
