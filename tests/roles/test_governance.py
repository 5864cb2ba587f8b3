"""The holes an outside probe found (issue 13), each closed by the one rule check (moqdad.rules).

Print documents follow the same table as the admin (test_permission_matrix.EXPECTED); adding a
row under published content, moving a row into it and reverting past the field rules are
refused; import and export pages follow add/change/view; an unpublished booth's name stays off
every public schedule view.
"""

import json

import pytest
from django.urls import reverse

from exhibition.models import ScheduleItem
from exhibition.tests.factories import BoothFactory, ScheduleItemFactory
from moqdad.persian import to_persian_digits
from moqdad.publishing import PublicationStatus
from moqdad.roles import Role
from neighborhoods.models import ActionPlan, CouncilMember
from neighborhoods.tests.factories import ProblemFactory

from .test_permission_matrix import EXPECTED, ROLES

PUBLISHED = PublicationStatus.PUBLISHED


def _allowed(label, role, own) -> bool:
    letters = EXPECTED[label].get(role, "")
    return "V" in letters or (own and "v" in letters)


def _print_urls(world):
    """(label of the row the document shows, own?, url) for every print document."""
    urls = []
    for own, records in ((True, world.a), (False, world.b)):
        slug = records["neighborhoods.neighborhood"].slug
        code = records["exhibition.booth"].code
        urls += [
            ("neighborhoods.neighborhood", own, f"/print/neighborhoods/{slug}/profile/"),
            ("neighborhoods.neighborhood", own, f"/print/neighborhoods/{slug}/profile.pdf"),
            ("exhibition.booth", own, f"/print/booths/{code}/sign/"),
            ("exhibition.booth", own, f"/print/booths/{code}/sign.pdf"),
        ]
    urls += [
        ("exhibition.exhibition", True, "/print/schedule/"),
        ("exhibition.exhibition", True, "/print/schedule/2022-11-01/"),
        ("exhibition.exhibition", True, "/print/booths/directory/"),
    ]
    return urls


@pytest.mark.parametrize("role", ROLES)
def test_print_documents_follow_the_admin_rules(role, world, client):
    client.force_login(world.accounts[role])
    wrong = []
    for label, own, url in _print_urls(world):
        status = client.get(url).status_code
        expected_ok = _allowed(label, role, own)
        if (status == 200) != expected_ok or status not in (200, 403, 404):
            wrong.append((url, status))

    assert wrong == []


def test_booth_holder_cannot_print_a_draft_neighborhood_profile_by_its_name(world, client):
    neighborhood = world.a["neighborhoods.neighborhood"]
    client.force_login(world.accounts[Role.BOOTH_HOLDER])

    response = client.get(f"/print/neighborhoods/{neighborhood.slug}/profile/")

    assert response.status_code == 403
    assert neighborhood.name not in response.content.decode()


def test_agency_staff_cannot_print_another_agencys_draft_booth_sign(world, client):
    booth = world.b["exhibition.booth"]
    client.force_login(world.accounts[Role.AGENCY_STAFF])

    response = client.get(f"/print/booths/{booth.code}/sign.pdf")

    assert response.status_code == 404


def test_signs_of_all_booths_hold_only_the_users_booths(world, client):
    for records in (world.a, world.b):
        booth = records["exhibition.booth"]
        booth.status = PUBLISHED
        booth.save()
    client.force_login(world.accounts[Role.AGENCY_STAFF])

    html = client.get("/print/booths/signs/").content.decode()

    assert world.a["exhibition.booth"].name in html
    assert world.b["exhibition.booth"].name not in html


# --- Finding 1: nothing reaches the public site without review ---------------------------------


def _publish(obj):
    obj.status = PUBLISHED
    obj.save()


def test_manager_cannot_add_a_plan_under_a_published_problem(world, client):
    problem = world.a["neighborhoods.problem"]
    _publish(world.a["neighborhoods.neighborhood"])
    _publish(problem)
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    response = client.post(
        reverse("admin:neighborhoods_actionplan_add"),
        {
            "problem": problem.pk,
            "title": "برنامه بی‌بازبینی",
            "status": "planned",
            "progress_percent": 0,
        },
    )

    assert response.status_code == 200
    assert "از بازبین بخواهید" in response.content.decode()
    assert not ActionPlan.objects.filter(title="برنامه بی‌بازبینی").exists()
    public_page = client.get(world.a["neighborhoods.neighborhood"].get_absolute_url())
    assert "برنامه بی‌بازبینی" not in public_page.content.decode()


def test_manager_cannot_move_a_plan_under_a_published_problem(world, client):
    plan = world.a["neighborhoods.actionplan"]
    published = ProblemFactory(neighborhood=world.a["neighborhoods.neighborhood"], status=PUBLISHED)
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    client.post(
        reverse("admin:neighborhoods_actionplan_change", args=[plan.pk]),
        {
            "problem": published.pk,
            "title": plan.title,
            "status": plan.status,
            "progress_percent": plan.progress_percent,
        },
    )

    plan.refresh_from_db()
    assert plan.problem_id == world.a["neighborhoods.problem"].pk


def test_manager_cannot_add_a_named_member_to_a_published_council(world, client):
    council = world.a["neighborhoods.council"]
    _publish(council)
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    client.post(
        reverse("admin:neighborhoods_councilmember_add"),
        {
            "council": council.pk,
            "full_name": "عضو بی‌بازبینی",
            "role": CouncilMember.Role.OTHER,
            "publish_name": "on",
        },
    )

    assert not CouncilMember.objects.filter(full_name="عضو بی‌بازبینی").exists()


def test_manager_still_adds_a_plan_under_a_draft_problem(world, client):
    problem = world.a["neighborhoods.problem"]
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    response = client.post(
        reverse("admin:neighborhoods_actionplan_add"),
        {
            "problem": problem.pk,
            "title": "برنامه پیش‌نویس",
            "status": "planned",
            "progress_percent": 0,
        },
    )

    assert response.status_code == 302
    assert ActionPlan.objects.get(title="برنامه پیش‌نویس").problem == problem


def test_reviewer_publishing_the_problem_shows_its_plans(world, client):
    problem = world.a["neighborhoods.problem"]
    _publish(world.a["neighborhoods.neighborhood"])
    client.force_login(world.accounts[Role.REVIEWER])

    client.post(
        reverse("admin:neighborhoods_problem_changelist"),
        {"action": "publish", "_selected_action": [problem.pk]},
    )

    page = client.get(world.a["neighborhoods.neighborhood"].get_absolute_url()).content.decode()
    assert to_persian_digits(world.a["neighborhoods.actionplan"].title) in page


# --- Finding 2: an unpublished booth's name is not public --------------------------------------


@pytest.fixture
def hidden_booth_item(edition):
    booth = BoothFactory(name="غرفه پنهان", status=PublicationStatus.UNPUBLISHED)
    ScheduleItemFactory(
        exhibition=edition,
        title="برنامه در غرفه پنهان",
        place_kind=ScheduleItem.PlaceKind.BOOTH,
        booth=booth,
        hall="",
    )
    return booth


@pytest.mark.parametrize(
    "url",
    [
        "/schedule/?days=all",
        "/schedule/2022-11-01/",
        "/en/schedule/?days=all",
        "/schedule/calendar.ics",
    ],
)
def test_unpublished_booth_name_is_not_on_schedule_pages(url, hidden_booth_item, client):
    response = client.get(url)

    body = response.content.decode()
    assert response.status_code == 200
    assert "برنامه در غرفه پنهان" in body
    assert "غرفه پنهان" not in body.replace("برنامه در غرفه پنهان", "")
    assert hidden_booth_item.code not in body


def test_unpublished_booth_is_not_in_the_feed_nor_the_place_filter(hidden_booth_item, client):
    feed = json.loads(client.get("/schedule/feed.json").content)
    item = next(i for i in feed["items"] if i["title"] == "برنامه در غرفه پنهان")
    page = client.get("/schedule/").content.decode()

    assert (item["place"], item["booth"]) == ("", None)
    assert f"booth:{hidden_booth_item.code}" not in page


# --- Finding 3: a revert writes only the fields the user may change ----------------------------


def test_manager_revert_keeps_the_organizers_floor_plan_position(world, client):
    booth = world.a["exhibition.booth"]
    old_version = booth.history.latest()
    booth.plan_x = 77
    booth.save()
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])
    url = reverse("admin:exhibition_booth_simple_history", args=[booth.pk, old_version.history_id])

    client.post(url, {"name": "نام برگشته", "summary": "", "description": ""})

    booth.refresh_from_db()
    assert (booth.name, booth.plan_x) == ("نام برگشته", 77)


# --- Finding 6: import and export follow add/change/view ---------------------------------------


@pytest.mark.parametrize(
    ("role", "import_status", "export_status"),
    [
        (Role.ORGANIZER, 200, 200),
        (Role.NEIGHBORHOOD_MANAGER, 200, 200),
        (Role.REVIEWER, 403, 200),
        (Role.AUDITOR, 403, 200),
        (Role.AGENCY_STAFF, 403, 403),
        (Role.BOOTH_HOLDER, 403, 403),
    ],
)
def test_martyr_import_and_export_pages_follow_the_rules(
    role, import_status, export_status, world, client
):
    client.force_login(world.accounts[role])

    got = (
        client.get(reverse("admin:martyrs_martyr_import")).status_code,
        client.get(reverse("admin:martyrs_martyr_export")).status_code,
    )

    assert got == (import_status, export_status)


def test_reviewer_import_preview_of_veteran_tallies_is_refused(world, client):
    client.force_login(world.accounts[Role.REVIEWER])

    response = client.post(reverse("admin:martyrs_veterantally_import"), {})

    assert response.status_code == 403


# --- Finding 7: no 500 in the admin ------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.NEIGHBORHOOD_MANAGER, Role.REVIEWER, Role.AUDITOR])
@pytest.mark.parametrize("label", ["exhibition.booth", "neighborhoods.neighborhood"])
def test_history_version_pages_open_for_readers(role, label, world, client):
    obj = world.a[label]
    version = obj.history.latest()
    client.force_login(world.accounts[role])
    info = (obj._meta.app_label, obj._meta.model_name)

    response = client.get(
        reverse("admin:{}_{}_simple_history".format(*info), args=[obj.pk, version.history_id])
    )

    assert response.status_code == 200


def test_a_non_numeric_history_version_is_not_found(world, client):
    martyr = world.a["martyrs.martyr"]
    client.force_login(world.accounts[Role.ORGANIZER])

    response = client.get(f"/admin/martyrs/martyr/{martyr.pk}/history/abc/")

    assert response.status_code == 404


def test_print_signs_of_another_agencys_booths_says_so(world, client):
    client.force_login(world.accounts[Role.AGENCY_STAFF])

    response = client.post(
        reverse("admin:exhibition_booth_changelist"),
        {"action": "print_signs", "_selected_action": [world.b["exhibition.booth"].pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_agency_staff_can_flag_any_neighborhood(world, client):
    neighborhood = world.b["neighborhoods.neighborhood"]
    client.force_login(world.accounts[Role.AGENCY_STAFF])

    response = client.post(
        reverse("admin:neighborhoods_vulnerabilityflag_add"),
        {
            "neighborhood": neighborhood.pk,
            "agency": world.a["neighborhoods.agency"].pk,
            "year": 1400,
            "is_flagged": "on",
        },
    )

    assert response.status_code == 302
    assert neighborhood.vulnerability_flags.filter(year=1400).count() == 1
