"""Parts of the public pages kept as HTML until the content changes (exhibition.fragments): an
edit shows at once, in each language."""

from exhibition.tests.factories import BoothFactory
from martyrs.tests.factories import MartyrFactory
from neighborhoods.tests.factories import NeighborhoodFactory


def test_booth_list_and_floor_plan_show_a_renamed_booth(client, edition):
    booth = BoothFactory(name="کتابخانه پیشین")
    assert "کتابخانه پیشین" in client.get("/booths/").content.decode()
    assert "کتابخانه پیشین" in client.get("/plan/").content.decode()

    booth.name = "کتابخانه تازه"
    booth.save()

    for page in ("/booths/", "/plan/"):
        html = client.get(page).content.decode()
        assert "کتابخانه تازه" in html and "کتابخانه پیشین" not in html


def test_statistics_follow_a_martyr_added(client, edition):
    neighborhood = NeighborhoodFactory(name="محله آمار")
    MartyrFactory.create_batch(2, neighborhood=neighborhood)
    row = '<a href="{}">محله آمار</a></th><td>{}</td>'.format(neighborhood.get_absolute_url(), "{}")
    assert row.format("۲") in client.get("/statistics/").content.decode()

    MartyrFactory(neighborhood=neighborhood)

    assert row.format("۳") in client.get("/statistics/").content.decode()


def test_statistics_are_kept_apart_by_language(client, edition):
    NeighborhoodFactory(name="محله زبان")
    persian = client.get("/statistics/").content.decode()
    english = client.get("/en/statistics/").content.decode()

    assert "آمار" in persian
    assert "Martyrs and veterans per neighborhood" in english
    assert "Martyrs and veterans per neighborhood" not in persian
