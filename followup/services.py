"""Writes of the follow-up app: every change of a commitment goes through here (the admin, its
actions, imports and the demo's management command alike), so its history and its notices
are never skipped."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exhibition.models import ContactRequest, Exhibition
from followup import notices
from followup.models import Commitment, Milestone
from moqdad.jalali import lazy_digits

Status = Commitment.Status
Confirmation = Commitment.Confirmation


def _save(obj, *, user=None, reason: str = ""):
    obj.full_clean()
    if user is not None and getattr(user, "pk", None):
        obj._history_user = user
    if reason:
        obj._change_reason = reason
    obj.save()
    return obj


def check_transition(*, before: str | None, after: str) -> None:
    """Refuse a status change the lifecycle does not allow, in Persian."""
    if before is None or before == after:
        return
    if after not in Commitment.NEXT.get(before, ()):
        raise ValidationError(
            {
                "status": _("A commitment cannot go from “%(before)s” to “%(after)s”.")
                % {"before": Status(before).label, "after": Status(after).label}
            },
            code="transition",
        )


def apply_status_effects(*, commitment: Commitment, before: str | None) -> None:
    """What a new status brings with it: done is 100% and asks the manager "was it done?";
    leaving done withdraws that question."""
    after = commitment.status
    if after == before:
        return
    if after == Status.DONE:
        commitment.progress_percent = 100
        commitment.done_on = commitment.done_on or timezone.localdate()
        commitment.confirmation = Confirmation.PENDING
        commitment.confirmed_by, commitment.confirmed_at = None, None
    elif before == Status.DONE:
        commitment.done_on = None
        if commitment.confirmation == Confirmation.PENDING:
            commitment.confirmation = Confirmation.NOT_ASKED
    if before == Status.DROPPED:
        commitment.drop_reason = ""


@transaction.atomic
def commitment_save(*, commitment: Commitment, user=None, reason: str = "") -> Commitment:
    """Create or change a commitment (the admin's form, an import): the lifecycle is checked,
    its effects applied, and the maker and the council told when the status changed."""
    stored = None
    if commitment.pk:
        stored = Commitment.objects.filter(pk=commitment.pk).values_list("status", flat=True)
        stored = stored.first()
    if commitment.exhibition_id is None:
        edition = Exhibition.objects.current()
        if edition is not None:
            commitment.exhibition = edition
    if commitment.contact_request_id and not commitment.booth_id:
        commitment.booth_id = commitment.contact_request.booth_id
    check_transition(before=stored, after=commitment.status)
    if stored is not None:
        apply_status_effects(commitment=commitment, before=stored)
    elif commitment.status == Status.DONE:
        apply_status_effects(commitment=commitment, before=None)
    changed = stored is not None and stored != commitment.status
    _save(commitment, user=user, reason=reason or (_status_reason(commitment) if changed else ""))
    if changed:
        # The deliveries are written in this transaction; their tasks run once it commits.
        notices.status_changed(commitment=commitment)
    return commitment


def _status_reason(commitment: Commitment) -> str:
    label = str(Status(commitment.status).label)
    if commitment.status == Status.DROPPED:
        return _("%(status)s: %(reason)s") % {"status": label, "reason": commitment.drop_reason}
    return label


def commitment_set_status(
    *, commitment: Commitment, status: str, user=None, reason: str = ""
) -> Commitment:
    """Move a commitment along its lifecycle; dropping it needs a reason."""
    if status == Status.DROPPED:
        commitment.drop_reason = reason.strip()
    commitment.status = status
    return commitment_save(commitment=commitment, user=user)


def commitment_from_contact_request(*, contact_request: ContactRequest, user=None) -> Commitment:
    """An offer made by the visitor of a contact request, at its booth, for its neighborhood."""
    booth = contact_request.booth
    if booth.neighborhood_id is None:
        raise ValidationError(
            _("Booth %(code)s has no neighborhood: enter this commitment by hand.")
            % {"code": lazy_digits(booth.code)},
            code="no_neighborhood",
        )
    commitment = Commitment(
        exhibition_id=booth.exhibition_id,
        title=contact_request.subject[:200],
        description=contact_request.message,
        kind=Commitment.Kind.OTHER,
        neighborhood_id=booth.neighborhood_id,
        maker_name=contact_request.name,
        maker_organization=contact_request.organization,
        maker_position=contact_request.position,
        maker_phone=contact_request.phone,
        maker_email=contact_request.email,
        source=Commitment.Source.CONTACT,
        contact_request=contact_request,
        booth=booth,
    )
    return commitment_save(
        commitment=commitment, user=user, reason=_("From a visitor's contact request")
    )


@transaction.atomic
def commitment_confirm(*, commitment: Commitment, done: bool, user, note: str = "") -> Commitment:
    """The neighborhood manager's answer to "was it done?". Not done puts it back in progress."""
    if commitment.status != Status.DONE:
        raise ValidationError(
            _("Only a commitment marked as done can be confirmed."), code="not_done"
        )
    commitment.confirmation = Confirmation.CONFIRMED if done else Confirmation.DISPUTED
    commitment.confirmation_note = note.strip()
    commitment.confirmed_by = user if getattr(user, "pk", None) else None
    commitment.confirmed_at = timezone.now()
    reason = _("Confirmed as done") if done else _("Reported as not done")
    if not done:
        commitment.status = Status.IN_PROGRESS
        commitment.done_on = None
        commitment.progress_percent = min(commitment.progress_percent, 90)
    _save(commitment, user=user, reason=reason)
    if not done:
        notices.status_changed(commitment=commitment)
    return commitment


@transaction.atomic
def milestone_add(
    *,
    commitment: Commitment,
    date: datetime.date,
    title: str,
    progress_percent: int | None = None,
    user=None,
) -> Milestone:
    """A dated step; its progress, if given, becomes the commitment's."""
    milestone = _save(
        Milestone(commitment=commitment, date=date, title=title, progress_percent=progress_percent),
        user=user,
    )
    milestone_applied(milestone=milestone, user=user)
    return milestone


def milestone_applied(*, milestone: Milestone, user=None) -> None:
    """A milestone's progress moves its commitment (and starts one that was only agreed)."""
    commitment = milestone.commitment
    if milestone.progress_percent is None or commitment.status in (Status.DONE, Status.DROPPED):
        return
    commitment.progress_percent = milestone.progress_percent
    if commitment.status == Status.AGREED and milestone.progress_percent > 0:
        commitment.status = Status.IN_PROGRESS
    commitment_save(commitment=commitment, user=user, reason=milestone.title)


def commitment_reminders_send(*, today: datetime.date | None = None, soon_days: int = 7) -> int:
    """Remind those who follow each open commitment that is overdue or due within `soon_days`,
    at most once a day per commitment; the number of commitments reminded."""
    today = today or timezone.localdate()
    due = (
        Commitment.objects.open()
        .filter(due_date__lte=today + datetime.timedelta(days=soon_days))
        .exclude(last_reminded_on=today)
        .select_related("neighborhood", "agency")
    )
    count = 0
    for commitment in due:
        notices.reminder(commitment=commitment, today=today)
        Commitment.objects.filter(pk=commitment.pk).update(last_reminded_on=today)
        count += 1
    return count
