"""Who may open the follow-up's staff documents and tools."""

import pytest

from moqdad.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ORGANIZER, 200),
        (Role.REVIEWER, 200),
        (Role.AUDITOR, 200),
        (Role.NEIGHBORHOOD_MANAGER, 200),
        (Role.AGENCY_STAFF, 403),
        (Role.BOOTH_HOLDER, 403),
    ],
)
def test_book_is_printed_by_those_who_may_print_problems(client, world, role, status):
    client.force_login(world.accounts[role])

    response = client.get("/print/followup/book/")

    assert response.status_code == status


def test_problems_page_browses_a_category_with_its_neighborhoods(admin_client_fa, edition):
    from followup.tests.factories import CommitmentFactory
    from neighborhoods.models import Problem
    from neighborhoods.tests.factories import NeighborhoodFactory, ProblemFactory

    first, second = NeighborhoodFactory(name="محله یکم"), NeighborhoodFactory(name="محله دوم")
    for neighborhood in (first, second):
        ProblemFactory(
            neighborhood=neighborhood, category=Problem.Category.HEALTH, title="نبود خانه بهداشت"
        )
    ProblemFactory(neighborhood=first, category=Problem.Category.URBAN, title="روشنایی کوچه‌ها")
    CommitmentFactory(neighborhood=first, problem=first.problems.get(category="health"))

    html = admin_client_fa.get("/print/followup/problems/", {"category": "health"}).content
    html = html.decode()

    chapter = html[html.index('id="book-chapter"') :]
    assert "نبود خانه بهداشت" in chapter
    assert "روشنایی کوچه‌ها" not in chapter
    assert ("محله یکم" in chapter, "محله دوم" in chapter) == (True, True)
    assert "۱ تعهد، ۰ انجام‌شده" in chapter


@pytest.mark.parametrize(
    ("role", "groups", "panels"),
    [
        (Role.ORGANIZER, ["book", "report"], ["home-commitments-due", "home-followup-tools"]),
        (
            Role.NEIGHBORHOOD_MANAGER,
            ["book", "report"],
            ["home-commitments-due", "home-followup-tools"],
        ),
        (Role.AGENCY_STAFF, ["report"], ["home-commitments-due", "home-followup-tools"]),
        (Role.BOOTH_HOLDER, ["report"], ["home-followup-tools"]),
        (Role.REVIEWER, ["book"], ["home-followup-tools"]),
    ],
)
def test_print_centre_and_admin_home_offer_the_followup_to_each_role(
    client, world, role, groups, panels
):
    import re

    client.force_login(world.accounts[role])

    centre = client.get("/print/").content.decode()
    home = client.get("/admin/").content.decode()

    found = re.findall(r'<section class="module print-group" id="print-([^"]+)"', centre)
    assert [group for group in found if group in ("book", "report")] == groups
    ids = re.findall(r'<section class="module home-panel" id="([^"]+)"', home)
    assert [panel for panel in ids if panel in panels] == panels
