"""The one check of who may do what to which row, for every view of the product.

Each app declares the rules of its own models in `<app>/rules.py` (loaded by its AppConfig):

    rules.register("neighborhoods.councilmember", Rule(
        scope={"neighborhood": "council__neighborhood"},
        permissions={Role.NEIGHBORHOOD_MANAGER: "vacd", Role.REVIEWER: "v"},
        private_fields=PrivateFields(("phone", "address"), {Role.ORGANIZER, ...}),
        publication_parent="council",
    ))

`scope` says, for each kind of owner (moqdad.roles.OWNER_KIND), the lookup path from the model
to what that owner owns, or ALL when every owner of that kind reaches every row; a scoped role
whose kind is missing reaches no row. `permissions` is what each role may do to the model
(v view, a add, c change, d delete); content models give organizers "vacd" and auditors "v"
unless they say otherwise.

Then one function answers every question, in the admin, imports, exports, print documents,
history and any future view:

    user_can(user, "change", obj)          # one row
    user_can(user, "add", Model)           # the model in general
    rows_for(user, queryset, "view")       # the rows of a list

Actions: view, print, export, history (what the user reads); add, change, delete, revert (what
the user writes: also refused on published content, or content under a published parent, unless
the user is a publisher); import (add and change); publish. `moqdad` knows no app's models: the
apps register their rules, and this module reads them.
"""

import functools
import operator
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from moqdad.access import access_for, can_publish
from moqdad.publishing import PublicationStatus, Publishable
from moqdad.roles import OWNER_KIND, Role

ALL = "*"

READ_ACTIONS = frozenset({"view", "print", "export", "history"})
WRITE_ACTIONS = {"add": "add", "change": "change", "revert": "change", "delete": "delete"}
CONTENT_DEFAULTS = {Role.ORGANIZER: "vacd", Role.AUDITOR: "v"}

NOT_OWNER_MESSAGE = _("You can only save records that belong to you.")
PUBLISHED_MESSAGE = _(
    "This belongs to published content; ask a reviewer to unpublish it first, or to make the "
    "change."
)


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


@dataclass(frozen=True)
class Rule:
    scope: dict
    permissions: dict = field(default_factory=dict)
    content: bool = True
    private_fields: PrivateFields | None = None
    private_rows: PrivateRows | None = None
    # Allocation decisions only organizers make; other roles see these fields read-only.
    organizer_fields: tuple[str, ...] = ()
    # The publishable item this row is shown with (a lookup path): locked while it is published.
    publication_parent: str | None = None
    # Foreign keys whose choices are not limited to the rows the user may open (field: ALL).
    open_choices: dict = field(default_factory=dict)

    def letters(self, role) -> str:
        if role in self.permissions:
            return self.permissions[role]
        return CONTENT_DEFAULTS.get(role, "") if self.content else ""


_RULES: dict[str, Rule] = {}


def register(label: str, rule: Rule) -> None:
    _RULES[label.lower()] = rule


def rule_for(model) -> Rule | None:
    return _RULES.get(model._meta.label_lower)


def rule_for_label(label: str) -> Rule | None:
    return _RULES.get(label.lower())


def registered_labels() -> list[str]:
    return sorted(_RULES)


# --- which rows ------------------------------------------------------------------------------


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


def _role_filter(access, role, rule: Rule) -> Q | None:
    """The rows `role` reaches: None for none, an empty Q for all."""
    kind = OWNER_KIND.get(role)
    if kind is None:
        q = Q()
    else:
        path = rule.scope.get(kind)
        if path is None:
            return None
        q = Q() if path == ALL else Q(**{f"{path}__in": access.owned(kind)})
    if rule.private_rows and role not in rule.private_rows.readers:
        q &= ~Q(**rule.private_rows.match)
    return q


def _role_reaches(access, role, obj, rule: Rule) -> bool:
    private = rule.private_rows
    if private and role not in private.readers:
        if all(getattr(obj, name) == value for name, value in private.match.items()):
            return False
    kind = OWNER_KIND.get(role)
    if kind is None:
        return True
    path = rule.scope.get(kind)
    if path is None:
        return False
    return path == ALL or _resolve(obj, path) in access.owned(kind)


def _permission_actions(action: str) -> tuple[str, ...]:
    if action in READ_ACTIONS or action == "publish":
        return ("view", "change")
    if action in WRITE_ACTIONS:
        return (WRITE_ACTIONS[action],)
    raise ValueError(f"unknown action {action!r}")


def rows_filter(user, model, action: str = "view") -> Q | None:
    """A filter for the rows of `model` the user may `action`: None for none, empty Q for all."""
    access = access_for(user)
    if access.is_superuser:
        return Q()
    rule = rule_for(model)
    if rule is None:
        return None
    parts = []
    for role in access.roles_with(model, _permission_actions(action)):
        part = _role_filter(access, role, rule)
        if part is None:
            continue
        if not part:
            return Q()
        parts.append(part)
    if not parts:
        return None
    return functools.reduce(operator.or_, parts)


def rows_for(user, queryset, action: str = "view"):
    """The rows of `queryset` the user may `action` (written ones also not publication-locked)."""
    q = rows_filter(user, queryset.model, action)
    if q is None:
        return queryset.none()
    queryset = queryset.filter(q) if q else queryset
    if action in WRITE_ACTIONS and not can_publish(user):
        queryset = _exclude_locked(queryset)
    return queryset


# --- publication -----------------------------------------------------------------------------


def is_publishable(model) -> bool:
    return issubclass(model, Publishable)


def _parent(obj):
    rule = rule_for(type(obj))
    if rule is None or not rule.publication_parent:
        return None
    try:
        return functools.reduce(getattr, rule.publication_parent.split("__"), obj)
    except (ObjectDoesNotExist, AttributeError):
        return None


def publication_locked(obj) -> bool:
    """Whether `obj` (as its values are now) is published content or part of published content."""
    if isinstance(obj, Publishable) and obj.pk and obj.status == PublicationStatus.PUBLISHED:
        return True
    parent = _parent(obj)
    return parent is not None and parent.status == PublicationStatus.PUBLISHED


def locked_by_publication(user, obj) -> bool:
    """Whether publication alone keeps the user from changing `obj`, which they otherwise could."""
    access = access_for(user)
    rule = rule_for(type(obj))
    if access.can_publish or rule is None or not publication_locked(obj):
        return False
    roles = access.roles_with(type(obj), ("change",))
    return any(_role_reaches(access, role, obj, rule) for role in roles)


def _exclude_locked(queryset):
    model = queryset.model
    if is_publishable(model):
        queryset = queryset.exclude(status=PublicationStatus.PUBLISHED)
    rule = rule_for(model)
    if rule is not None and rule.publication_parent:
        queryset = queryset.exclude(
            **{f"{rule.publication_parent}__status": PublicationStatus.PUBLISHED}
        )
    return queryset


# --- the check -------------------------------------------------------------------------------


def user_can(user, action: str, target) -> bool:
    """Whether `user` may `action` the row `target` (or, given a model class, any of its rows)."""
    model = target if isinstance(target, type) else type(target)
    obj = None if isinstance(target, type) else target
    access = access_for(user)
    if action == "import":
        return user_can(user, "add", model) and user_can(user, "change", model)
    if action == "publish":
        return is_publishable(model) and access.can_publish and user_can(user, "view", target)
    if access.is_superuser:
        return True
    rule = rule_for(model)
    if rule is None:
        return False
    if obj is None:
        return rows_filter(user, model, action) is not None
    roles = access.roles_with(model, _permission_actions(action))
    if not any(_role_reaches(access, role, obj, rule) for role in roles):
        return False
    return not (action in WRITE_ACTIONS and not access.can_publish and publication_locked(obj))


def get_or_refuse(user, action: str, queryset, **lookup):
    """The row of `queryset` matching `lookup` that the user may `action`, for a view.

    As in the admin: no permission on the model at all is 403; a row that is missing, a draft
    out of reach or another owner's is 404 (they look the same).
    """
    if not user_can(user, action, queryset.model):
        raise PermissionDenied
    obj = rows_for(user, queryset, action).filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def refuse_unless(user, action: str, obj) -> None:
    """403 unless the user may `action` the model at all, 404 unless this row."""
    if not user_can(user, action, type(obj)):
        raise PermissionDenied
    if not user_can(user, action, obj):
        raise Http404


def check_write(user, obj, *, original=None, action: str | None = None) -> None:
    """Refuse a write the user may not make, with a Persian message (admin forms, imports).

    `obj` carries the row's new values; `original` is the row as stored (None for a new row).
    Both must be the user's and outside published content; only a publisher publishes. No user
    (a management command) means the operator is trusted.
    """
    if user is None:
        return
    action = action or ("add" if original is None else "change")
    if original is not None and not user_can(user, "view", original):
        raise ValidationError(
            _("This row changes a record that belongs to someone else."), code="not_owner"
        )
    for row in (original, obj if action != "delete" else None):
        if row is None:
            continue
        if not access_for(user).can_publish and publication_locked(row):
            raise ValidationError(PUBLISHED_MESSAGE, code="published")
        if not user_can(user, action, row):
            raise ValidationError(NOT_OWNER_MESSAGE, code="not_owner")
    if is_publishable(type(obj)) and not can_publish(user):
        before = original.status if original is not None else PublicationStatus.DRAFT
        if obj.status != before and obj.status == PublicationStatus.PUBLISHED:
            raise ValidationError(
                _("Only a reviewer can publish; leave the status as it is."), code="publish"
            )


def owned_defaults(user, model) -> dict:
    """Owner fields a new row of `model` starts with: {field: pk} for each owner field of the
    user's scoped roles whose owner is exactly one row (a manager's only neighborhood, a staff
    member's agency)."""
    access = access_for(user)
    rule = rule_for(model)
    if access.is_superuser or rule is None:
        return {}
    defaults = {}
    for role in access.roles_with(model, ("add",)):
        kind = OWNER_KIND.get(role)
        path = rule.scope.get(kind) if kind else None
        if path in (None, ALL, "pk") or "__" in path:
            continue
        owned = access.owned(kind)
        if len(owned) == 1:
            defaults[path] = owned[0]
    return defaults


# --- what the user sees of a row -------------------------------------------------------------


def hidden_fields(user, model, obj=None) -> frozenset:
    """Private fields of `model` the user may not see (on `obj`, or on any row)."""
    rule = rule_for(model)
    spec = rule.private_fields if rule else None
    if spec is None:
        return frozenset()
    access = access_for(user)
    if access.is_superuser:
        return frozenset()
    roles = access.roles_with(model, ("view", "change"))
    if obj is None or obj._meta.model is not model:
        visible = bool(roles) and all(role in spec.readers for role in roles)
    else:
        visible = any(
            role in spec.readers and _role_reaches(access, role, obj, rule) for role in roles
        )
    return frozenset() if visible else frozenset(spec.fields)


def organizer_only_fields(user, model) -> tuple[str, ...]:
    """Fields the user sees read-only: organizers' allocation decisions, and the status."""
    access = access_for(user)
    if access.is_superuser or Role.ORGANIZER in access.roles:
        return ()
    rule = rule_for(model)
    fields = rule.organizer_fields if rule else ()
    if is_publishable(model) and not access.can_publish:
        fields = (*fields, "status")
    return fields


def private_rows_excluded(user, queryset):
    """`queryset` without the private rows the user's roles may not read."""
    rule = rule_for(queryset.model)
    private = rule.private_rows if rule else None
    if private is None:
        return queryset
    access = access_for(user)
    roles = access.roles_with(queryset.model, ("view", "change"))
    if access.is_superuser or (roles and all(r in private.readers for r in roles)):
        return queryset
    return queryset.exclude(**private.match)
