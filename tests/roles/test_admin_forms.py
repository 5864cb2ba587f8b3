"""Admin forms that fit the work: what a new row starts with, and what a locked row says."""

import re

from moqdad.publishing import PublicationStatus
from moqdad.roles import Role
from neighborhoods.tests.factories import NeighborhoodFactory


def _selected(html: str, field: str) -> list[str]:
    select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)" selected>', select)


def _add_form(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_new_schedule_item_starts_in_the_current_edition(world, client):
    edition = world.shared["exhibition.exhibition"]

    html = _add_form(client, world.accounts[Role.ORGANIZER], "/admin/exhibition/scheduleitem/add/")

    assert _selected(html, "exhibition") == [str(edition.pk)]


def test_new_booth_and_section_start_in_the_current_edition(world, client):
    edition = world.shared["exhibition.exhibition"]
    organizer = world.accounts[Role.ORGANIZER]

    booth = _add_form(client, organizer, "/admin/exhibition/booth/add/")
    section = _add_form(client, organizer, "/admin/exhibition/section/add/")

    assert (_selected(booth, "exhibition"), _selected(section, "exhibition")) == (
        [str(edition.pk)],
        [str(edition.pk)],
    )


def test_schedule_day_calendar_opens_at_the_editions_month(world, client):
    html = _add_form(client, world.accounts[Role.ORGANIZER], "/admin/exhibition/scheduleitem/add/")

    day = re.search(r'<input type="text" name="day"[^>]*>', html).group(0)
    assert 'data-jalali-open-at="۱۴۰۱/۰۸/۰۹"' in day
    assert 'value="' not in day


def test_new_schedule_item_of_agency_staff_starts_with_their_agency(world, client):
    agency = world.a["neighborhoods.agency"]

    html = _add_form(
        client, world.accounts[Role.AGENCY_STAFF], "/admin/exhibition/scheduleitem/add/"
    )

    assert _selected(html, "agency") == [str(agency.pk)]


def test_new_problem_of_a_manager_starts_with_their_neighborhood(world, client):
    neighborhood = world.a["neighborhoods.neighborhood"]

    html = _add_form(
        client, world.accounts[Role.NEIGHBORHOOD_MANAGER], "/admin/neighborhoods/problem/add/"
    )

    assert _selected(html, "neighborhood") == [str(neighborhood.pk)]


def test_manager_of_two_neighborhoods_chooses_the_neighborhood(world, client):
    manager = world.accounts[Role.NEIGHBORHOOD_MANAGER]
    NeighborhoodFactory().managers.add(manager)

    html = _add_form(client, manager, "/admin/neighborhoods/problem/add/")

    assert _selected(html, "neighborhood") == []


def test_published_row_tells_its_manager_how_to_get_a_change_made(world, client):
    problem = world.a["neighborhoods.problem"]
    problem.status = PublicationStatus.PUBLISHED
    problem.save()
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    html = client.get(f"/admin/neighborhoods/problem/{problem.pk}/change/").content.decode()

    assert (
        '<p class="publication-note" role="note">این مورد بخشی از محتوای منتشرشده است؛ '
        "از بازبین بخواهید نخست آن را از انتشار خارج کند یا خودش این تغییر را بدهد.</p>"
    ) in html


def test_draft_row_and_reviewers_get_no_publication_note(world, client):
    problem = world.a["neighborhoods.problem"]
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])
    draft_html = client.get(f"/admin/neighborhoods/problem/{problem.pk}/change/").content.decode()
    problem.status = PublicationStatus.PUBLISHED
    problem.save()
    client.force_login(world.accounts[Role.REVIEWER])

    reviewer_html = client.get(
        f"/admin/neighborhoods/problem/{problem.pk}/change/"
    ).content.decode()

    assert ("publication-note" in draft_html, "publication-note" in reviewer_html) == (False, False)
