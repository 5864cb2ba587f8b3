"""Invitations and reminders sent to guests by email or text message.

Sending goes through `moqdad.messaging.send_message` (a Delivery row per message, sent by a
background task, its status and error kept); `deliveries_for(invitation)` is the log an
organizer reads. Each message is written in the guest's language. Reminders go only to
invitations still pending, at most REMINDER_CAP times each: the cap is counted from the
delivery log itself, so a reminder that was sent stays counted whatever happens later.
"""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from guests import printing
from guests.models import Invitation
from moqdad import jalali
from moqdad.messaging import deliveries_for, send_message

REMINDER_CAP = 2
INVITATION, REMINDER = "invitation", "invitation_reminder"
EMAIL, SMS = "email", "sms"


def _address(invitation: Invitation, channel: str) -> str:
    guest = invitation.guest
    address = guest.email if channel == EMAIL else guest.phone
    if not address:
        raise ValidationError(
            _("%(name)s has no e-mail address.") % {"name": guest.name}
            if channel == EMAIL
            else _("%(name)s has no mobile number.") % {"name": guest.name},
            code="no_address",
        )
    return address


def _days(invitation: Invitation) -> str:
    days = [invitation.chosen_day] if invitation.chosen_day else invitation.days
    return "، ".join(jalali.format_date(day, weekday=True) for day in days)


def _text(invitation: Invitation, *, reminder: bool, channel: str) -> tuple[str, str]:
    exhibition = invitation.exhibition
    values = {
        "name": invitation.guest.name,
        "exhibition": exhibition.title,
        "days": _days(invitation),
        "venue": exhibition.venue,
        "link": printing.invitation_url(invitation),
        "code": invitation.display_short_code,
    }
    subject = (
        _("Reminder: your invitation to the %(exhibition)s exhibition")
        if reminder
        else _("Invitation to the %(exhibition)s exhibition")
    ) % values
    if channel == SMS:
        body = (
            _(
                "%(name)s, you are invited to the %(exhibition)s exhibition (%(days)s). "
                "Answer and get your card: %(link)s Door code: %(code)s"
            )
            % values
        )
    else:
        body = (
            _(
                "Dear %(name)s,\n\nYou are cordially invited to the %(exhibition)s exhibition of "
                "the neighborhood councils of Qom, on %(days)s, at %(venue)s.\n\nPlease answer "
                "through your personal link, where you can also choose an official-visit time and "
                "download your card:\n%(link)s\n\nYour code for the door: %(code)s\n\n"
                "The organizers"
            )
            % values
        )
    if reminder:
        body = _("We have not had your answer yet.") + " " + body
    return subject, body


def invitation_send(*, invitation: Invitation, channel: str, reminder: bool = False):
    """Send the invitation (its card attached to an email); the Delivery that logs it."""
    address = _address(invitation, channel)
    with translation.override(invitation.guest.language):
        subject, body = _text(invitation, reminder=reminder, channel=channel)
        attachments = []
        if channel == EMAIL:
            document = printing.cards_document(invitations=[invitation])
            attachments = [(document.filename, document.pdf(), "application/pdf")]
    return send_message(
        channel=channel,
        to=address,
        subject=subject,
        body=body,
        about=invitation,
        kind=REMINDER if reminder else INVITATION,
        attachments=attachments,
    )


def reminders_sent(invitation: Invitation) -> int:
    return deliveries_for(invitation).filter(kind=REMINDER).count()


def invitation_remind(*, invitation: Invitation):
    """Remind a guest who has not answered, by text if they have a mobile number, else by
    email; None when the invitation is answered, has had its reminders or has no address."""
    if invitation.status != Invitation.Status.PENDING:
        return None
    if reminders_sent(invitation) >= REMINDER_CAP:
        return None
    guest = invitation.guest
    channel = SMS if guest.phone else EMAIL if guest.email else None
    if channel is None:
        return None
    return invitation_send(invitation=invitation, channel=channel, reminder=True)
