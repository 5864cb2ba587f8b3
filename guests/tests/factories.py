import factory

from exhibition.tests.factories import edition_1401
from guests.models import Guest, Invitation, VisitSlot


class GuestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guest

    name = factory.Sequence(lambda n: f"مهمان آزمایشی {n}")
    title = "مدیرکل"
    organization = factory.Sequence(lambda n: f"سازمان {n}")
    category = Guest.Category.OFFICIAL
    phone = factory.Sequence(lambda n: f"0912{n:07d}")
    email = factory.Sequence(lambda n: f"guest{n}@example.com")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    exhibition = factory.LazyFunction(edition_1401)
    guest = factory.SubFactory(GuestFactory)
    first_day = factory.LazyAttribute(lambda o: o.exhibition.start_date)
    last_day = factory.LazyAttribute(lambda o: o.exhibition.end_date)


class VisitSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitSlot

    exhibition = factory.LazyFunction(edition_1401)
    day = factory.LazyAttribute(lambda o: o.exhibition.start_date)
    starts_at = "16:00"
    ends_at = "17:00"
    capacity = 10


def official_visit(**kwargs):
    from guests.models import OfficialVisit

    invitation = kwargs.pop("invitation", None) or InvitationFactory()
    return OfficialVisit.objects.create(
        exhibition=invitation.exhibition,
        invitation=invitation,
        title=kwargs.pop("title", "بازدید هیئت آزمایشی"),
        day=invitation.exhibition.start_date,
        arrives_at="18:30",
        **kwargs,
    )


def visit_stop():
    from exhibition.tests.factories import BoothFactory
    from guests.models import VisitStop

    return VisitStop.objects.create(visit=official_visit(), booth=BoothFactory(), at="18:40")


def check_in():
    import datetime

    from guests.models import CheckIn

    invitation = InvitationFactory()
    return CheckIn.objects.create(
        exhibition=invitation.exhibition,
        invitation=invitation,
        guest=invitation.guest,
        day=invitation.exhibition.start_date,
        at=datetime.datetime(2022, 10, 31, 18, 5, tzinfo=datetime.UTC),
        door="در اصلی",
    )


def scan():
    import datetime
    import uuid

    from guests.models import Scan

    invitation = InvitationFactory()
    return Scan.objects.create(
        exhibition=invitation.exhibition,
        nonce=uuid.uuid4().hex,
        method=Scan.Method.TYPED,
        outcome=Scan.Outcome.WELCOME,
        invitation=invitation,
        guest=invitation.guest,
        scanned_at=datetime.datetime(2022, 10, 31, 18, 5, tzinfo=datetime.UTC),
        door="در اصلی",
    )
