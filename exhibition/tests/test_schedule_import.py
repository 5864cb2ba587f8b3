import datetime
import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from exhibition.models import ScheduleItem
from exhibition.resources import ScheduleItemResource
from exhibition.tests.factories import BoothFactory, HallFactory

HEADERS = [
    "day",
    "start_time",
    "end_time",
    "place_kind",
    "hall",
    "booth",
    "kind",
    "title",
    "status",
]


@pytest.fixture(autouse=True)
def halls(edition):
    """The halls the files below name, besides the main hall of the real opening."""
    return [HallFactory(exhibition=edition, name=name) for name in ("سالن شهدا", "سالن کتاب")]


def _dataset(*rows):
    return tablib.Dataset(*rows, headers=HEADERS)


def _import(*rows, dry_run=False):
    return ScheduleItemResource().import_data(_dataset(*rows), dry_run=dry_run)


def _messages(result) -> str:
    return " ".join(
        message
        for row in result.invalid_rows
        for messages in row.error_dict.values()
        for message in messages
    )


def test_import_creates_items_from_jalali_days_in_persian_digits(edition):
    result = _import(
        [
            "۱۴۰۱/۰۸/۱۰",
            "۱۶:۰۰",
            "۱۶:۴۵",
            "سالن",
            "سالن شهدا",
            "",
            "نشست تخصصی",
            "نشست محلات",
            "published",
        ],
        ["2022-11-02", "17:00", "17:30", "hall", "سالن شهدا", "", "speech", "سخنرانی", ""],
    )

    days = list(ScheduleItem.objects.order_by("day").values_list("day", "kind", "status")[1:])
    assert (result.has_errors(), result.has_validation_errors()) == (False, False)
    assert days == [
        (datetime.date(2022, 11, 1), "panel", "published"),
        (datetime.date(2022, 11, 2), "speech", "draft"),
    ]


def test_import_finds_the_booth_by_its_code(edition):
    booth = BoothFactory(code="D4")

    _import(["1401/08/10", "16:00", "16:30", "booth", "", "D4", "other", "معرفی غرفه", ""])

    assert ScheduleItem.objects.get(title="معرفی غرفه").booth == booth


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ["1401/08/09", "18:30", "19:30", "hall", "سالن اصلی", "", "speech", "همپوشان", ""],
            "«آیین افتتاحیه نمایشگاه مقداد»",
        ),
        (
            ["1401/08/10", "14:00", "15:00", "hall", "سالن اصلی", "", "speech", "پیش از گشایش", ""],
            "بیرون از این ساعات",
        ),
        (
            ["1401/08/09", "16:00", "17:00", "hall", "سالن اصلی", "", "speech", "روز نخست", ""],
            "نمایشگاه در روز دوشنبه ۹ آبان ۱۴۰۱ از ساعت ۱۸:۰۰ تا ۲۰:۳۰ باز است",
        ),
        (
            [
                "1401/08/20",
                "16:00",
                "17:00",
                "hall",
                "سالن اصلی",
                "",
                "speech",
                "بعد از نمایشگاه",
                "",
            ],
            "بیرون از دوره نمایشگاه",
        ),
        (
            ["1401/08/10", "17:00", "16:00", "hall", "سالن اصلی", "", "speech", "وارونه", ""],
            "ساعت پایان باید بعد از ساعت شروع باشد",
        ),
        (
            ["1401/13/10", "16:00", "17:00", "hall", "سالن اصلی", "", "speech", "تاریخ نادرست", ""],
            "این تاریخ شمسی وجود ندارد",
        ),
        (
            ["1401/08/10", "16:00", "17:00", "hall", "سالن ناموجود", "", "speech", "سالن؟", ""],
            "این دوره سالنی به نام «سالن ناموجود» ندارد؛ نخست آن را به سالن‌های دوره بیفزایید.",
        ),
        (
            ["1401/08/10", "16:00", "17:00", "booth", "", "ZZ9", "speech", "غرفه ناموجود", ""],
            "غرفه‌ای با کد «ZZ9» در این دوره نیست",
        ),
        (
            [
                "1401/08/10",
                "16:00",
                "17:00",
                "hall",
                "سالن اصلی",
                "",
                "concert",
                "نوع ناشناخته",
                "",
            ],
            "«concert» مجاز نیست",
        ),
    ],
)
def test_import_rejects_a_bad_row_with_a_persian_message(edition, row, message):
    result = _import(row)

    assert message in _messages(result)
    assert ScheduleItem.objects.count() == 1


def test_import_catches_an_overlap_between_two_rows_of_the_file(edition):
    result = _import(
        ["1401/08/10", "16:00", "17:00", "hall", "سالن شهدا", "", "speech", "نخستین", ""],
        ["1401/08/10", "16:30", "17:30", "hall", "سالن شهدا", "", "panel", "دومین", ""],
    )

    assert [row.number for row in result.invalid_rows] == [2]
    assert "«نخستین»" in _messages(result)


def test_import_of_a_file_with_one_bad_row_writes_nothing(edition):
    before = list(ScheduleItem.objects.values_list("pk", flat=True))

    _import(
        ["1401/08/10", "16:00", "17:00", "hall", "سالن شهدا", "", "speech", "درست", ""],
        ["1401/08/11", "16:00", "17:00", "hall", "سالن شهدا", "", "speech", "درست دیگر", ""],
        ["1401/08/10", "21:00", "22:00", "hall", "سالن شهدا", "", "speech", "دیروقت", ""],
    )

    assert list(ScheduleItem.objects.values_list("pk", flat=True)) == before


def test_import_dry_run_writes_nothing(edition):
    result = _import(
        ["1401/08/10", "16:00", "17:00", "hall", "سالن شهدا", "", "speech", "آزمایشی", ""],
        dry_run=True,
    )

    assert result.totals["new"] == 1
    assert ScheduleItem.objects.count() == 1


def test_export_writes_jalali_days_and_choice_codes(edition):
    dataset = ScheduleItemResource().export()

    assert dataset.dict[0]["day"] == "۱۴۰۱/۰۸/۰۹"
    assert (dataset.dict[0]["kind"], dataset.dict[0]["edition"]) == ("opening", 1401)


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_admin_import_preview_shows_the_persian_error_and_writes_nothing(admin_client_fa, edition):
    upload = SimpleUploadedFile(
        "schedule.xlsx",
        _xlsx([["1401/08/09", "18:30", "19:00", "hall", "سالن اصلی", "", "speech", "همپوشان", ""]]),
    )

    response = admin_client_fa.post(
        "/admin/exhibition/scheduleitem/import/",
        {"import_file": upload, "format": "1", "resource": "0"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "«آیین افتتاحیه نمایشگاه مقداد»" in html
    assert response.context.get("confirm_form") is None
    assert ScheduleItem.objects.count() == 1


def test_admin_import_preview_then_confirm_creates_the_items(admin_client_fa, edition):
    upload = SimpleUploadedFile(
        "schedule.csv",
        "\n".join(
            [
                ",".join(HEADERS),
                "1401/08/10,16:00,16:45,hall,سالن کتاب,,book_unveiling,رونمایی,published",
            ]
        ).encode(),
    )
    preview = admin_client_fa.post(
        "/admin/exhibition/scheduleitem/import/",
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    confirm = preview.context["confirm_form"].initial

    response = admin_client_fa.post("/admin/exhibition/scheduleitem/process_import/", confirm)

    assert response.status_code == 302
    assert ScheduleItem.objects.filter(title="رونمایی", kind="book_unveiling").count() == 1
