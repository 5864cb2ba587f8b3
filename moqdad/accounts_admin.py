"""Accounts, groups and login records in the admin, under the same row rules as everything else.

Organizers manage staff accounts and grant roles; they never see or edit superusers, and cannot
give an account superuser status or permissions outside the role groups.
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from moqdad.access import access_for
from moqdad.admin_rules import RowRulesAdminMixin
from moqdad.roles import GROUP_NAMES

SUPERUSER_ONLY_FIELDS = frozenset({"is_superuser", "user_permissions"})


class AccountAdmin(RowRulesAdminMixin, UserAdmin):
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
    pass


class AttemptAdmin(RowRulesAdminMixin, AccessAttemptAdmin):
    def changelist_view(self, request, extra_context=None):
        # axes' "clean up expired attempts" action reads the time its login hooks stamp on a
        # request; an admin POST has none.
        AxesProxyHandler.update_request(request)
        return super().changelist_view(request, extra_context)


class LogAdmin(RowRulesAdminMixin, AccessLogAdmin):
    pass


class FailureLogAdmin(RowRulesAdminMixin, AccessFailureLogAdmin):
    pass


def register(site) -> None:
    """Replace the stock admins of accounts and login records with rule-following ones."""
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
