"""One Persian number format for the web and print: codes, decimals «۳٫۵», thousands «۴۰٬۲۰۰»."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from moqdad.admin_display import display_value
from moqdad.templatetags.persian import fa_digits, fa_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (40200, "۴۰٬۲۰۰"),
        (1234567, "۱٬۲۳۴٬۵۶۷"),
        (7, "۷"),
        (0, "۰"),
        (Decimal("3.50"), "۳٫۵"),
        (Decimal("40200.00"), "۴۰٬۲۰۰"),
        (Decimal("1234.25"), "۱٬۲۳۴٫۲۵"),
        (3.5, "۳٫۵"),
        (12.0, "۱۲"),
        ("40200", "۴۰٬۲۰۰"),
        (None, ""),
        ("", ""),
        ("نامعلوم", "نامعلوم"),
    ],
)
def test_fa_number_in_persian(value, expected):
    assert fa_number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(40200, "40,200"), (Decimal("3.50"), "3.5"), (3.5, "3.5"), (None, "")],
)
def test_fa_number_in_english_keeps_latin_digits_and_separators(value, expected):
    with translation.override("en"):
        assert fa_number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("B-25", "B-۲۵"), ("A12", "A۱۲"), (1401, "۱۴۰۱"), ("۱۴۰۱", "۱۴۰۱"), (None, "")],
)
def test_fa_digits_writes_codes_and_years_without_grouping(value, expected):
    assert fa_digits(value) == expected


def test_fa_digits_in_english_leaves_a_code_as_it_is():
    with translation.override("en"):
        assert fa_digits("B-25") == "B-25"


def test_number_filters_in_a_template_use_the_persian_separators():
    rendered = Template("{% load persian %}{{ a|fa_number }} {{ b|fa_number }} {{ c|fa_digits }}")

    assert rendered.render(Context({"a": 40200, "b": Decimal("3.5"), "c": "B-25"})) == (
        "۴۰٬۲۰۰ ۳٫۵ B-۲۵"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("12.50"), "۱۲٫۵"), (Decimal("40200.00"), "۴۰٬۲۰۰"), (1401, "۱۴۰۱")],
)
def test_admin_shows_numbers_with_the_same_format(value, expected):
    assert display_value(value) == expected
