"""Every admin URL, for every role: no page and no bulk action answers with a server error.

For each registered model the crawl opens the changelist, the add page, the change, history,
delete pages of an own row and of a foreign row, a history version of each (and a version id
that is not a number), the import and export pages where the admin has them, and POSTs every
bulk action the role is offered with an empty selection and with a foreign row selected.
Refusals (403, 404, a redirect to the login) are fine; a 5xx is a bug.
"""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse

from moqdad.roles import Role

SUPERUSER = "superuser"
ROLES = [
    Role.ORGANIZER,
    Role.AGENCY_STAFF,
    Role.NEIGHBORHOOD_MANAGER,
    Role.BOOTH_HOLDER,
    Role.REVIEWER,
    Role.AUDITOR,
    Role.DOOR_STAFF,  # guests (#15)
    SUPERUSER,
]


def _records(world, label):
    if label in world.shared:
        return world.shared[label], world.shared[label]
    return world.a[label], world.b[label]


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _version_ids(model, pk):
    history = getattr(model, "history", None)
    if history is None:
        return []
    latest = history.filter(**{model._meta.pk.attname: pk}).order_by("-history_id").first()
    return [latest.history_id, "abc"] if latest is not None else ["abc"]


def _page_urls(model, own, foreign):
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    urls = [
        _url(f"{prefix}_changelist"),
        _url(f"{prefix}_add"),
        _url(f"{prefix}_import"),
        _url(f"{prefix}_export"),
    ]
    for row in {own.pk: own, foreign.pk: foreign}.values():
        urls += [
            _url(f"{prefix}_change", row.pk),
            _url(f"{prefix}_history", row.pk),
            _url(f"{prefix}_delete", row.pk),
        ]
        urls += [_url(f"{prefix}_simple_history", row.pk, v) for v in _version_ids(model, row.pk)]
    return [url for url in urls if url]


def _action_names(model_admin, user, rf_user):
    return [name for name in model_admin.get_actions(rf_user(user)) if name != "delete_selected"]


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_url_gives_a_server_error(role, world, rf_user, superuser):
    user = superuser if role == SUPERUSER else world.accounts[role]
    client = Client(raise_request_exception=False)
    client.force_login(user)
    errors = []

    def visit(method, url, data=None):
        response = getattr(client, method)(url, data)
        if response.status_code >= 500:
            errors.append(f"{method.upper()} {url} {data or ''} -> {response.status_code}")

    for model, model_admin in admin.site._registry.items():
        own, foreign = _records(world, model._meta.label_lower)
        for url in _page_urls(model, own, foreign):
            visit("get", url)
        changelist = _url(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for name in [*_action_names(model_admin, user, rf_user), "delete_selected"]:
            visit("post", changelist, {"action": name, "_selected_action": []})
            visit("post", changelist, {"action": name, "_selected_action": [foreign.pk]})

    assert errors == []
