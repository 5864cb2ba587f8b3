"""The six role groups and their model permissions (see moqdad/roles.py)."""

from django.db import migrations


def create_role_groups(apps, schema_editor):
    from moqdad.role_groups import sync_role_groups

    for app_config in apps.get_app_configs():
        app_config.models_module = True
    sync_role_groups(apps, using=schema_editor.connection.alias)


def remove_role_groups(apps, schema_editor):
    from moqdad.roles import GROUP_NAMES

    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=GROUP_NAMES.values()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0010_accessattemptexpiration"),
        ("neighborhoods", "0001_initial"),
        ("martyrs", "0001_initial"),
        ("exhibition", "0002_edition_1401"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
