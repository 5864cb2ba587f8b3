"""guests (#15): who reaches the door page, the guests' print documents and admin panels.

The admin views of every guests model are in the permission matrix; these are the pages
outside the admin, each checked for every role against owner A's and owner B's rows.
"""

import json

import pytest
from django.urls import reverse

from guests.models import Invitation
from moqdad.roles import Role

ROLES = list(Role)


def _status(client, user, url, method="get", **kwargs):
    client.force_login(user)
    return getattr(client, method)(url, **kwargs).status_code


@pytest.mark.parametrize("role", ROLES)
def test_door_pages_are_for_door_staff_and_organizers_only(world, client, role):
    may = role in (Role.DOOR_STAFF, Role.ORGANIZER)
    user = world.accounts[role]
    scan = json.dumps({"code": "x", "nonce": "n" * 20})

    got = (
        _status(client, user, reverse("guests:door_counts")),
        _status(client, user, reverse("guests:door_search"), data={"q": "مهمان"}),
        _status(
            client,
            user,
            reverse("guests:door_scan"),
            "post",
            data=scan,
            content_type="application/json",
        ),
    )

    assert got == ((200, 200, 200) if may else (403, 403, 403))


@pytest.mark.parametrize("role", ROLES)
def test_invitation_cards_print_only_for_the_rows_a_role_may_see(world, client, role):
    own, other = world.a["guests.invitation"], world.b["guests.invitation"]
    user = world.accounts[role]

    got = (
        _status(client, user, reverse("guests:print_card", args=[own.pk])),
        _status(client, user, reverse("guests:print_card", args=[other.pk])),
    )

    want = {
        Role.ORGANIZER: (200, 200),
        Role.AGENCY_STAFF: (200, 404),
    }.get(role, (403, 403))
    assert got == want


def test_a_booth_holder_prints_only_the_visits_reaching_their_booth(world, client):
    own = world.a["guests.officialvisit"]
    other = world.b["guests.officialvisit"]
    client.force_login(world.accounts[Role.BOOTH_HOLDER])

    html = client.get(reverse("guests:print_visits", kwargs={"day": own.day})).content.decode()

    assert own.title in html
    assert other.title not in html
    assert world.a["guests.guest"].phone not in html


def test_the_organizer_prints_every_visit_of_the_day(world, client):
    client.force_login(world.accounts[Role.ORGANIZER])
    day = world.a["guests.officialvisit"].day

    response = client.get(reverse("guests:print_visits_pdf", kwargs={"day": day}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    ("role", "panels"),
    [
        (Role.ORGANIZER, ["home-door", "home-invitations", "home-visits"]),
        (Role.AGENCY_STAFF, ["home-invitations"]),
        (Role.BOOTH_HOLDER, ["home-booth_visits"]),
        (Role.NEIGHBORHOOD_MANAGER, ["home-booth_visits"]),
        (Role.DOOR_STAFF, ["home-door"]),
        (Role.AUDITOR, []),
    ],
)
def test_admin_home_guests_panels_per_role(world, client, role, panels):
    import re

    client.force_login(world.accounts[role])

    html = client.get("/admin/").content.decode()

    ids = re.findall(r'<section class="module home-panel" id="([^"]+)"', html)
    guests_ids = [
        i for i in ids if i in {"home-door", "home-invitations", "home-visits", "home-booth_visits"}
    ]
    assert guests_ids == panels


def test_booth_holder_home_lists_the_visit_to_their_booth(world, client):
    client.force_login(world.accounts[Role.BOOTH_HOLDER])

    html = client.get("/admin/").content.decode()

    assert world.a["guests.officialvisit"].title in html
    assert world.b["guests.officialvisit"].title not in html


def test_staff_record_an_answer_received_by_phone(world, client):
    invitation = world.a["guests.invitation"]
    organizer = world.accounts[Role.ORGANIZER]
    client.force_login(organizer)
    url = reverse("admin:guests_invitation_change", args=[invitation.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        {
            "status": Invitation.Status.ACCEPTED,
            "chosen_day": "1401/08/10",
            "first_day": "1401/08/09",
            "last_day": "1401/08/13",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
        }
    )

    response = client.post(url, data)

    invitation.refresh_from_db()
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert (invitation.status, invitation.answered_via, invitation.answered_by) == (
        Invitation.Status.ACCEPTED,
        Invitation.AnsweredVia.PHONE,
        organizer,
    )


def test_the_print_centre_lists_the_invitation_cards_for_organizers(world, client):
    client.force_login(world.accounts[Role.ORGANIZER])

    html = client.get("/print/").content.decode()

    assert reverse("guests:print_cards_pdf") in html
    assert 'id="print-official_visits"' in html
