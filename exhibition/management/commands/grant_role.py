"""Give an account a role and link it to what it is responsible for.

    manage.py grant_role USERNAME neighborhood_manager --neighborhood SLUG [--neighborhood SLUG]
    manage.py grant_role USERNAME agency_staff --agency "AGENCY NAME"
    manage.py grant_role USERNAME booth_holder --booth CODE [--booth CODE]
    manage.py grant_role USERNAME reviewer|auditor|organizer|door_staff

Roles are documented in the README ("Roles and permissions"); organizers can do the same in
the admin (the account's groups, its staff profile, a neighborhood's manager accounts, a booth's
holders). `--by` names the account the change history records as the one who granted it.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from exhibition import services
from exhibition.models import Booth, Exhibition
from moqdad.history import history_user
from moqdad.roles import Role
from neighborhoods.models import Agency, Neighborhood


class Command(BaseCommand):
    help = (
        "Give an account a role (organizer, agency_staff, neighborhood_manager, ...) and its rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument(
            "--neighborhood", action="append", default=[], help="Neighborhood slug."
        )
        parser.add_argument("--agency", help="Agency name.")
        parser.add_argument(
            "--booth", action="append", default=[], help="Booth code (current edition)."
        )
        parser.add_argument("--by", help="Account recorded in the history as the one granting it.")

    def handle(self, *args, username, role, neighborhood, agency, booth, by, **options):
        users = get_user_model()._default_manager
        user = users.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account named {username}.")
        granter = users.filter(username=by).first() if by else None
        if by and granter is None:
            raise CommandError(f"No account named {by}.")
        neighborhoods = list(Neighborhood.objects.filter(slug__in=neighborhood))
        if len(neighborhoods) != len(set(neighborhood)):
            raise CommandError("Some of the neighborhood slugs do not exist.")
        agency_row = None
        if agency:
            agency_row = Agency.objects.filter(name=agency).first()
            if agency_row is None:
                raise CommandError(f"No agency named {agency}.")
        edition = Exhibition.objects.current()
        booths = list(Booth.objects.filter(exhibition=edition, code__in=booth))
        if len(booths) != len(set(booth)):
            raise CommandError("Some of the booth codes do not exist in the current edition.")
        try:
            with history_user(granter):
                services.account_grant_role(
                    user=user,
                    role=role,
                    neighborhoods=neighborhoods,
                    agency=agency_row,
                    booths=booths,
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"{username} is now {Role(role).label}."))
