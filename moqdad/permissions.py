"""Row-level permissions: which rows each account reaches, enforced in one place every admin uses.

A role (moqdad.roles) says what an account may do to a model; the admin's `scope` rule says to
which rows. Each ModelAdmin declares, for each kind of owner, the lookup path from its model to
what that owner owns, or ALL when every owner of that kind reaches every row:

    scope = {"neighborhood": "council__neighborhood"}      # council members
    scope = {"agency": "agency", "neighborhood": "neighborhood", "booth": "pk"}   # booths
    scope = {}                                               # organizer-level data only

Owners: a neighborhood manager owns `user.managed_neighborhoods`, agency staff own
`user.staff_profile.agency`, a booth holder owns the booths of `user.booth_holdings`.
Organizers, reviewers and auditors are not scoped. A scoped role whose kind is missing from the
rule reaches no row; an admin without a rule is closed to everyone but superusers, fails the
system check (moqdad.E001) and the permission-matrix test.

`OwnedRowsAdminMixin` (in every MoqdadModelAdmin) applies the rule to the changelist, change,
delete, history and revert views, exports, autocomplete, foreign-key choices, bulk actions and
imports, hides private fields from roles that do not need them, and keeps published content
under the reviewers' control (see README, "Roles and permissions").
"""

import functools
import operator
from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_permission_codename
from django.core import checks
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from moqdad.publishing import (
    PublicationStatus,
    Publishable,
    publication_publish,
    publication_submit,
    publication_unpublish,
)
from moqdad.roles import OWNER_KIND, PUBLISHERS, ROLE_BY_GROUP_NAME, Role

ALL = "*"

NOT_OWNER_MESSAGE = _("You can only save records that belong to you.")


@dataclass(frozen=True)
class PrivateFields:
    """Fields only `readers` see, and only on rows they reach; nobody else sees or searches them."""

    fields: tuple[str, ...]
    readers: frozenset


@dataclass(frozen=True)
class PrivateRows:
    """Rows (those matching `match`) that only `readers` reach."""

    match: dict
    readers: frozenset


# Who needs which private data (the README's roles table says why).
PRIVATE_FIELDS = {
    "neighborhoods.councilmember": PrivateFields(
        ("phone", "address"), frozenset({Role.ORGANIZER, Role.NEIGHBORHOOD_MANAGER})
    ),
    "neighborhoods.staffprofile": PrivateFields(("phone",), frozenset({Role.ORGANIZER})),
    "exhibition.boothholder": PrivateFields(
        ("phone",), frozenset({Role.ORGANIZER, Role.NEIGHBORHOOD_MANAGER, Role.AGENCY_STAFF})
    ),
    "exhibition.contactrequest": PrivateFields(
        ("name", "phone", "email", "message"),
        frozenset(
            {Role.ORGANIZER, Role.NEIGHBORHOOD_MANAGER, Role.AGENCY_STAFF, Role.BOOTH_HOLDER}
        ),
    ),
    "martyrs.correctionsuggestion": PrivateFields(
        ("name", "contact"), frozenset({Role.ORGANIZER, Role.NEIGHBORHOOD_MANAGER})
    ),
}
PRIVATE_ROWS = {
    "neighborhoods.profileindicator": PrivateRows(
        {"kind": "social_harm"}, frozenset({Role.ORGANIZER, Role.NEIGHBORHOOD_MANAGER})
    ),
}
# Allocation decisions (which booth, where, whose; who manages a neighborhood) are the
# organizers'; other roles see these fields read-only.
ORGANIZER_FIELDS = {
    "neighborhoods.neighborhood": ("slug", "phase", "is_selected", "managers", "is_synthetic"),
    "exhibition.booth": (
        "exhibition",
        "section",
        "code",
        "slug",
        "neighborhood",
        "strata_base",
        "agency",
        "plan_x",
        "plan_y",
        "plan_width",
        "plan_depth",
        "is_synthetic",
    ),  # fmt: skip
    "exhibition.boothholder": ("user", "booth"),
    "exhibition.scheduleitem": ("is_synthetic",),
    "martyrs.martyr": ("is_synthetic",),
}
# Parts of a publishable item shown with it: they are locked while the item is published.
PUBLICATION_PARENT = {
    "neighborhoods.councilmember": "council",
    "neighborhoods.actionplan": "problem",
    "exhibition.boothphoto": "booth",
}


def _label(model) -> str:
    return model._meta.label_lower


# --- who the account is --------------------------------------------------------------------


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


_OWNED = {"neighborhood": _neighborhood_ids, "agency": _agency_ids, "booth": _booth_ids}


class Access:
    """An account's roles, their model permissions and what it owns, read once per request."""

    def __init__(self, user):
        from django.contrib.auth.models import Permission

        self.user = user
        active = bool(user and user.is_authenticated and user.is_active)
        self.is_superuser = active and user.is_superuser
        self.perms: dict[str, set[str]] = {}
        self._owned: dict[str, list] = {}
        if not active or self.is_superuser:
            return
        for name in user.groups.filter(name__in=ROLE_BY_GROUP_NAME).values_list("name", flat=True):
            self.perms[ROLE_BY_GROUP_NAME[name]] = set()
        rows = Permission.objects.filter(
            group__user=user, group__name__in=ROLE_BY_GROUP_NAME
        ).values_list("group__name", "content_type__app_label", "codename")
        for group_name, app_label, codename in rows:
            self.perms[ROLE_BY_GROUP_NAME[group_name]].add(f"{app_label}.{codename}")

    @property
    def roles(self) -> frozenset:
        return frozenset(self.perms)

    def roles_with(self, model, actions) -> list:
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


def user_roles(user) -> frozenset:
    return access_for(user).roles


def can_publish(user) -> bool:
    access = access_for(user)
    return access.is_superuser or bool(access.roles & PUBLISHERS)


# --- which rows ------------------------------------------------------------------------------


def _role_filter(access: Access, role, model, rule: dict) -> Q | None:
    """The rows of `model` that `role` reaches: None for none, an empty Q for all."""
    kind = OWNER_KIND.get(role)
    if kind is None:
        q = Q()
    else:
        path = rule.get(kind)
        if path is None:
            return None
        q = Q() if path == ALL else Q(**{f"{path}__in": access.owned(kind)})
    private = PRIVATE_ROWS.get(_label(model))
    if private and role not in private.readers:
        q &= ~Q(**private.match)
    return q


def rows_filter(user, model, actions, rule) -> Q | None:
    """A filter for the rows of `model` the user may act on: None for none, empty Q for all."""
    access = access_for(user)
    if access.is_superuser:
        return Q()
    if rule is None:
        return None
    parts = []
    for role in access.roles_with(model, actions):
        part = _role_filter(access, role, model, rule)
        if part is None:
            continue
        if not part:
            return Q()
        parts.append(part)
    if not parts:
        return None
    return functools.reduce(operator.or_, parts)


def scope_queryset(user, queryset, actions, rule):
    q = rows_filter(user, queryset.model, actions, rule)
    if q is None:
        return queryset.none()
    return queryset.filter(q) if q else queryset


def _resolve(obj, path: str):
    """The primary key at the end of `path` (a lookup such as "council__neighborhood")."""
    *hops, last = path.split("__")
    try:
        for hop in hops:
            obj = getattr(obj, hop)
            if obj is None:
                return None
    except ObjectDoesNotExist:
        return None
    if last == "pk":
        return obj.pk
    return getattr(obj, obj._meta.get_field(last).attname)


def _role_reaches(access: Access, role, obj, rule: dict) -> bool:
    private = PRIVATE_ROWS.get(_label(type(obj)))
    if private and role not in private.readers:
        if all(getattr(obj, name) == value for name, value in private.match.items()):
            return False
    kind = OWNER_KIND.get(role)
    if kind is None:
        return True
    path = rule.get(kind)
    if path is None:
        return False
    if path == ALL:
        return True
    return _resolve(obj, path) in access.owned(kind)


def object_allowed(user, obj, actions, rule) -> bool:
    """Whether the user may do one of `actions` to `obj`, judged on the object's own values."""
    access = access_for(user)
    if access.is_superuser:
        return True
    if rule is None:
        return False
    return any(
        _role_reaches(access, role, obj, rule) for role in access.roles_with(type(obj), actions)
    )


def rule_for(model) -> dict | None:
    """The scope rule the admin declares for `model` (None when it is not registered)."""
    model_admin = admin.site._registry.get(model)
    return getattr(model_admin, "scope", None)


# --- publishing ------------------------------------------------------------------------------


def is_publishable(model) -> bool:
    return issubclass(model, Publishable)


def publication_locked(obj) -> bool:
    """Whether `obj` is published content, or part of published content."""
    if isinstance(obj, Publishable) and obj.pk and obj.status == PublicationStatus.PUBLISHED:
        return True
    parent_path = PUBLICATION_PARENT.get(_label(type(obj)))
    if parent_path:
        try:
            parent = functools.reduce(getattr, parent_path.split("__"), obj)
        except ObjectDoesNotExist:
            return False
        return parent is not None and parent.status == PublicationStatus.PUBLISHED
    return False


def _exclude_locked(queryset):
    model = queryset.model
    if is_publishable(model):
        queryset = queryset.exclude(status=PublicationStatus.PUBLISHED)
    parent_path = PUBLICATION_PARENT.get(_label(model))
    if parent_path:
        queryset = queryset.exclude(**{f"{parent_path}__status": PublicationStatus.PUBLISHED})
    return queryset


def changeable_queryset(user, queryset, actions, rule):
    """Rows the user may change (or delete): in scope, and not published unless a publisher."""
    queryset = scope_queryset(user, queryset, actions, rule)
    return queryset if can_publish(user) else _exclude_locked(queryset)


# --- imports ---------------------------------------------------------------------------------


def assert_row_allowed(user, obj, *, original=None, action=None) -> None:
    """Refuse an imported row the user may not write, with a Persian message for that row.

    `obj` carries the row's new values; `original` is the row as it was stored (None for a new
    row). A row that targets another owner's record is an error, never an overwrite. No user
    (a management command) means the operator is trusted.
    """
    if user is None:
        return
    rule = rule_for(type(obj))
    action = action or ("add" if original is None else "change")
    if original is not None:
        if not object_allowed(user, original, {action}, rule):
            raise ValidationError(
                _("This row changes a record that belongs to someone else."), code="not_owner"
            )
        if not can_publish(user) and publication_locked(original):
            raise ValidationError(
                _("This row changes a published record; ask a reviewer to unpublish it first."),
                code="published",
            )
    if action != "delete" and not object_allowed(user, obj, {action}, rule):
        raise ValidationError(NOT_OWNER_MESSAGE, code="not_owner")
    if is_publishable(type(obj)) and not can_publish(user):
        before = original.status if original is not None else PublicationStatus.DRAFT
        if obj.status != before and obj.status == PublicationStatus.PUBLISHED:
            raise ValidationError(
                _("Only a reviewer can publish; leave the status as it is."), code="publish"
            )


class OwnedRowsResourceMixin:
    """For django-import-export resources: every imported row passes `assert_row_allowed`."""

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        if not new:
            self._moqdad_original = type(instance)._default_manager.filter(pk=instance.pk).first()
        else:
            self._moqdad_original = None

    def before_save_instance(self, instance, row, **kwargs):
        assert_row_allowed(kwargs.get("user"), instance, original=self._moqdad_original)
        super().before_save_instance(instance, row, **kwargs)

    def before_delete_instance(self, instance, row, **kwargs):
        assert_row_allowed(kwargs.get("user"), instance, original=instance, action="delete")
        super().before_delete_instance(instance, row, **kwargs)


# --- the admin -------------------------------------------------------------------------------


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

    def private_hidden(self, request, obj=None) -> frozenset:
        """Private fields of this model the user may not see (on `obj`, or on any row)."""
        spec = PRIVATE_FIELDS.get(_label(self.model))
        if spec is None:
            return frozenset()
        access = access_for(request.user)
        if access.is_superuser:
            return frozenset()
        roles = access.roles_with(self.model, ("view", "change"))
        if obj is None or obj._meta.model is not self.model:
            visible = bool(roles) and all(role in spec.readers for role in roles)
        else:
            rule = rule_for(self.model) or {}
            visible = any(
                role in spec.readers and _role_reaches(access, role, obj, rule) for role in roles
            )
        return frozenset() if visible else frozenset(spec.fields)

    def get_hidden_fields(self, request, obj=None) -> frozenset:
        return self.private_hidden(request, obj)

    def organizer_fields(self, request) -> tuple:
        access = access_for(request.user)
        if access.is_superuser or Role.ORGANIZER in access.roles:
            return ()
        fields = ORGANIZER_FIELDS.get(_label(self.model), ())
        if is_publishable(self.model) and not can_publish(request.user):
            fields = (*fields, "status")
        return fields

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
        extra = [f for f in self.organizer_fields(request) if f in names and f not in readonly]
        return readonly + extra

    def get_prepopulated_fields(self, request, obj=None):
        readonly = set(self.get_readonly_fields(request, obj))
        return {
            field: sources
            for field, sources in super().get_prepopulated_fields(request, obj).items()
            if field not in readonly
        }

    def get_field_queryset(self, db, db_field, request):
        """Choices of a foreign key or many-to-many field: only rows the user reaches."""
        queryset = super().get_field_queryset(db, db_field, request)
        related_model = db_field.remote_field.model
        related_admin = self.admin_site._registry.get(related_model)
        if access_for(request.user).is_superuser:
            return queryset
        if queryset is None:
            queryset = related_model._default_manager.using(db)
        if related_admin is None:
            return queryset.none()
        return queryset.filter(pk__in=related_admin.get_queryset(request).values("pk"))


class OwnedRowsAdminMixin(_RowRulesBase):
    """Every ModelAdmin's row-level rules (see the module docstring)."""

    scope: dict | None = None

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if is_publishable(model) and self.actions is not None:
            self.actions = [*self.actions, "submit_for_review", "publish", "unpublish"]

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if self.scope is None:
            errors.append(
                checks.Error(
                    f"{type(self).__qualname__} declares no row rule (`scope`).",
                    hint="Say which rows each owner reaches; see moqdad/permissions.py.",
                    obj=type(self),
                    id="moqdad.E001",
                )
            )
        return errors

    # Which rows.

    def get_queryset(self, request):
        return scope_queryset(
            request.user, super().get_queryset(request), ("view", "change"), self.scope
        )

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and not access_for(request.user).is_superuser:
            # Another owner's record and a missing one look the same: not found.
            raise Http404
        return obj

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return (
            scope_queryset(request.user, queryset, ("view", "change"), self.scope),
            may_have_duplicates,
        )

    def _reaches(self, request, actions, obj=None) -> bool:
        if obj is None:
            return rows_filter(request.user, self.model, actions, self.scope) is not None
        return object_allowed(request.user, obj, actions, self.scope)

    def _locked(self, request, obj) -> bool:
        return obj is not None and not can_publish(request.user) and publication_locked(obj)

    def has_view_permission(self, request, obj=None):
        return self._reaches(request, ("view", "change"), obj)

    def has_add_permission(self, request):
        return self._reaches(request, ("add",))

    def has_change_permission(self, request, obj=None):
        return self._reaches(request, ("change",), obj) and not self._locked(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._reaches(request, ("delete",), obj) and not self._locked(request, obj)

    def has_publish_permission(self, request):
        return (
            is_publishable(self.model)
            and can_publish(request.user)
            and self.has_view_permission(request)
        )

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

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
        user, rule = request.user, self.scope

        class OwnedRowsForm(form):
            def _post_clean(self):
                super()._post_clean()
                action = "add" if self.instance._state.adding else "change"
                if not self.errors and not object_allowed(user, self.instance, {action}, rule):
                    self.add_error(None, ValidationError(NOT_OWNER_MESSAGE, code="not_owner"))

        OwnedRowsForm.__name__ = form.__name__
        return OwnedRowsForm

    def save_model(self, request, obj, form, change):
        if is_publishable(self.model) and not can_publish(request.user):
            # Only publishers move content online, whatever the form or a reverted version says.
            stored = type(obj)._default_manager.filter(pk=obj.pk).values_list("status", flat=True)
            obj.status = (stored.first() if obj.pk else None) or PublicationStatus.DRAFT
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
            if "delete" in needed or "change" in needed:
                actions = ("delete",) if "delete" in needed else ("change",)
                queryset = changeable_queryset(request.user, queryset, actions, modeladmin.scope)
            else:
                queryset = scope_queryset(
                    request.user, queryset, ("view", "change"), modeladmin.scope
                )
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

    # History: scoped like the object; private fields left out of the changes shown.

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        object_id = unquote(object_id)
        current = self.get_queryset(request).filter(pk=object_id).first()
        history_model = self.model.history.model
        pk_name = self.model._meta.pk.attname
        version = history_model.objects.filter(
            **{pk_name: object_id, "history_id": version_id}
        ).first()
        if version is None or not self.has_view_permission(request, version.instance):
            raise Http404
        if current is None and self.model._default_manager.filter(pk=object_id).exists():
            raise Http404
        if request.method == "POST":
            allowed = (
                self.has_change_permission(request, current)
                if current is not None
                else self.has_add_permission(request)
            )
            if not allowed:
                raise PermissionDenied
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
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    # Imports: every row passes assert_row_allowed.

    def choose_import_resource_class(self, form, request):
        resource_class = super().choose_import_resource_class(form, request)
        if issubclass(resource_class, OwnedRowsResourceMixin):
            return resource_class
        return type(resource_class.__name__, (OwnedRowsResourceMixin, resource_class), {})


class OwnedRowsInlineMixin(_RowRulesBase):
    """Inlines follow their parent: a role's own model permissions, on a parent it reaches."""

    def _role_allows(self, request, actions) -> bool:
        access = access_for(request.user)
        return access.is_superuser or bool(access.roles_with(self.model, actions))

    def _parent_admin(self):
        return self.admin_site._registry[self.parent_model]

    def has_view_permission(self, request, obj=None):
        return self._role_allows(request, ("view", "change")) and (
            obj is None or self._parent_admin().has_view_permission(request, obj)
        )

    def has_add_permission(self, request, obj=None):
        return self._role_allows(request, ("add",)) and (
            obj is None or self._parent_admin().has_change_permission(request, obj)
        )

    def has_change_permission(self, request, obj=None):
        return self._role_allows(request, ("change",)) and (
            obj is None or self._parent_admin().has_change_permission(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return self._role_allows(request, ("delete",)) and (
            obj is None or self._parent_admin().has_change_permission(request, obj)
        )

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        private = PRIVATE_ROWS.get(_label(self.model))
        if private is None:
            return queryset
        access = access_for(request.user)
        roles = access.roles_with(self.model, ("view", "change"))
        if access.is_superuser or (roles and all(r in private.readers for r in roles)):
            return queryset
        return queryset.exclude(**private.match)
