import factory

from moqdad.publishing import PublicationStatus
from neighborhoods.models import (
    ActionPlan,
    Agency,
    Council,
    CouncilMember,
    IdentityElement,
    Initiative,
    Neighborhood,
    Problem,
    ProfileIndicator,
    ProgrammePhase,
    VulnerabilityFlag,
)


def _phase(number: int) -> ProgrammePhase:
    phase = ProgrammePhase.objects.filter(number=number).first()
    if phase is None:
        # A transactional test flushed the initial data; load it again.
        from exhibition.tests.factories import edition_1401

        edition_1401()
        phase = ProgrammePhase.objects.get(number=number)
    return phase


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"دستگاه آزمایشی {n}")
    kind = Agency.Kind.OTHER


class NeighborhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighborhood

    name = factory.Sequence(lambda n: f"محله آزمایشی {n}")
    slug = factory.Sequence(lambda n: f"test-neighborhood-{n}")
    district = 3
    phase = factory.LazyFunction(lambda: _phase(3))
    is_selected = True
    status = PublicationStatus.PUBLISHED
    summary = "خلاصه‌ای از محله"


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    neighborhood = factory.SubFactory(NeighborhoodFactory)
    status = PublicationStatus.PUBLISHED


class CouncilMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMember

    council = factory.SubFactory(CouncilFactory)
    full_name = factory.Sequence(lambda n: f"عضو شماره {n}")
    role = CouncilMember.Role.TEACHER
    publish_name = True
    phone = factory.Sequence(lambda n: f"0912{n:07d}")
    address = "قم، خیابان آزمایشی، پلاک ۱"


def council_with_members(count: int = 6, **kwargs) -> Council:
    council = CouncilFactory(**kwargs)
    CouncilMemberFactory.create_batch(count, council=council)
    return council


class ProblemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Problem

    neighborhood = factory.SubFactory(NeighborhoodFactory)
    category = Problem.Category.SOCIAL
    title = factory.Sequence(lambda n: f"مسئله {n}")
    status = PublicationStatus.PUBLISHED


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    problem = factory.SubFactory(ProblemFactory)
    title = factory.Sequence(lambda n: f"اقدام {n}")
    progress_percent = 40


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    neighborhood = factory.SubFactory(NeighborhoodFactory)
    kind = Initiative.Kind.GREEN_HOUSE
    title = factory.Sequence(lambda n: f"خانه سبز {n}")
    progress = Initiative.Progress.ACTIVE
    status = PublicationStatus.PUBLISHED


class IdentityElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdentityElement

    neighborhood = factory.SubFactory(NeighborhoodFactory)
    kind = IdentityElement.Kind.IMAMZADEH
    title = factory.Sequence(lambda n: f"امامزاده {n}")
    status = PublicationStatus.PUBLISHED


class ProfileIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileIndicator

    neighborhood = factory.SubFactory(NeighborhoodFactory)
    year = 1401
    kind = ProfileIndicator.Kind.EDUCATION
    title = factory.Sequence(lambda n: f"شاخص {n}")
    value = 12


class VulnerabilityFlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VulnerabilityFlag

    neighborhood = factory.SubFactory(NeighborhoodFactory)
    agency = factory.LazyFunction(lambda: Agency.objects.filter(kind="selecting_body").first())
    year = 1396
