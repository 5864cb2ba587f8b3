"""The admin home page: each role finds its own work there, and only rows it may see."""

import datetime
import re

from exhibition import admin_home
from exhibition.models import Booth
from exhibition.tests.factories import ContactRequestFactory, ScheduleItemFactory
from martyrs.models import Martyr
from moqdad.persian import display_digits
from moqdad.publishing import PublicationStatus
from moqdad.roles import Role
from neighborhoods.models import IdentityElement, Initiative, Problem

SUBMITTED = PublicationStatus.SUBMITTED


def _home(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response


def _panel_ids(response) -> list[str]:
    return re.findall(r'<section class="module home-panel" id="([^"]+)"', response.content.decode())


def _plural(model) -> str:
    return str(model._meta.verbose_name_plural)


def _booth_label(booth) -> str:
    return f"{display_digits(booth.code)} · {booth.name}"


def _panel(response, panel_id) -> str:
    html = response.content.decode()
    start = html.index(f'id="{panel_id}"')
    return html[start : html.index("</section>", start)]


def test_admin_home_organizer_sees_programme_review_counts_and_print_centre(world, client):
    response = _home(client, world.accounts[Role.ORGANIZER])

    assert _panel_ids(response)[:4] == [
        "home-programme",
        "home-review",
        "home-counts",
        "home-print",
    ]
    assert '<a href="/print/">مرکز چاپ را باز کنید</a>' in _panel(response, "home-print")


def test_admin_home_organizer_programme_shows_the_days_items(world, client, monkeypatch):
    monkeypatch.setattr(admin_home.timezone, "localdate", lambda: datetime.date(2022, 11, 1))
    item = world.a["exhibition.scheduleitem"]

    panel = _panel(_home(client, world.accounts[Role.ORGANIZER]), "home-programme")

    assert '<h2 id="home-title-1">برنامه امروز</h2>' in panel
    assert f"/admin/exhibition/scheduleitem/{item.pk}/change/" in panel
    assert f"۱۶:۰۰ {item.title}" in panel


def test_programme_day_is_the_first_day_before_the_edition_and_the_last_after(edition):
    during = datetime.date(2022, 11, 2)

    days = [
        admin_home.programme_day(edition, datetime.date(2022, 10, 1)),
        admin_home.programme_day(edition, during),
        admin_home.programme_day(edition, datetime.date(2026, 1, 1)),
    ]

    assert days == [edition.start_date, during, edition.end_date]


def test_admin_home_reviewer_sees_the_submitted_items_by_kind(world, client):
    for label in ("neighborhoods.problem", "martyrs.martyr"):
        for owner in (world.a, world.b):
            owner[label].status = SUBMITTED
            owner[label].save()

    response = _home(client, world.accounts[Role.REVIEWER])

    assert _panel_ids(response)[:1] == ["home-review"]
    panel = _panel(response, "home-review")
    assert (
        f'<a href="/admin/neighborhoods/problem/?status__exact=submitted">{_plural(Problem)}</a>'
    ) in panel
    assert (
        f'<a href="/admin/martyrs/martyr/?status__exact=submitted">{_plural(Martyr)}</a>' in panel
    )
    assert panel.count('<span class="home-note">۲</span>') == 2


def test_admin_home_reviewer_with_nothing_to_review_is_told_so(world, client):
    panel = _panel(_home(client, world.accounts[Role.REVIEWER]), "home-review")

    assert "هیچ موردی در انتظار بازبینی نیست." in panel


def test_admin_home_manager_sees_own_neighborhood_and_what_its_profile_lacks(world, client):
    own, other = world.a["neighborhoods.neighborhood"], world.b["neighborhoods.neighborhood"]
    world.a["neighborhoods.problem"].delete()

    response = _home(client, world.accounts[Role.NEIGHBORHOOD_MANAGER])

    assert _panel_ids(response)[:1] == ["home-neighborhood-1"]
    panel = _panel(response, "home-neighborhood-1")
    assert f'<h2 id="home-title-1">{own.name}</h2>' in panel
    assert other.name not in response.content.decode()
    alerts = re.findall(r'<li class="home-alert"><a href="[^"]+">([^<]+)</a>', panel)
    assert alerts == [
        "شورا ۱ عضو دارد؛ شورای محله دست‌کم ۶ عضو لازم دارد.",
        "شهید شاخص انتخاب نشده است",
        "هیچ مسئله‌ای ثبت نشده است",
        "شناسنامه محله پیش‌نویس است",
        f"{_plural(Initiative)}: ۱ پیش‌نویس",
        f"{_plural(IdentityElement)}: ۱ پیش‌نویس",
        f"{_plural(Martyr)}: ۱ پیش‌نویس",
        f"{_plural(Booth)}: ۱ پیش‌نویس",
    ]


def test_admin_home_manager_without_council_is_offered_to_add_one(world, client):
    own = world.a["neighborhoods.neighborhood"]
    world.a["neighborhoods.council"].delete()

    panel = _panel(_home(client, world.accounts[Role.NEIGHBORHOOD_MANAGER]), "home-neighborhood-1")

    assert (
        f'<li class="home-alert"><a href="/admin/neighborhoods/council/add/?neighborhood={own.pk}">'
        "هنوز شورایی ثبت نشده: شورا را بیفزایید</a>"
    ) in panel


def test_admin_home_booth_holder_sees_own_booth_and_new_requests(world, client):
    booth = world.a["exhibition.booth"]
    ContactRequestFactory(booth=booth, subject="دیدار با شورای محله")
    ContactRequestFactory(booth=world.b["exhibition.booth"], subject="درخواست غرفه دیگر")

    response = _home(client, world.accounts[Role.BOOTH_HOLDER])

    assert _panel_ids(response)[:2] == ["home-booths", "home-contact-requests"]
    link = f'<a href="/admin/exhibition/booth/{booth.pk}/change/">{_booth_label(booth)}</a>'
    assert link in _panel(response, "home-booths")
    requests = re.findall(
        r"<li><a href=\"[^\"]+\">([^<]+)</a>", _panel(response, "home-contact-requests")
    )
    assert requests == ["دیدار با شورای محله", "همکاری"]


def test_admin_home_agency_staff_sees_own_items_and_booths(world, client):
    own_item = world.a["exhibition.scheduleitem"]
    ScheduleItemFactory(agency=world.b["neighborhoods.agency"], title="برنامه دستگاه دیگر")

    response = _home(client, world.accounts[Role.AGENCY_STAFF])

    assert _panel_ids(response)[:2] == ["home-schedule-items", "home-booths"]
    items = re.findall(
        r"<li><a href=\"[^\"]+\">([^<]+)</a>", _panel(response, "home-schedule-items")
    )
    assert items == [own_item.title]
    booths = re.findall(r"<li><a href=\"[^\"]+\">([^<]+)</a>", _panel(response, "home-booths"))
    assert booths == [_booth_label(world.a["exhibition.booth"])]


def test_admin_app_list_puts_the_exhibition_first_and_accounts_last(world, client):
    response = _home(client, world.accounts[Role.ORGANIZER])

    labels = [app["app_label"] for app in response.context["app_list"]]
    assert labels[:3] == ["exhibition", "neighborhoods", "martyrs"]
    assert sorted(labels[-3:]) == ["auth", "axes", "moqdad"]
