"""Parts of the public pages kept as HTML until the content changes (moqdad.fragments): an
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


def test_neighborhood_page_follows_its_martyrs_and_booth(client, edition):
    neighborhood = NeighborhoodFactory(name="محله صفحه")
    MartyrFactory(neighborhood=neighborhood)
    count = '<span class="figure__number">{}</span>'
    url = neighborhood.get_absolute_url()
    first = client.get(url).content.decode()
    assert count.format("۱") in first

    MartyrFactory(neighborhood=neighborhood)
    BoothFactory(neighborhood=neighborhood, name="غرفه صفحه")

    html = client.get(url).content.decode()
    assert count.format("۲") in html
    assert "غرفه صفحه" in html
    assert 'id="martyrs-title"' in client.get("/en" + url).content.decode()


def test_martyr_figures_follow_a_martyr_added(client, edition):
    neighborhood = NeighborhoodFactory(name="محله ارقام")
    MartyrFactory(neighborhood=neighborhood)
    row = "محله ارقام</a></th><td>{}</td>"
    assert row.format("۱") in client.get("/martyrs/figures/").content.decode()

    MartyrFactory(neighborhood=neighborhood)

    assert row.format("۲") in client.get("/martyrs/figures/").content.decode()
