"""Accounts, groups and login records in the admin, under the same row rules as everything else.

Organizers manage staff accounts and grant roles; they never see or edit superusers, and cannot
give an account superuser status or permissions outside the role groups.
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

from moqdad import jalali
from moqdad.access import access_for
from moqdad.admin_base import JalaliAdminMixin
from moqdad.admin_rules import RowRulesAdminMixin
from moqdad.roles import GROUP_NAMES

SUPERUSER_ONLY_FIELDS = frozenset({"is_superuser", "user_permissions"})


# Django stores a permission's name in English at migrate time ("Can add neighborhood"); the
# group page names it from the model's verbose_name and the action, in the active language.
PERMISSION_ACTIONS = {
    "add": _("Add %(model)s"),
    "change": _("Change %(model)s"),
    "delete": _("Delete %(model)s"),
    "view": _("View %(model)s"),
}


def permission_label(permission: Permission) -> str:
    model = permission.content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    if model is None or action not in PERMISSION_ACTIONS:
        return str(permission)
    # django-simple-history names its models "historical <name>", in English whatever the language.
    recorded = getattr(model, "instance_type", None)
    if recorded is None:
        noun = model._meta.verbose_name
    else:
        noun = _("history of %(model)s") % {"model": recorded._meta.verbose_name}
    name = PERMISSION_ACTIONS[action] % {"model": noun}
    return f"{model._meta.app_config.verbose_name} | {name}"


class AccountAdmin(RowRulesAdminMixin, UserAdmin):
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if db_field.name == "user_permissions":
            field.label_from_instance = permission_label
        return field

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not access_for(request.user).is_superuser:
            queryset = queryset.filter(is_superuser=False)
        return queryset

    def get_hidden_fields(self, request, obj=None):
        hidden = super().get_hidden_fields(request, obj)
        if access_for(request.user).is_superuser:
            return hidden
        return hidden | SUPERUSER_ONLY_FIELDS

    def get_field_queryset(self, db, db_field, request):
        queryset = super().get_field_queryset(db, db_field, request)
        if db_field.name == "groups" and not access_for(request.user).is_superuser:
            queryset = queryset.filter(name__in=GROUP_NAMES.values())
        return queryset


class RoleGroupAdmin(RowRulesAdminMixin, GroupAdmin):
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if db_field.name == "permissions":
            field.label_from_instance = permission_label
        return field


class AttemptAdmin(RowRulesAdminMixin, JalaliAdminMixin, AccessAttemptAdmin):
    # Gregorian year links; the Jalali date column sorts instead.
    date_hierarchy = None

    def changelist_view(self, request, extra_context=None):
        # axes' "clean up expired attempts" action reads the time its login hooks stamp on a
        # request; an admin POST has none.
        AxesProxyHandler.update_request(request)
        return super().changelist_view(request, extra_context)


class LogAdmin(RowRulesAdminMixin, JalaliAdminMixin, AccessLogAdmin):
    # Gregorian year links; the Jalali date column sorts instead.
    date_hierarchy = None


class FailureLogAdmin(RowRulesAdminMixin, JalaliAdminMixin, AccessFailureLogAdmin):
    # Gregorian year links; the Jalali date column sorts instead.
    date_hierarchy = None


def _login_record_name(wording):
    def name(record) -> str:
        return wording % {
            "username": record.username or "-",
            "time": jalali.format_datetime(record.attempt_time),
        }

    return name


def name_login_records() -> None:
    """axes names its records in English with Gregorian times ("Access Log for … @ 2026-…"),
    which the admin shows in titles, history and the selection checkboxes' labels."""
    AccessAttempt.__str__ = _login_record_name(_("Log-in attempts of %(username)s, %(time)s"))
    AccessLog.__str__ = _login_record_name(_("Log-in of %(username)s, %(time)s"))
    AccessFailureLog.__str__ = _login_record_name(_("Failed log-in of %(username)s, %(time)s"))


def register(site) -> None:
    """Replace the stock admins of accounts and login records with rule-following ones."""
    name_login_records()
    replacements = {
        get_user_model(): AccountAdmin,
        Group: RoleGroupAdmin,
        AccessAttempt: AttemptAdmin,
        AccessLog: LogAdmin,
        AccessFailureLog: FailureLogAdmin,
    }
    for model, model_admin in replacements.items():
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, model_admin)
