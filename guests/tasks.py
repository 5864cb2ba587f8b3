"""Background work of the guests app (django-tasks): sending many invitations at once renders
a PDF card for each, which belongs in the worker, not in the organizer's request."""

from django.core.exceptions import ValidationError
from django_tasks import task

from guests.models import Invitation
from guests.services import messages


@task()
def send_invitations(invitation_ids: list[int], channel: str) -> dict:
    """Send each invitation; guests without an address on that channel are counted, skipped."""
    sent = skipped = 0
    invitations = Invitation.objects.select_related("guest", "exhibition", "slot").filter(
        pk__in=invitation_ids
    )
    for invitation in invitations:
        try:
            messages.invitation_send(invitation=invitation, channel=channel)
        except ValidationError:
            skipped += 1
        else:
            sent += 1
    return {"sent": sent, "skipped": skipped}


@task()
def remind_pending(invitation_ids: list[int]) -> dict:
    """Remind the pending ones among these invitations (capped per invitation)."""
    reminded = 0
    for invitation in Invitation.objects.select_related("guest", "exhibition").filter(
        pk__in=invitation_ids, status=Invitation.Status.PENDING
    ):
        if messages.invitation_remind(invitation=invitation) is not None:
            reminded += 1
    return {"reminded": reminded}
