"""Create (or reset) the demo accounts and print their credentials.

The password is, in this order: DEMO_PASSWORD from the environment; with --demo or DEBUG on,
the documented demo password below; otherwise a fresh random one. It is printed on the console
and stored nowhere else. The documented password is refused when PRODUCTION is on.

Each account is one `DemoAccount` line in DEMO_ACCOUNTS; `attach` links an account to the rows
its role works on (a neighborhood, a booth, an agency) after the demo data is loaded.
"""

import dataclasses
import secrets
from collections.abc import Callable

from axes.utils import reset as reset_lockouts
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from moqdad.public_address import public_base_url, serve_address_is_wildcard
from moqdad.roles import GROUP_NAMES, Role

DOCUMENTED_DEMO_PASSWORD = "meqdad-demo-1401"  # noqa: S105 (published in the README)  # nosec B105


@dataclasses.dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    superuser: bool = False
    groups: tuple[str, ...] = ()
    attach: Callable | None = None


def _demo_neighborhood():
    """The demo manager's neighborhood: one whose booth has new contact requests to answer."""
    from neighborhoods.models import Neighborhood

    with_booths = Neighborhood.objects.filter(is_synthetic=True, booths__isnull=False)
    asked = with_booths.filter(booths__contact_requests__status="new").distinct()
    return asked.order_by("name").first() or with_booths.order_by("name").first()


def _grant(role, *, links):
    """Link the account to its demo rows; without demo data it keeps only its group."""

    def attach(user):
        from exhibition import services

        found = links(user)
        if all(found.values()):
            services.account_grant_role(user=user, role=role, **found)

    return attach


def _manager_links(user):
    neighborhood = _demo_neighborhood()
    return {"neighborhoods": [neighborhood] if neighborhood else []}


def _holder_links(user):
    neighborhood = _demo_neighborhood()
    if neighborhood is None:
        return {"booths": []}
    booths = neighborhood.booths.order_by("code")
    booth = booths.filter(contact_requests__status="new").first() or booths.first()
    return {"booths": [booth]}


def _staff_links(user):
    from django.db.models import Count

    from neighborhoods.models import Agency

    agency = (
        Agency.objects.filter(schedule_items__is_synthetic=True)
        .annotate(items=Count("schedule_items"))
        .order_by("-items", "name")
        .first()
    ) or Agency.objects.order_by("name").first()
    return {"agency": agency}


DEMO_ACCOUNTS = [
    DemoAccount(
        "admin",
        "organizer with every permission (superuser)",
        superuser=True,
        groups=(GROUP_NAMES[Role.ORGANIZER],),
    ),
    DemoAccount("organizer", "organizer (ستاد برگزاری)", groups=(GROUP_NAMES[Role.ORGANIZER],)),
    DemoAccount(
        "agency",
        "agency staff: the schedule items and booths of one agency",
        groups=(GROUP_NAMES[Role.AGENCY_STAFF],),
        attach=_grant(Role.AGENCY_STAFF, links=_staff_links),
    ),
    DemoAccount(
        "manager",
        "neighborhood manager of one demo neighborhood",
        groups=(GROUP_NAMES[Role.NEIGHBORHOOD_MANAGER],),
        attach=_grant(Role.NEIGHBORHOOD_MANAGER, links=_manager_links),
    ),
    DemoAccount(
        "booth",
        "booth holder: the contact requests of that neighborhood's booth",
        groups=(GROUP_NAMES[Role.BOOTH_HOLDER],),
        attach=_grant(Role.BOOTH_HOLDER, links=_holder_links),
    ),
    DemoAccount("reviewer", "reviewer: publishes content", groups=(GROUP_NAMES[Role.REVIEWER],)),
    DemoAccount(
        "auditor",
        "auditor: reads everything, history included",
        groups=(GROUP_NAMES[Role.AUDITOR],),
    ),
    DemoAccount(
        "door",
        "door staff: checks the invited guests in at /door/",
        groups=(GROUP_NAMES[Role.DOOR_STAFF],),
    ),
]


class Command(BaseCommand):
    help = (
        "Create or reset the demo accounts and print their user names and password. The "
        "password comes from DEMO_PASSWORD, else (with --demo or DEBUG on) is the documented "
        f"demo password «{DOCUMENTED_DEMO_PASSWORD}», else is generated; it is never stored "
        "in the repository."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Use the documented demo password (refused when PRODUCTION is on).",
        )

    def handle(self, *args, demo, **options):
        password = self.password(demo=demo)
        user_model = get_user_model()
        with transaction.atomic():
            for spec in DEMO_ACCOUNTS:
                user, _ = user_model.objects.get_or_create(username=spec.username)
                user.is_active = user.is_staff = True
                user.is_superuser = spec.superuser
                try:
                    validate_password(password, user)
                except ValidationError as error:
                    raise CommandError(" ".join(error.messages)) from error
                user.set_password(password)
                user.save()
                user.groups.set(Group.objects.get_or_create(name=name)[0] for name in spec.groups)
                if spec.attach is not None:
                    spec.attach(user)
                reset_lockouts(username=spec.username)
        width = max(len(spec.username) for spec in DEMO_ACCOUNTS)
        self.stdout.write(self.style.SUCCESS("Demo accounts (all with the same password):"))
        for spec in DEMO_ACCOUNTS:
            self.stdout.write(f"  {spec.username.ljust(width)}  {spec.role}")
        self.stdout.write(f"  password: {password}")
        self.stdout.write(f"  log in at {public_base_url()}/admin/")
        if not settings.PUBLIC_BASE_URL and serve_address_is_wildcard():
            self.stdout.write(
                f"  The server listens on every interface (HOST={settings.SERVE_ADDRESS}): on a "
                "phone, open this machine's network address instead, which the site then uses "
                "in its links and QR codes (add it to ALLOWED_HOSTS)."
            )

    def password(self, *, demo: bool) -> str:
        if settings.DEMO_PASSWORD:
            return settings.DEMO_PASSWORD
        if demo or settings.DEBUG:
            if settings.PRODUCTION:
                raise CommandError(
                    "The documented demo password is public: set DEMO_PASSWORD in production."
                )
            return DOCUMENTED_DEMO_PASSWORD
        return secrets.token_urlsafe(12)
