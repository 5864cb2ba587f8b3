"""Search keys for father's name and operation, names in both orders, and on PostgreSQL a
trigram index for substring and typo-tolerant name search.

The trigram pieces are PostgreSQL-only: TrigramExtension does nothing on another database,
and the index is made by a RunPython that checks the vendor, so SQLite keeps working.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from moqdad.persian import normalize_for_search

TRIGRAM_INDEX = "martyrs_martyr_search_trgm"


def fill_keys(apps, schema_editor):
    Martyr = apps.get_model("martyrs", "Martyr")
    batch = []
    for martyr in Martyr.objects.using(schema_editor.connection.alias).iterator(chunk_size=2000):
        first, last = martyr.first_name or "", martyr.last_name or ""
        keys = [normalize_for_search(first + last), normalize_for_search(last + first)]
        martyr.search_text = " ".join(dict.fromkeys(k for k in keys if k))
        martyr.father_name_key = normalize_for_search(martyr.father_name)
        martyr.operation_key = normalize_for_search(martyr.operation)
        batch.append(martyr)
        if len(batch) == 2000:
            Martyr.objects.bulk_update(batch, ["search_text", "father_name_key", "operation_key"])
            batch = []
    if batch:
        Martyr.objects.bulk_update(batch, ["search_text", "father_name_key", "operation_key"])


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} "
        "ON martyrs_martyr USING gin (search_text gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("martyrs", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        migrations.AddField(
            model_name="martyr",
            name="father_name_key",
            field=models.CharField(default="", editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name="martyr",
            name="operation_key",
            field=models.CharField(default="", editable=False, max_length=200),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
