"""The post-exhibition report: its figures against queries written out here, the partner's
report of its own rows, the PDF and the spreadsheet."""

import datetime
import io

import openpyxl
import pytest

from exhibition.models import ContactRequest
from exhibition.tests.factories import ContactRequestFactory
from exhibition.tests.pdf_text import has_phrase, pdf_pages
from followup.models import AttendanceCount, Commitment
from followup.selectors.report import post_exhibition_report
from followup.tests.factories import AttendanceCountFactory, CommitmentFactory
from moqdad.persian import to_persian_digits
from moqdad.roles import Role

Status, Kind = Commitment.Status, Commitment.Kind
pytestmark = pytest.mark.django_db


@pytest.fixture
def data(edition, world):
    booth_a, booth_b = world.a["exhibition.booth"], world.b["exhibition.booth"]
    agency_a = world.a["neighborhoods.agency"]
    for status, kind, booth in [
        (Status.DONE, Kind.MONEY, booth_a),
        (Status.DONE, Kind.JOBS, booth_b),
        (Status.IN_PROGRESS, Kind.MONEY, booth_b),
        (Status.OFFERED, Kind.SERVICE, booth_b),
        (Status.DROPPED, Kind.MONEY, booth_a),
    ]:
        CommitmentFactory(
            neighborhood=booth.neighborhood,
            booth=booth,
            agency=agency_a if booth == booth_a else None,
            status=status,
            kind=kind,
            drop_reason="دلیل" if status == Status.DROPPED else "",
        )
    ContactRequestFactory.create_batch(3, booth=booth_b)
    ContactRequestFactory(booth=booth_b, status=ContactRequest.Status.SPAM)
    for day, start, visitors in [
        (datetime.date(2022, 10, 31), datetime.time(18, 0), 300),
        (datetime.date(2022, 11, 1), datetime.time(15, 30), 120),
        (datetime.date(2022, 11, 1), datetime.time(17, 10), 180),
    ]:
        AttendanceCountFactory(
            day=day, starts_at=start, ends_at=datetime.time(20, 30), visitors=visitors,
            delegations=2, official_visits=1,
        )  # fmt: skip
    return world


def _delegations():
    """The organizers' counted delegations; on a day they did not count, the delegations
    checked in at the door."""
    from guests.models import CheckIn

    counted = AttendanceCount.objects.values_list("day", flat=True)
    return sum(AttendanceCount.objects.values_list("delegations", flat=True)) + (
        CheckIn.objects.filter(invitation__party_size__gt=1).exclude(day__in=counted).count()
    )


def _independent(commitments, requests):
    made = [c for c in commitments if c.status in ("agreed", "in_progress", "done")]
    return {
        "commitments": len(made),
        "fulfilled": sum(1 for c in made if c.status == "done"),
        "dropped": sum(1 for c in commitments if c.status == "dropped"),
        "offered": sum(1 for c in commitments if c.status == "offered"),
        "contact_requests": sum(1 for r in requests if r.status != "spam"),
        "visitors": sum(a.visitors for a in AttendanceCount.objects.all()),
        "delegations": _delegations(),
        "money": (
            sum(1 for c in made if c.kind == "money"),
            sum(1 for c in made if c.kind == "money" and c.status == "done"),
        ),
    }


def _figures(report):
    return {
        "commitments": report.commitments,
        "fulfilled": report.fulfilled,
        "dropped": report.dropped,
        "offered": report.offered,
        "contact_requests": report.contact_requests,
        "visitors": report.visitors,
        "delegations": report.delegations,
        "money": next(line.figures for line in report.by_kind if line.label == "پول"),
    }


def test_report_figures_match_independent_queries(data, edition):
    organizer = data.accounts[Role.ORGANIZER]

    report = post_exhibition_report(exhibition=edition, user=organizer)

    expected = _independent(list(Commitment.objects.all()), list(ContactRequest.objects.all()))
    assert _figures(report) == expected
    assert expected["commitments"] == 5  # the world's two, and three made above
    assert [day.visitors for day in report.attendance] == [
        sum(AttendanceCount.objects.filter(day=day).values_list("visitors", flat=True))
        for day in edition.days
    ]
    assert report.partial is False


def test_partner_report_holds_its_own_rows_only(data, edition):
    staff = data.accounts[Role.AGENCY_STAFF]
    agency = data.a["neighborhoods.agency"]

    report = post_exhibition_report(exhibition=edition, user=staff)

    own = list(Commitment.objects.filter(agency=agency))
    own_requests = list(ContactRequest.objects.filter(booth__agency=agency))
    expected = _independent(own, own_requests)
    expected["money"] = next(line.figures for line in report.by_kind if line.label == "پول")
    assert _figures(report) == expected
    assert report.partial is True
    assert {line.label for line in report.by_booth} <= {
        f"{b.code} · {b.name}" for b in [data.a["exhibition.booth"]]
    }


def test_report_per_booth_counts_requests_and_commitments(data, edition):
    booth_b = data.b["exhibition.booth"]

    report = post_exhibition_report(exhibition=edition, user=data.accounts[Role.ORGANIZER])

    line = next(line for line in report.by_booth if line.label.startswith(booth_b.code))
    made = Commitment.objects.filter(booth=booth_b, status__in=["agreed", "in_progress", "done"])
    requests = ContactRequest.objects.filter(booth=booth_b).exclude(status="spam")
    assert line.figures == (requests.count(), made.count(), made.filter(status="done").count())


def test_report_pdf_shows_the_figures_and_the_spreadsheet_the_same(data, client):
    client.force_login(data.accounts[Role.ORGANIZER])

    pdf = client.get("/print/followup/report.pdf")
    sheet = client.get("/print/followup/report.xlsx")

    visitors = sum(AttendanceCount.objects.values_list("visitors", flat=True))
    text = "\n".join(pdf_pages(pdf.content))
    assert has_phrase(text, "گزارش پایانی نمایشگاه")
    assert has_phrase(text, to_persian_digits(visitors))
    book = openpyxl.load_workbook(io.BytesIO(sheet.content))
    status = {row[0]: row[1] for row in book["وضعیت"].iter_rows(min_row=2, values_only=True)}
    assert status == {
        str(label): Commitment.objects.filter(status=value).count()
        for value, label in Commitment.Status.choices
    }
    assert sum(row[1] for row in book["حضور"].iter_rows(min_row=2, values_only=True)) == visitors


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ORGANIZER, 200),
        (Role.AGENCY_STAFF, 200),
        (Role.NEIGHBORHOOD_MANAGER, 200),
        (Role.BOOTH_HOLDER, 200),
        (Role.AUDITOR, 200),
        (Role.REVIEWER, 403),
    ],
)
def test_report_is_for_those_who_read_commitments(client, world, role, status):
    client.force_login(world.accounts[role])

    assert client.get("/print/followup/report/").status_code == status
    assert client.get("/print/followup/report.xlsx").status_code == status


def test_report_counts_the_guests_checked_in_by_day_and_slot(data, edition):
    from django.utils import timezone

    from guests.models import CheckIn
    from guests.tests.factories import InvitationFactory

    day = datetime.date(2022, 11, 2)
    for minutes, party in [(10, 1), (20, 3), (200, 1)]:
        invitation = InvitationFactory(exhibition=edition, max_party_size=party, party_size=party)
        at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 30)))
        CheckIn.objects.create(
            exhibition=edition,
            invitation=invitation,
            guest=invitation.guest,
            day=day,
            at=at + datetime.timedelta(minutes=minutes),
        )

    report = post_exhibition_report(exhibition=edition, user=data.accounts[Role.ORGANIZER])

    third = next(d for d in report.attendance if d.day == day)
    assert report.attendance_source == "check-ins"
    assert (third.guests_checked_in, third.delegations) == (
        CheckIn.objects.filter(day=day).count(),
        CheckIn.objects.filter(day=day, invitation__party_size__gt=1).count(),
    )
    # 15:30 to 20:30 in thirds: 15:40 and 15:50 in the first, 18:50 in the third.
    assert [slot.visitors for slot in third.slots] == [2, 0, 1]
    assert third.visitors == 3  # no door count that day: the guests checked in
