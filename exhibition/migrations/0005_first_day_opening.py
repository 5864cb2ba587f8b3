"""Day one of the 1401 edition opened at 18:00; the announcement gives no year for phase three."""

import datetime

from django.db import migrations, models


def load(apps, schema_editor):
    """The announcement: «روز دوشنبه ۹ آبان از ساعت ۱۸ افتتاح می‌شود و تا روز جمعه ۱۳ آبان، همه روز
    از ساعت ۱۵:۳۰ تا ۲۰:۳۰»; the move to 116 neighborhoods came «پس از کرونا», with no year."""
    Exhibition = apps.get_model("exhibition", "Exhibition")
    ProgrammePhase = apps.get_model("neighborhoods", "ProgrammePhase")
    Exhibition.objects.filter(jalali_year=1401, first_day_opens_at__isnull=True).update(
        first_day_opens_at=datetime.time(18, 0)
    )
    ProgrammePhase.objects.filter(number=3, neighborhood_count=116, start_year=1401).update(
        start_year=None
    )


class Migration(migrations.Migration):

    dependencies = [
        ('exhibition', '0004_english_names'),
        ('neighborhoods', '0002_phase_year_optional'),
    ]

    operations = [
        migrations.AddField(
            model_name='exhibition',
            name='first_day_opens_at',
            field=models.TimeField(blank=True, help_text='When the first day opens to visitors, if not at the daily opening time; it closes at the daily closing time.', null=True, verbose_name='first day opens at'),
        ),
        migrations.AddField(
            model_name='historicalexhibition',
            name='first_day_opens_at',
            field=models.TimeField(blank=True, help_text='When the first day opens to visitors, if not at the daily opening time; it closes at the daily closing time.', null=True, verbose_name='first day opens at'),
        ),
        migrations.AddConstraint(
            model_name='exhibition',
            constraint=models.CheckConstraint(condition=models.Q(('first_day_opens_at__isnull', True), ('first_day_opens_at__lt', models.F('daily_closes_at')), _connector='OR'), name='exhibition_first_day_opens_before_closing', violation_error_message='The first day must open before the daily closing time.'),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
