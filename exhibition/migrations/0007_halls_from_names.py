"""The items' hall names (and their history's) move onto hall rows, one per edition and name."""

from django.db import migrations


def halls_from_names(apps, schema_editor):
    """One hall per edition and distinct name; the history points to it where it still exists."""
    Hall = apps.get_model("exhibition", "Hall")
    ScheduleItem = apps.get_model("exhibition", "ScheduleItem")
    HistoricalScheduleItem = apps.get_model("exhibition", "HistoricalScheduleItem")
    names = (
        ScheduleItem.objects.exclude(hall_name="")
        .values_list("exhibition_id", "hall_name")
        .distinct()
    )
    for exhibition_id, name in names:
        hall, _ = Hall.objects.get_or_create(exhibition_id=exhibition_id, name=name.strip())
        ScheduleItem.objects.filter(exhibition_id=exhibition_id, hall_name=name).update(hall=hall)
    for hall in Hall.objects.all():
        HistoricalScheduleItem.objects.filter(
            exhibition_id=hall.exhibition_id, hall_name__in=[hall.name, f" {hall.name} "]
        ).update(hall=hall)


def names_from_halls(apps, schema_editor):
    ScheduleItem = apps.get_model("exhibition", "ScheduleItem")
    for item in ScheduleItem.objects.filter(hall__isnull=False).select_related("hall"):
        ScheduleItem.objects.filter(pk=item.pk).update(hall_name=item.hall.name)


class Migration(migrations.Migration):

    dependencies = [
        ("exhibition", "0006_halls"),
    ]

    operations = [
        migrations.RunPython(halls_from_names, names_from_halls),
    ]
