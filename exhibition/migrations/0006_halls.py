"""Halls become a model of their own, one list per edition; the items' hall names move onto it."""

import datetime

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


OPENING_HALL = "سالن اصلی"
HOST = "سپاه امام علی بن ابی طالب (ع) استان قم"


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
        ('exhibition', '0005_first_day_opening'),
        ('neighborhoods', '0002_phase_year_optional'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Hall',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('name', models.CharField(max_length=120, verbose_name='name')),
                ('exhibition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='halls', to='exhibition.exhibition', verbose_name='exhibition edition')),
            ],
            options={
                'verbose_name': 'hall',
                'verbose_name_plural': 'halls',
                'ordering': ['exhibition', 'name'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalHall',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('name', models.CharField(max_length=120, verbose_name='name')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('exhibition', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='exhibition.exhibition', verbose_name='exhibition edition')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical hall',
                'verbose_name_plural': 'historical halls',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddConstraint(
            model_name='hall',
            constraint=models.UniqueConstraint(fields=('exhibition', 'name'), name='hall_name_unique_per_edition', violation_error_message='This edition already has a hall with this name.'),
        ),
        migrations.RenameField('scheduleitem', 'hall', 'hall_name'),
        migrations.RenameField('historicalscheduleitem', 'hall', 'hall_name'),
        migrations.AddField(
            model_name='historicalscheduleitem',
            name='hall',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='exhibition.hall', verbose_name='hall'),
        ),
        migrations.AddField(
            model_name='scheduleitem',
            name='hall',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name="schedule_items", to="exhibition.hall", verbose_name="hall"),
        ),
        migrations.RunPython(halls_from_names, names_from_halls),
        migrations.RemoveField('scheduleitem', 'hall_name'),
        migrations.RemoveField('historicalscheduleitem', 'hall_name'),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
