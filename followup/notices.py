"""What the follow-up tells people outside the admin, through moqdad.messaging (logged as
deliveries, sent as background tasks): a commitment's new status to its maker (only if they
agreed) and to the neighborhood's council, and reminders of what is due to those who follow
it up. Texts are written in the site's language, whoever's request triggered them."""

import datetime

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from followup.models import Commitment
from moqdad import jalali
from moqdad.persian import display_digits, display_number
from neighborhoods.models import CouncilMember

KIND_STATUS = "commitment_status"
KIND_REMINDER = "commitment_reminder"


def _send(*, to: str, channel: str, subject: str, body: str, about, kind: str) -> None:
    # Imported when first used: moqdad.messaging binds its task to the task backend configured
    # when it is imported, and this module is imported while the admin is loaded (before the
    # tests choose theirs).
    from moqdad.messaging import send_message

    send_message(channel=channel, to=to, subject=subject, body=body, about=about, kind=kind)


def _maker_address(commitment: Commitment) -> tuple[str, str] | None:
    if commitment.maker_email:
        return "email", commitment.maker_email
    if commitment.maker_phone:
        return "sms", commitment.maker_phone
    return None


def council_addresses(commitment: Commitment) -> list[tuple[str, str]]:
    """The neighborhood's managers (their e-mail) and its council's chair (a text)."""
    neighborhood = commitment.neighborhood
    addresses = [
        ("email", email)
        for email in neighborhood.managers.exclude(email="").values_list("email", flat=True)
    ]
    chairs = CouncilMember.objects.filter(
        council__neighborhood=neighborhood, is_chair=True
    ).exclude(phone="")
    addresses += [("sms", phone) for phone in chairs.values_list("phone", flat=True)]
    return list(dict.fromkeys(addresses))


def _status_text(commitment: Commitment) -> tuple[str, str]:
    status = str(Commitment.Status(commitment.status).label)
    subject = _("Commitment “%(title)s”: %(status)s") % {
        "title": display_digits(commitment.title),
        "status": status,
    }
    lines = [
        _("The commitment “%(title)s” for the %(neighborhood)s neighborhood is now: %(status)s.")
        % {
            "title": display_digits(commitment.title),
            "neighborhood": display_digits(commitment.neighborhood.name),
            "status": status,
        },
        _("Progress: %(percent)s%%") % {"percent": display_number(commitment.progress_percent)},
    ]
    if commitment.status == Commitment.Status.DROPPED:
        lines.append(_("Reason: %(reason)s") % {"reason": commitment.drop_reason})
    return subject, "\n".join(lines)


def status_changed(*, commitment: Commitment) -> int:
    """Tell the maker (if they agreed) and the council; the number of messages sent."""
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _status_text(commitment)
        addresses = council_addresses(commitment)
        maker = _maker_address(commitment) if commitment.maker_wants_updates else None
        if maker is not None:
            addresses.insert(0, maker)
        for channel, to in addresses:
            _send(
                to=to,
                channel=channel,
                subject=subject,
                body=body,
                about=commitment,
                kind=KIND_STATUS,
            )
    return len(addresses)


def reminder_addresses(commitment: Commitment) -> list[tuple[str, str]]:
    """Those who follow the commitment up: the neighborhood's managers and the agency's staff."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    emails = list(
        users.filter(managed_neighborhoods=commitment.neighborhood_id).values_list(
            "email", flat=True
        )
    )
    if commitment.agency_id:
        emails += users.filter(staff_profile__agency=commitment.agency_id).values_list(
            "email", flat=True
        )
    return [("email", email) for email in dict.fromkeys(emails)]


def reminder(*, commitment: Commitment, today: datetime.date) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        overdue = commitment.due_date < today
        subject = (
            _("Overdue commitment: %(title)s") if overdue else _("Commitment due soon: %(title)s")
        ) % {"title": display_digits(commitment.title)}
        if overdue:
            text = _(
                "The commitment “%(title)s” for the %(neighborhood)s neighborhood was due on "
                "%(date)s and is at %(percent)s%%. Please update it."
            )
        else:
            text = _(
                "The commitment “%(title)s” for the %(neighborhood)s neighborhood is due on "
                "%(date)s and is at %(percent)s%%. Please update it."
            )
        body = text % {
            "title": display_digits(commitment.title),
            "neighborhood": display_digits(commitment.neighborhood.name),
            "date": jalali.format_date(commitment.due_date),
            "percent": display_number(commitment.progress_percent),
        }
        addresses = reminder_addresses(commitment)
        for channel, to in addresses:
            _send(
                to=to,
                channel=channel,
                subject=subject,
                body=body,
                about=commitment,
                kind=KIND_REMINDER,
            )
    return len(addresses)
