"""The template filters for Persian output, on the web and in print: one set for every page.

{{ booth.code|fa_digits }}        B-۲۵        codes, years, names: digits only
{{ neighborhood.population|fa_number }}  ۴۰٬۲۰۰   quantities: grouped, «٫» for decimals
{{ date|jdate }}                 Jalali dates and times
"""

from django import template

from moqdad import jalali
from moqdad.persian import display_digits, display_number

register = template.Library()


@register.filter
def fa_digits(value):
    """Persian digits when the active language is Persian; the value unchanged otherwise."""
    return display_digits(value)


@register.filter
def fa_number(value):
    return display_number(value)


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
