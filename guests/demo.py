"""The guests' part of the demo data (exhibition.demo.loader.register_demo_part): a guest list
with every name marked «نمایشی», invitations in every state (a delegation with its members,
a substitute, a revoked one), official-visit slots, two official visits with their booth
routes, and a few check-ins and scans on the first day, a failed one among them."""

import datetime
import uuid

from django.db.models import Q

from exhibition.demo import vocabulary as words
from exhibition.demo.common import TEHRAN, DemoSet
from guests.models import CheckIn, Guest, Invitation, OfficialVisit, Scan, VisitSlot, VisitStop
from moqdad.persian import to_persian_digits

DEMO_MARK = "نمایشی"
GUESTS = 36
DEMO_DEVICE = "phone-demo"
CATEGORIES = list(Guest.Category)


def _name(demo: DemoSet, rng) -> str:
    return f"{demo.full_name(rng, female=rng.random() < 0.25)} ({DEMO_MARK})"


def add_guests(demo: DemoSet) -> None:
    rng = demo.rng("guests")
    edition = demo.edition
    agencies = demo.organizers + demo.selecting_bodies
    guests = []
    for index in range(GUESTS):
        guest = Guest(
            name=_name(demo, rng),
            title=rng.choice(words.POSITIONS),
            organization=rng.choice(words.ORGANIZATIONS),
            category=CATEGORIES[index % len(CATEGORIES)],
            phone=f"{rng.choice(words.MOBILE_PREFIXES)}{rng.randrange(10**7):07d}",
            email=f"guest{index + 1}@example.com" if index % 3 == 0 else "",
            agency=rng.choice(agencies) if agencies and index % 2 else None,
            notes=words.DEMO_LABEL,
            is_synthetic=True,
        )
        guest.save()
        guests.append(guest)
    demo.count("guests", guests)

    days = edition.days
    slots = []
    for day in days[1:3]:
        for start, end in ((16, 17), (18, 19)):
            slot = VisitSlot(
                exhibition=edition,
                day=day,
                starts_at=datetime.time(start, 0),
                ends_at=datetime.time(end, 0),
                capacity=12,
                title=f"بازدید رسمی ({DEMO_MARK})",
                is_synthetic=True,
            )
            slot.save()
            slots.append(slot)
    demo.count("official-visit slots", slots)

    statuses = [
        Invitation.Status.ACCEPTED,
        Invitation.Status.ACCEPTED,
        Invitation.Status.PENDING,
        Invitation.Status.DECLINED,
        Invitation.Status.ACCEPTED,
        Invitation.Status.PENDING,
    ]
    deadline = datetime.datetime.combine(
        days[0] - datetime.timedelta(days=2), datetime.time(20), tzinfo=TEHRAN
    )
    invitations = []
    head_guest, *members = guests[:5]
    head = _invite(edition, head_guest, deadline, max_party_size=5)
    _accept(head, days[0], party_size=5)
    invitations.append(head)
    for member in members:
        invitation = _invite(edition, member, deadline, head=head)
        _accept(invitation, days[0])
        invitations.append(invitation)
    for index, guest in enumerate(guests[5:-2]):
        invitation = _invite(edition, guest, deadline)
        status = statuses[index % len(statuses)]
        if status == Invitation.Status.ACCEPTED:
            slot = slots[index % len(slots)] if slots and index % 4 == 0 else None
            _accept(invitation, slot.day if slot else rng.choice(days), slot=slot)
        elif status == Invitation.Status.DECLINED:
            invitation.status = status
            invitation.answered_via = Invitation.AnsweredVia.PHONE
            invitation.answered_at = deadline - datetime.timedelta(days=3)
            invitation.save()
        invitations.append(invitation)
    revoked = _invite(edition, guests[-2], deadline)
    revoked.status = Invitation.Status.REVOKED
    revoked.save()
    original = _invite(edition, guests[-1], deadline)
    substitute_guest = Guest(
        name=_name(demo, rng),
        title="معاون",
        organization=guests[-1].organization,
        notes=words.DEMO_LABEL,
        is_synthetic=True,
    )
    substitute_guest.save()
    substitute = _invite(edition, substitute_guest, deadline)
    substitute.substitute_for = original
    _accept(substitute, days[-1])
    original.status = Invitation.Status.SUBSTITUTED
    original.save()
    invitations += [revoked, original, substitute]
    demo.count("invitations", invitations)

    _add_visits(demo, head, invitations[6])
    _add_check_ins(demo, invitations[:5])


def _invite(edition, guest, deadline, *, head=None, max_party_size=1) -> Invitation:
    invitation = Invitation(
        exhibition=edition,
        guest=guest,
        first_day=edition.start_date,
        last_day=edition.end_date,
        rsvp_deadline=deadline,
        head=head,
        max_party_size=max_party_size,
        is_synthetic=True,
    )
    invitation.save()
    return invitation


def _accept(invitation, day, *, slot=None, party_size=1) -> None:
    invitation.status = Invitation.Status.ACCEPTED
    invitation.chosen_day = day
    invitation.slot = slot
    invitation.party_size = party_size
    invitation.answered_via = Invitation.AnsweredVia.LINK
    invitation.answered_at = datetime.datetime.combine(
        day - datetime.timedelta(days=5), datetime.time(10), tzinfo=TEHRAN
    )
    invitation.save()


def _add_visits(demo: DemoSet, *invitations) -> None:
    booths = [b for b in getattr(demo, "booths", []) if b.exhibition_id == demo.edition.pk]
    visits = []
    for number, invitation in enumerate(invitations, start=1):
        day = invitation.chosen_day or demo.edition.start_date
        opens, _closes = demo.edition.hours_on(day)
        arrives = datetime.time(max(opens.hour, 16) + number, 0)
        visit = OfficialVisit(
            exhibition=demo.edition,
            invitation=invitation,
            title=f"بازدید رسمی {to_persian_digits(number)} ({DEMO_MARK})",
            day=day,
            arrives_at=arrives,
            host="ستاد برگزاری",
            is_synthetic=True,
        )
        visit.save()
        for stop_number, booth in enumerate(booths[number * 3 : number * 3 + 3]):
            VisitStop.objects.create(
                visit=visit,
                booth=booth,
                at=datetime.time(arrives.hour, stop_number * 15),
            )
        visits.append(visit)
    demo.count("official visits", visits)


def _add_check_ins(demo: DemoSet, invitations) -> None:
    day = demo.edition.start_date
    opens, _closes = demo.edition.hours_on(day)
    scans = []
    for minute, invitation in enumerate(invitations[:3]):
        at = datetime.datetime.combine(day, opens, tzinfo=TEHRAN) + datetime.timedelta(
            minutes=minute * 4
        )
        CheckIn.objects.create(
            exhibition=demo.edition,
            invitation=invitation,
            guest=invitation.guest,
            day=day,
            at=at,
            door="در اصلی",
            device=DEMO_DEVICE,
        )
        scans.append(
            Scan(
                exhibition=demo.edition,
                nonce=uuid.uuid4().hex,
                code=invitation.short_code,
                method=Scan.Method.CAMERA,
                outcome=Scan.Outcome.WELCOME,
                invitation=invitation,
                guest=invitation.guest,
                door="در اصلی",
                device=DEMO_DEVICE,
                scanned_at=at,
            )
        )
    scans.append(
        Scan(
            exhibition=demo.edition,
            nonce=uuid.uuid4().hex,
            code="ABCDEF0000",
            method=Scan.Method.TYPED,
            outcome=Scan.Outcome.FORGED,
            door="در اصلی",
            device=DEMO_DEVICE,
            scanned_at=datetime.datetime.combine(day, opens, tzinfo=TEHRAN),
        )
    )
    Scan.objects.bulk_create(scans)
    demo.count("check-ins", scans[:-1])


def _delete(model, queryset) -> None:
    """Delete the rows and every history row of them (a demo row leaves no trace).

    Not exhibition.demo.common.delete_with_history: it follows cascades, and an invitation's
    delegation members (a foreign key to itself) would send it round forever."""
    keys = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        model._base_manager.filter(pk__in=chunk).delete()
        if hasattr(model, "history"):  # check-ins and the ledger keep no history table
            model.history.model._base_manager.filter(id__in=chunk).delete()


def delete_guests() -> None:
    guests = Guest.objects.filter(is_synthetic=True)
    invitations = Invitation.objects.filter(Q(is_synthetic=True) | Q(guest__in=guests))
    _delete(Scan, Scan.objects.filter(Q(guest__in=guests) | Q(device=DEMO_DEVICE)))
    _delete(CheckIn, CheckIn.objects.filter(invitation__in=invitations))
    stops = VisitStop.objects.filter(visit__is_synthetic=True)
    _delete(VisitStop, stops)
    _delete(OfficialVisit, OfficialVisit.objects.filter(is_synthetic=True))
    invitations.update(head=None, substitute_for=None)
    _delete(Invitation, invitations)
    _delete(Guest, guests)
    _delete(VisitSlot, VisitSlot.objects.filter(is_synthetic=True))
