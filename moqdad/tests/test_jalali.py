import datetime

import pytest
from django.utils import translation

from moqdad import jalali
from moqdad.jalali import DatePrecision, JalaliDateError
from moqdad.testing import persian_message

DAY_ONE = datetime.date(2022, 10, 31)  # 9 Aban 1401


def test_format_date_in_persian():
    assert jalali.format_date(DAY_ONE) == "۹ آبان ۱۴۰۱"
    assert jalali.format_date(DAY_ONE, weekday=True) == "دوشنبه ۹ آبان ۱۴۰۱"


def test_format_date_in_english():
    with translation.override("en"):
        assert jalali.format_date(DAY_ONE, weekday=True) == "Monday 9 Aban 1401"
        assert jalali.format_numeric(DAY_ONE) == "1401/08/09"


@pytest.mark.parametrize(
    ("precision", "long", "numeric"),
    [
        (DatePrecision.DAY, "۹ آبان ۱۴۰۱", "۱۴۰۱/۰۸/۰۹"),
        (DatePrecision.MONTH, "آبان ۱۴۰۱", "۱۴۰۱/۰۸"),
        (DatePrecision.YEAR, "۱۴۰۱", "۱۴۰۱"),
    ],
)
def test_format_shows_only_the_known_parts(precision, long, numeric):
    assert jalali.format_date(DAY_ONE, precision) == long
    assert jalali.format_numeric(DAY_ONE, precision) == numeric


def test_format_of_nothing_is_empty():
    assert (jalali.format_date(None), jalali.format_numeric(None), jalali.format_time(None)) == (
        "",
        "",
        "",
    )


def test_format_time_and_datetime_in_tehran_time():
    moment = datetime.datetime(2022, 10, 31, 14, 30, tzinfo=datetime.UTC)

    assert jalali.format_time(datetime.time(15, 30)) == "۱۵:۳۰"
    assert jalali.format_datetime(moment) == "۱۴۰۱/۰۸/۰۹ ۱۸:۰۰"


def test_to_jalali_of_an_aware_datetime_uses_tehran_date():
    late_evening_utc = datetime.datetime(2022, 10, 31, 21, 0, tzinfo=datetime.UTC)

    assert jalali.format_numeric(late_evening_utc) == "۱۴۰۱/۰۸/۱۰"


@pytest.mark.parametrize(
    "text",
    ["1401/08/09", "1401/8/9", "۱۴۰۱/۰۸/۰۹", "١٤٠١/٠٨/٠٩", "1401-08-09", " ۱۴۰۱.۸.۹ "],
)
def test_parse_accepts_persian_arabic_and_latin_digits(text):
    assert jalali.parse(text) == (DAY_ONE, DatePrecision.DAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1339", (datetime.date(1960, 3, 21), DatePrecision.YEAR)),
        ("۱۳۵۹/۰۷", (datetime.date(1980, 9, 23), DatePrecision.MONTH)),
        ("-/-/1339", (datetime.date(1960, 3, 21), DatePrecision.YEAR)),
        ("-/7/1359", (datetime.date(1980, 9, 23), DatePrecision.MONTH)),
        ("5/7/1359", (datetime.date(1980, 9, 27), DatePrecision.DAY)),
    ],
)
def test_parse_partial_dates(text, expected):
    assert jalali.parse(text, allow_partial=True) == expected


def test_parse_leap_day_of_1403():
    assert jalali.parse("1403/12/30") == (datetime.date(2025, 3, 20), DatePrecision.DAY)


@pytest.mark.parametrize(
    ("text", "msgid", "kwargs"),
    [
        ("", "Enter a Jalali date such as 1401/08/09.", {}),
        ("دیروز", "Enter a Jalali date such as 1401/08/09.", {}),
        ("1401/08", "Enter the full date: year, month and day.", {}),
        ("2022/10/31", "The year must be a Jalali year between 1200 and 1500.", {}),
        ("1401/13/01", "This Jalali date does not exist.", {}),
        ("1401/12/30", "This Jalali date does not exist.", {}),
        ("5/-/1359", "A day without a month is not a date.", {"allow_partial": True}),
        ("1" * 30, "Enter a Jalali date such as 1401/08/09.", {}),
    ],
)
def test_parse_refuses_bad_input_with_a_persian_message(text, msgid, kwargs):
    with pytest.raises(JalaliDateError) as error:
        jalali.parse(text, **kwargs)

    assert str(error.value) == persian_message(msgid)


def test_date_field_cleans_persian_digits_to_a_date():
    field = jalali.JalaliDateField()

    assert field.clean("۱۴۰۱/۰۸/۰۹") == DAY_ONE


def test_date_field_reports_a_bad_date_as_a_form_error():
    field = jalali.JalaliDateField()

    with pytest.raises(Exception) as error:
        field.clean("۱۴۰۱/۱۳/۰۱")

    assert error.value.messages == [persian_message("This Jalali date does not exist.")]


def test_date_input_shows_the_stored_date_in_jalali():
    html = jalali.JalaliDateInput().render("day", DAY_ONE)

    assert 'value="۱۴۰۱/۰۸/۰۹"' in html
    assert "data-jalali-picker" in html


def test_split_datetime_field_gives_an_aware_tehran_datetime():
    field = jalali.JalaliSplitDateTimeField()

    value = field.clean(["۱۴۰۱/۰۸/۰۹", "18:00"])

    assert value == datetime.datetime(2022, 10, 31, 14, 30, tzinfo=datetime.UTC)


def test_split_datetime_widget_shows_jalali_date_and_local_time():
    widget = jalali.JalaliSplitDateTimeWidget()
    moment = datetime.datetime(2022, 10, 31, 14, 30, tzinfo=datetime.UTC)

    html = widget.render("opening", moment)

    assert 'value="۱۴۰۱/۰۸/۰۹"' in html
    assert 'value="18:00:00"' in html


def test_lazy_digits_follow_the_language_when_shown():
    text = jalali.lazy_digits(40)

    with translation.override("en"):
        assert str(text) == "40"
    assert str(text) == "۴۰"
