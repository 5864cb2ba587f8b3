"""The base every moqdad ModelAdmin shares: the rules, Jalali dates in forms and lists, history."""

from django.contrib import admin, messages
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.widgets import AdminTimeWidget, BaseAdminTimeWidget
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from moqdad import jalali
from moqdad.admin_display import (
    JalaliHistoryContextHelper,
    PersianValuesListFilter,
    display_column,
    display_function,
    is_displayable_field,
)
from moqdad.admin_rules import ImportExportRules, RowRulesAdminMixin, RowRulesInlineMixin
from moqdad.persian import display_digits
from moqdad.publishing import Publishable

TIMESTAMP_FIELDS = ("created_at", "updated_at")


class JalaliAdminMixin:
    """Dates are typed and shown in Jalali everywhere in the admin, numbers in Persian digits."""

    formfield_overrides = {
        models.DateField: {"form_class": jalali.JalaliDateField, "widget": jalali.JalaliDateInput},
        models.DateTimeField: {
            "form_class": jalali.JalaliSplitDateTimeField,
            "widget": jalali.JalaliSplitDateTimeWidget(
                time_widget=BaseAdminTimeWidget(format="%H:%M")
            ),
        },
        models.TimeField: {"widget": AdminTimeWidget(format="%H:%M")},
        models.URLField: {"assume_scheme": "https"},
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read-only dates are shown through `<name>_jalali` display functions.
        for field in self.model._meta.concrete_fields:
            if isinstance(field, models.DateField | models.TimeField):
                setattr(self, f"{field.name}_jalali", display_function(field))

    def get_list_display(self, request):
        editable = set(self.list_editable)
        columns = []
        for name in super().get_list_display(request):
            field = self._model_field(name)
            if field is None or name in editable or not is_displayable_field(field):
                columns.append(name)
            else:
                columns.append(display_column(field))
        return columns

    def get_list_filter(self, request):
        filters = []
        for entry in super().get_list_filter(request):
            field = self._filter_field(entry)
            if field is not None and isinstance(field, models.IntegerField) and not field.choices:
                filters.append((entry, PersianValuesListFilter))
            else:
                filters.append(entry)
        return filters

    def get_readonly_fields(self, request, obj=None):
        return [self._jalali_name(name) for name in super().get_readonly_fields(request, obj)]

    def get_fieldsets(self, request, obj=None):
        readonly = set(self.get_readonly_fields(request, obj))

        def shown(name):
            if isinstance(name, list | tuple):
                return type(name)(shown(part) for part in name)
            jalali_name = self._jalali_name(name)
            return jalali_name if jalali_name in readonly else name

        return [
            (title, {**options, "fields": [shown(name) for name in options.get("fields", [])]})
            for title, options in super().get_fieldsets(request, obj)
        ]

    def _jalali_name(self, name):
        field = self._model_field(name)
        if isinstance(field, models.DateField | models.TimeField):
            return f"{name}_jalali"
        return name

    def _filter_field(self, entry):
        """The field a list filter entry names, across relations («neighborhood__district»)."""
        if not isinstance(entry, str):
            return None
        try:
            return get_fields_from_path(self.model, entry)[-1]
        except Exception:
            return None

    def _model_field(self, name):
        if not isinstance(name, str):
            return None
        try:
            return self.model._meta.get_field(name)
        except Exception:
            return None


class MoqdadModelAdmin(RowRulesAdminMixin, JalaliAdminMixin, SimpleHistoryAdmin):
    list_per_page = 50
    save_on_top = True
    empty_value_display = "-"

    def get_readonly_fields(self, request, obj=None):
        names = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            stamps = [name for name in TIMESTAMP_FIELDS if self._model_field(name)]
            names += [f"{name}_jalali" for name in stamps if f"{name}_jalali" not in names]
        return names

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.fieldsets:
            return fieldsets
        shown = {name for _title, options in fieldsets for name in options.get("fields", [])}
        stamps = [
            f"{name}_jalali"
            for name in TIMESTAMP_FIELDS
            if self._model_field(name) and f"{name}_jalali" not in shown
        ]
        if stamps:
            fieldsets = [
                *fieldsets,
                (_("Record dates"), {"fields": stamps, "classes": ["collapse"]}),
            ]
        return fieldsets

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and "selection_note" in context:
            # Persian counts take the singular («انتخاب هر ۱۱۶ محله») and Persian digits.
            context["module_name"] = str(self.opts.verbose_name)
            context["selection_note"] = display_digits(context["selection_note"])
            context["selection_note_all"] = display_digits(context["selection_note_all"])
        return response

    def view_on_site(self, obj):
        """Link to the public page only when there is one a visitor can open."""
        if not hasattr(obj, "get_absolute_url"):
            return None
        if isinstance(obj, Publishable) and not obj.is_published:
            return None
        return obj.get_absolute_url()

    def get_historical_record_context_helper(self, request, historical_record):
        return JalaliHistoryContextHelper(self.model, historical_record)

    def history_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return _("History of %(object)s") % {"object": obj}
        return _("Change history of %(object)s") % {"object": obj}

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return _("View an earlier version of %(object)s") % {"object": obj}
        return _("Revert %(object)s to an earlier version") % {"object": obj}


class MoqdadTabularInline(RowRulesInlineMixin, JalaliAdminMixin, admin.TabularInline):
    extra = 0
    show_change_link = True


class MoqdadImportExportAdmin(ImportExportMixin, MoqdadModelAdmin):
    """CSV and XLSX import (dry-run preview, all or nothing, rows under the rules) and export.

    The resources derive from moqdad.imports.AllOrNothingResource.
    """

    formats = [CSV, XLSX]
    # django-import-export's own hooks come first in the MRO and allow every staff account.
    has_import_permission = ImportExportRules.has_import_permission
    has_export_permission = ImportExportRules.has_export_permission

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs.setdefault("rollback_on_validation_errors", True)
        return kwargs

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The confirm step found a row that is no longer valid: the import rolled back.
            self.message_user(
                request,
                _("Nothing was imported: some rows are not valid any more. Check the file again."),
                messages.ERROR,
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)
