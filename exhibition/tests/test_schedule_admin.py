import pytest

from exhibition.models import ScheduleItem
from exhibition.tests.factories import BoothFactory

ADD_URL = "/admin/exhibition/scheduleitem/add/"


def _form(edition, **changes):
    data = {
        "exhibition": edition.pk,
        "title": "سخنرانی مدیر محله",
        "kind": "speech",
        "status": "published",
        "day": "۱۴۰۱/۰۸/۱۰",
        "start_time": "16:00",
        "end_time": "16:45",
        "place_kind": "hall",
        "hall": edition.halls.get(name="سالن اصلی").pk,
        "booth": "",
        "speakers": "",
        "description": "",
        "neighborhood": "",
        "agency": "",
        "_save": "ذخیره",
    }
    data.update(changes)
    return data


def test_admin_adds_a_valid_item(admin_client_fa, edition):
    response = admin_client_fa.post(ADD_URL, _form(edition))

    assert response.status_code == 302
    assert ScheduleItem.objects.filter(title="سخنرانی مدیر محله").count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"day": "۱۴۰۱/۰۸/۰۹", "start_time": "18:30", "end_time": "19:15"},
            "این مکان در این ساعت برای برنامه «آیین افتتاحیه نمایشگاه مقداد» (۱۸:۰۰ تا ۱۹:۰۰) رزرو شده است",
        ),
        (
            {"start_time": "20:00", "end_time": "21:00"},
            "نمایشگاه در روز سه‌شنبه ۱۰ آبان ۱۴۰۱ از ساعت ۱۵:۳۰ تا ۲۰:۳۰ باز است؛ این برنامه بیرون از این ساعات است.",
        ),
        (
            {"day": "۱۴۰۱/۰۸/۱۵"},
            "نمایشگاه از ۹ آبان ۱۴۰۱ تا ۱۳ آبان ۱۴۰۱ برپاست؛ این روز بیرون از دوره نمایشگاه است.",
        ),
        ({"end_time": "15:45"}, "ساعت پایان باید بعد از ساعت شروع باشد."),
    ],
)
def test_admin_rejects_an_item_with_a_persian_message(admin_client_fa, edition, changes, message):
    response = admin_client_fa.post(ADD_URL, _form(edition, **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert ScheduleItem.objects.count() == 1


def test_admin_rejects_an_overlap_at_the_same_booth(admin_client_fa, edition):
    booth = BoothFactory()
    admin_client_fa.post(ADD_URL, _form(edition, place_kind="booth", hall="", booth=booth.pk))

    response = admin_client_fa.post(
        ADD_URL,
        _form(
            edition,
            title="دومی",
            place_kind="booth",
            hall="",
            booth=booth.pk,
            start_time="16:30",
            end_time="17:00",
        ),
    )

    assert "«سخنرانی مدیر محله»" in response.content.decode()
    assert ScheduleItem.objects.filter(booth=booth).count() == 1


def test_schedule_changelist_has_one_print_link_to_the_print_centre(admin_client_fa, edition):
    html = admin_client_fa.get("/admin/exhibition/scheduleitem/").content.decode()

    tools = html[html.index('<ul class="object-tools">') :]
    tools = tools[: tools.index("</ul>")]
    assert '<li><a href="/print/">مرکز چاپ</a></li>' in tools
    assert "/print/schedule" not in html
    assert "/admin/exhibition/scheduleitem/import/" in tools


def test_booth_admin_action_prints_signs_of_the_selected_booths(admin_client_fa, edition):
    booths = BoothFactory.create_batch(2)

    response = admin_client_fa.post(
        "/admin/exhibition/booth/",
        {"action": "print_signs", "_selected_action": [b.pk for b in booths]},
    )

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
