import datetime
import importlib

import factory
from django.apps import apps as django_apps

from exhibition.models import (
    Booth,
    BoothHolder,
    ContactRequest,
    Exhibition,
    Hall,
    ScheduleItem,
    StrataBase,
)
from moqdad.publishing import PublicationStatus
from neighborhoods.tests.factories import NeighborhoodFactory

# The data migrations that load and correct the real 1401 facts, in order.
INITIAL_DATA_MIGRATIONS = [
    "0002_edition_1401",
    "0004_english_names",
    "0005_first_day_opening",
    "0008_hall_names_removed",
]


def edition_1401() -> Exhibition:
    """The real 1401 edition, loaded by the initial data migration.

    Transactional tests (live server, browser) flush the tables afterwards, which removes the
    migration's rows too; the same loaders then put them back.
    """
    edition = Exhibition.objects.filter(jalali_year=1401).first()
    if edition is None:
        for migration in INITIAL_DATA_MIGRATIONS:
            importlib.import_module(f"exhibition.migrations.{migration}").load(django_apps, None)
        edition = Exhibition.objects.get(jalali_year=1401)
    return edition


class StrataBaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrataBase

    name = factory.Sequence(lambda n: f"پایگاه تخصصی {n}")
    stratum = StrataBase.Stratum.TEACHERS
    status = PublicationStatus.PUBLISHED


class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booth

    exhibition = factory.LazyFunction(edition_1401)
    section = factory.LazyAttribute(lambda o: o.exhibition.sections.get(number=2))
    code = factory.Sequence(lambda n: f"B{n:03d}")
    name = factory.Sequence(lambda n: f"غرفه آزمایشی {n}")
    slug = factory.Sequence(lambda n: f"booth-{n}")
    neighborhood = factory.SubFactory(NeighborhoodFactory)
    status = PublicationStatus.PUBLISHED
    plan_x = factory.Sequence(lambda n: (n % 10) * 4)
    plan_y = factory.Sequence(lambda n: (n // 10) * 4)


class BoothHolderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoothHolder

    booth = factory.SubFactory(BoothFactory)
    full_name = factory.Sequence(lambda n: f"غرفه‌دار {n}")
    phone = "09121234567"


class HallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hall
        django_get_or_create = ("exhibition", "name")

    exhibition = factory.LazyFunction(edition_1401)
    name = factory.Sequence(lambda n: f"سالن {n}")


class ScheduleItemFactory(factory.django.DjangoModelFactory):
    """`hall` may be given by name: the edition's hall of that name (made if missing)."""

    class Meta:
        model = ScheduleItem

    exhibition = factory.LazyFunction(edition_1401)
    day = datetime.date(2022, 11, 1)
    start_time = datetime.time(16, 0)
    end_time = datetime.time(16, 45)
    place_kind = ScheduleItem.PlaceKind.HALL
    hall = factory.Maybe(
        factory.LazyAttribute(lambda o: o.place_kind == ScheduleItem.PlaceKind.HALL),
        factory.SubFactory(HallFactory, exhibition=factory.SelfAttribute("..exhibition")),
        None,
    )
    kind = ScheduleItem.Kind.SPEECH
    title = factory.Sequence(lambda n: f"سخنرانی {n}")
    status = PublicationStatus.PUBLISHED

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        name = kwargs.get("hall")
        if isinstance(name, str):
            kwargs["hall"] = (
                HallFactory(exhibition=kwargs["exhibition"], name=name) if name else None
            )
        return kwargs


class ContactRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactRequest

    booth = factory.SubFactory(BoothFactory)
    name = "بازدیدکننده"
    organization = "استانداری قم"
    email = "visitor@example.com"
    subject = "همکاری"
    message = "مایلم با مدیر محله گفتگو کنم."
