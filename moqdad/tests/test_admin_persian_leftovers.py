"""English that Django and its libraries leave in the Persian admin: permission names, the
boolean icons' text, the password rule's digits, the history of a relation that was empty."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from exhibition.tests.public_site import visible_text
from moqdad import jalali
from moqdad.roles import GROUP_NAMES, Role
from neighborhoods.tests.factories import NeighborhoodFactory, _phase


@pytest.mark.django_db
def test_group_page_names_permissions_in_persian(admin_client_fa):
    group = Group.objects.get(name=GROUP_NAMES[Role.ORGANIZER])

    page = admin_client_fa.get(f"/admin/auth/group/{group.pk}/change/").content.decode()

    assert "Can add" not in page
    assert "Can view" not in page
    assert ">محلات | افزودن محله</option>" in page
    assert ">محلات | تغییر تاریخچه محله</option>" in page
    assert "historical" not in page


@pytest.mark.django_db
def test_boolean_icons_say_yes_and_no_in_persian(admin_client_fa):
    NeighborhoodFactory(is_selected=True)
    NeighborhoodFactory(is_selected=False)

    page = admin_client_fa.get("/admin/auth/user/").content.decode()
    page += admin_client_fa.get("/admin/neighborhoods/neighborhood/").content.decode()

    assert 'alt="True"' not in page
    assert 'alt="False"' not in page
    assert 'alt="بله"' in page


@pytest.mark.django_db
def test_password_rule_counts_in_persian_digits(admin_client_fa):
    page = admin_client_fa.get("/admin/auth/user/add/").content.decode()

    assert "رمز عبور شما باید دست‌کم ۸ نویسه داشته باشد." in page
    assert "8 حرف" not in page


@pytest.mark.django_db
def test_history_of_a_relation_that_was_empty_names_no_deleted_row(admin_client_fa):
    neighborhood = NeighborhoodFactory(phase=None)
    neighborhood.phase = _phase(3)
    neighborhood.save()

    page = admin_client_fa.get(
        f"/admin/neighborhoods/neighborhood/{neighborhood.pk}/history/"
    ).content.decode()

    assert "pk=None" not in page
    assert "Deleted" not in page


def test_login_records_show_jalali_dates_and_persian_names(admin_client_fa, db):
    from axes.models import AccessLog

    AccessLog.objects.create(
        username="someone",
        ip_address="10.0.0.1",
        user_agent="x",
        path_info="/admin/login/",
        http_accept="*/*",
    )
    year = jalali.format_numeric(datetime.date.today()).split("/")[0]

    html = admin_client_fa.get(reverse("admin:axes_accesslog_changelist")).content.decode()

    assert f"{year}/" in html
    assert str(datetime.date.today().year) not in visible_text(html)
    assert "Access Log" not in html
    assert "ورود someone، " in html
