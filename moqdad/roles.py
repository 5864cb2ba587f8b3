"""The seven roles, the Django groups that carry them, and which model permissions each holds.

A role is a Django group with a fixed Persian name. What a role may do to a model is declared
with the model's rule in `<app>/rules.py` (v view, a add, c change, d delete); `moqdad.role_groups`
writes it into the groups, from the data migration `moqdad/0001_roles` and again after every
`migrate`, so the groups always match the rules. Which *rows* a scoped role reaches (its agency,
its neighborhoods, its booths) is decided by the same rules (`moqdad.rules`).

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
    # Checks guests in at the door (guests/), nothing else.
    DOOR_STAFF = "door_staff", _("Door staff")


# Group names are data (what the admin shows and what the code looks up), not interface text.
GROUP_NAMES = {
    Role.ORGANIZER: "ستاد برگزاری",
    Role.AGENCY_STAFF: "کارشناس دستگاه همکار",
    Role.NEIGHBORHOOD_MANAGER: "مدیر محله",
    Role.BOOTH_HOLDER: "غرفه‌دار",
    Role.REVIEWER: "بازبین محتوا",
    Role.AUDITOR: "ناظر (فقط خواندن)",
    Role.DOOR_STAFF: "کارکنان در ورودی",
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
