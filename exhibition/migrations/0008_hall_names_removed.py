"""The old hall-name columns go; the real opening of the 1401 edition is put in its main hall."""

import datetime

from django.db import migrations


OPENING_HALL = "سالن اصلی"
HOST = "سپاه امام علی بن ابی طالب (ع) استان قم"


def load(apps, schema_editor):
    """The real opening of the 1401 edition: Monday 9 Aban 1401 at 18:00, in the main hall."""
    Exhibition = apps.get_model("exhibition", "Exhibition")
    Hall = apps.get_model("exhibition", "Hall")
    ScheduleItem = apps.get_model("exhibition", "ScheduleItem")
    Agency = apps.get_model("neighborhoods", "Agency")
    edition = Exhibition.objects.filter(jalali_year=1401).first()
    if edition is None:
        return
    hall, _ = Hall.objects.get_or_create(exhibition=edition, name=OPENING_HALL)
    ScheduleItem.objects.get_or_create(
        exhibition=edition,
        day=datetime.date(2022, 10, 31),
        start_time=datetime.time(18, 0),
        defaults={
            "end_time": datetime.time(19, 0),
            "place_kind": "hall",
            "hall": hall,
            "kind": "opening",
            "title": "آیین افتتاحیه نمایشگاه مقداد",
            "description": "افتتاح نمایشگاه در ساعت ۱۸ روز دوشنبه ۹ آبان ۱۴۰۱ (ساعت پایان برآورد است).",
            "agency": Agency.objects.filter(name=HOST).first(),
            "status": "published",
        },
    )




class Migration(migrations.Migration):

    dependencies = [
        ("exhibition", "0007_halls_from_names"),
    ]

    operations = [
        migrations.RemoveField("scheduleitem", "hall_name"),
        migrations.RemoveField("historicalscheduleitem", "hall_name"),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
