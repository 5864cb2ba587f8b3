"""Remind the guests of the current edition who have not answered (for a daily timer)."""

from django.core.management.base import BaseCommand

from exhibition.models import Exhibition
from guests.models import Invitation
from guests.services.messages import REMINDER_CAP, invitation_remind


class Command(BaseCommand):
    help = (
        "Send a reminder to every pending invitation of the current edition whose answer "
        f"deadline has not passed, at most {REMINDER_CAP} per invitation (counted from the "
        "delivery log)."
    )

    def handle(self, *args, **options):
        edition = Exhibition.objects.current()
        if edition is None:
            self.stdout.write("No current edition.")
            return
        reminded = 0
        pending = Invitation.objects.select_related("guest", "exhibition").filter(
            exhibition=edition, status=Invitation.Status.PENDING
        )
        for invitation in pending:
            if invitation.is_open_for_answers and invitation_remind(invitation=invitation):
                reminded += 1
        self.stdout.write(f"Reminded {reminded} of {pending.count()} pending invitations.")
