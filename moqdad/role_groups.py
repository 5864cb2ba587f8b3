"""The six role groups, kept equal to what the rules (`<app>/rules.py`) give each role."""

from moqdad.roles import GROUP_NAMES
from moqdad.rules import rule_for_label

_ACTIONS = {"v": "view", "a": "add", "c": "change", "d": "delete"}


def role_codenames(role: str, labels) -> set[tuple[str, str]]:
    """(app_label, codename) pairs of `role`, given the labels of every model to consider.

    What a role may do to a model is declared with the model's rule (`<app>/rules.py`); a model
    without a rule gives no role anything.
    """
    pairs = set()
    for label in labels:
        rule = rule_for_label(label)
        if rule is None:
            continue
        app_label, model_name = label.split(".")
        pairs.update(
            (app_label, f"{_ACTIONS[letter]}_{model_name}") for letter in rule.letters(role)
        )
    return pairs


def sync_role_groups(apps, using: str = "default") -> None:
    """Create the six groups and give each exactly the permissions of its role."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    # Permissions are normally created after the last migration; the groups need them now.
    for app_config in apps.get_app_configs():
        if app_config.models_module is None:
            continue
        create_contenttypes(app_config, verbosity=0, using=using, apps=apps)
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    labels = [m._meta.label_lower for m in apps.get_models()]
    permissions = {
        (app_label, codename): pk
        for pk, app_label, codename in Permission.objects.using(using).values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for role, name in GROUP_NAMES.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        pairs = role_codenames(role, labels)
        wanted = [permissions[pair] for pair in pairs if pair in permissions]
        group.permissions.set(wanted)
