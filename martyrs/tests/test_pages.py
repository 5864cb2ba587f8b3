"""The memorial's public pages: what a visitor sees, and a constant number of queries."""

import datetime
import re

import pytest
from django.urls import reverse

from martyrs.models import Martyr
from martyrs.tests.factories import MartyrFactory, VeteranTallyFactory
from moqdad.jalali import DatePrecision
from moqdad.publishing import PublicationStatus
from neighborhoods.tests.factories import NeighborhoodFactory


@pytest.mark.parametrize("count", [1, 50])
def test_search_page_query_count_does_not_grow(client, db, django_assert_num_queries, count):
    neighborhood = NeighborhoodFactory()
    MartyrFactory.create_batch(count, last_name="کریمی", neighborhood=neighborhood)
    url = reverse("martyrs:search")

    # (a savepoint around the request, ATOMIC_REQUESTS) the neighborhood chosen, the count,
    # the page, the neighborhoods for the filter (and the savepoint's release)
    with django_assert_num_queries(7):
        response = client.get(url, {"q": "كريمي", "neighborhood": neighborhood.slug})

    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [1, 50])
def test_neighborhood_martyrs_page_query_count_does_not_grow(
    client, db, django_assert_num_queries, count
):
    neighborhood = NeighborhoodFactory()
    MartyrFactory.create_batch(count, neighborhood=neighborhood)
    VeteranTallyFactory(neighborhood=neighborhood)
    url = reverse("martyrs:neighborhood", kwargs={"slug": neighborhood.slug})

    # savepoint, the neighborhood, the page, martyrs by neighborhood and category (counted once,
    # kept under the content version: the figures and the pager read it), veterans by kind,
    # release
    with django_assert_num_queries(7):
        response = client.get(url)

    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [1, 50])
def test_detail_page_query_count_does_not_grow(client, db, django_assert_num_queries, count):
    neighborhood = NeighborhoodFactory()
    martyrs = MartyrFactory.create_batch(count, neighborhood=neighborhood)

    # savepoint, the martyr with the neighborhood, release
    with django_assert_num_queries(4):
        response = client.get(martyrs[-1].get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 50])
def test_figures_page_query_count_does_not_grow(client, db, django_assert_num_queries, count):
    for _ in range(count):
        neighborhood = NeighborhoodFactory()
        MartyrFactory(neighborhood=neighborhood)
        VeteranTallyFactory(neighborhood=neighborhood)

    # savepoint, four figures, release
    with django_assert_num_queries(7):
        response = client.get(reverse("martyrs:figures"))

    assert response.status_code == 200
    assert response.context["sections"][0]["figures"].total == count


def test_detail_page_shows_the_record(client, db):
    neighborhood = NeighborhoodFactory(name="نیروگاه")
    martyr = MartyrFactory(
        first_name="حسن",
        last_name="کبیری‌پور",
        father_name="غلامرضا",
        birth_date=datetime.date(1960, 3, 21),  # 1339/01/01
        birth_date_precision=DatePrecision.YEAR,
        birth_place="قم",
        martyrdom_date=datetime.date(1986, 2, 10),  # 1364/11/21
        martyrdom_place="فاو",
        operation="والفجر ۸",
        unit="لشکر ۱۷ علی‌بن‌ابی‌طالب",
        burial_place="گلزار شهدای علی‌بن‌جعفر",
        biography="زندگی‌نامه کوتاه",
        testament_excerpt="راه شهدا را ادامه دهید.",
        neighborhood=neighborhood,
        is_prominent=True,
    )

    page = client.get(martyr.get_absolute_url()).content.decode()

    for text in [
        "شهید حسن کبیری‌پور",
        "نام پدر: غلامرضا",
        '۱۳۳۹ <small class="precision">(فقط سال معلوم است)</small>',
        "۲۱ بهمن ۱۳۶۴",
        "فاو",
        "والفجر ۸",
        "لشکر ۱۷ علی‌بن‌ابی‌طالب",
        "گلزار شهدای علی‌بن‌جعفر",
        "زندگی‌نامه کوتاه",
        "راه شهدا را ادامه دهید.",
        "شهید شاخص محله",
        f'href="{neighborhood.get_absolute_url()}"',
        "پیشنهاد اصلاح",
    ]:
        assert text in page


def test_detail_page_month_precision_shows_month_and_year(client, db):
    martyr = MartyrFactory(
        martyrdom_date=datetime.date(1982, 9, 23), martyrdom_date_precision=DatePrecision.MONTH
    )

    page = client.get(martyr.get_absolute_url()).content.decode()

    assert 'مهر ۱۳۶۱ <small class="precision">(فقط ماه معلوم است)</small>' in page


def test_detail_page_of_unpublished_martyr_is_not_found(client, db):
    martyr = MartyrFactory(status=PublicationStatus.DRAFT)

    assert client.get(martyr.get_absolute_url()).status_code == 404


def test_detail_page_hides_an_unpublished_neighborhood(client, db):
    martyr = MartyrFactory(neighborhood=NeighborhoodFactory(status=PublicationStatus.DRAFT))

    page = client.get(martyr.get_absolute_url()).content.decode()

    assert martyr.neighborhood.name not in page


@pytest.mark.parametrize(
    "params",
    [
        {"year_from": "abc"},
        {"year_from": "99999999999999999999"},
        {"year_from": "1370", "year_to": "1360"},
        {"neighborhood": "no-such-place"},
        {"category": "nonsense"},
        {"page": "-1"},
        {"page": "x"},
        {"q": "x" * 500},
    ],
)
def test_search_page_bad_filter_is_reported_not_a_server_error(client, db, params):
    MartyrFactory(last_name="کریمی")

    response = client.get(reverse("martyrs:search"), params)

    assert response.status_code == 200
    assert response.context["page"].paginator.count in (0, 1)


def test_search_page_reports_a_bad_year_in_persian(client, db):
    response = client.get(reverse("martyrs:search"), {"year_from": "abc"})

    assert "یک سال شمسی مانند ۱۳۶۵ وارد کنید." in response.content.decode()


def test_search_page_accepts_persian_digits_in_years(client, db):
    MartyrFactory(last_name="کریمی", martyrdom_date=datetime.date(1986, 2, 10))  # 1364
    MartyrFactory(last_name="کریمی", martyrdom_date=datetime.date(1982, 9, 23))  # 1361

    response = client.get(reverse("martyrs:search"), {"year_from": "۱۳۶۳", "year_to": "١٣٦٥"})

    assert response.context["page"].paginator.count == 1


def test_search_page_lists_names_with_link(client, db):
    martyr = MartyrFactory(first_name="مهدی", last_name="کبیری‌پور")

    page = client.get(reverse("martyrs:search"), {"q": "کبیری پور"}).content.decode()

    assert f'<a href="{martyr.get_absolute_url()}">شهید مهدی کبیری‌پور</a>' in page


def test_neighborhood_page_lists_the_prominent_martyr_first(client, db):
    neighborhood = NeighborhoodFactory()
    MartyrFactory(last_name="الف", neighborhood=neighborhood)
    prominent = MartyrFactory(last_name="ی", neighborhood=neighborhood, is_prominent=True)

    response = client.get(reverse("martyrs:neighborhood", kwargs={"slug": neighborhood.slug}))

    assert response.context["page"].object_list[0] == prominent


def test_figures_chart_has_no_style_attribute_and_a_table(client, db):
    neighborhood = NeighborhoodFactory(name="نیروگاه")
    MartyrFactory.create_batch(3, neighborhood=neighborhood, category=Martyr.Category.REVOLUTION)
    VeteranTallyFactory(neighborhood=neighborhood, count=12)

    page = client.get(reverse("martyrs:figures")).content.decode()

    assert "style=" not in page
    assert page.count("<svg") == 4
    assert '<th scope="row">انقلاب اسلامی</th><td>۳</td>' in page
    assert "<td>۱۲</td>" in page


def test_figures_chart_draws_the_first_fifteen_neighborhoods_and_tables_all(client, db):
    for _ in range(17):
        MartyrFactory(neighborhood=NeighborhoodFactory())

    response = client.get(reverse("martyrs:figures"))

    section = response.context["sections"][0]
    assert (len(section["chart"].rows), len(section["figures"].rows)) == (15, 17)
    assert "۱۵ مورد نخست؛ جدول همه را دارد" in response.content.decode()


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_every_memorial_page_title_names_the_site_once(client, db):
    neighborhood = NeighborhoodFactory(name="یزدانشهر")
    martyr = MartyrFactory(first_name="مهدی", last_name="زین‌الدین", neighborhood=neighborhood)
    pages = [
        reverse("martyrs:search"),
        martyr.get_absolute_url(),
        reverse("martyrs:neighborhood", kwargs={"slug": neighborhood.slug}),
        reverse("martyrs:figures"),
    ]

    titles = [_title(client.get(url).content.decode()) for url in pages]

    assert titles == [
        "شهدا · نمایشگاه مقداد",
        "شهید مهدی زین‌الدین · نمایشگاه مقداد",
        "شهدای یزدانشهر · نمایشگاه مقداد",
        "آمار شهدا و ایثارگران · نمایشگاه مقداد",
    ]


def test_search_page_before_a_search_claims_no_results(client, db):
    MartyrFactory(last_name="کریمی")

    text = _text(client.get(reverse("martyrs:search")).content.decode())

    assert "یافت شد" not in text
    assert "همه شهدا، به ترتیب نام خانوادگی" in text
    assert "شهید" in text and "کریمی" in text


def test_search_page_after_a_search_counts_the_results(client, db):
    MartyrFactory(last_name="کریمی")

    text = _text(client.get(reverse("martyrs:search"), {"q": "کریمی"}).content.decode())

    assert "نتیجه جست‌وجو ۱ شهید یافت شد." in text


def test_search_page_folds_the_other_filters_away_for_a_name(client, db):
    html = client.get(reverse("martyrs:search"), {"q": "کریمی"}).content.decode()

    assert '<details class="martyr-search__filters">' in html


def test_search_page_opens_the_folded_filters_when_one_is_used(client, db):
    html = client.get(
        reverse("martyrs:search"), {"q": "کریمی", "category": "sacred_defence"}
    ).content.decode()

    assert '<details class="martyr-search__filters" open>' in html
    assert "جست‌وجوی پیشرفته (یک پالایه فعال)" in _text(html)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_search_page_name_field_is_a_search_box_with_one_type(client, db):
    html = client.get(reverse("martyrs:search")).content.decode()
    name_input = re.search(r'<input[^>]*name="q"[^>]*>', html).group(0)

    assert re.findall(r'\btype="([^"]*)"', name_input) == ["search"]


def test_correction_page_hints_are_what_the_fields_point_to(client, db):
    martyr = MartyrFactory()
    html = client.get(reverse("martyrs:correction", kwargs={"pk": martyr.pk})).content.decode()

    described = re.findall(r'aria-describedby="([^"]*)"', html)
    assert described != []
    assert [name for name in described if f'id="{name}"' not in html] == []
