"""The six roles, the Django groups that carry them, and which model permissions each holds.

A role is a Django group with a fixed Persian name. What a role may do to a model is the table
`ROLE_PERMISSIONS` below (v view, a add, c change, d delete); `sync_role_groups` writes it into
the groups, from the data migration `moqdad/0001_roles` and again after every `migrate`, so the
groups always match this file. Which *rows* a scoped role reaches (its agency, its
neighborhoods, its booths) is decided in `moqdad.permissions`.

Access comes only from these groups (and superuser status): a model permission given to an
account directly, or through any other group, is ignored by the admin, so a stray checkbox in
the user form cannot bypass the row rules.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ORGANIZER = "organizer", _("Organizer")
    AGENCY_STAFF = "agency_staff", _("Agency staff")
    NEIGHBORHOOD_MANAGER = "neighborhood_manager", _("Neighborhood manager")
    BOOTH_HOLDER = "booth_holder", _("Booth holder")
    REVIEWER = "reviewer", _("Reviewer")
    AUDITOR = "auditor", _("Auditor")


# Group names are data (what the admin shows and what the code looks up), not interface text.
GROUP_NAMES = {
    Role.ORGANIZER: "ستاد برگزاری",
    Role.AGENCY_STAFF: "کارشناس دستگاه همکار",
    Role.NEIGHBORHOOD_MANAGER: "مدیر محله",
    Role.BOOTH_HOLDER: "غرفه‌دار",
    Role.REVIEWER: "بازبین محتوا",
    Role.AUDITOR: "ناظر (فقط خواندن)",
}
ROLE_BY_GROUP_NAME = {name: role for role, name in GROUP_NAMES.items()}

# What a scoped role owns; roles not listed here reach every row their permissions allow.
OWNER_KIND = {
    Role.AGENCY_STAFF: "agency",
    Role.NEIGHBORHOOD_MANAGER: "neighborhood",
    Role.BOOTH_HOLDER: "booth",
}

# Roles that may publish and unpublish, and change what is already published.
PUBLISHERS = frozenset({Role.ORGANIZER, Role.REVIEWER})

CONTENT_APPS = ("neighborhoods", "martyrs", "exhibition")

_ALL_CONTENT = "*"

ROLE_PERMISSIONS: dict[str, dict[str, str]] = {
    Role.ORGANIZER: {
        _ALL_CONTENT: "vacd",
        "auth.user": "vac",
        "auth.group": "v",
        "axes.accessattempt": "vd",
        "axes.accesslog": "v",
        "axes.accessfailurelog": "v",
    },
    Role.AGENCY_STAFF: {
        "neighborhoods.agency": "v",
        "neighborhoods.vulnerabilityflag": "vacd",
        "exhibition.exhibition": "v",
        "exhibition.section": "v",
        "exhibition.stratabase": "v",
        "exhibition.booth": "vc",
        "exhibition.boothholder": "vacd",
        "exhibition.boothphoto": "vacd",
        "exhibition.scheduleitem": "vacd",
        "exhibition.contactrequest": "vc",
    },
    Role.NEIGHBORHOOD_MANAGER: {
        "neighborhoods.neighborhood": "vc",
        "neighborhoods.council": "vac",
        "neighborhoods.councilmember": "vacd",
        "neighborhoods.problem": "vacd",
        "neighborhoods.actionplan": "vacd",
        "neighborhoods.initiative": "vacd",
        "neighborhoods.identityelement": "vacd",
        "neighborhoods.profileindicator": "vacd",
        "martyrs.martyr": "vac",
        "martyrs.veterantally": "vacd",
        "martyrs.correctionsuggestion": "vc",
        "exhibition.booth": "vc",
        "exhibition.boothholder": "vacd",
        "exhibition.boothphoto": "vacd",
        "exhibition.contactrequest": "vc",
    },
    Role.BOOTH_HOLDER: {
        "exhibition.contactrequest": "vc",
    },
    Role.REVIEWER: {
        "neighborhoods.agency": "v",
        "neighborhoods.programmephase": "v",
        "neighborhoods.neighborhood": "v",
        "neighborhoods.council": "v",
        "neighborhoods.councilmember": "v",
        "neighborhoods.problem": "v",
        "neighborhoods.actionplan": "v",
        "neighborhoods.initiative": "v",
        "neighborhoods.identityelement": "v",
        "neighborhoods.profileindicator": "v",
        "martyrs.martyr": "v",
        "martyrs.veterantally": "v",
        "exhibition.exhibition": "v",
        "exhibition.partnership": "v",
        "exhibition.section": "v",
        "exhibition.stratabase": "v",
        "exhibition.booth": "v",
        "exhibition.boothphoto": "v",
        "exhibition.scheduleitem": "v",
    },
    Role.AUDITOR: {
        _ALL_CONTENT: "v",
        "neighborhoods.vulnerabilityflag": "",
        "auth.user": "v",
        "auth.group": "v",
        "axes.accessattempt": "v",
        "axes.accesslog": "v",
        "axes.accessfailurelog": "v",
    },
}

_ACTIONS = {"v": "view", "a": "add", "c": "change", "d": "delete"}


def role_codenames(role: str, labels) -> set[tuple[str, str]]:
    """(app_label, codename) pairs of `role`, given the labels of every model to consider."""
    table = ROLE_PERMISSIONS[role]
    pairs = set()
    for label in labels:
        app_label, model_name = label.split(".")
        if label in table:
            letters = table[label]
        elif app_label in CONTENT_APPS and not label.startswith(f"{app_label}.historical"):
            letters = table.get(_ALL_CONTENT, "")
        else:
            letters = ""
        pairs.update((app_label, f"{_ACTIONS[letter]}_{model_name}") for letter in letters)
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
