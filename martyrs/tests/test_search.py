"""Search finds a martyr whatever spelling the family types, on SQLite and PostgreSQL alike."""

import datetime

import pytest
from django.db import connection

from martyrs.selectors import CappedPaginator, martyr_search, martyr_search_page
from martyrs.tests.factories import MartyrFactory
from moqdad.publishing import PublicationStatus
from neighborhoods.tests.factories import NeighborhoodFactory

# (as recorded, as typed by a visitor): each pair must find the same martyr.
VARIANT_PAIRS = [
    ("کبیری‌پور", "کبیری پور"),
    ("کبیری‌پور", "کبیریپور"),
    ("کبیری پور", "کبیری‌پور"),
    ("کریمی", "كريمي"),
    ("علی‌اکبری", "علي اكبري"),
    ("یزدانی", "يزدانى"),
    ("طاهرة", "طاهره"),
    ("زادۀ صالح", "زاده صالح"),
    ("آقایی", "اقایی"),
    ("رئیسی", "رییسی"),
    ("مؤمنی", "مومنی"),
    ("اسماعیلی", "إسماعیلی"),
    ("مُحَمَّدی", "محمدی"),
    ("حســـینی", "حسینی"),
    ("نوروزی۱۳", "نوروزی13"),
    ("نوروزی١٣", "نوروزی۱۳"),
]


@pytest.mark.parametrize(("recorded", "typed"), VARIANT_PAIRS)
def test_martyr_search_variant_pair_finds_the_same_martyr(db, recorded, typed):
    martyr = MartyrFactory(first_name="رضا", last_name=recorded)
    MartyrFactory(first_name="رضا", last_name="تهرانی")

    by_recorded = list(martyr_search(query=recorded))
    by_typed = list(martyr_search(query=typed))

    assert by_recorded == [martyr]
    assert by_typed == [martyr]


@pytest.mark.parametrize(
    "typed", ["مهدی کبیری‌پور", "کبیری‌پور مهدی", "مهدي كبيري پور", "کبیریپور", "پور", "مهدی"]
)
def test_martyr_search_full_name_in_either_order(db, typed):
    martyr = MartyrFactory(first_name="مهدی", last_name="کبیری‌پور")

    assert list(martyr_search(query=typed)) == [martyr]


def test_martyr_search_skips_unpublished_martyrs(db):
    MartyrFactory(last_name="کبیری", status=PublicationStatus.DRAFT)

    assert list(martyr_search(query="کبیری")) == []


def test_martyr_search_puts_a_name_starting_with_the_query_first(db):
    inside = MartyrFactory(first_name="محمدحسن", last_name="کریمی")
    starting = MartyrFactory(first_name="حسن", last_name="رضایی")

    assert list(martyr_search(query="حسن")) == [starting, inside]


def test_martyr_search_filters_by_father_name_operation_category_and_neighborhood(db):
    here = NeighborhoodFactory()
    wanted = MartyrFactory(
        last_name="احمدی",
        father_name="غلامعلی",
        operation="والفجر ۸",
        category="sacred_defence",
        neighborhood=here,
    )
    MartyrFactory(last_name="احمدی", father_name="حسین", operation="والفجر ۸", neighborhood=here)
    MartyrFactory(last_name="احمدی", father_name="غلامعلی", operation="کربلای ۵", neighborhood=here)
    MartyrFactory(last_name="احمدی", father_name="غلامعلی", operation="والفجر ۸")

    found = martyr_search(
        query="احمدی",
        father_name="غلام علي",
        operation="والفجر 8",
        category="sacred_defence",
        neighborhood=here,
    )

    assert list(found) == [wanted]


def test_martyr_search_filters_by_jalali_martyrdom_year_range(db):
    MartyrFactory(last_name="الف", martyrdom_date=datetime.date(1981, 3, 20))  # 1359/12/29
    in_range = MartyrFactory(last_name="ب", martyrdom_date=datetime.date(1981, 3, 21))  # 1360/1/1
    last = MartyrFactory(last_name="پ", martyrdom_date=datetime.date(1987, 3, 20))  # 1365/12/29
    MartyrFactory(last_name="ت", martyrdom_date=datetime.date(1987, 3, 21))  # 1366/1/1

    assert list(martyr_search(year_from=1360, year_to=1365)) == [in_range, last]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram similarity is PostgreSQL's")
def test_martyr_search_tolerates_a_typo_on_postgresql(db):
    martyr = MartyrFactory(first_name="مهدی", last_name="کبیری‌پور")
    MartyrFactory(first_name="رضا", last_name="تهرانی")

    page = martyr_search_page(query="کبیریپوز", page=1, per_page=30)

    assert list(martyr_search(query="کبیریپوز")) == []
    assert (list(page), page.near) == ([martyr], True)


def test_martyr_search_page_counts_up_to_its_cap(db, monkeypatch):
    MartyrFactory.create_batch(3, last_name="کریمی")
    monkeypatch.setattr(CappedPaginator, "cap", 2)

    page = martyr_search_page(query="کریمی", page=1, per_page=30)

    assert (page.paginator.count, page.paginator.capped, len(page)) == (2, True, 2)
