"""List pages make the same number of queries for 1 item as for 50."""

import pytest

from exhibition.tests.factories import BoothFactory
from martyrs.tests.factories import MartyrFactory, VeteranTallyFactory
from neighborhoods.tests.factories import (
    CouncilMemberFactory,
    InitiativeFactory,
    NeighborhoodFactory,
)


def _booths(edition, count):
    for index in range(count):
        BoothFactory(section=edition.sections.get(number=1 + index % 3))


def _neighborhoods(count):
    for _ in range(count):
        neighborhood = NeighborhoodFactory()
        MartyrFactory(neighborhood=neighborhood)
        VeteranTallyFactory(neighborhood=neighborhood)
        InitiativeFactory(neighborhood=neighborhood)
        CouncilMemberFactory(council__neighborhood=neighborhood)


@pytest.mark.parametrize("count", [1, 50])
def test_booth_list_queries_do_not_grow_with_booths(
    client, edition, django_assert_num_queries, count
):
    _booths(edition, count)

    with django_assert_num_queries(6):  # +1: the page cache reads the current edition
        response = client.get("/booths/")

    assert response.content.decode().count('<li class="card">') == count


@pytest.mark.parametrize("count", [1, 50])
def test_home_queries_do_not_grow_with_booths(client, edition, django_assert_num_queries, count):
    _booths(edition, count)

    with django_assert_num_queries(12):  # +1: whether the figures include demo records
        response = client.get("/")

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 50])
def test_floor_plan_queries_do_not_grow_with_booths(
    client, edition, django_assert_num_queries, count
):
    _booths(edition, count)

    # +1: the page cache reads the current edition; +1: the halls of the programme.
    with django_assert_num_queries(6):
        response = client.get("/plan/")

    assert response.content.decode().count('class="floor-plan__booth"') == count


@pytest.mark.parametrize("count", [1, 50])
def test_statistics_queries_do_not_grow_with_neighborhoods(
    client, edition, django_assert_num_queries, count
):
    _neighborhoods(count)

    # +1: whether the figures include demo records; +3: the commitments' block (followup)
    with django_assert_num_queries(13):
        response = client.get("/statistics/")

    assert response.content.decode().count('<th scope="row"><a href="/neighborhoods/') == count


@pytest.mark.parametrize("count", [1, 50])
def test_search_queries_do_not_grow_with_results(client, edition, django_assert_num_queries, count):
    _booths(edition, count)

    with django_assert_num_queries(6):
        response = client.get("/search/", {"q": "آزمایشی"})

    html = response.content.decode()
    assert html.count('href="/booths/') - html.count('href="/booths/"') == min(count, 20)


@pytest.mark.parametrize("count", [1, 50])
def test_neighborhood_list_queries_do_not_grow_with_neighborhoods(
    client, edition, django_assert_num_queries, count
):
    _neighborhoods(count)

    # One of them counts the martyrs of every neighborhood at once (kept until content changes).
    with django_assert_num_queries(8):
        response = client.get("/neighborhoods/", {"selected": "yes"})

    assert response.content.decode().count('<li class="card">') == count
