"""Creating the first organizer, granting roles from the command line, demo role accounts."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from exhibition.models import BoothHolder
from moqdad.roles import GROUP_NAMES, Role
from neighborhoods.models import StaffProfile

from .conftest import PASSWORD, make_account


def test_create_organizer_makes_a_staff_account_in_the_organizer_group(db, monkeypatch, client):
    monkeypatch.setenv("ORGANIZER_PASSWORD", PASSWORD)

    call_command("create_organizer", "setad", "--no-input", stdout=io.StringIO())

    client.post(reverse("admin:login"), {"username": "setad", "password": PASSWORD})
    response = client.get(reverse("admin:exhibition_booth_changelist"))
    assert response.status_code == 200


def test_create_organizer_refuses_a_weak_password(db, monkeypatch):
    monkeypatch.setenv("ORGANIZER_PASSWORD", "123")

    with pytest.raises(CommandError):
        call_command("create_organizer", "setad", "--no-input", stdout=io.StringIO())


def test_grant_role_links_a_manager_to_the_neighborhood(world, django_user_model, client):
    account = make_account(django_user_model, "new_manager")
    neighborhood = world.b["neighborhoods.neighborhood"]

    call_command(
        "grant_role", "new_manager", "neighborhood_manager",
        "--neighborhood", neighborhood.slug, "--by", "organizer", stdout=io.StringIO(),
    )  # fmt: skip

    client.force_login(account)
    own = client.get(reverse("admin:neighborhoods_neighborhood_change", args=[neighborhood.pk]))
    other = world.a["neighborhoods.neighborhood"]
    foreign = client.get(reverse("admin:neighborhoods_neighborhood_change", args=[other.pk]))
    assert (own.status_code, foreign.status_code) == (200, 404)
    assert account.groups.get().name == GROUP_NAMES[Role.NEIGHBORHOOD_MANAGER]


def test_grant_role_records_who_granted_it(world, django_user_model):
    make_account(django_user_model, "new_staff")
    agency = world.b["neighborhoods.agency"]

    call_command(
        "grant_role", "new_staff", "agency_staff", "--agency", agency.name, "--by", "organizer",
        stdout=io.StringIO(),
    )  # fmt: skip

    profile = StaffProfile.objects.get(user__username="new_staff")
    assert profile.agency == agency
    assert profile.history.latest().history_user == world.accounts[Role.ORGANIZER]


def test_grant_role_refuses_a_booth_holder_without_a_booth(world, django_user_model):
    make_account(django_user_model, "new_holder")

    with pytest.raises(CommandError):
        call_command("grant_role", "new_holder", "booth_holder", stdout=io.StringIO())


def test_demo_role_accounts_reach_their_demo_rows(db, edition):
    call_command(
        "load_demo_data", "--neighborhoods", "3", "--booths", "6", "--martyrs", "10", verbosity=0
    )

    call_command("create_demo_accounts", "--demo", stdout=io.StringIO())

    holder = BoothHolder.objects.get(user__username="booth")
    assert holder.booth.neighborhood.managers.get().username == "manager"
    assert StaffProfile.objects.get(user__username="agency").agency is not None
