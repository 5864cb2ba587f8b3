"""Site search, floor plan and charts as a visitor meets them."""

import re
from decimal import Decimal

import pytest

from exhibition.tests.factories import BoothFactory
from exhibition.tests.public_site import visible_text
from martyrs.tests.factories import MartyrFactory
from neighborhoods.tests.factories import NeighborhoodFactory


@pytest.mark.parametrize("query", ["کبیری پور", "كبيري‌پور", "کبیریپور", "کَبیری"])
def test_search_finds_neighborhoods_booths_and_martyrs_however_spelled(client, edition, query):
    neighborhood = NeighborhoodFactory(name="کبیری‌پور")
    BoothFactory(name="غرفه کبیری‌پور", neighborhood=neighborhood)
    MartyrFactory(last_name="کبیری‌پور", neighborhood=neighborhood)

    html = client.get("/search/", {"q": query}).content.decode()

    assert html.count(">کبیری‌پور</a>") == 1
    assert "غرفه کبیری‌پور</a>" in html
    assert "مهدی کبیری‌پور</a>" in html


def test_search_leaves_out_unpublished(client, edition):
    NeighborhoodFactory(name="محله پنهان", status="draft")
    MartyrFactory(last_name="پنهان", status="draft")

    text = visible_text(client.get("/search/", {"q": "پنهان"}).content.decode())

    assert "چیزی برای «پنهان» پیدا نشد." in text


def test_search_with_a_huge_query_is_not_an_error(client, edition):
    long_query = client.get("/search/", {"q": "ب" * 10_000})
    null_query = client.get("/search/", {"q": "ب\x00"})

    assert (long_query.status_code < 500, null_query.status_code < 500) == (True, True)


def test_floor_plan_draws_each_booth_from_its_position_as_a_link(client, edition):
    BoothFactory(code="A1", plan_x=Decimal("0"), plan_y=Decimal("0"), plan_width=3, plan_depth=3)
    BoothFactory(code="A2", plan_x=Decimal("4"), plan_y=Decimal("2"), plan_width=2, plan_depth=3)

    html = client.get("/plan/").content.decode()

    # Hall 6 m wide + 1 m margins = 8 m = 160 units; x is measured from the right. The
    # booths take 7 m of depth, the entrance side 7 m more: 280 units.
    assert 'viewBox="0 0 160.0 280.0"' in html
    assert re.search(
        r'href="/booths/A1/"[^>]*>\s*<rect x="80.0" y="20.0" width="60.0" height="60.0"', html
    )
    assert re.search(
        r'href="/booths/A2/"[^>]*>\s*<rect x="20.0" y="60.0" width="40.0" height="60.0"', html
    )
    assert 'fill="#8a4b12"' in html
    assert "style=" not in html


def test_floor_plan_lists_the_booths_for_readers_without_the_picture(client, edition):
    BoothFactory(code="A1", name="غرفه الف")

    html = client.get("/plan/").content.decode()

    assert (
        '<ul class="plan-list"><li><a href="/booths/A1/"><bdi class="booth-code">A۱</bdi> غرفه الف</a>'
        in html
    )


def test_floor_plan_ignores_a_colour_that_is_not_a_hex_colour(client, edition):
    section = edition.sections.get(number=1)
    section.color = '"><svg'  # seven characters, as the column allows
    section.save()
    BoothFactory(section=section)

    html = client.get("/plan/").content.decode()

    assert '"><svg' not in html
    assert 'fill="#1b6b5a"' in html


def test_statistics_shows_the_programme_growth_with_persian_numbers(client, edition):
    text = visible_text(client.get("/statistics/").content.decode())

    assert "۱۵" in text and "۶۰" in text and "۱۱۶" in text and "۵۵" in text
    assert "منتخب نمایشگاه ۵۵" in text


def test_search_results_are_crawlable_and_name_the_search_page_canonical(
    client, edition, public_host
):
    html = client.get("/search/", {"q": "نیلوفر"}).content.decode()

    assert 'name="robots"' not in html
    assert f'<link rel="canonical" href="{public_host}/search/">' in html
