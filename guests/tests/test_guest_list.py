import datetime

import pytest
import tablib
from django.urls import reverse

from guests.models import CheckIn, Guest, Invitation
from guests.resources import GuestResource
from guests.selectors import guest_duplicates
from guests.services import guests_merge
from guests.tests.factories import GuestFactory, InvitationFactory
from neighborhoods.tests.factories import AgencyFactory

HEADERS = ["نام و نام خانوادگی", "سمت", "سازمان", "دسته", "تلفن همراه", "ایمیل"]


def _import(rows):
    dataset = tablib.Dataset(*rows, headers=HEADERS)
    return GuestResource().import_data(dataset, dry_run=False)


def _row_errors(result):
    return [
        (row.number, [str(m) for messages in row.error_dict.values() for m in messages])
        for row in result.invalid_rows
    ]


def test_a_clean_sheet_imports_every_guest(db):
    result = _import(
        [
            ["دکتر علی کریمی", "رئیس", "دانشگاه قم", "دانشگاهی", "۰۹۱۲۱۲۳۴۵۶۷", ""],
            ["سید حسن موسوی", "مدیرکل", "بهزیستی", "official", "", "h@example.com"],
        ]
    )

    assert not result.has_validation_errors()
    assert list(Guest.objects.order_by("name").values_list("name", "category", "phone_key")) == [
        ("دکتر علی کریمی", "academic", "09121234567"),
        ("سید حسن موسوی", "official", ""),
    ]


def test_one_bad_row_imports_nothing_and_names_the_row_in_persian(db):
    result = _import(
        [
            ["دکتر علی کریمی", "رئیس", "دانشگاه قم", "دانشگاهی", "", ""],
            ["", "مدیرکل", "بهزیستی", "فضانورد", "", "not-an-email"],
        ]
    )

    assert Guest.objects.count() == 0
    [(number, messages)] = _row_errors(result)
    assert number == 2
    assert "«فضانورد» is not one of" not in " ".join(messages)
    assert any("فضانورد" in m for m in messages)


def test_a_guest_already_on_the_list_is_refused_in_any_spelling(db):
    GuestFactory(name="علی كريمي", organization="دانشگاه قم", phone="")

    result = _import([["علی کریمی", "", "دانشگاه  قم", "", "", ""]])

    assert Guest.objects.count() == 1
    [(_number, messages)] = _row_errors(result)
    assert messages == [
        "این مهمان با نام «علی كريمي» در فهرست هست (همان شماره همراه، یا همان نام و سازمان)."
    ]


def test_the_same_phone_twice_in_a_sheet_is_refused(db):
    result = _import(
        [
            ["الف", "", "", "", "09121112233", ""],
            ["ب", "", "", "", "+98 912 111 2233", ""],
        ]
    )

    assert Guest.objects.count() == 0
    assert _row_errors(result) == [(2, ["ردیف ۱ همین فایل این مهمان را دارد."])]


def test_duplicates_are_found_by_phone_or_by_name_and_organisation(db):
    a = GuestFactory(name="رضا صالحی", organization="شورا", phone="09120000001")
    b = GuestFactory(name="رضا  صالحي", organization="شورا", phone="")
    c = GuestFactory(name="آقای صالحی", organization="دیگر", phone="+989120000001")
    GuestFactory(name="کس دیگر", organization="شورا", phone="09129999999")

    groups = guest_duplicates(guests=Guest.objects.all())

    assert [sorted(g.pk for g in group) for group in groups] == [sorted([a.pk, b.pk, c.pk])]


def test_merging_keeps_one_guest_with_the_invitations_and_check_ins(edition):
    keep = GuestFactory(name="رضا صالحی", phone="", email="")
    duplicate = GuestFactory(name="رضا صالحي", phone="09121110000")
    invitation = InvitationFactory(exhibition=edition, guest=duplicate)
    CheckIn.objects.create(
        exhibition=edition,
        invitation=invitation,
        guest=duplicate,
        day=edition.start_date,
        at=datetime.datetime(2022, 10, 31, 18, 5, tzinfo=datetime.UTC),
    )

    guests_merge(keep=keep, duplicates=[duplicate])

    keep.refresh_from_db()
    assert list(Guest.objects.values_list("pk", flat=True)) == [keep.pk]
    assert keep.phone == "09121110000"
    assert Invitation.objects.get().guest == keep
    assert CheckIn.objects.get().guest == keep


def test_the_admin_merge_action(admin_client_fa, db):
    first = GuestFactory(name="رضا صالحی")
    second = GuestFactory(name="رضا صالحي")

    admin_client_fa.post(
        reverse("admin:guests_guest_changelist"),
        {"action": "merge_guests", "_selected_action": [first.pk, second.pk]},
    )

    assert list(Guest.objects.values_list("pk", flat=True)) == [first.pk]


@pytest.mark.parametrize("agency_of_row", ["own", "other"])
def test_agency_staff_import_only_their_own_guests(db, world_staff, agency_of_row):
    user, own, other = world_staff
    agency = own if agency_of_row == "own" else other
    dataset = tablib.Dataset(
        ["مهمان دستگاه", agency.name], headers=["نام و نام خانوادگی", "دستگاه دعوت‌کننده"]
    )

    result = GuestResource().import_data(dataset, dry_run=False, user=user)

    assert Guest.objects.count() == (1 if agency_of_row == "own" else 0)
    assert result.has_validation_errors() is (agency_of_row == "other")


@pytest.fixture
def world_staff(django_user_model):
    from django.contrib.auth.models import Group

    from moqdad.roles import GROUP_NAMES, Role
    from neighborhoods.models import StaffProfile

    own, other = AgencyFactory(), AgencyFactory()
    user = django_user_model.objects.create_user("staff1", password="x-Pass-9931", is_staff=True)
    user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.AGENCY_STAFF]))
    StaffProfile.objects.create(user=user, agency=own)
    return user, own, other
