"""Halls become a model of their own, one list per edition (schema; the names move in 0007).

PostgreSQL refuses to change a table's schema in the transaction that updated its rows
("pending trigger events"), so the schema, the data and the removal of the old column are three
migrations.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


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
    ]
