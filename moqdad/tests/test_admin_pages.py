"""Every registered ModelAdmin: changelist, add and change pages for a superuser, in Persian."""

import datetime
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import models
from django.urls import reverse

from exhibition.models import BoothPhoto, Exhibition, Partnership, Section
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
from guests.tests import factories as guest_factories
from martyrs.tests.factories import (
    CorrectionSuggestionFactory,
    MartyrFactory,
    VeteranTallyFactory,
)
from neighborhoods.models import Agency, ProgrammePhase, StaffProfile
from neighborhoods.tests.factories import (
    ActionPlanFactory,
    IdentityElementFactory,
    InitiativeFactory,
    NeighborhoodFactory,
    ProblemFactory,
    ProfileIndicatorFactory,
    VulnerabilityFlagFactory,
    council_with_members,
)

PERSIAN_DIGIT_DATE = re.compile(r"[۰-۹]{4}/[۰-۹]{2}/[۰-۹]{2}")
OUR_APPS = set(settings.PROJECT_APPS)


def _booth_photo(superuser):
    booth = BoothFactory()
    return BoothPhoto.objects.create(booth=booth, image="booths/gallery/x.jpg", caption="نما")


def _staff_profile(superuser):
    return StaffProfile.objects.create(user=superuser, agency=Agency.objects.first())


def _instance(model, superuser):
    makers = {
        "exhibition.exhibition": lambda: Exhibition.objects.get(jalali_year=1401),
        "exhibition.partnership": lambda: Partnership.objects.first(),
        "exhibition.section": lambda: Section.objects.first(),
        "exhibition.stratabase": StrataBaseFactory,
        "exhibition.booth": BoothFactory,
        "exhibition.boothholder": BoothHolderFactory,
        "exhibition.boothphoto": lambda: _booth_photo(superuser),
        "exhibition.scheduleitem": ScheduleItemFactory,
        "exhibition.contactrequest": ContactRequestFactory,
        "martyrs.martyr": MartyrFactory,
        "martyrs.veterantally": VeteranTallyFactory,
        "martyrs.correctionsuggestion": CorrectionSuggestionFactory,
        "neighborhoods.agency": lambda: Agency.objects.first(),
        "neighborhoods.programmephase": lambda: ProgrammePhase.objects.first(),
        "neighborhoods.neighborhood": NeighborhoodFactory,
        "neighborhoods.council": council_with_members,
        "neighborhoods.councilmember": lambda: council_with_members().members.first(),
        "neighborhoods.problem": ProblemFactory,
        "neighborhoods.actionplan": lambda: ActionPlanFactory(due_date=datetime.date(2022, 11, 2)),
        "neighborhoods.initiative": lambda: InitiativeFactory(
            started_on=datetime.date(2022, 11, 2)
        ),
        "neighborhoods.identityelement": IdentityElementFactory,
        "neighborhoods.profileindicator": ProfileIndicatorFactory,
        "neighborhoods.vulnerabilityflag": VulnerabilityFlagFactory,
        "neighborhoods.staffprofile": lambda: _staff_profile(superuser),
        # followup (#16)
        "followup.commitment": CommitmentFactory,
        "followup.milestone": MilestoneFactory,
        "followup.attendancecount": AttendanceCountFactory,
        "auth.user": lambda: superuser,
        "auth.group": lambda: Group.objects.create(name="گروه"),
        # guests (#15)
        "guests.guest": guest_factories.GuestFactory,
        "guests.invitation": lambda: guest_factories.InvitationFactory(
            chosen_day=datetime.date(2022, 11, 1)
        ),
        "guests.visitslot": guest_factories.VisitSlotFactory,
        "guests.officialvisit": guest_factories.official_visit,
        "guests.visitstop": guest_factories.visit_stop,
        "guests.checkin": guest_factories.check_in,
        "guests.scan": guest_factories.scan,
    }
    maker = makers.get(model._meta.label_lower)
    return maker() if maker else None


REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label_lower)


def _is_rtl_persian(html: str) -> bool:
    return '<html lang="fa" dir="rtl"' in html


def _has_date(model) -> bool:
    return any(isinstance(field, models.DateField) for field in model._meta.concrete_fields)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label_lower)
def test_admin_pages_open_in_persian_rtl(model, admin_client_fa, superuser, edition):
    obj = _instance(model, superuser)
    info = (model._meta.app_label, model._meta.model_name)
    urls = [reverse("admin:{}_{}_changelist".format(*info))]
    if obj is not None:
        urls.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    if admin.site._registry[model].has_add_permission(_request(superuser)):
        urls.append(reverse("admin:{}_{}_add".format(*info)))

    for url in urls:
        response = admin_client_fa.get(url)

        assert response.status_code == 200, url
        assert _is_rtl_persian(response.content.decode()), url


@pytest.mark.parametrize(
    "model",
    [m for m in REGISTERED if m._meta.app_label in OUR_APPS and _has_date(m)],
    ids=lambda model: model._meta.label_lower,
)
def test_admin_change_page_shows_dates_in_jalali(model, admin_client_fa, superuser, edition):
    obj = _instance(model, superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])

    html = admin_client_fa.get(url).content.decode()

    assert PERSIAN_DIGIT_DATE.search(html) is not None


def test_every_model_of_the_project_is_edited_in_the_admin():
    ours = {m for m in apps.get_models() if m._meta.app_label in OUR_APPS}
    historical = {m for m in ours if m.__name__.startswith("Historical")}
    inline_models = {
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }

    assert ours - historical - set(admin.site._registry) - inline_models == set()


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request
