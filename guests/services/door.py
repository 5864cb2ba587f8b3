"""Door check-in: every scan answers at once, is recorded once, and checks a guest in once.

- One check-in per guest and day: a UniqueConstraint (`one_check_in_per_guest_and_day`); two
  doors scanning one card at the same moment both try, the database keeps one, the other door
  hears "already checked in at 17:42".
- One record per scan: each scan carries a nonce made by the device (`Scan.nonce` is unique).
  The same scan sent again (a retry, an offline queue replayed twice) gets the answer it got
  the first time and writes nothing.
- Forged codes: the signature (guests/codes.py) is checked before anything is looked up.
- Offline scans are synced with their own time; one that finds the guest already checked in
  by another scan is a double entry: recorded, and flagged for the organizers.
"""

import dataclasses
import datetime
import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exhibition.models import Exhibition
from guests import codes
from guests.models import CheckIn, Guest, Invitation, Scan
from guests.selectors import door_invitations
from moqdad import jalali
from moqdad.persian import display_digits

Outcome = Scan.Outcome
# A token inside a scanned address (…/invitation/<token>/) or on its own.
_TOKEN_IN_TEXT = re.compile(r"([0-9a-zA-Z]{32})(?:/|$|\?|#)")
CLOCK_SKEW = datetime.timedelta(minutes=5)
OFFLINE_MAX_AGE = datetime.timedelta(days=2)


@dataclasses.dataclass
class DoorAnswer:
    outcome: str
    message: str
    nonce: str
    name: str = ""
    title: str = ""
    organization: str = ""
    checked_in_at: str = ""
    invitation_id: int | None = None
    members: list = dataclasses.field(default_factory=list)
    needs_attention: bool = False
    replayed: bool = False

    def as_json(self) -> dict:
        return dataclasses.asdict(self)


def find_invitation(text: str) -> tuple[Invitation | None, bool]:
    """The invitation a scanned or typed code names, and whether the code is genuine."""
    text = (text or "").strip()
    found = _TOKEN_IN_TEXT.search(text)
    code = codes.canonical(found.group(1) if found else text)
    if len(code) == codes.TOKEN_RANDOM + codes.TOKEN_SIGNATURE:
        if not codes.token_is_genuine(code):
            return None, False
        lookup = {"token": code.lower()}
    else:
        if not codes.short_code_is_genuine(code):
            return None, False
        lookup = {"short_code": code}
    return door_invitations().filter(**lookup).first(), True


def _scan_moment(scanned_at: datetime.datetime | None, offline: bool) -> datetime.datetime:
    now = timezone.now()
    if not offline or scanned_at is None:
        return now
    if scanned_at > now + CLOCK_SKEW or scanned_at < now - OFFLINE_MAX_AGE:
        return now
    return scanned_at


def _days_text(days) -> str:
    return "، ".join(jalali.format_date(day, weekday=True) for day in days)


def _members(invitation: Invitation, day: datetime.date) -> list[dict]:
    members = invitation.members.select_related("guest").order_by("guest__name")
    checked = dict(
        CheckIn.objects.filter(invitation__head=invitation, day=day).values_list("guest_id", "at")
    )
    return [
        {
            "invitation_id": member.pk,
            "name": member.guest.name,
            "title": member.guest.title,
            "status": member.status,
            "checked_in_at": jalali.format_time(timezone.localtime(checked[member.guest_id]).time())
            if member.guest_id in checked
            else "",
        }
        for member in members
    ]


def _refusal(invitation: Invitation, day: datetime.date) -> tuple[str, str] | None:
    status = invitation.status
    if status == Invitation.Status.REVOKED:
        return Outcome.REVOKED, _("This invitation has been revoked.")
    if status == Invitation.Status.DECLINED:
        return Outcome.DECLINED, _("This guest declined the invitation.")
    if status == Invitation.Status.SUBSTITUTED:
        substitute = getattr(invitation, "substitute", None)
        name = substitute.guest.name if substitute else ""
        return Outcome.SUBSTITUTED, _("%(name)s comes instead of this guest.") % {"name": name}
    if day not in invitation.expected_days():
        return Outcome.OTHER_DAY, _("Invited for another day: %(days)s.") % {
            "days": _days_text(invitation.expected_days())
        }
    return None


def _answer_from_scan(scan: Scan, *, replayed: bool) -> DoorAnswer:
    """The answer a recorded scan gave, rebuilt (for a replayed nonce)."""
    guest = scan.guest
    check_in = (
        CheckIn.objects.filter(guest=guest, day=timezone.localdate(scan.scanned_at)).first()
        if guest
        else None
    )
    return DoorAnswer(
        outcome=scan.outcome,
        message=str(Scan.Outcome(scan.outcome).label),
        nonce=scan.nonce,
        name=guest.name if guest else "",
        title=guest.title if guest else "",
        organization=guest.organization if guest else "",
        checked_in_at=_time(check_in.at) if check_in else "",
        invitation_id=scan.invitation_id,
        needs_attention=scan.needs_attention,
        replayed=replayed,
    )


def _time(moment: datetime.datetime) -> str:
    return jalali.format_time(timezone.localtime(moment).time())


def door_scan(
    *,
    exhibition: Exhibition,
    code: str = "",
    invitation: Invitation | None = None,
    nonce: str,
    method: str,
    door: str = "",
    device: str = "",
    user=None,
    scanned_at: datetime.datetime | None = None,
    offline: bool = False,
) -> DoorAnswer:
    """Check the guest of `code` (or of `invitation`, picked from a list) in, and record it.

    A nonce seen before is found by its unique index when the scan is stored: the whole scan
    (check-in included) is rolled back and the answer recorded the first time is given again.
    No lookup before, so a first scan (nearly all of them) costs no query for it.
    """
    try:
        with transaction.atomic():
            return _door_scan(
                exhibition=exhibition,
                code=code,
                invitation=invitation,
                nonce=nonce,
                method=method,
                door=door[:40],
                device=device[:60],
                user=user,
                moment=_scan_moment(scanned_at, offline),
                offline=offline,
            )
    except IntegrityError:
        # The same nonce was recorded before, or by a request that ran at the same moment.
        stored = Scan.objects.select_related("guest").filter(nonce=nonce).first()
        if stored is None:
            raise
        return _answer_from_scan(stored, replayed=True)


def _door_scan(*, exhibition, code, invitation, nonce, method, door, device, user, moment, offline):
    day = timezone.localdate(moment)
    scan = Scan(
        exhibition=exhibition,
        nonce=nonce,
        code=codes.canonical(code)[:64],
        method=method,
        door=door,
        device=device,
        scanned_at=moment,
        was_offline=offline,
        by=user if getattr(user, "pk", None) else None,
    )
    answer = DoorAnswer(outcome="", message="", nonce=nonce)
    genuine = True
    if invitation is None:
        invitation, genuine = find_invitation(code)
    if not genuine:
        scan.outcome, answer.message = (
            Outcome.FORGED,
            _("This card is forged: its code is not ours."),
        )
    elif invitation is None or invitation.exhibition_id != exhibition.pk:
        scan.outcome, answer.message = Outcome.UNKNOWN, _("No invitation has this code.")
    else:
        scan.invitation, scan.guest = invitation, invitation.guest
        answer.name, answer.title = invitation.guest.name, invitation.guest.title
        answer.organization = invitation.guest.organization
        answer.invitation_id = invitation.pk
        refusal = _refusal(invitation, day)
        if refusal:
            scan.outcome, answer.message = refusal
        else:
            _check_in(scan, answer, invitation, day, moment, offline)
            if _heads_delegation(invitation):
                answer.members = _members(invitation, day)
    answer.outcome = scan.outcome
    scan.save()
    return answer


def _heads_delegation(invitation: Invitation) -> bool:
    has_members = getattr(invitation, "has_members", None)
    return invitation.members.exists() if has_members is None else has_members


def _check_in(scan, answer, invitation, day, moment, offline):
    try:
        with transaction.atomic():
            check_in = CheckIn.objects.create(
                exhibition_id=invitation.exhibition_id,
                invitation=invitation,
                guest=invitation.guest,
                day=day,
                at=moment,
                door=scan.door,
                device=scan.device,
                slot_id=invitation.slot_id,
                by=scan.by,
                is_walk_in=scan.method == Scan.Method.WALK_IN,
            )
    except IntegrityError:
        existing = CheckIn.objects.get(guest=invitation.guest, day=day)
        scan.outcome = Outcome.ALREADY
        answer.checked_in_at = _time(existing.at)
        answer.message = _("Already checked in at %(time)s (%(door)s).") % {
            "time": answer.checked_in_at,
            "door": existing.door or "-",
        }
        # A door that was offline admitted someone another scan had already admitted.
        scan.needs_attention = answer.needs_attention = offline
        return
    scan.outcome = Outcome.WELCOME
    answer.checked_in_at = _time(check_in.at)
    title = f" · {invitation.guest.title}" if invitation.guest.title else ""
    answer.message = _("Welcome, %(name)s%(title)s!") % {
        "name": invitation.guest.name,
        "title": title,
    }
    if invitation.party_size > 1:
        answer.message += " " + _("Party of %(count)s.") % {
            "count": display_digits(invitation.party_size)
        }


@transaction.atomic
def check_in_undo(*, check_in: CheckIn, user, nonce: str) -> Scan:
    """A supervisor takes a check-in back (a mistaken scan); the ledger keeps both."""
    scan = Scan.objects.create(
        exhibition_id=check_in.exhibition_id,
        nonce=nonce,
        code=check_in.invitation.short_code,
        method=Scan.Method.SUPERVISOR,
        outcome=Outcome.UNDONE,
        invitation=check_in.invitation,
        guest=check_in.guest,
        door=check_in.door,
        scanned_at=timezone.now(),
        by=user,
    )
    check_in.delete()
    return scan


@transaction.atomic
def walk_in_register(
    *,
    exhibition: Exhibition,
    name: str,
    title: str = "",
    organization: str = "",
    category: str = Guest.Category.OTHER,
    nonce: str,
    door: str = "",
    device: str = "",
    user=None,
) -> DoorAnswer:
    """Someone not on the list is let in: a guest, an invitation for today, and the check-in."""
    from guests.services.invitations import guest_save, invitation_save

    stored = Scan.objects.select_related("guest").filter(nonce=nonce).first()
    if stored is not None:
        return _answer_from_scan(stored, replayed=True)
    today = timezone.localdate()
    guest = guest_save(
        guest=Guest(
            name=name,
            title=title,
            organization=organization,
            category=category,
            notes=_("Walk-in registered at the door."),
        ),
        user=user,
    )
    invitation = invitation_save(
        invitation=Invitation(
            exhibition=exhibition,
            guest=guest,
            first_day=today,
            last_day=today,
            chosen_day=today,
            status=Invitation.Status.ACCEPTED,
            answered_at=timezone.now(),
            answered_via=Invitation.AnsweredVia.STAFF,
            answered_by=user if getattr(user, "pk", None) else None,
        ),
        user=user,
    )
    return door_scan(
        exhibition=exhibition,
        invitation=invitation,
        code=invitation.short_code,
        nonce=nonce,
        method=Scan.Method.WALK_IN,
        door=door,
        device=device,
        user=user,
    )
