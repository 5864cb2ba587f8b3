"""The selection tool: the overlap of the five bodies' flags per neighborhood and year, for the
organizers only, matching the flags as they are recorded."""

import io

import openpyxl
import pytest

from moqdad.roles import Role
from neighborhoods.models import Agency, Neighborhood, VulnerabilityFlag
from neighborhoods.tests.factories import NeighborhoodFactory, VulnerabilityFlagFactory

pytestmark = pytest.mark.django_db
URL = "/print/followup/selection/"


@pytest.fixture
def flagged(edition):
    bodies = list(Agency.objects.filter(kind=Agency.Kind.SELECTING_BODY).order_by("pk"))
    a = NeighborhoodFactory(name="محله الف", district=1)
    b = NeighborhoodFactory(name="محله ب", district=2, is_selected=False)
    c = NeighborhoodFactory(name="محله ج", district=2)
    for body in bodies:
        VulnerabilityFlagFactory(neighborhood=a, agency=body, year=1399)
    for body in bodies[:3]:
        VulnerabilityFlagFactory(neighborhood=b, agency=body, year=1399)
    VulnerabilityFlagFactory(neighborhood=b, agency=bodies[3], year=1399, is_flagged=False)
    for body in bodies[:2]:
        VulnerabilityFlagFactory(neighborhood=c, agency=body, year=1400)
    return bodies


def _expected(year):
    """The overlap written out: bodies whose flag that year says vulnerable, per neighborhood."""
    counts = {}
    for neighborhood in Neighborhood.objects.all():
        counts[neighborhood.name] = len(
            {
                f.agency_id
                for f in VulnerabilityFlag.objects.filter(neighborhood=neighborhood, year=year)
                if f.is_flagged
            }
        )
    return counts


def _sheet_rows(content: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.parametrize("year", [1399, 1400])
def test_selection_export_overlap_matches_the_flags(admin_client_fa, flagged, year):
    response = admin_client_fa.get("/print/followup/selection.xlsx", {"year": year})

    header, *rows = _sheet_rows(response.content)
    got = {row[1]: row[5] for row in rows}
    assert got == _expected(year)
    assert [row[1] for row in rows][:1] == ["محله الف" if year == 1399 else "محله ج"]


def test_selection_page_ranks_by_overlap_and_filters_by_district(admin_client_fa, flagged):
    html = admin_client_fa.get(URL, {"year": 1399, "district": 2}).content.decode()

    ranking = html[html.index('id="selection-ranking"') :]
    assert "محله الف" not in ranking
    assert ranking.index("محله ب") < ranking.index("محله ج")
    assert '<tr class="overlap-3"><td>۱</td><th scope="row">محله ب</th>' in ranking


def test_selection_minimum_overlap_and_bad_filters(admin_client_fa, flagged):
    html = admin_client_fa.get(URL, {"year": 1399, "min_overlap": 4}).content.decode()
    bad = admin_client_fa.get(URL, {"year": "۹۹۹۹<script>", "district": "x"})

    ranking = html[html.index('id="selection-ranking"') :]
    assert ("محله الف" in ranking, "محله ب" in ranking) == (True, False)
    assert bad.status_code == 200
    assert "<script>" not in bad.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ORGANIZER, 200),
        (Role.AGENCY_STAFF, 403),
        (Role.NEIGHBORHOOD_MANAGER, 403),
        (Role.BOOTH_HOLDER, 403),
        (Role.REVIEWER, 403),
        (Role.AUDITOR, 403),
    ],
)
def test_selection_tool_is_for_the_organizers_only(client, world, role, status):
    client.force_login(world.accounts[role])

    page = client.get(URL)
    export = client.get("/print/followup/selection.xlsx")

    assert (page.status_code, export.status_code) == (status, status)


def test_selection_tool_is_not_public(client, flagged):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
