"""Bulk import: partial Jalali dates, Persian errors by row and column, all or nothing."""

import datetime
import io

import pytest
import tablib
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from martyrs.models import Martyr, VeteranTally
from martyrs.resources import MartyrResource, VeteranTallyResource
from martyrs.tests.factories import MartyrFactory, VeteranTallyFactory
from moqdad.jalali import DatePrecision
from moqdad.persian import to_persian_digits
from neighborhoods.tests.factories import NeighborhoodFactory

HEADERS = ["نام", "نام خانوادگی", "نام پدر", "تاریخ تولد", "تاریخ شهادت", "دسته", "محله"]


def sheet(*rows, headers=HEADERS) -> tablib.Dataset:
    return tablib.Dataset(*rows, headers=headers)


def import_sheet(dataset, **kwargs):
    return MartyrResource().import_data(dataset, dry_run=False, **kwargs)


def errors_of(result) -> list[tuple[int, str, str]]:
    """(row, column, message) for every invalid row."""
    return [
        (row.number, column, message)
        for row in result.invalid_rows
        for column, messages in row.error_dict.items()
        for message in messages
    ]


@pytest.fixture
def neighborhood(db):
    return NeighborhoodFactory(name="نیروگاه", slug="niroogah")


def test_import_accepts_partial_jalali_dates_in_any_digits(neighborhood):
    dataset = sheet(
        ["حسن", "کبیری‌پور", "غلامرضا", "1339/07/05", "۱۳۶۴/۱۱/۲۱", "دفاع مقدس", "نیروگاه"],
        ["علی", "کریمی", "حسین", "1340/07", "۱۳۶۱", "دفاع مقدس", "نيروگاه"],
        ["مهدی", "رضایی", "محمد", "-/-/۱۳۳۹", "-/8/1362", "sacred_defence", "niroogah"],
    )

    result = import_sheet(dataset)

    assert not result.has_validation_errors() and not result.has_errors()
    stored = {
        m.last_name: (
            m.birth_date,
            m.birth_date_precision,
            m.martyrdom_date,
            m.martyrdom_date_precision,
            m.martyrdom_year,
        )
        for m in Martyr.objects.all()
    }
    assert stored == {
        "کبیری‌پور": (
            datetime.date(1960, 9, 27),
            DatePrecision.DAY,
            datetime.date(1986, 2, 10),
            DatePrecision.DAY,
            1364,
        ),
        "کریمی": (
            datetime.date(1961, 9, 23),
            DatePrecision.MONTH,
            datetime.date(1982, 3, 21),
            DatePrecision.YEAR,
            1361,
        ),
        "رضایی": (
            datetime.date(1960, 3, 21),
            DatePrecision.YEAR,
            datetime.date(1983, 10, 23),
            DatePrecision.MONTH,
            1362,
        ),
    }


def test_partial_dates_round_trip_through_export_and_import(neighborhood):
    MartyrFactory(
        last_name="کریمی",
        neighborhood=neighborhood,
        birth_date=datetime.date(1960, 3, 21),
        birth_date_precision=DatePrecision.YEAR,
        martyrdom_date=datetime.date(1983, 10, 23),
        martyrdom_date_precision=DatePrecision.MONTH,
    )

    exported = MartyrResource().export()
    Martyr.objects.all().delete()
    exported.dict[0]["شناسه"]  # the export names its columns in Persian
    exported = sheet(*[row[1:] for row in exported], headers=exported.headers[1:])
    result = import_sheet(exported)

    martyr = Martyr.objects.get()
    assert not result.has_validation_errors()
    assert (martyr.birth_date, martyr.birth_date_precision) == (
        datetime.date(1960, 3, 21),
        DatePrecision.YEAR,
    )
    assert (martyr.martyrdom_date, martyr.martyrdom_date_precision) == (
        datetime.date(1983, 10, 23),
        DatePrecision.MONTH,
    )
    row = MartyrResource().export().dict[0]
    assert (row["تاریخ تولد"], row["تاریخ شهادت"]) == ("1339", "1362/08")


def test_import_bad_row_rolls_back_the_whole_sheet(neighborhood):
    dataset = sheet(
        ["حسن", "کبیری‌پور", "غلامرضا", "", "1364/11/21", "دفاع مقدس", "نیروگاه"],
        ["علی", "کریمی", "حسین", "", "1364/13/40", "دفاع مقدس", "نیروگاه"],
        ["مهدی", "رضایی", "محمد", "", "1362", "دفاع مقدس", "نیروگاه"],
    )

    result = import_sheet(dataset)

    assert Martyr.objects.count() == 0
    assert Martyr.history.count() == 0
    assert errors_of(result) == [(2, "تاریخ شهادت", "این تاریخ شمسی وجود ندارد.")]


def test_import_reports_each_bad_cell_by_row_and_persian_column(neighborhood):
    dataset = sheet(
        ["", "کریمی", "حسین", "", "", "فضایی", "ناکجا"],
    )

    result = import_sheet(dataset)

    assert sorted(errors_of(result)) == sorted(
        [
            (1, "دسته", "«فضایی» هیچ‌یک از این‌ها نیست: انقلاب اسلامی، دفاع مقدس، مدافعان حرم، "
             "شهدای ترور، امنیت و مرزبانی، سایر."),
            (1, "محله", "محله‌ای با نام «ناکجا» نیست."),
            (1, "نام", "این فیلد نمی‌تواند خالی باشد."),
        ]
    )  # fmt: skip


def test_import_two_prominent_martyrs_of_one_neighborhood_is_refused(neighborhood):
    headers = [*HEADERS, "شهید شاخص"]
    dataset = sheet(
        ["حسن", "کبیری", "غلامرضا", "", "1364", "دفاع مقدس", "نیروگاه", "بله"],
        ["علی", "کریمی", "حسین", "", "1362", "دفاع مقدس", "نیروگاه", "1"],
        headers=headers,
    )

    result = import_sheet(dataset)

    assert Martyr.objects.count() == 0
    assert errors_of(result) == [
        (2, "__all__", "این محله شهید شاخص دارد؛ هر محله حداکثر یک شهید شاخص دارد.")
    ]


def test_import_prominent_martyr_when_the_neighborhood_has_one_is_refused(neighborhood):
    MartyrFactory(neighborhood=neighborhood, is_prominent=True)
    dataset = sheet(
        ["علی", "کریمی", "حسین", "", "1362", "دفاع مقدس", "نیروگاه", "بله"],
        headers=[*HEADERS, "شهید شاخص"],
    )

    result = import_sheet(dataset)

    assert Martyr.objects.count() == 1
    assert result.has_validation_errors()


def test_import_duplicate_row_within_the_sheet_is_reported_not_doubled(neighborhood):
    dataset = sheet(
        ["علی", "کریمی", "حسین", "", "1362/05", "دفاع مقدس", "نیروگاه"],
        ["علي", "كريمي", "حسين", "", "۱۳۶۲/۰۵", "دفاع مقدس", "نیروگاه"],
    )

    result = import_sheet(dataset)

    assert Martyr.objects.count() == 0
    assert errors_of(result) == [
        (
            2,
            "__all__",
            "ردیف ۱ همین برگه همین شهید را دارد (نام، نام خانوادگی، نام پدر و تاریخ شهادت یکسان).",
        )
    ]


def test_import_duplicate_of_a_recorded_martyr_is_reported_not_doubled(neighborhood):
    recorded = MartyrFactory(
        first_name="علی",
        last_name="کبیری‌پور",
        father_name="حسین",
        martyrdom_date=datetime.date(1983, 7, 23),  # 1362/05/01
        martyrdom_date_precision=DatePrecision.MONTH,
    )
    dataset = sheet(["علي", "كبيري پور", "حسین", "", "1362/5", "دفاع مقدس", "نیروگاه"])

    result = import_sheet(dataset)

    assert Martyr.objects.count() == 1
    assert errors_of(result) == [
        (
            1,
            "__all__",
            f"این شهید پیش‌تر با شناسه {to_persian_digits(recorded.pk)} ثبت شده است "
            "(نام، نام خانوادگی، نام پدر و تاریخ شهادت یکسان).",
        )
    ]


def test_import_same_names_other_father_is_not_a_duplicate(neighborhood):
    MartyrFactory(first_name="علی", last_name="کریمی", father_name="حسین")
    dataset = sheet(["علی", "کریمی", "رضا", "", "1364/11/21", "دفاع مقدس", "نیروگاه"])

    result = import_sheet(dataset)

    assert not result.has_validation_errors()
    assert Martyr.objects.count() == 2


def test_import_row_with_id_updates_that_martyr(neighborhood):
    martyr = MartyrFactory(first_name="علی", last_name="کریمی", father_name="حسین")
    dataset = sheet(
        [martyr.pk, "علی", "کریمی", "حسین", "", "1364/11/21", "دفاع مقدس", "نیروگاه"],
        headers=["شناسه", *HEADERS],
    )

    result = import_sheet(dataset)

    martyr.refresh_from_db()
    assert not result.has_validation_errors()
    assert (Martyr.objects.count(), martyr.martyrdom_year, martyr.neighborhood) == (
        1,
        1364,
        neighborhood,
    )


def test_import_every_row_is_in_the_change_history(neighborhood, superuser):
    dataset = sheet(
        ["حسن", "کبیری", "غلامرضا", "", "1364", "دفاع مقدس", "نیروگاه"],
        ["علی", "کریمی", "حسین", "", "1362", "دفاع مقدس", "نیروگاه"],
    )

    import_sheet(dataset, file_name="martyrs.csv", user=superuser)

    history = Martyr.history.order_by("last_name")
    assert [
        (h.last_name, h.history_type, h.history_user, h.history_change_reason) for h in history
    ] == [
        ("کبیری", "+", superuser, "درون‌ریزی از martyrs.csv"),
        ("کریمی", "+", superuser, "درون‌ریزی از martyrs.csv"),
    ]


def test_import_fills_the_search_keys(neighborhood):
    import_sheet(sheet(["مهدی", "كبيري پور", "غلامرضا", "", "1364", "دفاع مقدس", "نیروگاه"]))

    assert Martyr.objects.get().search_text == "مهدیکبیریپور کبیریپورمهدی"


def test_import_accepts_english_headers(neighborhood):
    dataset = sheet(
        ["حسن", "کبیری", "غلامرضا", "1364", "Sacred Defence", "niroogah"],
        headers=["first_name", "last_name", "father_name", "martyrdom", "category", "neighborhood"],
    )

    result = import_sheet(dataset)

    assert not result.has_validation_errors()
    assert Martyr.objects.get().category == Martyr.Category.SACRED_DEFENCE


def test_import_xlsx_with_numeric_year_cells(neighborhood):
    book = Workbook()
    book.active.append(HEADERS)
    book.active.append(["حسن", "کبیری", "غلامرضا", 1339, 1364.0, "دفاع مقدس", "نیروگاه"])
    stream = io.BytesIO()
    book.save(stream)
    dataset = tablib.Dataset().load(stream.getvalue(), format="xlsx")

    result = import_sheet(dataset)

    martyr = Martyr.objects.get()
    assert not result.has_validation_errors()
    assert (martyr.birth_date_precision, martyr.martyrdom_year) == (DatePrecision.YEAR, 1364)


def test_veteran_tally_import_reads_persian_digits_and_updates_on_reimport(neighborhood):
    VeteranTallyFactory(neighborhood=neighborhood, kind=VeteranTally.Kind.DISABLED, count=3)
    dataset = tablib.Dataset(
        ["نیروگاه", "جانباز", "۱۲۰"],
        ["نیروگاه", "آزاده", "14"],
        headers=["محله", "نوع", "تعداد"],
    )

    result = VeteranTallyResource().import_data(dataset, dry_run=False)

    assert not result.has_validation_errors() and not result.has_errors()
    assert dict(VeteranTally.objects.values_list("kind", "count")) == {
        "disabled": 120,
        "freed_pow": 14,
    }


def test_veteran_tally_import_bad_count_rolls_back(neighborhood):
    dataset = tablib.Dataset(
        ["نیروگاه", "جانباز", "120"],
        ["نیروگاه", "آزاده", "چهارده"],
        headers=["محله", "نوع", "تعداد"],
    )

    result = VeteranTallyResource().import_data(dataset, dry_run=False)

    assert VeteranTally.objects.count() == 0
    assert [(r.number, dict(r.error_dict)) for r in result.invalid_rows] == [
        (2, {"تعداد": ["یک عدد صحیح بنویسید، مانند ۱۲."]})
    ]


def _csv(tmp_path, rows, headers=HEADERS):
    path = tmp_path / "martyrs.csv"
    lines = [",".join(headers)] + [",".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_command_streams_a_sheet_in_chunks(neighborhood, tmp_path):
    rows = [
        [f"نام{i}", f"خانواده{i}", "حسین", "", f"13{60 + i % 8}", "دفاع مقدس", "نیروگاه"]
        for i in range(25)
    ]
    out = io.StringIO()

    call_command("import_martyrs", str(_csv(tmp_path, rows)), chunk_size=10, stdout=out)

    assert Martyr.objects.count() == 25
    assert Martyr.history.count() == 25
    assert "۲۵ ردیف درون‌ریزی شد: ۲۵ شهید تازه، ۰ به‌روزرسانی." in out.getvalue()


def test_import_command_bad_row_in_a_later_chunk_writes_nothing(neighborhood, tmp_path):
    rows = [
        [f"نام{i}", f"خانواده{i}", "حسین", "", "1364", "دفاع مقدس", "نیروگاه"] for i in range(25)
    ]
    rows[22][4] = "1364/13"
    out = io.StringIO()

    with pytest.raises(CommandError, match="۱ خطا؛ هیچ ردیفی درون‌ریزی نشد."):
        call_command("import_martyrs", str(_csv(tmp_path, rows)), chunk_size=10, stdout=out)

    assert Martyr.objects.count() == 0
    assert "ردیف ۲۳، ستون «تاریخ شهادت»: این تاریخ شمسی وجود ندارد." in out.getvalue()


def test_import_command_reports_a_duplicate_across_chunks(neighborhood, tmp_path):
    rows = [
        [f"نام{i}", f"خانواده{i}", "حسین", "", "1364", "دفاع مقدس", "نیروگاه"] for i in range(12)
    ]
    rows.append(rows[0])
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_martyrs", str(_csv(tmp_path, rows)), chunk_size=10, stdout=out)

    assert Martyr.objects.count() == 0
    assert "ردیف ۱۳: این شهید پیش‌تر با شناسه" in out.getvalue()


def test_import_command_dry_run_writes_nothing(neighborhood, tmp_path):
    rows = [["حسن", "کبیری", "غلامرضا", "", "1364", "دفاع مقدس", "نیروگاه"]]
    out = io.StringIO()

    call_command("import_martyrs", str(_csv(tmp_path, rows)), dry_run=True, stdout=out)

    assert Martyr.objects.count() == 0
    assert "آزمایشی: ۱ ردیف درست است؛ چیزی نوشته نشد." in out.getvalue()


def _upload(admin_client, url_name, content: bytes, name="martyrs.csv", file_format="0"):
    upload = io.BytesIO(content)
    upload.name = name
    return admin_client.post(
        reverse(url_name), {"import_file": upload, "format": file_format}, follow=True
    )


def test_admin_import_previews_then_imports_on_confirm(admin_client_fa, neighborhood):
    content = (",".join(HEADERS) + "\nحسن,کبیری,غلامرضا,,1364,دفاع مقدس,نیروگاه\n").encode()

    preview = _upload(admin_client_fa, "admin:martyrs_martyr_import", content)

    assert Martyr.objects.count() == 0
    confirm = preview.context["confirm_form"]
    response = admin_client_fa.post(
        reverse("admin:martyrs_martyr_process_import"), confirm.initial, follow=True
    )
    assert response.status_code == 200
    assert Martyr.objects.get().last_name == "کبیری"


def test_admin_import_bad_sheet_shows_persian_errors_and_no_confirm(admin_client_fa, neighborhood):
    content = (
        ",".join(HEADERS)
        + "\nحسن,کبیری,غلامرضا,,1364,دفاع مقدس,نیروگاه\nعلی,کریمی,حسین,,1364/13,دفاع مقدس,نیروگاه\n"
    ).encode()

    response = _upload(admin_client_fa, "admin:martyrs_martyr_import", content)

    page = response.content.decode()
    assert Martyr.objects.count() == 0
    assert "confirm_form" not in response.context
    assert "تاریخ شهادت" in page
    assert "این تاریخ شمسی وجود ندارد." in page


def test_admin_export_csv_has_persian_headers_and_jalali_dates(admin_client_fa, neighborhood):
    MartyrFactory(
        last_name="کریمی",
        martyrdom_date=datetime.date(1982, 3, 21),
        martyrdom_date_precision=DatePrecision.YEAR,
    )

    response = admin_client_fa.post(
        reverse("admin:martyrs_martyr_export"), {"format": "0", "resource": "0",
                                                  **{f"martyrresource_{f}": "on" for f in MartyrResource.Meta.fields}}
    )  # fmt: skip

    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("شناسه,نام,نام خانوادگی,نام پدر,تاریخ تولد")
    assert ",1361," in text
