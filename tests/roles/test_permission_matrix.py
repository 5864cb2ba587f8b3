"""Every registered ModelAdmin × every role × view/add/change/delete/history/export.

EXPECTED is the one table of outcomes. Letters: v view, a add, c change, d delete, h history;
lowercase means "only the role's own rows" (owner A's record yes, owner B's no), uppercase means
"every row". Export follows view: an exporting admin exports exactly the rows the role views.
A registered model missing from this table, or without a rule (`<app>/rules.py`), fails.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from moqdad import rules
from moqdad.roles import Role

ORG, STAFF, MGR, HOLDER, REV, AUD, DOOR = (
    Role.ORGANIZER,
    Role.AGENCY_STAFF,
    Role.NEIGHBORHOOD_MANAGER,
    Role.BOOTH_HOLDER,
    Role.REVIEWER,
    Role.AUDITOR,
    Role.DOOR_STAFF,
)
ROLES = [ORG, STAFF, MGR, HOLDER, REV, AUD, DOOR]

EXPECTED = {
    "neighborhoods.agency": {ORG: "VACDH", STAFF: "vh", REV: "VH", AUD: "VH"},
    "neighborhoods.programmephase": {ORG: "VACDH", REV: "VH", AUD: "VH"},
    "neighborhoods.neighborhood": {ORG: "VACDH", MGR: "vch", REV: "VH", AUD: "VH"},
    "neighborhoods.council": {ORG: "VACDH", MGR: "vach", REV: "VH", AUD: "VH"},
    "neighborhoods.councilmember": {ORG: "VACDH", MGR: "vacdh", REV: "VH", AUD: "VH"},
    "neighborhoods.problem": {ORG: "VACDH", MGR: "vacdh", REV: "VH", AUD: "VH"},
    "neighborhoods.actionplan": {ORG: "VACDH", MGR: "vacdh", REV: "VH", AUD: "VH"},
    "neighborhoods.initiative": {ORG: "VACDH", MGR: "vacdh", REV: "VH", AUD: "VH"},
    "neighborhoods.identityelement": {ORG: "VACDH", MGR: "vacdh", REV: "VH", AUD: "VH"},
    "neighborhoods.profileindicator": {ORG: "VACDH", MGR: "vacdh", REV: "VH", AUD: "VH"},
    "neighborhoods.vulnerabilityflag": {ORG: "VACDH", STAFF: "vacdh"},
    "neighborhoods.staffprofile": {ORG: "VACDH", AUD: "VH"},
    "martyrs.martyr": {ORG: "VACDH", MGR: "vach", REV: "VH", AUD: "VH"},
    "martyrs.veterantally": {ORG: "VACDH", MGR: "vacdh", REV: "VH", AUD: "VH"},
    "martyrs.correctionsuggestion": {ORG: "VACDH", MGR: "vch", AUD: "VH"},
    "exhibition.exhibition": {ORG: "VACDH", STAFF: "VH", REV: "VH", AUD: "VH"},
    "exhibition.section": {ORG: "VACDH", STAFF: "VH", REV: "VH", AUD: "VH"},
    "exhibition.stratabase": {ORG: "VACDH", STAFF: "VH", REV: "VH", AUD: "VH"},
    "exhibition.booth": {
        ORG: "VACDH",
        STAFF: "vch",
        MGR: "vch",
        HOLDER: "vh",
        REV: "VH",
        AUD: "VH",
    },
    "exhibition.boothholder": {ORG: "VACDH", STAFF: "vacdh", MGR: "vacdh", AUD: "VH"},
    "exhibition.scheduleitem": {ORG: "VACDH", STAFF: "vacdh", REV: "VH", AUD: "VH"},
    "exhibition.contactrequest": {ORG: "VCDH", STAFF: "vch", MGR: "vch", HOLDER: "vch", AUD: "VH"},
    # followup (#16)
    "followup.commitment": {
        ORG: "VACDH",
        STAFF: "vach",
        MGR: "vach",
        HOLDER: "vh",
        AUD: "VH",
    },
    "followup.milestone": {ORG: "VACDH", STAFF: "vacdh", MGR: "vacdh", HOLDER: "vh", AUD: "VH"},
    "followup.attendancecount": {ORG: "VACDH", AUD: "VH"},
    "auth.user": {ORG: "VACH", AUD: "VH"},
    "auth.group": {ORG: "VH", AUD: "VH"},
    "axes.accessattempt": {ORG: "VDH", AUD: "VH"},
    "axes.accesslog": {ORG: "VH", AUD: "VH"},
    "axes.accessfailurelog": {ORG: "VH", AUD: "VH"},
    "moqdad.delivery": {ORG: "VH", AUD: "VH"},
    # guests (#15): the guest list is the organizers' and the inviting agency's; door staff
    # check in at the door page only (no admin); check-ins and scans are never added or
    # changed in the admin (an organizer's delete of a check-in is an undo).
    "guests.guest": {ORG: "VACDH", STAFF: "vacdh"},
    "guests.invitation": {ORG: "VACDH", STAFF: "vacdh"},
    "guests.visitslot": {ORG: "VACDH", STAFF: "VH"},
    "guests.officialvisit": {ORG: "VACDH", STAFF: "vh"},
    "guests.visitstop": {ORG: "VACDH", STAFF: "vh", MGR: "vh", HOLDER: "vh"},
    "guests.checkin": {ORG: "VDH", STAFF: "vh"},
    "guests.scan": {ORG: "VH"},
}

REGISTERED = sorted(model._meta.label_lower for model in admin.site._registry)


def test_permission_matrix_covers_every_registered_admin():
    undeclared = [
        label
        for model, model_admin in admin.site._registry.items()
        if (label := model._meta.label_lower) not in EXPECTED or rules.rule_for(model) is None
    ]

    assert undeclared == []
    assert sorted(EXPECTED) == REGISTERED


def _records(world, label):
    """Owner A's record and owner B's record (the same one for data nobody owns)."""
    if label in world.shared:
        return world.shared[label], world.shared[label]
    return world.a[label], world.b[label]


def _allowed(letters: str, letter: str, own: bool) -> bool:
    return letter.upper() in letters or (own and letter in letters)


def _status_ok(response) -> bool:
    return response.status_code == 200


def _status_refused(response) -> bool:
    return response.status_code in (403, 404)


@pytest.mark.parametrize("label", REGISTERED)
def test_permission_matrix(label, world, client, rf_user):
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    model_admin = admin.site._registry[model]
    info = (model._meta.app_label, model._meta.model_name)
    outcomes = []
    for role in ROLES:
        letters = EXPECTED[label].get(role, "")
        user = world.accounts[role]
        client.force_login(user)
        request = rf_user(user)
        visible = set(model_admin.get_queryset(request).values_list("pk", flat=True))
        exportable = (
            set(model_admin.get_export_queryset(rf_user(user)).values_list("pk", flat=True))
            if hasattr(model_admin, "get_export_queryset")
            else None
        )
        got_add = model_admin.has_add_permission(request)
        outcomes.append((role, "a", got_add, _allowed(letters, "a", own=True)))
        for own, obj in zip((True, False), _records(world, label), strict=True):
            change_url = reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
            history_url = reverse("admin:{}_{}_history".format(*info), args=[obj.pk])
            view = client.get(change_url)
            history = client.get(history_url)
            expected_view = _allowed(letters, "v", own)
            got = {
                "v": _status_ok(view) if expected_view else not _status_refused(view),
                "list": obj.pk in visible,
                "c": model_admin.has_change_permission(request, obj),
                "d": model_admin.has_delete_permission(request, obj),
                "h": _status_ok(history)
                if _allowed(letters, "h", own)
                else not _status_refused(history),
            }
            want = {
                "v": expected_view,
                "list": expected_view,
                "c": _allowed(letters, "c", own),
                "d": _allowed(letters, "d", own),
                "h": _allowed(letters, "h", own),
            }
            if exportable is not None:
                got["e"] = obj.pk in exportable
                want["e"] = expected_view
            for key in want:
                outcomes.append(
                    (role, f"{key}{'' if own else ' (other owner)'}", got[key], want[key])
                )
    wrong = [(role, what, got) for role, what, got, want in outcomes if got != want]

    assert wrong == []


# Rows shown with a publishable parent: under a published parent, adding, changing, deleting,
# moving in and restoring are a publisher's (organizer's) acts only, whatever the role's letters.
CHILDREN = {"neighborhoods.councilmember": "council", "neighborhoods.actionplan": "problem"}


@pytest.mark.parametrize("label", sorted(CHILDREN))
@pytest.mark.parametrize("action", ["add", "change", "delete", "revert"])
def test_matrix_rows_under_published_content_need_a_publisher(label, action, world):
    from moqdad.publishing import PublicationStatus

    child = world.a[label]
    parent = getattr(child, CHILDREN[label])
    parent.status = PublicationStatus.PUBLISHED
    parent.save()
    model = type(child)
    target = model(**{CHILDREN[label]: parent}) if action == "add" else child
    letter = {"add": "a", "change": "c", "delete": "d", "revert": "c"}[action]

    got = {role: rules.user_can(world.accounts[role], action, target) for role in ROLES}

    want = {
        role: role == ORG and _allowed(EXPECTED[label].get(role, ""), letter, True)
        for role in ROLES
    }
    assert got == want


@pytest.mark.parametrize("label", sorted(CHILDREN))
def test_matrix_moving_a_row_under_published_content_needs_a_publisher(label, world):
    from moqdad.publishing import PublicationStatus

    child = world.a[label]
    published_parent = getattr(world.b[label], CHILDREN[label])
    published_parent.status = PublicationStatus.PUBLISHED
    published_parent.save()
    stored = type(child).objects.get(pk=child.pk)
    setattr(child, CHILDREN[label], published_parent)

    refused = {}
    for role in ROLES:
        try:
            rules.check_write(world.accounts[role], child, original=stored)
        except rules.ValidationError:
            refused[role] = True
        else:
            refused[role] = False

    assert refused == {role: role != ORG for role in ROLES}


IMPORTING = sorted(
    model._meta.label_lower
    for model, model_admin in admin.site._registry.items()
    if hasattr(model_admin, "import_action")
)


@pytest.mark.parametrize("label", IMPORTING)
def test_matrix_import_and_export_pages_follow_add_change_and_view(label, world, client):
    app_label, model_name = label.split(".")
    got, want = {}, {}
    for role in ROLES:
        letters = EXPECTED[label].get(role, "")
        client.force_login(world.accounts[role])
        got[role] = (
            client.get(reverse(f"admin:{app_label}_{model_name}_import")).status_code,
            client.get(reverse(f"admin:{app_label}_{model_name}_export")).status_code,
        )
        may_import = "a" in letters.lower() and "c" in letters.lower()
        want[role] = (200 if may_import else 403, 200 if "v" in letters.lower() else 403)

    assert got == want


# followup (#16): its staff pages, for every role (200 may open; 403, or a role not named, may
# not). The book is for those who may print problems, the report for those who read
# commitments (their own rows), the selection tool for those who reach every body's flags.
FOLLOWUP_VIEWS = {
    "/print/followup/book/": {ORG: 200, STAFF: 403, MGR: 200, HOLDER: 403, REV: 200, AUD: 200},
    "/print/followup/problems/": {ORG: 200, STAFF: 403, MGR: 200, HOLDER: 403, REV: 200, AUD: 200},
    "/print/followup/report/": {ORG: 200, STAFF: 200, MGR: 200, HOLDER: 200, REV: 403, AUD: 200},
    "/print/followup/report.xlsx": {
        ORG: 200,
        STAFF: 200,
        MGR: 200,
        HOLDER: 200,
        REV: 403,
        AUD: 200,
    },
    "/print/followup/selection/": {ORG: 200, STAFF: 403, MGR: 403, HOLDER: 403, REV: 403, AUD: 403},
    "/print/followup/selection.xlsx": {
        ORG: 200,
        STAFF: 403,
        MGR: 403,
        HOLDER: 403,
        REV: 403,
        AUD: 403,
    },
}


@pytest.mark.parametrize("url", sorted(FOLLOWUP_VIEWS))
def test_matrix_followup_views(url, world, client):
    got = {}
    for role in ROLES:
        client.force_login(world.accounts[role])
        got[role] = client.get(url).status_code

    assert got == {role: FOLLOWUP_VIEWS[url].get(role, 403) for role in ROLES}
