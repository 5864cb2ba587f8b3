import datetime

import factory

from exhibition.tests.factories import edition_1401
from followup.models import AttendanceCount, Commitment, Milestone
from neighborhoods.tests.factories import NeighborhoodFactory, ProblemFactory


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    exhibition = factory.LazyFunction(edition_1401)
    title = factory.Sequence(lambda n: f"تعهد آزمایشی {n}")
    kind = Commitment.Kind.MONEY
    amount = 500
    unit = "میلیون ریال"
    neighborhood = factory.SubFactory(NeighborhoodFactory)
    problem = factory.SubFactory(
        ProblemFactory, neighborhood=factory.SelfAttribute("..neighborhood")
    )
    maker_name = factory.Sequence(lambda n: f"متعهد خصوصی {n}")
    maker_organization = "سازمان آزمایشی"
    maker_phone = factory.Sequence(lambda n: f"0935{n:07d}")
    status = Commitment.Status.AGREED
    due_date = datetime.date(2023, 3, 1)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    commitment = factory.SubFactory(CommitmentFactory)
    date = datetime.date(2022, 12, 1)
    title = "جلسه هماهنگی"


class AttendanceCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendanceCount

    exhibition = factory.LazyFunction(edition_1401)
    day = datetime.date(2022, 11, 1)
    starts_at = datetime.time(9, 0)
    ends_at = datetime.time(10, 0)
    visitors = 120
