"""The martyrs admin: partial Jalali dates typed and shown, search on the normalized key."""

import datetime
import io

from django.urls import reverse

from martyrs.models import Martyr
from martyrs.resources import MartyrResource
from martyrs.tests.factories import MartyrFactory
from moqdad.jalali import DatePrecision
from neighborhoods.tests.factories import NeighborhoodFactory


def _form(**overrides):
    data = {
        "first_name": "حسن",
        "last_name": "کبیری‌پور",
        "father_name": "غلامرضا",
        "category": Martyr.Category.SACRED_DEFENCE,
        "status": "published",
        "birth": "",
        "martyrdom": "",
    }
    return {**data, **overrides}


def test_admin_partial_dates_round_trip_through_the_form(admin_client_fa, db):
    neighborhood = NeighborhoodFactory()

    response = admin_client_fa.post(
        reverse("admin:martyrs_martyr_add"),
        _form(neighborhood=neighborhood.pk, birth="۱۳۳۹", martyrdom="-/8/1362"),
    )

    martyr = Martyr.objects.get()
    assert response.status_code == 302
    assert (martyr.birth_date, martyr.birth_date_precision) == (
        datetime.date(1960, 3, 21),
        DatePrecision.YEAR,
    )
    assert (martyr.martyrdom_date, martyr.martyrdom_date_precision) == (
        datetime.date(1983, 10, 23),
        DatePrecision.MONTH,
    )
    change_page = admin_client_fa.get(
        reverse("admin:martyrs_martyr_change", args=[martyr.pk])
    ).content.decode()
    assert 'value="۱۳۳۹"' in change_page
    assert 'value="۱۳۶۲/۰۸"' in change_page
    detail_page = admin_client_fa.get(martyr.get_absolute_url()).content.decode()
    assert "آبان ۱۳۶۲" in detail_page


def test_admin_bad_partial_date_is_a_persian_error(admin_client_fa, db):
    response = admin_client_fa.post(reverse("admin:martyrs_martyr_add"), _form(martyrdom="1362/13"))

    assert response.status_code == 200
    assert "این تاریخ شمسی وجود ندارد." in response.content.decode()
    assert Martyr.objects.count() == 0


def test_admin_search_uses_the_normalized_key(admin_client_fa, db):
    martyr = MartyrFactory(first_name="مهدی", last_name="کبیری‌پور")
    MartyrFactory(first_name="رضا", last_name="تهرانی")

    response = admin_client_fa.get(reverse("admin:martyrs_martyr_changelist"), {"q": "كبيري پور"})

    assert list(response.context["cl"].result_list) == [martyr]


def test_admin_import_refuses_a_sheet_over_the_admin_limit(admin_client_fa, db, monkeypatch):
    monkeypatch.setattr(MartyrResource, "__init__", _limited_init(2))
    content = "نام,نام خانوادگی,دسته\n" + "حسن,کبیری,دفاع مقدس\n" * 3
    upload = io.BytesIO(content.encode())
    upload.name = "big.csv"

    response = admin_client_fa.post(
        reverse("admin:martyrs_martyr_import"), {"import_file": upload, "format": "0"}
    )

    assert "manage.py import_martyrs" in response.content.decode()
    assert Martyr.objects.count() == 0


def _limited_init(limit):
    original = MartyrResource.__init__

    def init(self, **kwargs):
        original(self, **{**kwargs, "max_rows": limit})

    return init
