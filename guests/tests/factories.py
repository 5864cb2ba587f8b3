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
