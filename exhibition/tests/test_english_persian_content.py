"""On the English site, content that exists only in Persian keeps its own direction: names and
free text of neighborhoods, martyrs and the schedule are wrapped in `<bdi lang="fa" dir="rtl">`."""

import datetime

from exhibition.tests.factories import ScheduleItemFactory
from martyrs.tests.factories import MartyrFactory
from neighborhoods.tests.factories import NeighborhoodFactory

FA = '<bdi lang="fa" dir="rtl">{}</bdi>'


def test_english_neighborhood_list_wraps_persian_names_and_summaries(client, edition):
    NeighborhoodFactory(name="نیلوفر", summary="محله‌ای در شمال قم")

    page = client.get("/en/neighborhoods/").content.decode()

    assert FA.format("نیلوفر") in page
    assert FA.format("محله‌ای در شمال قم") in page


def test_english_neighborhood_page_wraps_persian_name_and_description(client, edition):
    neighborhood = NeighborhoodFactory(
        name="نیلوفر", summary="محله‌ای در شمال قم", manager_name="علی رضایی"
    )

    page = client.get(f"/en{neighborhood.get_absolute_url()}").content.decode()

    assert f"<h1>{FA.format('نیلوفر')}" in page
    assert FA.format("محله‌ای در شمال قم") in page
    assert FA.format("علی رضایی") in page


def test_english_martyr_pages_wrap_persian_names(client, edition):
    neighborhood = NeighborhoodFactory(name="نیلوفر")
    martyr = MartyrFactory(
        first_name="مهدی", last_name="زین‌الدین", father_name="حسین", neighborhood=neighborhood
    )

    detail_url = f"/en{martyr.get_absolute_url()}"

    search = client.get("/en/martyrs/", {"q": "مهدی"}).content.decode()
    detail = client.get(detail_url).content.decode()
    listing = client.get(f"/en/martyrs/neighborhood/{neighborhood.slug}/").content.decode()

    assert FA.format("مهدی زین‌الدین") in search
    assert FA.format("حسین") in search
    assert FA.format("مهدی زین‌الدین") in detail
    assert FA.format("حسین") in detail
    assert FA.format("نیلوفر") in detail
    assert FA.format("نیلوفر") in listing
    assert FA.format("مهدی زین‌الدین") in listing


def test_english_schedule_wraps_persian_titles_and_places(client, edition):
    ScheduleItemFactory(day=datetime.date(2022, 11, 1), title="سخنرانی افتتاحیه", hall="سالن یک")

    day = client.get("/en/schedule/2022-11-01/").content.decode()
    whole = client.get("/en/schedule/", {"days": "all"}).content.decode()

    for page in (day, whole):
        assert FA.format("سخنرانی افتتاحیه") in page
        assert FA.format("سالن یک") in page
