"""Remind those who follow each open commitment that is overdue or due within a week (run daily,
from cron or a systemd timer; the messages go out as background tasks through moqdad.messaging).
The admin lists the same commitments: the commitments' "due" filter and the admin home panel."""

from django.core.management.base import BaseCommand

from followup import services


class Command(BaseCommand):
    help = "E-mail reminders of commitments that are overdue or due within a week."

    def handle(self, *args, **options):
        count = services.commitment_reminders_send()
        self.stdout.write(f"Reminded about {count} commitments.")
