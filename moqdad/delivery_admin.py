"""The delivery log in the admin: read-only, organizers and auditors (recipients for organizers).

django-tasks' own task table is not shown: a delivery's status is what staff need, and the
worker's failures reach the log (`moqdad.messaging`).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from moqdad.admin_base import JalaliAdminMixin
from moqdad.admin_rules import RowRulesAdminMixin
from moqdad.models import Delivery


class DeliveryAdmin(RowRulesAdminMixin, JalaliAdminMixin, admin.ModelAdmin):
    list_display = ("subject_or_kind", "channel", "recipient", "status", "created_at", "sent_at")
    list_filter = ("status", "channel", "kind")
    search_fields = ("subject", "kind")
    readonly_fields = (
        "channel",
        "recipient",
        "subject",
        "body",
        "kind",
        "status",
        "error",
        "attempts",
        "sent_at",
        "about",
    )
    fields = readonly_fields
    list_per_page = 50

    @admin.display(description=_("subject"))
    def subject_or_kind(self, obj):
        return obj.subject or obj.kind

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def register(site) -> None:
    from django_tasks_db.models import DBTaskResult

    if site.is_registered(DBTaskResult):
        site.unregister(DBTaskResult)
    site.register(Delivery, DeliveryAdmin)
