"""Every admin changelist runs the same number of queries for 1 row as for 50 (a full page)."""

import datetime
import itertools

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group, User
from django.urls import reverse

from exhibition.models import Exhibition, Section
from exhibition.tests.factories import (
    BoothFactory,
    BoothHolderFactory,
    ContactRequestFactory,
    ScheduleItemFactory,
    StrataBaseFactory,
    edition_1401,
)
from followup.tests.factories import (
    AttendanceCountFactory,
    CommitmentFactory,
    MilestoneFactory,
)
from guests.tests import factories as guest_factories
from martyrs.tests.factories import (
    CorrectionSuggestionFactory,
    MartyrFactory,
    VeteranTallyFactory,
)
from moqdad.models import Delivery
from neighborhoods.models import ProgrammePhase, StaffProfile
from neighborhoods.tests.factories import (
    ActionPlanFactory,
    AgencyFactory,
    CouncilFactory,
    CouncilMemberFactory,
    IdentityElementFactory,
    InitiativeFactory,
    NeighborhoodFactory,
    ProblemFactory,
    ProfileIndicatorFactory,
    VulnerabilityFlagFactory,
)

serial = itertools.count(1)


@pytest.fixture
def superuser(db):
    """A superuser without a password: hashing one costs a second per test, and force_login
    needs none."""
    return User.objects.create_superuser("admin", "admin@example.com", None)


def user():
    return User.objects.create_user(f"user{next(serial)}", first_name="کاربر", last_name="آزمایشی")


def exhibition():
    n = next(serial)
    return Exhibition.objects.create(
        slug=f"edition-{n}",
        title="مقداد",
        full_title="محلات قم در امتداد دادگری",
        jalali_year=1500 + n,
        start_date=datetime.date(2030, 1, 1),
        end_date=datetime.date(2030, 1, 5),
        daily_opens_at=datetime.time(15, 30),
        daily_closes_at=datetime.time(20, 30),
        venue="قم",
    )


def section():
    return Section.objects.create(exhibition=edition_1401(), number=10 + next(serial), title="بخش")


def phase():
    n = next(serial)
    return ProgrammePhase.objects.create(
        number=10 + n, title=f"مرحله {n}", neighborhood_count=n, start_year=1400
    )


def staff_profile():
    return StaffProfile.objects.create(user=user(), agency=AgencyFactory())


def vulnerability_flag():
    return VulnerabilityFlagFactory(year=1300 + next(serial))


def access(model):
    def make():
        fields = {
            "user_agent": "Firefox",
            "ip_address": "127.0.0.1",
            "username": f"someone{next(serial)}",
        }
        fields.update(http_accept="*/*", path_info="/admin/login/")
        if model is AccessAttempt:
            fields.update(get_data="", post_data="", failures_since_start=1)
        return model.objects.create(**fields)

    return make


def delivery():
    return Delivery.objects.create(channel="sms", recipient="09120000000", body="x")


def attendance_count():
    # One slot a minute from 10:00: each row is a slot of its own.
    n = next(serial)
    return AttendanceCountFactory(
        starts_at=datetime.time(10 + n // 60 % 8, n % 60), ends_at=datetime.time(19, 0)
    )


# (model, how to make one row, queries for the changelist whatever the row count)
CHANGELISTS = [
    ("auth.user", user, 8),
    ("auth.group", lambda: Group.objects.create(name=f"group {next(serial)}"), 7),
    # The login records: no Gregorian date hierarchy in the Persian admin.
    (
        "axes.accessattempt",
        access(AccessAttempt),
        8,
    ),  # no Gregorian date hierarchy (two queries fewer)
    ("axes.accesslog", access(AccessLog), 8),  # no Gregorian date hierarchy (two queries fewer)
    (
        "axes.accessfailurelog",
        access(AccessFailureLog),
        8,
    ),  # no Gregorian date hierarchy (two queries fewer)
    ("moqdad.delivery", delivery, 8),
    ("neighborhoods.agency", AgencyFactory, 7),
    ("neighborhoods.programmephase", phase, 8),
    ("neighborhoods.neighborhood", NeighborhoodFactory, 9),
    ("neighborhoods.council", CouncilFactory, 8),
    ("neighborhoods.councilmember", CouncilMemberFactory, 7),
    ("neighborhoods.problem", ProblemFactory, 7),
    ("neighborhoods.actionplan", ActionPlanFactory, 7),
    ("neighborhoods.initiative", InitiativeFactory, 7),
    ("neighborhoods.identityelement", IdentityElementFactory, 7),
    ("neighborhoods.profileindicator", ProfileIndicatorFactory, 8),
    ("neighborhoods.vulnerabilityflag", vulnerability_flag, 9),
    ("neighborhoods.staffprofile", staff_profile, 8),
    ("martyrs.martyr", MartyrFactory, 7),
    ("martyrs.veterantally", VeteranTallyFactory, 7),
    ("martyrs.correctionsuggestion", CorrectionSuggestionFactory, 7),
    ("exhibition.exhibition", exhibition, 7),
    ("exhibition.section", section, 8),
    ("exhibition.stratabase", StrataBaseFactory, 7),
    ("exhibition.booth", BoothFactory, 10),
    ("exhibition.boothholder", BoothHolderFactory, 8),
    ("exhibition.scheduleitem", ScheduleItemFactory, 10),
    ("exhibition.contactrequest", ContactRequestFactory, 8),
    # guests (#15)
    ("guests.guest", guest_factories.GuestFactory, 8),
    ("guests.invitation", guest_factories.InvitationFactory, 10),
    ("guests.visitslot", guest_factories.VisitSlotFactory, 9),
    ("guests.officialvisit", guest_factories.official_visit, 9),
    ("guests.visitstop", guest_factories.visit_stop, 8),
    ("guests.checkin", guest_factories.check_in, 10),
    ("guests.scan", guest_factories.scan, 8),
    # followup (#16)
    ("followup.commitment", CommitmentFactory, 8),
    ("followup.milestone", MilestoneFactory, 7),
    ("followup.attendancecount", attendance_count, 8),
]


def test_every_admin_changelist_has_a_query_count():
    from django.contrib import admin

    registered = {model._meta.label_lower for model in admin.site._registry}

    assert registered == {label for label, _make, _queries in CHANGELISTS}


@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize(
    ("label", "make", "queries"), CHANGELISTS, ids=[label for label, *_ in CHANGELISTS]
)
def test_admin_changelist_queries_do_not_grow_with_rows(
    admin_client_fa, edition, django_assert_num_queries, label, make, queries, rows
):
    for _ in range(rows):
        make()
    url = reverse("admin:{}_{}_changelist".format(*label.split(".")))

    with django_assert_num_queries(queries):
        response = admin_client_fa.get(url)

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) >= rows
