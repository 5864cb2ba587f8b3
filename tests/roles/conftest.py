"""Two owners, A and B, each with a full set of records, and one account per role acting for A."""

from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.utils import timezone

from exhibition.tests.factories import (
    BoothFactory,
    BoothHolderFactory,
    ContactRequestFactory,
    ScheduleItemFactory,
    StrataBaseFactory,
)
from followup.tests.factories import (
    AttendanceCountFactory,
    CommitmentFactory,
    MilestoneFactory,
)
from guests.models import CheckIn, OfficialVisit, Scan, VisitStop
from guests.tests.factories import GuestFactory, InvitationFactory, VisitSlotFactory
from martyrs.tests.factories import CorrectionSuggestionFactory, MartyrFactory, VeteranTallyFactory
from moqdad.models import Delivery
from moqdad.publishing import PublicationStatus
from moqdad.role_groups import sync_role_groups
from moqdad.roles import GROUP_NAMES, Role
from neighborhoods.models import Agency, ProfileIndicator, ProgrammePhase, StaffProfile
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

DRAFT = PublicationStatus.DRAFT
PASSWORD = "Rnd-pass-4512"


def make_account(django_user_model, username, role=None):
    user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True)
    if role is not None:
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    return user


def _owner_records(suffix, edition):
    agency = AgencyFactory(kind=Agency.Kind.SELECTING_BODY)
    neighborhood = NeighborhoodFactory(status=DRAFT)
    council = CouncilFactory(neighborhood=neighborhood, status=DRAFT)
    problem = ProblemFactory(neighborhood=neighborhood, status=DRAFT)
    booth = BoothFactory(neighborhood=neighborhood, agency=agency, status=DRAFT)
    martyr = MartyrFactory(neighborhood=neighborhood, status=DRAFT)
    holder = BoothHolderFactory(booth=booth)
    records = {
        "neighborhoods.agency": agency,
        "neighborhoods.neighborhood": neighborhood,
        "neighborhoods.council": council,
        "neighborhoods.councilmember": CouncilMemberFactory(council=council),
        "neighborhoods.problem": problem,
        "neighborhoods.actionplan": ActionPlanFactory(problem=problem),
        "neighborhoods.initiative": InitiativeFactory(neighborhood=neighborhood, status=DRAFT),
        "neighborhoods.identityelement": IdentityElementFactory(
            neighborhood=neighborhood, status=DRAFT
        ),
        "neighborhoods.profileindicator": ProfileIndicatorFactory(neighborhood=neighborhood),
        "neighborhoods.vulnerabilityflag": VulnerabilityFlagFactory(
            neighborhood=neighborhood, agency=agency
        ),
        "martyrs.martyr": martyr,
        "martyrs.veterantally": VeteranTallyFactory(neighborhood=neighborhood),
        "martyrs.correctionsuggestion": CorrectionSuggestionFactory(martyr=martyr),
        "exhibition.booth": booth,
        "exhibition.boothholder": holder,
        "exhibition.scheduleitem": ScheduleItemFactory(
            agency=agency, status=DRAFT, hall=f"سالن {suffix}"
        ),
        "exhibition.contactrequest": ContactRequestFactory(booth=booth),
        "exhibition.stratabase": StrataBaseFactory(status=DRAFT),
    }
    records.update(_guests_records(suffix, edition, agency, booth))
    # followup (#16): a commitment to A's neighborhood, from A's booth, by A's agency.
    commitment = CommitmentFactory(
        neighborhood=neighborhood, problem=problem, booth=booth, agency=agency, exhibition=edition
    )
    records["followup.commitment"] = commitment
    records["followup.milestone"] = MilestoneFactory(commitment=commitment)
    records["social_harm"] = ProfileIndicatorFactory(
        neighborhood=neighborhood, kind=ProfileIndicator.Kind.SOCIAL_HARM, title="اعتیاد", value=7
    )
    return records


# guests (#15): a guest of the owner's agency, its invitation, an official visit whose route
# stops at the owner's booth, a check-in and its scan.
def _guests_records(suffix, edition, agency, booth):
    guest = GuestFactory(agency=agency, name=f"مهمان {suffix}")
    invitation = InvitationFactory(exhibition=edition, guest=guest)
    visit = OfficialVisit.objects.create(
        exhibition=edition,
        invitation=invitation,
        title=f"بازدید {suffix}",
        day=edition.start_date,
        arrives_at="18:30",
    )
    check_in = CheckIn.objects.create(
        exhibition=edition,
        invitation=invitation,
        guest=guest,
        day=edition.start_date,
        at=timezone.now(),
        door="در اصلی",
    )
    return {
        "guests.guest": guest,
        "guests.invitation": invitation,
        "guests.officialvisit": visit,
        "guests.visitstop": VisitStop.objects.create(visit=visit, booth=booth, at="18:40"),
        "guests.checkin": check_in,
        "guests.scan": Scan.objects.create(
            exhibition=edition,
            nonce=f"world-scan-{suffix}-{guest.pk}",
            method=Scan.Method.CAMERA,
            outcome=Scan.Outcome.WELCOME,
            invitation=invitation,
            guest=guest,
            scanned_at=check_in.at,
        ),
    }


@pytest.fixture
def world(db, edition, django_user_model):
    if not Group.objects.filter(name__in=GROUP_NAMES.values()).exists():
        # A transactional test flushed the groups the migration made.
        sync_role_groups(apps)
    a = _owner_records("A", edition)
    b = _owner_records("B", edition)
    accounts = {
        Role.ORGANIZER: make_account(django_user_model, "organizer", Role.ORGANIZER),
        Role.AGENCY_STAFF: make_account(django_user_model, "staff_a", Role.AGENCY_STAFF),
        Role.NEIGHBORHOOD_MANAGER: make_account(
            django_user_model, "manager_a", Role.NEIGHBORHOOD_MANAGER
        ),
        Role.BOOTH_HOLDER: make_account(django_user_model, "holder_a", Role.BOOTH_HOLDER),
        Role.REVIEWER: make_account(django_user_model, "reviewer", Role.REVIEWER),
        Role.AUDITOR: make_account(django_user_model, "auditor", Role.AUDITOR),
        # guests (#15)
        Role.DOOR_STAFF: make_account(django_user_model, "door", Role.DOOR_STAFF),
    }
    StaffProfile.objects.create(user=accounts[Role.AGENCY_STAFF], agency=a["neighborhoods.agency"])
    a["neighborhoods.neighborhood"].managers.add(accounts[Role.NEIGHBORHOOD_MANAGER])
    holder = a["exhibition.boothholder"]
    holder.user = accounts[Role.BOOTH_HOLDER]
    holder.save()
    other_staff = make_account(django_user_model, "staff_b", Role.AGENCY_STAFF)
    staff_b = StaffProfile.objects.create(user=other_staff, agency=b["neighborhoods.agency"])
    a["neighborhoods.staffprofile"] = accounts[Role.AGENCY_STAFF].staff_profile
    b["neighborhoods.staffprofile"] = staff_b
    shared = {
        "exhibition.exhibition": edition,
        "exhibition.section": edition.sections.first(),
        "auth.group": Group.objects.get(name=GROUP_NAMES[Role.AUDITOR]),
        "axes.accessattempt": AccessAttempt.objects.create(
            username="someone",
            ip_address="10.0.0.1",
            user_agent="x",
            path_info="/admin/login/",
            failures_since_start=1,
            get_data="",
            post_data="",
            http_accept="*/*",
        ),
        "moqdad.delivery": Delivery.objects.create(
            channel=Delivery.Channel.SMS, recipient="09120000000", body="دعوت", kind="test"
        ),
        "axes.accesslog": AccessLog.objects.create(
            username="someone",
            ip_address="10.0.0.1",
            user_agent="x",
            path_info="/admin/login/",
            http_accept="*/*",
        ),
        "axes.accessfailurelog": AccessFailureLog.objects.create(
            username="someone",
            ip_address="10.0.0.1",
            user_agent="x",
            path_info="/admin/login/",
            http_accept="*/*",
            locked_out=False,
        ),
    }
    shared["neighborhoods.programmephase"] = ProgrammePhase.objects.first()
    # guests (#15)
    shared["guests.visitslot"] = VisitSlotFactory(exhibition=edition)
    # followup (#16): attendance counts belong to the edition, not to an owner.
    shared["followup.attendancecount"] = AttendanceCountFactory(exhibition=edition)
    a["auth.user"] = other_staff
    b["auth.user"] = other_staff
    return SimpleNamespace(a=a, b=b, shared=shared, accounts=accounts)


@pytest.fixture
def rf_user():
    factory = RequestFactory()

    def build(user, path="/admin/"):
        request = factory.get(path)
        request.user = user
        return request

    return build
