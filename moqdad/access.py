"""Who an account is: its roles, the model permissions they carry, and what it owns.

Read once per request (cached on the user object). The rules engine (moqdad.rules) turns this
into "which rows, which actions"; nothing here knows any app's models.
"""

from django.contrib.auth import get_permission_codename
from django.core.exceptions import ObjectDoesNotExist

from moqdad.roles import PUBLISHERS, ROLE_BY_GROUP_NAME


def _neighborhood_ids(user) -> list:
    return list(user.managed_neighborhoods.values_list("pk", flat=True))


def _agency_ids(user) -> list:
    try:
        agency_id = user.staff_profile.agency_id
    except ObjectDoesNotExist:
        return []
    return [agency_id] if agency_id else []


def _booth_ids(user) -> list:
    return list(user.booth_holdings.values_list("booth_id", flat=True))


# How each kind of owner (moqdad.roles.OWNER_KIND) finds what it owns, through the reverse
# relations the apps' models declare on the user (no app is imported).
_OWNED = {"neighborhood": _neighborhood_ids, "agency": _agency_ids, "booth": _booth_ids}


class Access:
    """An account's roles, their model permissions and what it owns."""

    def __init__(self, user):
        from django.contrib.auth.models import Group

        self.user = user
        active = bool(user and user.is_authenticated and user.is_active)
        self.is_superuser = active and user.is_superuser
        self.perms: dict[str, set[str]] = {}
        self._owned: dict[str, list] = {}
        if not active or self.is_superuser:
            return
        # One query: the account's role groups, each with its permissions (a group without any
        # still gives one row, with no permission, through the outer join).
        rows = Group.objects.filter(user=user, name__in=ROLE_BY_GROUP_NAME).values_list(
            "name", "permissions__content_type__app_label", "permissions__codename"
        )
        for group_name, app_label, codename in rows:
            perms = self.perms.setdefault(ROLE_BY_GROUP_NAME[group_name], set())
            if codename is not None:
                perms.add(f"{app_label}.{codename}")

    @property
    def roles(self) -> frozenset:
        return frozenset(self.perms)

    @property
    def can_publish(self) -> bool:
        return self.is_superuser or bool(self.roles & PUBLISHERS)

    def roles_with(self, model, actions) -> list:
        """The roles whose model permissions allow one of `actions` (view/add/change/delete)."""
        opts = model._meta
        wanted = {f"{opts.app_label}.{get_permission_codename(a, opts)}" for a in actions}
        return [role for role, perms in self.perms.items() if wanted & perms]

    def owned(self, kind: str) -> list:
        if kind not in self._owned:
            self._owned[kind] = _OWNED[kind](self.user)
        return self._owned[kind]


def access_for(user) -> Access:
    access = getattr(user, "_moqdad_access", None)
    if access is None:
        access = Access(user)
        if user is not None:
            user._moqdad_access = access
    return access


def can_publish(user) -> bool:
    """Whether the account may publish, unpublish and change published content."""
    return access_for(user).can_publish
