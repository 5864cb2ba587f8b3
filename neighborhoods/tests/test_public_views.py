"""The public neighborhood list (filters) and page (what it shows, what it never shows)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exhibition.tests.factories import BoothFactory
from exhibition.tests.public_site import visible_text
from martyrs.tests.factories import MartyrFactory, VeteranTallyFactory
from neighborhoods.models import ProgrammePhase
from neighborhoods.tests.factories import (
    ActionPlanFactory,
    CouncilFactory,
    CouncilMemberFactory,
    InitiativeFactory,
    NeighborhoodFactory,
    ProblemFactory,
    ProfileIndicatorFactory,
)


def _names(response) -> list[str]:
    html = response.content.decode()
    return [n for n in ("شمالی", "جنوبی", "شرقی") if f">محله {n}</a>" in html]


@pytest.fixture
def three(db):
    phases = {p.number: p for p in ProgrammePhase.objects.all()}
    NeighborhoodFactory(name="محله شمالی", district=1, phase=phases[1], is_selected=True)
    NeighborhoodFactory(name="محله جنوبی", district=2, phase=phases[2], is_selected=False)
    NeighborhoodFactory(name="محله شرقی", district=2, phase=phases[3], is_selected=True)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["شمالی", "جنوبی", "شرقی"]),
        ({"district": "2"}, ["جنوبی", "شرقی"]),
        ({"phase": "1"}, ["شمالی"]),
        ({"selected": "yes"}, ["شمالی", "شرقی"]),
        ({"selected": "no"}, ["جنوبی"]),
        ({"district": "2", "selected": "yes"}, ["شرقی"]),
        ({"q": "جنوبي"}, ["جنوبی"]),
    ],
)
def test_neighborhood_list_filters(client, three, query, expected):
    response = client.get("/neighborhoods/", query)

    assert _names(response) == expected


@pytest.mark.parametrize("query", [{"district": "abc"}, {"phase": "99"}, {"selected": "<x>"}])
def test_neighborhood_list_bad_filter_is_ignored_not_an_error(client, three, query):
    response = client.get("/neighborhoods/", query)

    assert response.status_code == 200
    assert _names(response) == ["شمالی", "جنوبی", "شرقی"]


def test_neighborhood_list_filter_choices_read_in_persian(client, three):
    text = visible_text(client.get("/neighborhoods/").content.decode())

    assert "منطقه ۱" in text
    assert "منطقه ۲" in text


def test_neighborhood_page_shows_public_profile_and_hides_social_harm(client, db):
    neighborhood = NeighborhoodFactory(population=12500)
    ProfileIndicatorFactory(neighborhood=neighborhood, title="باسوادی", value="87.50", unit="درصد")
    ProfileIndicatorFactory(neighborhood=neighborhood, kind="social_harm", title="طلاق", value=31)

    text = visible_text(client.get(neighborhood.get_absolute_url()).content.decode())

    assert "۱۲٬۵۰۰" in text
    assert "باسوادی" in text
    assert "۸۷٫۵ درصد" in text
    assert "طلاق" not in text


def test_neighborhood_page_counts_council_by_role(client, db):
    council = CouncilFactory()
    neighborhood = council.neighborhood
    for _ in range(4):
        CouncilMemberFactory(council=council, role="teacher", publish_name=False)
    CouncilMemberFactory(council=council, role="imam", full_name="حجت‌الاسلام نمونه")
    CouncilMemberFactory(council=council, role="imam", full_name="نام پنهان", publish_name=False)

    text = visible_text(client.get(neighborhood.get_absolute_url()).content.decode())

    assert "شورای محله ۶ عضو دارد." in text
    assert "حجت‌الاسلام نمونه" in text
    assert "نام پنهان" not in text


def test_neighborhood_page_council_queries_fetch_no_private_column(client, db):
    neighborhood = NeighborhoodFactory()
    CouncilMemberFactory(council__neighborhood=neighborhood, phone="09120000000")

    with CaptureQueriesContext(connection) as queries:
        client.get(neighborhood.get_absolute_url())

    member_queries = [q["sql"] for q in queries if "neighborhoods_councilmember" in q["sql"]]
    assert member_queries != []
    assert [sql for sql in member_queries if '"phone"' in sql or '"address"' in sql] == []


def test_neighborhood_page_shows_problems_plans_initiatives_martyrs_and_booth(client, edition):
    neighborhood = NeighborhoodFactory()
    problem = ProblemFactory(neighborhood=neighborhood, category="economic", title="بیکاری جوانان")
    ActionPlanFactory(problem=problem, title="کارگاه خیاطی", progress_percent=40)
    InitiativeFactory(neighborhood=neighborhood, title="خانه سبز محله")
    MartyrFactory(neighborhood=neighborhood, last_name="کبیری‌پور", is_prominent=True)
    MartyrFactory(neighborhood=neighborhood)
    VeteranTallyFactory(neighborhood=neighborhood, count=12)
    BoothFactory(neighborhood=neighborhood, code="B77", name="غرفه محله نمونه")

    html = client.get(neighborhood.get_absolute_url()).content.decode()
    text = visible_text(html)

    assert "بیکاری جوانان" in text
    assert "کارگاه خیاطی" in text
    assert "۴۰٪" in text
    assert "خانه سبز محله" in text
    assert "شهید مهدی کبیری‌پور" in text
    assert 'href="/booths/B77/"' in html
    assert "غرفه محله نمونه" in text


def test_neighborhood_page_says_a_council_name_is_not_published(client, db):
    council = CouncilFactory()
    CouncilMemberFactory(council=council, role="imam", full_name="حجت‌الاسلام نمونه")
    CouncilMemberFactory(council=council, role="imam", publish_name=False)
    for _ in range(3):
        CouncilMemberFactory(council=council, role="teacher", publish_name=False)

    text = visible_text(client.get(council.neighborhood.get_absolute_url()).content.decode())

    assert "حجت‌الاسلام نمونه، نام منتشر نشده" in text
    assert "۳ نام منتشر نشده" in text
    assert "—" not in text
