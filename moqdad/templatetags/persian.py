"""Template filters for Persian output: Jalali dates and Persian digits."""

from django import template
from django.utils import translation

from moqdad import jalali
from moqdad.persian import to_persian_digits

register = template.Library()


@register.filter
def fa_digits(value):
    """Persian digits when the active language is Persian; the value unchanged otherwise."""
    if value is None:
        return ""
    if (translation.get_language() or "fa").startswith("fa"):
        return to_persian_digits(value)
    return value


@register.filter
def jdate(value, precision="day"):
    return jalali.format_date(value, precision or "day")


@register.filter
def jdate_weekday(value):
    return jalali.format_date(value, weekday=True)


@register.filter
def jtime(value):
    return jalali.format_time(value)


@register.filter
def jdatetime(value):
    return jalali.format_datetime(value)
