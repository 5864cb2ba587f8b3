"""Writes to the guest list and the invitations: every path (admin, RSVP page, imports,
commands, demo) goes through these, `full_clean()` then `save()`."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from exhibition.models import Exhibition
from guests.models import CheckIn, Guest, Invitation, Scan, VisitSlot


def guest_save(*, guest: Guest, user=None) -> Guest:
    guest.full_clean()
    if user is not None and getattr(user, "pk", None):
        guest._history_user = user
    guest.save()
    return guest


def invitation_save(*, invitation: Invitation, user=None) -> Invitation:
    invitation.full_clean()
    if user is not None and getattr(user, "pk", None):
        invitation._history_user = user
    invitation.save()
    return invitation


def invitation_create(
    *,
    guest: Guest,
    exhibition: Exhibition,
    first_day: datetime.date | None = None,
    last_day: datetime.date | None = None,
    max_party_size: int = 1,
    rsvp_deadline: datetime.datetime | None = None,
    head: Invitation | None = None,
    user=None,
) -> Invitation:
    invitation = Invitation(
        guest=guest,
        exhibition=exhibition,
        first_day=first_day or exhibition.start_date,
        last_day=last_day or exhibition.end_date,
        max_party_size=max_party_size,
        rsvp_deadline=rsvp_deadline,
        head=head,
    )
    return invitation_save(invitation=invitation, user=user)


def slot_places_taken(*, slot: VisitSlot, excluding: Invitation | None = None) -> int:
    accepted = Invitation.objects.filter(slot=slot, status=Invitation.Status.ACCEPTED)
    if excluding is not None and excluding.pk:
        accepted = accepted.exclude(pk=excluding.pk)
    return accepted.aggregate(total=Sum("party_size"))["total"] or 0


def slot_places_left(*, slot: VisitSlot, excluding: Invitation | None = None) -> int:
    return max(slot.capacity - slot_places_taken(slot=slot, excluding=excluding), 0)


class AnswerClosed(ValidationError):
    pass


@transaction.atomic
def invitation_answer(
    *,
    invitation: Invitation,
    accept: bool,
    day: datetime.date | None = None,
    slot: VisitSlot | None = None,
    party_size: int = 1,
    via: str = Invitation.AnsweredVia.LINK,
    user=None,
) -> Invitation:
    """Record the guest's answer (from the link until the deadline; staff at any time).

    The slot's row is locked while its places are counted, so two answers racing for the last
    places cannot both get them (PostgreSQL; SQLite writes one at a time anyway).
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status in (Invitation.Status.REVOKED, Invitation.Status.SUBSTITUTED):
        raise AnswerClosed(_("This invitation can no longer be answered."), code="closed")
    if via == Invitation.AnsweredVia.LINK and not invitation.is_open_for_answers:
        raise AnswerClosed(
            _("The deadline for answering has passed; please call the organizers."),
            code="deadline",
        )
    if accept:
        invitation.status = Invitation.Status.ACCEPTED
        invitation.chosen_day = day or (invitation.first_day if len(invitation.days) == 1 else None)
        if invitation.chosen_day is None:
            raise ValidationError({"chosen_day": _("Choose the day you will come.")})
        invitation.party_size = party_size
        if slot is not None:
            slot = VisitSlot.objects.select_for_update().get(pk=slot.pk)
            if slot.day != invitation.chosen_day:
                raise ValidationError({"slot": _("This slot is on another day.")})
            if slot_places_left(slot=slot, excluding=invitation) < party_size:
                raise ValidationError(
                    {"slot": _("This slot has no room left for your party; choose another.")},
                    code="slot_full",
                )
        invitation.slot = slot
    else:
        invitation.status = Invitation.Status.DECLINED
        invitation.slot = None
        invitation.chosen_day = None
        invitation.party_size = 1
    invitation.answered_at = timezone.now()
    invitation.answered_via = via
    invitation.answered_by = user if via != Invitation.AnsweredVia.LINK else None
    return invitation_save(invitation=invitation, user=user)


@transaction.atomic
def invitation_substitute(
    *,
    invitation: Invitation,
    name: str,
    title: str = "",
    organization: str = "",
    phone: str = "",
    via: str = Invitation.AnsweredVia.LINK,
    user=None,
) -> Invitation:
    """The guest names someone to come instead: a guest and an invitation of their own (with
    their own card and link), under the same agency and days; the original is closed."""
    invitation = (
        Invitation.objects.select_for_update().select_related("guest").get(pk=invitation.pk)
    )
    if invitation.status in (Invitation.Status.REVOKED, Invitation.Status.SUBSTITUTED):
        raise AnswerClosed(_("This invitation can no longer be answered."), code="closed")
    if via == Invitation.AnsweredVia.LINK and not invitation.is_open_for_answers:
        raise AnswerClosed(
            _("The deadline for answering has passed; please call the organizers."),
            code="deadline",
        )
    original = invitation.guest
    substitute_guest = guest_save(
        guest=Guest(
            name=name,
            title=title,
            organization=organization or original.organization,
            phone=phone,
            category=original.category,
            language=original.language,
            agency=original.agency,
            notes=_("Comes instead of %(name)s.") % {"name": original.name},
            is_synthetic=original.is_synthetic,
        ),
        user=user,
    )
    substitute = Invitation(
        exhibition=invitation.exhibition,
        guest=substitute_guest,
        first_day=invitation.first_day,
        last_day=invitation.last_day,
        max_party_size=invitation.max_party_size,
        rsvp_deadline=invitation.rsvp_deadline,
        substitute_for=invitation,
        is_synthetic=invitation.is_synthetic,
    )
    invitation_save(invitation=substitute, user=user)
    invitation.status = Invitation.Status.SUBSTITUTED
    invitation.slot = None
    invitation.answered_at = timezone.now()
    invitation.answered_via = via
    invitation.answered_by = user if via != Invitation.AnsweredVia.LINK else None
    invitation_save(invitation=invitation, user=user)
    return substitute


def invitation_revoke(*, invitation: Invitation, user=None) -> Invitation:
    invitation.status = Invitation.Status.REVOKED
    invitation.slot = None
    return invitation_save(invitation=invitation, user=user)


@transaction.atomic
def guests_merge(*, keep: Guest, duplicates: list[Guest], user=None) -> Guest:
    """Fold `duplicates` into `keep`: their invitations, check-ins and scans move over (an
    invitation to an edition `keep` is already invited to is dropped, with its check-ins
    moved to `keep`'s invitation), blank fields of `keep` are filled from them, and they go."""
    for duplicate in duplicates:
        if duplicate.pk == keep.pk:
            continue
        for field in ("title", "organization", "phone", "email", "notes"):
            if not getattr(keep, field) and getattr(duplicate, field):
                setattr(keep, field, getattr(duplicate, field))
        if keep.agency_id is None and duplicate.agency_id is not None:
            keep.agency_id = duplicate.agency_id
        kept_by_edition = {i.exhibition_id: i for i in keep.invitations.all()}
        for invitation in duplicate.invitations.all():
            target = kept_by_edition.get(invitation.exhibition_id)
            if target is None:
                invitation.guest = keep
                invitation_save(invitation=invitation, user=user)
                kept_by_edition[invitation.exhibition_id] = invitation
                continue
            kept_days = set(target.check_ins.values_list("day", flat=True))
            for check_in in invitation.check_ins.exclude(day__in=kept_days):
                check_in.invitation, check_in.guest = target, keep
                check_in.save()
            Scan.objects.filter(invitation=invitation).update(invitation=target)
            invitation.delete()
        CheckIn.objects.filter(guest=duplicate).exclude(
            day__in=CheckIn.objects.filter(guest=keep).values("day")
        ).update(guest=keep)
        Scan.objects.filter(guest=duplicate).update(guest=keep)
        duplicate.delete()
    return guest_save(guest=keep, user=user)
