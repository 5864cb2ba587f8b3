"""After a bulk import the planner knows the rows: the search is planned on its trigram index.

PostgreSQL only (the trigram index and ANALYZE are PostgreSQL's); the import commits for real
(a transactional test), since the statistics are refreshed once the import has committed.
"""

import csv
import random

import pytest
from django.core.management import call_command
from django.db import connection

from martyrs.selectors import martyr_search
from neighborhoods.tests.factories import NeighborhoodFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigram index and ANALYZE are PostgreSQL's"
)

HEADERS = ["نام", "نام خانوادگی", "نام پدر", "تاریخ شهادت", "دسته", "محله", "وضعیت انتشار"]
FIRST = ["محمد", "علی", "حسین", "حسن", "مهدی", "رضا", "احمد", "عباس", "جواد", "مجید"]
STEMS = ["کبیر", "کریم", "رحیم", "نوروز", "یزدان", "فراهان", "مطهر", "باهنر", "همت", "خراز"]
FORMS = ["{}ی", "{}یان", "{}ی‌پور", "{}ی‌زاده", "{}ی‌نژاد", "{}ی‌فر", "{}ی‌راد", "{}لو"]


def _martyrs_csv(path, rows: int) -> None:
    rng = random.Random(18)
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADERS)
        for number in range(rows):
            surname = rng.choice(FORMS).format(rng.choice(STEMS)) + f" {number}"
            writer.writerow(
                [
                    rng.choice(FIRST),
                    surname,
                    rng.choice(FIRST),
                    "1362",
                    "دفاع مقدس",
                    "niroogah",
                    "published",
                ]
            )


@pytest.mark.django_db(transaction=True)
def test_import_martyrs_leaves_the_search_planned_on_the_trigram_index(tmp_path):
    NeighborhoodFactory(name="نیروگاه", slug="niroogah")
    sheet = tmp_path / "martyrs.csv"
    _martyrs_csv(sheet, 10_000)

    call_command("import_martyrs", str(sheet), stdout=None, stderr=None)
    plan = martyr_search(query="باهنری‌زاده").explain()

    assert "martyrs_martyr_search_trgm" in plan
