"""The post-exhibition report's figures, for one edition and one reader: attendance by day and
slot, delegations and official visits, contact requests and commitments per booth,
neighborhood and kind, fulfilment so far, the most-addressed problems and the programme as it
happened. Contact requests and commitments are the rows `rules.rows_for(user, ..., "print")`
gives the reader, so a partner agency's report holds its own rows only; attendance and the
programme (public) are the edition's.

Attendance: the organizers' door counts (`AttendanceCount`) for everyone who came, the guests
app's door check-ins for the invited guests and their delegations, its official visits."""

import dataclasses
import datetime
from collections import Counter, defaultdict

from django.db.models import Avg, Count
from django.utils import timezone

from exhibition.models import Booth, ContactRequest, Exhibition
from exhibition.selectors import schedule_by_day
from followup.models import AttendanceCount, Commitment
from followup.selectors.commitments import FULFILLED
from guests.models import CheckIn, OfficialVisit
from moqdad import rules

Status = Commitment.Status


@dataclasses.dataclass(frozen=True)
class SlotCount:
    starts_at: datetime.time
    ends_at: datetime.time
    visitors: int


@dataclasses.dataclass(frozen=True)
class DayAttendance:
    day: datetime.date
    # By time slot: the guests checked in where the door recorded them, else the counts.
    slots: list[SlotCount]
    # Everyone who came: the organizers' door counts, else the guests checked in.
    visitors: int
    guests_checked_in: int
    delegations: int
    official_visits: int


@dataclasses.dataclass(frozen=True)
class Line:
    """One row of a table: a label, and the figures the table's columns name."""

    label: str
    figures: tuple


@dataclasses.dataclass
class Report:
    exhibition: Exhibition
    partial: bool
    attendance_source: str
    attendance: list[DayAttendance]
    visitors: int
    guests_checked_in: int
    delegations: int
    official_visits: int
    contact_requests: int
    commitments: int
    fulfilled: int
    dropped: int
    offered: int
    by_status: list[Line]
    by_kind: list[Line]
    by_booth: list[Line]
    by_neighborhood: list[Line]
    top_problems: list[Line]
    programme: list


def attendance(*, exhibition: Exhibition) -> tuple[str, list[DayAttendance]]:
    """("check-ins" or "counts": where the slots come from, each day's attendance).

    A day's visitors and delegations are the organizers' door counts where they entered them,
    else the guests app's check-ins (its invited guests, the delegations among them); the
    official visits are the guests app's where it has any, else the counts."""
    counted = defaultdict(list)
    extra = defaultdict(lambda: [0, 0])
    for row in AttendanceCount.objects.filter(exhibition=exhibition).order_by("day", "starts_at"):
        counted[row.day].append(SlotCount(row.starts_at, row.ends_at, row.visitors))
        extra[row.day][0] += row.delegations
        extra[row.day][1] += row.official_visits
    check_ins = CheckIn.objects.filter(exhibition=exhibition)
    per_day = dict(check_ins.values_list("day").annotate(n=Count("pk")))
    checked = _check_in_slots(check_ins, exhibition) if per_day else {}
    delegations = dict(
        check_ins.filter(invitation__party_size__gt=1).values_list("day").annotate(n=Count("pk"))
    )
    visits = dict(
        OfficialVisit.objects.filter(exhibition=exhibition)
        .values_list("day")
        .annotate(n=Count("pk"))
    )
    source = "check-ins" if per_day else "counts"
    days = []
    for day in exhibition.days:
        counts = counted.get(day, [])
        days.append(
            DayAttendance(
                day=day,
                slots=checked.get(day, []) if per_day else counts,
                visitors=sum(slot.visitors for slot in counts) if counts else per_day.get(day, 0),
                guests_checked_in=per_day.get(day, 0),
                delegations=extra[day][0] if counts else delegations.get(day, 0),
                official_visits=visits.get(day, 0) if visits else extra[day][1],
            )
        )
    return source, days


def _check_in_slots(check_ins, exhibition: Exhibition) -> dict:
    """Check-ins per day in thirds of the day's opening hours (the slots the counts use)."""
    by_day = defaultdict(Counter)
    for day, at in check_ins.values_list("day", "at"):
        by_day[day][timezone.localtime(at).replace(tzinfo=None)] += 1
    slots = {}
    for day, times in by_day.items():
        opens, closes = exhibition.hours_on(day)
        start = datetime.datetime.combine(day, opens)
        step = (datetime.datetime.combine(day, closes) - start) / 3
        counts = [0, 0, 0]
        for at, number in times.items():
            counts[min(max(int((at - start) / step), 0), 2)] += number
        slots[day] = [
            SlotCount((start + step * i).time(), (start + step * (i + 1)).time(), counts[i])
            for i in range(3)
        ]
    return slots


def readable_commitments(user, exhibition: Exhibition):
    return rules.rows_for(user, Commitment.objects.filter(exhibition=exhibition), "print")


def readable_contact_requests(user, exhibition: Exhibition):
    requests = ContactRequest.objects.filter(booth__exhibition=exhibition).exclude(
        status=ContactRequest.Status.SPAM
    )
    return rules.rows_for(user, requests, "print")


def post_exhibition_report(*, exhibition: Exhibition, user) -> Report:
    commitments = readable_commitments(user, exhibition)
    requests = readable_contact_requests(user, exhibition)
    everything = rules.rows_filter(user, Commitment, "print")
    partial = everything is None or bool(everything)
    source, days = attendance(exhibition=exhibition)
    statuses = dict(commitments.values_list("status").annotate(n=Count("pk")))
    made = commitments.made()
    figures = Count("pk"), Count("pk", filter=FULFILLED), Avg("progress_percent")

    def grouped(queryset, *keys):
        return queryset.values(*keys).annotate(made=figures[0], done=figures[1], mean=figures[2])

    kinds = {row["kind"]: row for row in grouped(made, "kind")}
    by_kind = [
        Line(str(label), (kinds[value]["made"], kinds[value]["done"]))
        for value, label in Commitment.Kind.choices
        if value in kinds
    ]
    per_booth_requests = dict(requests.values_list("booth").annotate(n=Count("pk")))
    per_booth_made = {
        row["booth"]: row for row in grouped(made.filter(booth__isnull=False), "booth")
    }
    booths = Booth.objects.filter(pk__in=set(per_booth_requests) | set(per_booth_made))
    booths = booths.order_by("code")
    by_booth = [
        Line(
            f"{booth.code} · {booth.name}",
            (
                per_booth_requests.get(booth.pk, 0),
                per_booth_made.get(booth.pk, {}).get("made", 0),
                per_booth_made.get(booth.pk, {}).get("done", 0),
            ),
        )
        for booth in booths
    ]
    by_neighborhood = [
        Line(row["neighborhood__name"], (row["made"], row["done"], round(row["mean"] or 0)))
        for row in grouped(made, "neighborhood__name").order_by("-made", "neighborhood__name")
    ]
    top_problems = [
        Line(
            f"{row['problem__title']} ({row['problem__neighborhood__name']})",
            (row["made"], row["done"]),
        )
        for row in grouped(
            made.filter(problem__isnull=False), "problem", "problem__title",
            "problem__neighborhood__name",
        ).order_by("-made", "-done", "problem__title")[:10]
    ]  # fmt: skip
    return Report(
        exhibition=exhibition,
        partial=partial,
        attendance_source=source,
        attendance=days,
        visitors=sum(day.visitors for day in days),
        guests_checked_in=sum(day.guests_checked_in for day in days),
        delegations=sum(day.delegations for day in days),
        official_visits=sum(day.official_visits for day in days),
        contact_requests=sum(per_booth_requests.values()),
        commitments=sum(statuses.get(s, 0) for s in Commitment.MADE),
        fulfilled=made.filter(FULFILLED).count(),
        dropped=statuses.get(Status.DROPPED, 0),
        offered=statuses.get(Status.OFFERED, 0),
        by_status=[
            Line(str(label), (statuses.get(value, 0),))
            for value, label in Commitment.Status.choices
        ],
        by_kind=by_kind,
        by_booth=by_booth,
        by_neighborhood=by_neighborhood,
        top_problems=top_problems,
        programme=schedule_by_day(exhibition=exhibition),
    )
