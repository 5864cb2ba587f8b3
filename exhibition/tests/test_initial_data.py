"""The 1401 edition as the announcement of 7 Aban 1401 gives it (migration 0002_edition_1401)."""

import datetime
import zoneinfo

from exhibition.models import Partnership
from moqdad import jalali
from neighborhoods.models import Agency, ProgrammePhase

TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")


def test_edition_runs_9_to_13_aban_1401(edition):
    assert (edition.start_date, edition.end_date) == (
        datetime.date(2022, 10, 31),
        datetime.date(2022, 11, 4),
    )
    assert jalali.format_date(edition.start_date, weekday=True) == "دوشنبه ۹ آبان ۱۴۰۱"
    assert jalali.format_date(edition.end_date, weekday=True) == "جمعه ۱۳ آبان ۱۴۰۱"
    assert len(edition.days) == 5


def test_edition_is_open_daily_1530_to_2030(edition):
    assert (edition.daily_opens_at, edition.daily_closes_at) == (
        datetime.time(15, 30),
        datetime.time(20, 30),
    )


def test_edition_day_one_opens_at_1800_then_daily_1530_to_2030(edition):
    hours = [edition.hours_on(day) for day in edition.days]

    assert hours == [
        (datetime.time(18, 0), datetime.time(20, 30)),
        *[(datetime.time(15, 30), datetime.time(20, 30))] * 4,
    ]


def test_opening_is_at_1800_tehran_on_day_one(edition):
    opening = edition.opening_ceremony_at.astimezone(TEHRAN)

    assert opening == datetime.datetime(2022, 10, 31, 18, 0, tzinfo=TEHRAN)
    assert edition.schedule_items.get(kind="opening").start_time == datetime.time(18, 0)


def test_edition_names_venue_and_title(edition):
    assert edition.title == "مقداد"
    assert edition.full_title == "محلات قم در امتداد دادگری"
    assert edition.venue == "محل دائمی نمایشگاه‌ها، مجاورت استانداری قم"
    assert edition.umbrella_programme == "کنگره ملی شهدای استان قم"
    assert edition.jalali_year == 1401
    assert edition.is_current is True


def test_edition_has_the_three_sections(edition):
    titles = list(edition.sections.order_by("number").values_list("number", "title"))

    assert titles == [
        (1, "معرفی الگوی کاری و سابقه محلات"),
        (2, "عملکرد محله‌ها"),
        (3, "پایگاه‌های تخصصی اقشار بسیج و نقش آن‌ها در ارتباط با محلات"),
    ]


def test_edition_has_seven_organizing_partners_and_a_host(edition):
    partners = Partnership.objects.filter(exhibition=edition)

    organizers = set(partners.filter(role="organizer").values_list("agency__name", flat=True))
    hosts = list(partners.filter(role="host").values_list("agency__name", flat=True))

    assert organizers == {
        "سازمان فرهنگی، هنری و ورزشی شهرداری قم",
        "اداره کل تبلیغات اسلامی استان قم",
        "سازمان تبلیغات اسلامی",
        "دفتر امور زنان استانداری قم",
        "شهرداری قم",
        "صداوسیمای مرکز قم",
        "ستاد کنگره ملی شهدای استان قم",
    }
    assert hosts == ["سپاه امام علی بن ابی طالب (ع) استان قم"]


def test_the_five_selecting_bodies(edition):
    bodies = set(
        Agency.objects.filter(kind=Agency.Kind.SELECTING_BODY).values_list("name", flat=True)
    )
    in_edition = Partnership.objects.filter(exhibition=edition, role="selecting_body").count()

    assert bodies == {
        "نیروی انتظامی",
        "کمیته امداد امام خمینی (ره)",
        "سازمان بهزیستی",
        "دستگاه قضا",
        "بسیج",
    }
    assert in_edition == 5


def test_programme_grew_15_60_116_and_shows_55(edition):
    phases = list(
        ProgrammePhase.objects.order_by("number").values_list(
            "neighborhood_count", "start_year", "end_year"
        )
    )

    # The announcement gives no year for the third phase («پس از کرونا»).
    assert phases == [(15, 1396, 1398), (60, 1399, 1400), (116, None, None)]
    assert edition.announced_selected_neighborhoods == 55
