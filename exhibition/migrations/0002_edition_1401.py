"""The real initial data: the 1401 edition as the announcement of 7 Aban 1401 gives it."""

import datetime
import zoneinfo

from django.db import migrations

TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")

HOST = "سپاه امام علی بن ابی طالب (ع) استان قم"
ORGANIZERS = [
    "سازمان فرهنگی، هنری و ورزشی شهرداری قم",
    "اداره کل تبلیغات اسلامی استان قم",
    "سازمان تبلیغات اسلامی",
    "دفتر امور زنان استانداری قم",
    "شهرداری قم",
    "صداوسیمای مرکز قم",
    "ستاد کنگره ملی شهدای استان قم",
]
SELECTING_BODIES = [
    "نیروی انتظامی",
    "کمیته امداد امام خمینی (ره)",
    "سازمان بهزیستی",
    "دستگاه قضا",
    "بسیج",
]
PHASES = [
    (1, "آغاز محله‌محوری: ۱۵ محله آسیب‌پذیر حاشیه شهر", 15, 1396, 1398,
     "انتخاب بر اساس اشتراک آماری نیروی انتظامی، کمیته امداد، بهزیستی، دستگاه قضا و بسیج."),
    (2, "گسترش در دوران کرونا به ۶۰ محله", 60, 1399, 1400,
     "با فراگیری کرونا در سال‌های ۱۳۹۹ و ۱۴۰۰ و لزوم تصمیمات دقیق‌تر."),
    (3, "بازنگری پس از کرونا: ۱۱۶ محله", 116, 1401, None,
     "پس از کرونا با بازنگری مجدد به ۱۱۶ محله ارتقا یافت."),
]
SECTIONS = [
    (1, "معرفی الگوی کاری و سابقه محلات", "#1b6b5a"),
    (2, "عملکرد محله‌ها", "#8a4b12"),
    (3, "پایگاه‌های تخصصی اقشار بسیج و نقش آن‌ها در ارتباط با محلات", "#2f4f8f"),
]


def load(apps, schema_editor):
    Agency = apps.get_model("neighborhoods", "Agency")
    ProgrammePhase = apps.get_model("neighborhoods", "ProgrammePhase")
    Exhibition = apps.get_model("exhibition", "Exhibition")
    Section = apps.get_model("exhibition", "Section")
    Partnership = apps.get_model("exhibition", "Partnership")

    for number, title, count, start, end, description in PHASES:
        ProgrammePhase.objects.update_or_create(
            number=number,
            defaults={
                "title": title,
                "neighborhood_count": count,
                "start_year": start,
                "end_year": end,
                "description": description,
            },
        )

    edition, _ = Exhibition.objects.update_or_create(
        jalali_year=1401,
        defaults={
            "slug": "1401",
            "title": "مقداد",
            "full_title": "محلات قم در امتداد دادگری",
            "start_date": datetime.date(2022, 10, 31),
            "end_date": datetime.date(2022, 11, 4),
            "daily_opens_at": datetime.time(15, 30),
            "daily_closes_at": datetime.time(20, 30),
            "opening_ceremony_at": datetime.datetime(2022, 10, 31, 18, 0, tzinfo=TEHRAN),
            "venue": "محل دائمی نمایشگاه‌ها، مجاورت استانداری قم",
            "umbrella_programme": "کنگره ملی شهدای استان قم",
            "announced_selected_neighborhoods": 55,
            "description": (
                "نمایشگاه توانمندی‌های بسیج محلات استان قم، برای نخستین بار در سطح کشور: "
                "دستاوردهای شوراهای ۵۵ محله منتخب قم، معرفی عناصر هویت‌ساز محلات، "
                "شهید شاخص و آمار شهدا و ایثارگران هر محله."
            ),
            "status": "published",
            "is_current": True,
        },
    )
    for number, title, color in SECTIONS:
        Section.objects.update_or_create(
            exhibition=edition,
            number=number,
            defaults={"title": title, "color": color, "status": "published"},
        )

    host, _ = Agency.objects.update_or_create(name=HOST, defaults={"kind": "host"})
    Partnership.objects.get_or_create(exhibition=edition, agency=host, role="host")
    for name in ORGANIZERS:
        agency, _ = Agency.objects.update_or_create(name=name, defaults={"kind": "organizer"})
        Partnership.objects.get_or_create(exhibition=edition, agency=agency, role="organizer")
    for name in SELECTING_BODIES:
        agency, _ = Agency.objects.update_or_create(
            name=name, defaults={"kind": "selecting_body"}
        )
        Partnership.objects.get_or_create(
            exhibition=edition, agency=agency, role="selecting_body"
        )
    # The opening ceremony's schedule item is loaded by 0005_halls, once halls are a model.


class Migration(migrations.Migration):
    dependencies = [
        ("exhibition", "0001_initial"),
        ("neighborhoods", "0001_initial"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
