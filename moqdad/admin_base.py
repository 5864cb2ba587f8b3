"""The base every moqdad ModelAdmin shares: Jalali dates in forms and lists, history."""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from moqdad import jalali
from moqdad.permissions import OwnedRowsAdminMixin, OwnedRowsInlineMixin


class JalaliAdminMixin:
    """Dates are typed and shown in Jalali everywhere in the admin."""

    formfield_overrides = {
        models.DateField: {"form_class": jalali.JalaliDateField, "widget": jalali.JalaliDateInput},
        models.URLField: {"assume_scheme": "https"},
    }

    def get_list_display(self, request):
        columns = []
        for name in super().get_list_display(request):
            field = self._date_field(name)
            if field is None:
                columns.append(name)
            elif isinstance(field, models.DateTimeField):
                columns.append(_datetime_column(field))
            else:
                columns.append(_date_column(field))
        return columns

    def _date_field(self, name):
        if not isinstance(name, str):
            return None
        try:
            field = self.model._meta.get_field(name)
        except Exception:
            return None
        return field if isinstance(field, models.DateField) else None


def _date_column(field):
    def column(obj):
        return jalali.format_numeric(getattr(obj, field.name)) or "-"

    column.short_description = field.verbose_name
    column.admin_order_field = field.name
    return column


def _datetime_column(field):
    def column(obj):
        return jalali.format_datetime(getattr(obj, field.name)) or "-"

    column.short_description = field.verbose_name
    column.admin_order_field = field.name
    return column


class MoqdadModelAdmin(OwnedRowsAdminMixin, JalaliAdminMixin, SimpleHistoryAdmin):
    list_per_page = 50
    save_on_top = True
    empty_value_display = "-"


class MoqdadTabularInline(OwnedRowsInlineMixin, JalaliAdminMixin, admin.TabularInline):
    extra = 0
    show_change_link = True


class MoqdadStackedInline(OwnedRowsInlineMixin, JalaliAdminMixin, admin.StackedInline):
    extra = 0
