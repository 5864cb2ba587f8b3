import datetime
import json
import uuid

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from guests import codes
from guests.models import CheckIn, Invitation, Scan
from guests.services import check_in_undo, door_scan
from guests.tests.factories import InvitationFactory
from moqdad.roles import GROUP_NAMES, Role


@pytest.fixture
def door_user(db, django_user_model):
    user = django_user_model.objects.create_user("door1", password="x-Pass-9931", is_staff=True)
    user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.DOOR_STAFF]))
    return user


@pytest.fixture
def door(client, door_user):
    client.force_login(door_user)

    def scan(code="", **fields):
        payload = {"code": code, "nonce": uuid.uuid4().hex, "door": "در شمالی", **fields}
        response = client.post(
            reverse("guests:door_scan"), json.dumps(payload), content_type="application/json"
        )
        assert response.status_code == 200
        return response.json()

    return scan


@pytest.fixture
def invitation(live_edition):
    return InvitationFactory(
        exhibition=live_edition, guest__name="دکتر مریم احمدی", guest__title="رئیس دانشگاه"
    )


def test_typed_short_code_welcomes_the_guest_with_name_and_title(door, invitation):
    answer = door(codes.display_short_code(invitation.short_code).lower(), method="typed")

    assert answer["outcome"] == "welcome"
    assert answer["message"] == "خوش آمدید، دکتر مریم احمدی · رئیس دانشگاه!"
    assert CheckIn.objects.filter(guest=invitation.guest).count() == 1


def test_scanning_the_card_qr_address_checks_in(door, invitation):
    url = f"https://meqdad.example.ir/invitation/{invitation.token}/"

    assert door(url, method="camera")["outcome"] == "welcome"


def test_a_second_scan_says_already_checked_in_with_the_time(door, invitation):
    first = door(invitation.short_code)
    second = door(invitation.short_code)

    assert (first["outcome"], second["outcome"]) == ("welcome", "already")
    assert second["checked_in_at"] == first["checked_in_at"]
    assert first["checked_in_at"] in second["message"]
    assert CheckIn.objects.count() == 1
    assert Scan.objects.count() == 2


def test_the_same_scan_sent_twice_is_recorded_once(door, invitation):
    nonce = uuid.uuid4().hex

    first = door(invitation.short_code, nonce=nonce)
    again = door(invitation.short_code, nonce=nonce)

    assert (first["outcome"], again["outcome"], again["replayed"]) == ("welcome", "welcome", True)
    assert (CheckIn.objects.count(), Scan.objects.count()) == (1, 1)


def test_a_forged_code_is_refused_and_recorded(door, invitation):
    body = invitation.short_code[: codes.CODE_RANDOM]
    forged = body + ("0000" if invitation.short_code[-4:] != "0000" else "1111")

    answer = door(forged)

    assert answer["outcome"] == "forged"
    assert CheckIn.objects.count() == 0
    assert list(Scan.objects.values_list("outcome", "door")) == [("forged", "در شمالی")]


def test_an_unknown_genuine_code_is_unknown(door, live_edition):
    assert door(codes.new_short_code())["outcome"] == "unknown"


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        (Invitation.Status.DECLINED, "declined"),
        (Invitation.Status.REVOKED, "revoked"),
    ],
)
def test_declined_and_revoked_invitations_are_refused(door, invitation, status, outcome):
    invitation.status = status
    invitation.save()

    assert door(invitation.short_code)["outcome"] == outcome
    assert CheckIn.objects.count() == 0


def test_a_guest_invited_for_another_day_is_told_which(door, invitation, live_edition):
    invitation.chosen_day = live_edition.days[-1]
    invitation.status = Invitation.Status.ACCEPTED
    invitation.save()

    answer = door(invitation.short_code)

    assert answer["outcome"] == "other_day"
    assert CheckIn.objects.count() == 0


def test_an_offline_queue_replayed_twice_checks_in_once(client, door_user, invitation):
    client.force_login(door_user)
    scanned_at = (timezone.now() - datetime.timedelta(minutes=3)).isoformat()
    queue = {
        "scans": [
            {
                "code": invitation.short_code,
                "nonce": "a" * 32,
                "scanned_at": scanned_at,
                "door": "در جنوبی",
                "method": "camera",
            },
        ]
    }
    url = reverse("guests:door_sync")

    first = client.post(url, json.dumps(queue), content_type="application/json").json()
    second = client.post(url, json.dumps(queue), content_type="application/json").json()

    assert [a["outcome"] for a in first["answers"] + second["answers"]] == ["welcome", "welcome"]
    check_in = CheckIn.objects.get()
    assert (
        check_in.at.isoformat()[:16] == datetime.datetime.fromisoformat(scanned_at).isoformat()[:16]
    )
    assert Scan.objects.filter(was_offline=True).count() == 1


def test_an_offline_double_entry_is_flagged_not_lost(client, door, door_user, invitation):
    door(invitation.short_code)  # the online door admitted the guest
    queue = {"scans": [{"code": invitation.short_code, "nonce": "b" * 32, "method": "camera"}]}

    reply = client.post(
        reverse("guests:door_sync"), json.dumps(queue), content_type="application/json"
    ).json()

    assert [(a["outcome"], a["needs_attention"]) for a in reply["answers"]] == [("already", True)]
    assert Scan.objects.filter(needs_attention=True).count() == 1


def test_a_delegation_head_lists_the_members_to_tick_in(door, invitation, live_edition):
    members = [
        InvitationFactory(exhibition=live_edition, head=invitation, guest__name=name)
        for name in ("الف عضو", "ب عضو")
    ]

    head = door(invitation.short_code)
    one = door(method="list", invitation_id=members[0].pk)
    again_head = door(invitation.short_code)

    assert head["outcome"] == "welcome"
    assert [(m["name"], m["checked_in_at"]) for m in head["members"]] == [
        ("الف عضو", ""),
        ("ب عضو", ""),
    ]
    assert one["outcome"] == "welcome"
    assert [bool(m["checked_in_at"]) for m in again_head["members"]] == [True, False]


def test_undo_frees_the_check_in_and_is_in_the_ledger(door, invitation, door_user):
    door(invitation.short_code)

    check_in_undo(check_in=CheckIn.objects.get(), user=door_user, nonce=uuid.uuid4().hex)
    answer = door(invitation.short_code)

    assert answer["outcome"] == "welcome"
    assert list(Scan.objects.order_by("received_at", "pk").values_list("outcome", flat=True)) == [
        "welcome",
        "undone",
        "welcome",
    ]


def test_door_staff_cannot_undo_but_an_organizer_can(
    client, door, door_user, invitation, django_user_model
):
    door(invitation.short_code)
    url = reverse("guests:door_undo")
    payload = json.dumps({"invitation_id": invitation.pk})

    refused = client.post(url, payload, content_type="application/json").status_code
    organizer = django_user_model.objects.create_user("org1", password="x-Pass-9931", is_staff=True)
    organizer.groups.add(Group.objects.get(name=GROUP_NAMES[Role.ORGANIZER]))
    client.force_login(organizer)
    done = client.post(url, payload, content_type="application/json").status_code

    assert (refused, done) == (403, 200)
    assert CheckIn.objects.count() == 0


def test_a_walk_in_is_registered_and_checked_in(client, door_user, live_edition):
    client.force_login(door_user)

    answer = client.post(
        reverse("guests:door_walk_in"),
        json.dumps(
            {
                "name": "حاج آقا کریمی",
                "title": "امام جماعت",
                "category": "clergy",
                "nonce": uuid.uuid4().hex,
            }
        ),
        content_type="application/json",
    ).json()

    assert answer["outcome"] == "welcome"
    assert CheckIn.objects.get().is_walk_in is True


def test_name_search_finds_spelling_variants_without_private_data(client, door_user, invitation):
    client.force_login(door_user)

    reply = client.get(reverse("guests:door_search"), {"q": "مريم احمدي"}).json()

    assert [row["name"] for row in reply["results"]] == ["دکتر مریم احمدی"]
    assert invitation.guest.phone not in json.dumps(reply, ensure_ascii=False)


def test_live_counts_by_door(door, client, invitation, live_edition):
    door(invitation.short_code)

    counts = client.get(reverse("guests:door_counts")).json()

    assert (counts["total"], counts["by_door"]) == (1, {"در شمالی": 1})


def test_the_door_page_needs_the_check_in_permission(client, live_edition, django_user_model):
    someone = django_user_model.objects.create_user("aud", password="x-Pass-9931", is_staff=True)
    someone.groups.add(Group.objects.get(name=GROUP_NAMES[Role.AUDITOR]))
    client.force_login(someone)

    assert client.get(reverse("guests:door")).status_code == 403


def test_garbage_payloads_do_not_break_the_door(client, door_user, live_edition):
    client.force_login(door_user)
    answers = [
        client.post(reverse("guests:door_scan"), body, content_type="application/json").status_code
        for body in ("not json", "[]", json.dumps({"code": ["x"], "invitation_id": "abc"}))
    ]

    assert answers == [200, 200, 404]


def test_service_check_in_twice_from_two_nonces_keeps_one(invitation, live_edition):
    answers = [
        door_scan(exhibition=live_edition, code=invitation.short_code, nonce=n, method="typed")
        for n in ("n" * 20, "m" * 20)
    ]

    assert [a.outcome for a in answers] == ["welcome", "already"]


def test_the_door_page_may_use_the_camera_and_holds_the_card_key(client, door_user, live_edition):
    client.force_login(door_user)

    response = client.get(reverse("guests:door"))

    assert "camera=(self)" in response["Permissions-Policy"]
    assert f'data-door-key="{codes.door_key().hex()}"' in response.content.decode()


def test_an_organizer_reads_the_door_records_history_pages_without_a_revert(
    client, door, invitation, django_user_model
):
    door(invitation.short_code)
    scan = Scan.objects.get()
    organizer = django_user_model.objects.create_user("org2", password="x-Pass-9931", is_staff=True)
    organizer.groups.add(Group.objects.get(name=GROUP_NAMES[Role.ORGANIZER]))
    client.force_login(organizer)

    check_in = CheckIn.objects.get()

    pages = [
        client.get(reverse("admin:guests_scan_history", args=[scan.pk])).status_code,
        client.get(reverse("admin:guests_checkin_history", args=[check_in.pk])).status_code,
        client.get(f"/admin/guests/scan/{scan.pk}/history/1/").status_code,
        client.get(f"/admin/guests/checkin/{check_in.pk}/history/1/").status_code,
    ]

    assert pages == [200, 200, 404, 404]


def test_a_check_in_scan_costs_a_fixed_number_of_queries(
    door, invitation, live_edition, django_assert_num_queries
):
    """The door answers 32 phones at once: a scan reads the session, the account and its roles
    and the invitation (one query with its delegation; the edition comes from the cache), and
    writes the check-in and the ledger row (the scan's transaction and the check-in's
    savepoint)."""
    others = InvitationFactory.create_batch(3, exhibition=live_edition)
    door(others[0].short_code)  # the session and the account are warm as on a real door

    with django_assert_num_queries(10):
        answer = door(invitation.short_code)

    assert answer["outcome"] == "welcome"


def test_door_scans_leave_the_cached_public_pages_alone(door, invitation, live_edition):
    """Check-ins and the ledger are on no public page: 32 doors scanning must not empty the page
    cache of the edition the visitors are reading."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from exhibition.tests.factories import BoothFactory

    booth = BoothFactory(exhibition=live_edition, code="A01", name="غرفه محله نخست")
    Client().get(booth.get_absolute_url())

    assert door(invitation.short_code)["outcome"] == "welcome"
    with CaptureQueriesContext(connection) as queries:
        again = Client().get(booth.get_absolute_url())

    assert again.status_code == 200
    assert len(queries) == 0
