"""The admin's side of the rules: every ModelAdmin and inline asks moqdad.rules, nothing else.

`RowRulesAdminMixin` (in every MoqdadModelAdmin) applies the model's rule to the changelist,
change, delete, history and revert views, exports, imports, autocomplete, foreign-key choices
and bulk actions; hides private fields from roles that do not need them; and keeps published
content, and what is shown with it, under the reviewers' control.
"""

import functools

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core import checks
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from moqdad import rules
from moqdad.access import access_for
from moqdad.persian import display_digits, strip_bidi_controls
from moqdad.publishing import (
    publication_publish,
    publication_submit,
    publication_unpublish,
)


def _strip_bidi_controls(form) -> None:
    """Typed text loses bidi controls before it is validated (the pre_save handler strips them
    too, but after validation: a name that differs from a stored one only by such a control
    would pass the unique check and then fail in the database)."""
    for name, value in list(getattr(form, "cleaned_data", {}).items()):
        if isinstance(value, str):
            form.cleaned_data[name] = strip_bidi_controls(value)


def _with_row_rules(form_class, user, *, only_changed: bool = False):
    """`form_class` whose rows pass the rules' write check (moqdad.rules.check_write) with the
    values typed, bidi controls stripped first: the admin's form and every inline's."""

    class RowRulesForm(form_class):
        def _post_clean(self):
            _strip_bidi_controls(self)
            super()._post_clean()
            if self.errors or (only_changed and not self.has_changed()):
                return
            original = None
            if not self.instance._state.adding:
                manager = type(self.instance)._default_manager
                original = manager.filter(pk=self.instance.pk).first()
            try:
                rules.check_write(user, self.instance, original=original)
            except ValidationError as error:
                self.add_error(None, error)

    RowRulesForm.__name__ = form_class.__name__
    return RowRulesForm


def _filter_fieldsets(fieldsets, hidden):
    result = []
    for name, options in fieldsets:
        fields = []
        for field in options.get("fields", ()):
            if isinstance(field, (list, tuple)):
                kept = [f for f in field if f not in hidden]
                if kept:
                    fields.append(tuple(kept))
            elif field not in hidden:
                fields.append(field)
        if fields:
            result.append((name, {**options, "fields": fields}))
    return result


class _RowRulesBase:
    """What ModelAdmins and inlines share: hidden private fields and limited choices."""

    # Prepopulated fields, offered only while the target field is editable for the user
    # (a read-only target has no form field to fill).
    prepopulated_from: dict = {}

    def get_hidden_fields(self, request, obj=None) -> frozenset:
        return rules.hidden_fields(request.user, self.model, obj)

    def get_fields(self, request, obj=None):
        hidden = self.get_hidden_fields(request, obj)
        return [f for f in super().get_fields(request, obj) if f not in hidden]

    def get_fieldsets(self, request, obj=None):
        return _filter_fieldsets(
            super().get_fieldsets(request, obj), self.get_hidden_fields(request, obj)
        )

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or ())
        return exclude + sorted(self.get_hidden_fields(request, obj))

    def get_readonly_fields(self, request, obj=None):
        hidden = self.get_hidden_fields(request, obj)
        readonly = [f for f in super().get_readonly_fields(request, obj) if f not in hidden]
        names = {f.name for f in self.model._meta.get_fields()}
        extra = [
            f
            for f in rules.organizer_only_fields(request.user, self.model)
            if f in names and f not in readonly
        ]
        return readonly + extra

    def get_prepopulated_fields(self, request, obj=None):
        readonly = set(self.get_readonly_fields(request, obj))
        return {
            field: sources
            for field, sources in {
                **super().get_prepopulated_fields(request, obj),
                **self.prepopulated_from,
            }.items()
            if field not in readonly
        }

    def get_field_queryset(self, db, db_field, request):
        """Choices of a foreign key or many-to-many field: only rows the user may open."""
        queryset = super().get_field_queryset(db, db_field, request)
        related_model = db_field.remote_field.model
        if access_for(request.user).is_superuser:
            return queryset
        if queryset is None:
            queryset = related_model._default_manager.using(db)
        rule = rules.rule_for(self.model)
        if rule is not None and rule.open_choices.get(db_field.name) == rules.ALL:
            return queryset
        return rules.rows_for(request.user, queryset, "view")

    def get_autocomplete_fields(self, request):
        """Autocomplete only where the user may open the related model (else a plain list)."""
        opts = self.model._meta
        return [
            name
            for name in super().get_autocomplete_fields(request)
            if rules.user_can(request.user, "view", opts.get_field(name).remote_field.model)
        ]


class ImportExportRules:
    """Who may import and export: before django-import-export's own hooks, which allow anyone."""

    def has_export_permission(self, request):
        return rules.user_can(request.user, "export", self.model)

    def has_import_permission(self, request):
        return rules.user_can(request.user, "import", self.model)


class HistoryChangeHelper(HistoricalRecordContextHelper):
    """A relation in the history reads as the admin reads it: an empty one as «—», not as
    "Deleted phase (pk=None)"; a deleted row by its kind and number, in the page's digits."""

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, DeletedObject):
            if value.pk is None:
                return admin.site.empty_value_display
            deleted = _("Deleted %(type_name)s") % {"type_name": value.model._meta.verbose_name}
            return f"{deleted} ({display_digits(value.pk)})"
        return super().prepare_delta_change_value(change, value)


class RowRulesAdminMixin(ImportExportRules, _RowRulesBase):
    """Every ModelAdmin's row rules (see the module docstring)."""

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if rules.is_publishable(model) and self.actions is not None:
            self.actions = [*self.actions, "submit_for_review", "publish", "unpublish"]

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if rules.rule_for(self.model) is None:
            errors.append(
                checks.Error(
                    f"{self.model._meta.label_lower} has no rule.",
                    hint="Register one in the app's rules.py; see moqdad/rules.py.",
                    obj=type(self),
                    id="moqdad.E001",
                )
            )
        for name in ("has_import_permission", "has_export_permission"):
            method = getattr(type(self), name, None)
            if method is not None and method is not getattr(ImportExportRules, name):
                errors.append(
                    checks.Error(
                        f"{type(self).__qualname__}.{name} does not follow the rules.",
                        hint="Derive from moqdad.admin_base.MoqdadImportExportAdmin.",
                        obj=type(self),
                        id="moqdad.E002",
                    )
                )
        return errors

    # Which rows.

    def get_queryset(self, request):
        return rules.rows_for(request.user, super().get_queryset(request), "view")

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and not access_for(request.user).is_superuser:
            # Another owner's record and a missing one look the same: not found.
            raise Http404
        return obj

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name, pk in rules.owned_defaults(request.user, self.model).items():
            initial.setdefault(name, pk)
        return initial

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return rules.rows_for(request.user, queryset, "view"), may_have_duplicates

    def _can(self, request, action, obj=None) -> bool:
        return rules.user_can(request.user, action, self.model if obj is None else obj)

    def has_view_permission(self, request, obj=None):
        return self._can(request, "view", obj)

    def has_add_permission(self, request):
        return self._can(request, "add")

    def has_change_permission(self, request, obj=None):
        return self._can(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self._can(request, "delete", obj)

    def has_publish_permission(self, request):
        return self._can(request, "publish")

    # What the user sees of a row.

    def get_list_display(self, request):
        hidden = self.get_hidden_fields(request)
        return [f for f in super().get_list_display(request) if f not in hidden]

    def get_list_filter(self, request):
        hidden = self.get_hidden_fields(request)
        return [f for f in super().get_list_filter(request) if f not in hidden]

    def get_search_fields(self, request):
        hidden = self.get_hidden_fields(request)
        return [f for f in super().get_search_fields(request) if f.lstrip("^=@") not in hidden]

    def lookup_allowed(self, lookup, value, request=None):
        if request is not None and set(lookup.split("__")) & self.get_hidden_fields(request):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return _with_row_rules(form, request.user)

    def save_model(self, request, obj, form, change):
        if getattr(request, "_moqdad_revert", False):
            # A revert writes only what the user may change now: every field outside the
            # form (read-only, private, organizer-only) keeps its stored value.
            stored = type(obj)._default_manager.get(pk=obj.pk)
            for field in type(obj)._meta.concrete_fields:
                if field.name not in form.fields and not field.primary_key:
                    setattr(obj, field.attname, getattr(stored, field.attname))
        # The status is read-only for non-publishers (rules.organizer_only_fields) and the form
        # refuses a publishing write (rules.check_write): only publishers move content online.
        super().save_model(request, obj, form, change)

    # Bulk actions act only on rows the user may change.

    def get_action(self, action):
        found = super().get_action(action)
        if found is None:
            return None
        func, name, description = found
        needed = tuple(getattr(func, "allowed_permissions", None) or ("change",))

        @functools.wraps(func)
        def scoped_action(modeladmin, request, queryset):
            if "delete" in needed:
                queryset = rules.rows_for(request.user, queryset, "delete")
            elif "change" in needed:
                queryset = rules.rows_for(request.user, queryset, "change")
            else:
                queryset = rules.rows_for(request.user, queryset, "view")
            if not queryset.exists():
                modeladmin.message_user(
                    request,
                    _("None of the selected items can be changed by you."),
                    messages.WARNING,
                )
                return None
            return func(modeladmin, request, queryset)

        scoped_action.allowed_permissions = needed
        return scoped_action, name, description

    @admin.action(description=_("Submit selected items for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._transition(request, queryset, publication_submit)

    @admin.action(description=_("Publish selected items"), permissions=["publish"])
    def publish(self, request, queryset):
        self._transition(request, queryset, publication_publish)

    @admin.action(description=_("Unpublish selected items"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._transition(request, queryset, publication_unpublish)

    def _transition(self, request, queryset, service):
        done = 0
        for obj in queryset:
            try:
                service(obj=obj, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)s item changed.", "%(count)s items changed.", done)
                % {"count": done},
                messages.SUCCESS,
            )

    # History: scoped like the object; private fields left out of the changes shown; a revert
    # is an edit (same rules, same review) that writes only the fields the user may change.

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and not self._can(request, "history", obj):
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        object_id = unquote(object_id)
        if not str(version_id).isdigit():
            raise Http404
        current = self.get_queryset(request).filter(pk=object_id).first()
        history_model = self.model.history.model
        pk_name = self.model._meta.pk.attname
        version = history_model.objects.filter(
            **{pk_name: object_id, "history_id": version_id}
        ).first()
        if version is None or not self._can(request, "history", version.instance):
            raise Http404
        if current is None and self.model._default_manager.filter(pk=object_id).exists():
            raise Http404
        if request.method == "POST":
            allowed = (
                self._can(request, "revert", current)
                if current is not None
                else self.has_add_permission(request)
            )
            if not allowed:
                raise PermissionDenied
            request._moqdad_revert = current is not None
        return super().history_form_view(request, object_id, version_id, extra_context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        hidden = self.get_hidden_fields(request)
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current,
                    excluded_fields=sorted(hidden),
                    foreign_keys_are_objs=foreign_keys_are_objs,
                )
                helper = HistoryChangeHelper(self.model, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current


class RowRulesInlineMixin(_RowRulesBase):
    """Inlines follow their parent: a role's own permissions, on rows and a parent it reaches."""

    def _parent_admin(self):
        return self.admin_site._registry[self.parent_model]

    def _can(self, request, action) -> bool:
        return rules.user_can(request.user, action, self.model)

    def has_view_permission(self, request, obj=None):
        return self._can(request, "view") and (
            obj is None or self._parent_admin().has_view_permission(request, obj)
        )

    def has_add_permission(self, request, obj=None):
        return self._can(request, "add") and (
            obj is None or self._parent_admin().has_change_permission(request, obj)
        )

    def has_change_permission(self, request, obj=None):
        return self._can(request, "change") and (
            obj is None or self._parent_admin().has_change_permission(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return self._can(request, "delete") and (
            obj is None or self._parent_admin().has_change_permission(request, obj)
        )

    def get_queryset(self, request):
        return rules.rows_for(request.user, super().get_queryset(request), "view")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Rows left as they were (the inline's untouched rows) are not written, so not checked.
        formset.form = _with_row_rules(formset.form, request.user, only_changed=True)
        return formset
