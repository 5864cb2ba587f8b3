import datetime

from django.urls import reverse

from martyrs.models import Martyr
from martyrs.tests.factories import MartyrFactory
from moqdad.testing import persian_message
from neighborhoods.tests.factories import NeighborhoodFactory


def _martyr_form(neighborhood, **overrides):
    data = {
        "first_name": "علی",
        "last_name": "رضایی",
        "father_name": "محمد",
        "neighborhood": neighborhood.pk,
        "category": "sacred_defence",
        "birth": "",
        "martyrdom": "۱۳۶۵/۱۰/۰۴",
        "status": "draft",
    }
    data.update(overrides)
    return data


def test_martyr_admin_rejects_a_second_prominent_martyr(admin_client_fa):
    neighborhood = NeighborhoodFactory()
    MartyrFactory(neighborhood=neighborhood, is_prominent=True)

    response = admin_client_fa.post(
        reverse("admin:martyrs_martyr_add"), _martyr_form(neighborhood, is_prominent="on")
    )

    assert response.status_code == 200
    assert (
        persian_message(
            "This neighborhood already has a prominent martyr; a neighborhood has at most one."
        )
        in response.content.decode()
    )
    assert Martyr.objects.filter(neighborhood=neighborhood).count() == 1


def test_martyr_admin_accepts_a_prominent_martyr_in_another_neighborhood(admin_client_fa):
    MartyrFactory(is_prominent=True)
    neighborhood = NeighborhoodFactory()

    response = admin_client_fa.post(
        reverse("admin:martyrs_martyr_add"), _martyr_form(neighborhood, is_prominent="on")
    )

    assert response.status_code == 302
    martyr = Martyr.objects.get(neighborhood=neighborhood)
    assert martyr.is_prominent is True
    assert martyr.martyrdom_date == datetime.date(1986, 12, 25)


def test_martyr_admin_stores_a_date_known_only_to_the_year(admin_client_fa):
    neighborhood = NeighborhoodFactory()

    admin_client_fa.post(
        reverse("admin:martyrs_martyr_add"), _martyr_form(neighborhood, martyrdom="۱۳۶۱")
    )

    martyr = Martyr.objects.get(neighborhood=neighborhood)
    assert (martyr.martyrdom_date, martyr.martyrdom_date_precision) == (
        datetime.date(1982, 3, 21),
        "year",
    )


def test_martyr_admin_shows_a_bad_date_in_persian(admin_client_fa):
    neighborhood = NeighborhoodFactory()

    response = admin_client_fa.post(
        reverse("admin:martyrs_martyr_add"), _martyr_form(neighborhood, martyrdom="۱۳۶۵/۱۳/۰۱")
    )

    assert response.status_code == 200
    assert persian_message("This Jalali date does not exist.") in response.content.decode()


def test_martyr_changelist_shows_the_martyrdom_date_in_jalali(admin_client_fa):
    MartyrFactory(martyrdom_date=datetime.date(1986, 2, 10))

    response = admin_client_fa.get(reverse("admin:martyrs_martyr_changelist"))

    assert "۱۳۶۴/۱۱/۲۱" in response.content.decode()
