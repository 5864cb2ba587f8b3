"""Create the first organizer account (or make an existing account an organizer).

    manage.py create_organizer USERNAME [--email ADDRESS]

The password is asked twice on the terminal, or read from ORGANIZER_PASSWORD with --no-input.
An organizer reaches everything in the admin except superuser accounts; `createsuperuser`
remains for the technical administrator.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from moqdad.roles import GROUP_NAMES, Role


class Command(BaseCommand):
    help = "Create an organizer account (staff, in the organizer group) with a password."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Read the password from the ORGANIZER_PASSWORD environment variable.",
        )

    def handle(self, *args, username, email, interactive, **options):
        user_model = get_user_model()
        user = user_model._default_manager.filter(username=username).first() or user_model(
            username=username, email=email
        )
        password = self.password(interactive=interactive)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        group = Group.objects.filter(name=GROUP_NAMES[Role.ORGANIZER]).first()
        if group is None:
            raise CommandError("The role groups are missing: run `manage.py migrate` first.")
        with transaction.atomic():
            user.is_staff = user.is_active = True
            user.set_password(password)
            user.save()
            user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(f"{username} is an organizer; log in at /admin/."))

    def password(self, *, interactive: bool) -> str:
        if not interactive:
            password = os.environ.get("ORGANIZER_PASSWORD", "")
            if not password:
                raise CommandError("Set ORGANIZER_PASSWORD, or run without --no-input.")
            return password
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password
