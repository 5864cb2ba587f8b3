"""Jalali (Solar Hijri) dates: shown and typed as Jalali, stored as ordinary dates.

Memorial records often know a date only to the year or the month. Such a date is stored as
the first day of its Jalali year or month plus a `DatePrecision`, and shown with just the
parts that are known.
"""

import datetime
import re

import jdatetime
from django import forms
from django.db import models
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from moqdad.persian import display_digits, persian_is_active, to_latin_digits

MONTHS_FA = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
MONTHS_EN = (
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
)  # fmt: skip
# Python's weekday(): Monday is 0.
WEEKDAYS_FA = ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")


# A number for a message built now and shown later (a ValidationError's params): its digits
# follow the language active when the message is shown.
lazy_digits = lazy(display_digits, str)


def to_jalali(value: datetime.date) -> jdatetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return jdatetime.date.fromgregorian(date=value)


def format_date(
    value: datetime.date | None,
    precision: str = DatePrecision.DAY,
    *,
    weekday: bool = False,
) -> str:
    """`دوشنبه ۹ آبان ۱۴۰۱` in Persian, `Monday 9 Aban 1401` in English."""
    if value is None:
        return ""
    j = to_jalali(value)
    months = MONTHS_FA if persian_is_active() else MONTHS_EN
    if precision == DatePrecision.YEAR:
        return display_digits(j.year)
    if precision == DatePrecision.MONTH:
        return f"{months[j.month - 1]} {display_digits(j.year)}"
    text = f"{display_digits(j.day)} {months[j.month - 1]} {display_digits(j.year)}"
    if weekday:
        days = WEEKDAYS_FA if persian_is_active() else WEEKDAYS_EN
        gregorian = value.date() if isinstance(value, datetime.datetime) else value
        text = f"{days[gregorian.weekday()]} {text}"
    return text


def format_numeric(value: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    """`۱۴۰۱/۰۸/۰۹`, `۱۴۰۱/۰۸` or `۱۴۰۱`: the form a person types."""
    if value is None:
        return ""
    j = to_jalali(value)
    if precision == DatePrecision.YEAR:
        text = f"{j.year:04d}"
    elif precision == DatePrecision.MONTH:
        text = f"{j.year:04d}/{j.month:02d}"
    else:
        text = f"{j.year:04d}/{j.month:02d}/{j.day:02d}"
    return display_digits(text)


def format_time(value: datetime.time | None) -> str:
    if value is None:
        return ""
    return display_digits(value.strftime("%H:%M"))


def format_datetime(value: datetime.datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_numeric(local.date())} {format_time(local.time())}"


class JalaliDateError(ValueError):
    pass


_SEPARATORS = re.compile(r"[/\-.\s]+")


def parse(text: str, *, allow_partial: bool = False) -> tuple[datetime.date, str]:
    """Parse a typed Jalali date into (gregorian date, precision).

    Accepts Persian, Arabic-Indic or Latin digits; `1401/8/9`, `1401-08-09`; with
    `allow_partial`, also `1401/8`, `1401`, and the memorial style `-/-/1339` or `-/8/1339`
    (day/month/year with dashes for unknown parts).
    """
    raw = to_latin_digits(str(text or "")).strip()
    if not raw or len(raw) > 20:
        raise JalaliDateError(_("Enter a Jalali date such as 1401/08/09."))
    if re.fullmatch(r"[\d\-]{1,2}/[\d\-]{1,2}/\d{4}", raw):
        day, month, year = raw.split("/")
        parts = [year] + [p for p in (month, day) if p.strip("-")]
        if month.strip("-") == "" and day.strip("-") != "":
            raise JalaliDateError(_("A day without a month is not a date."))
    else:
        parts = [p for p in _SEPARATORS.split(raw) if p]
    if not parts or not all(p.isdigit() for p in parts) or len(parts) > 3:
        raise JalaliDateError(_("Enter a Jalali date such as 1401/08/09."))
    numbers = [int(p) for p in parts]
    if len(numbers) < 3 and not allow_partial:
        raise JalaliDateError(_("Enter the full date: year, month and day."))
    year = numbers[0]
    month = numbers[1] if len(numbers) > 1 else 1
    day = numbers[2] if len(numbers) > 2 else 1
    if not 1200 <= year <= 1500:
        raise JalaliDateError(_("The year must be a Jalali year between 1200 and 1500."))
    try:
        gregorian = jdatetime.date(year, month, day).togregorian()
    except ValueError as exc:
        raise JalaliDateError(_("This Jalali date does not exist.")) from exc
    precision = (DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY)[len(numbers) - 1]
    return gregorian, precision


class JalaliDateInput(forms.TextInput):
    """A text box showing the Jalali date; static/moqdad/jalali-picker.js adds a calendar."""

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "class": "vTextField jalali-date",
            "placeholder": "۱۴۰۱/۰۸/۰۹",
            "autocomplete": "off",
            "inputmode": "numeric",
            "dir": "ltr",
            "data-jalali-picker": "1",
            "size": "12",
        }
        defaults.update(attrs or {})
        super().__init__(defaults)

    class Media:
        js = ["moqdad/jalali-picker.js"]
        css = {"all": ["moqdad/jalali-picker.css"]}

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return format_numeric(value)
        return value


class JalaliDateField(forms.DateField):
    """A form field that takes a Jalali date and gives an ordinary `datetime.date`."""

    widget = JalaliDateInput
    default_error_messages = {"invalid": _("Enter a Jalali date such as 1401/08/09.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        try:
            return parse(value)[0]
        except JalaliDateError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc

    def has_changed(self, initial, data):
        try:
            data = self.to_python(data)
        except forms.ValidationError:
            return True
        return initial != data


class PartialJalaliDateField(forms.CharField):
    """A form field for a date known to the day, the month or the year.

    Cleans to a `(date, precision)` pair; the model form stores the two parts in a date
    column and a precision column.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "help_text",
            _("Jalali: 1360/07/05, or 1360/07 or 1360 when only the month or year is known."),
        )
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"dir": "ltr", "placeholder": "۱۳۶۰/۰۷/۰۵", "size": "12"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return parse(value, allow_partial=True)
        except JalaliDateError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc


class JalaliSplitDateTimeWidget(forms.MultiWidget):
    """A Jalali date box beside a time box; the admin passes its own time widget (clock)."""

    template_name = "moqdad/widgets/jalali_split_datetime.html"

    def __init__(self, attrs=None, time_widget=None):
        time_widget = time_widget or forms.TimeInput(attrs={"class": "vTimeField", "size": "8"})
        super().__init__([JalaliDateInput(attrs), time_widget], attrs)

    def decompress(self, value):
        if not value:
            return [None, None]
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return [local.date(), local.time().replace(second=0, microsecond=0)]


class JalaliSplitDateTimeField(forms.SplitDateTimeField):
    """A date and time typed as a Jalali date and a time; cleans to an aware datetime."""

    widget = JalaliSplitDateTimeWidget

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        date_field = JalaliDateField(required=False)
        date_field.error_messages.setdefault("incomplete", self.error_messages["incomplete"])
        self.fields = (date_field, self.fields[1])
