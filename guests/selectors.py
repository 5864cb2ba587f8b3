"""Reads of the guests app: each owns its joins. Views that show staff rows pass them through
moqdad.rules first (`rows_for`) and hand the result here."""

import datetime
from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum
from django.utils import timezone

from exhibition.models import Exhibition
from guests import codes
from guests.models import CheckIn, Guest, Invitation, OfficialVisit, Scan, VisitSlot, VisitStop
from moqdad.persian import normalize_for_search

SEARCH_LIMIT = 12


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation of an RSVP link, or None for a wrong, forged, revoked or expired one
    (the page answers all of them alike)."""
    if not codes.token_is_genuine(token):
        return None
    invitation = (
        Invitation.objects.select_related("guest", "exhibition", "slot", "substitute__guest")
        .filter(token=codes.canonical(token).lower())
        .exclude(status=Invitation.Status.REVOKED)
        .first()
    )
    if invitation is None or invitation.is_expired:
        return None
    return invitation


def slots_for(invitation: Invitation) -> list[tuple[VisitSlot, int]]:
    """The official-visit slots on the invitation's days, each with the places left (the
    invitation's own places count as free)."""
    slots = list(
        VisitSlot.objects.filter(exhibition_id=invitation.exhibition_id, day__in=invitation.days)
    )
    taken = dict(
        Invitation.objects.filter(slot__in=slots, status=Invitation.Status.ACCEPTED)
        .exclude(pk=invitation.pk)
        .values_list("slot")
        .annotate(total=Sum("party_size"))
        .values_list("slot", "total")
    )
    result = [(slot, max(slot.capacity - taken.get(slot.pk, 0), 0)) for slot in slots]
    return result


def guest_duplicates(*, guests) -> list[list[Guest]]:
    """Groups of guests that look like one person: the same phone, or the same name and
    organisation once Persian spelling variants are folded (ي/ی, ك/ک, spaces, ZWNJ, digits)."""
    parent: dict[int, int] = {}

    def find(pk):
        while parent.setdefault(pk, pk) != pk:
            pk = parent[pk]
        return pk

    rows = list(guests.order_by("pk"))
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for guest in rows:
        if guest.phone_key:
            by_key[("phone", guest.phone_key)].append(guest.pk)
        by_key[("name", guest.name_key)].append(guest.pk)
    for pks in by_key.values():
        for pk in pks[1:]:
            parent[find(pk)] = find(pks[0])
    groups: dict[int, list[Guest]] = defaultdict(list)
    for guest in rows:
        groups[find(guest.pk)].append(guest)
    return [group for group in groups.values() if len(group) > 1]


def visits_of_day(*, visits, day: datetime.date) -> list[OfficialVisit]:
    """The day's visits (from rows the user may see), each with its route in `route`."""
    result = list(
        visits.filter(day=day)
        .select_related("invitation__guest")
        .prefetch_related(
            Prefetch(
                "stops",
                queryset=VisitStop.objects.select_related("booth").order_by("at"),
                to_attr="route",
            )
        )
        .order_by("arrives_at")
    )
    return result


def stops_by_visit(*, stops, day: datetime.date | None = None) -> list[OfficialVisit]:
    """Visits as seen from booths: only the stops given (a booth holder's), grouped by visit."""
    stops = stops.select_related("visit__invitation__guest", "booth").order_by("visit__day", "at")
    if day is not None:
        stops = stops.filter(visit__day=day)
    visits: dict[int, OfficialVisit] = {}
    for stop in stops:
        visit = visits.setdefault(stop.visit_id, stop.visit)
        if not hasattr(visit, "route"):
            visit.route = []
        visit.route.append(stop)
    return list(visits.values())


def door_search(*, exhibition: Exhibition, query: str) -> list[Invitation]:
    """Invitations of the edition whose guest's name or organisation matches (any spelling)."""
    key = normalize_for_search(query)
    if len(key) < 2:
        return []
    return list(
        Invitation.objects.filter(exhibition=exhibition, guest__name_key__contains=key)
        .select_related("guest")
        .order_by("guest__name")[:SEARCH_LIMIT]
    )


def door_counts(*, exhibition: Exhibition, day: datetime.date | None = None) -> dict:
    """Live counts of a day: check-ins in all, by door, by slot; expected guests; refusals."""
    day = day or timezone.localdate()
    check_ins = CheckIn.objects.filter(exhibition=exhibition, day=day)
    by_door = dict(
        check_ins.values_list("door")
        .annotate(n=Count("pk"))
        .order_by("door")
        .values_list("door", "n")
    )
    by_slot = list(
        VisitSlot.objects.filter(exhibition=exhibition, day=day)
        .annotate(
            checked_in=Count("check_ins", filter=Q(check_ins__day=day)),
        )
        .order_by("starts_at")
    )
    expected = Invitation.objects.filter(
        exhibition=exhibition, status=Invitation.Status.ACCEPTED, chosen_day=day
    ).count()
    refused = Scan.objects.filter(
        exhibition=exhibition,
        scanned_at__date=day,
        outcome__in=[
            Scan.Outcome.FORGED,
            Scan.Outcome.UNKNOWN,
            Scan.Outcome.REVOKED,
            Scan.Outcome.DECLINED,
            Scan.Outcome.OTHER_DAY,
        ],
    ).count()
    return {
        "day": day,
        "total": check_ins.count(),
        "by_door": by_door,
        "by_slot": by_slot,
        "expected": expected,
        "refused": refused,
        "flagged": Scan.objects.filter(exhibition=exhibition, needs_attention=True).count(),
    }


def rsvp_counts(*, invitations) -> dict:
    """How many invitations (of those given) are in each state, and the people accepted."""
    counts = dict(
        invitations.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    people = sum(
        invitations.filter(status=Invitation.Status.ACCEPTED).values_list("party_size", flat=True)
    )
    return {"by_status": counts, "people_accepted": people}


def public_visits(*, exhibition: Exhibition) -> list[tuple[datetime.date, list[OfficialVisit]]]:
    """The announced visits of the edition by day, each with the public booths of its route."""
    from exhibition.models import Booth

    stops = VisitStop.objects.filter(
        booth__in=Booth.objects.public().filter(exhibition=exhibition)
    ).select_related("booth")
    visits = (
        OfficialVisit.objects.public()
        .filter(exhibition=exhibition)
        .prefetch_related(Prefetch("stops", queryset=stops.order_by("at"), to_attr="route"))
        .order_by("day", "arrives_at")
    )
    days: dict[datetime.date, list[OfficialVisit]] = {}
    for visit in visits:
        days.setdefault(visit.day, []).append(visit)
    return list(days.items())


def door_invitations():
    """Invitations as the door reads them: with their guest, and whether they head a delegation,
    in one query. Only what every scan shows is joined (a substitute is read only for a
    substituted card), and it is ordered by key: the door looks one up by a unique code, and the
    model's ordering (edition, then guest's name) would cost a join; compiling the wide join
    was most of a scan's time."""
    return (
        Invitation.objects.select_related("guest")
        .annotate(has_members=Exists(Invitation.objects.filter(head=OuterRef("pk"))))
        .order_by("pk")
    )
