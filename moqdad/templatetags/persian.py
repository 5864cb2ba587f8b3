"""The template filters for Persian output, on the web and in print: one set for every page.

{{ booth.code|fa_digits }}        B-۲۵        codes, years, names: digits only
{{ neighborhood.population|fa_number }}  ۴۰٬۲۰۰   quantities: grouped, «٫» for decimals
{{ booth.name|fa_text }}          content written only in Persian, in page text (not attributes):
                                 on a page of another language it keeps its own direction
<text{{ label|fa_svg_text:"start" }}>  the same for an SVG <text>, which cannot hold <bdi>:
                                 its text-anchor, and lang, direction, unicode-bidi when needed
{{ date|jdate }}                 Jalali dates and times
"""

from django import template
from django.utils.html import format_html

from moqdad import jalali
from moqdad.persian import display_digits, display_number, needs_own_direction, persian_is_active

register = template.Library()


@register.filter
def fa_digits(value):
    """Persian digits when the active language is Persian; the value unchanged otherwise."""
    return display_digits(value)


@register.filter
def fa_text(value):
    """Persian-only content: Persian digits on a Persian page; inside a page of another language,
    wrapped in `<bdi lang="fa" dir="rtl">` so that it reads right to left with its punctuation."""
    if persian_is_active():
        return display_digits(value)
    text = "" if value is None else str(value)
    if needs_own_direction(text):
        return format_html('<bdi lang="fa" dir="rtl">{}</bdi>', text)
    return text


SVG_ANCHOR_IN_RTL = {"start": "end", "end": "start", "middle": "middle"}


@register.filter
def fa_svg_text(value, anchor="start"):
    """The attributes of an SVG `<text>` showing `value`, anchored at `anchor` as the drawing
    expects: Persian-only content on a page of another language is marked `lang="fa"` and laid
    out right to left (presentation attributes: no inline style under the CSP), its anchor
    mirrored so that it stays where the drawing put it."""
    if anchor not in SVG_ANCHOR_IN_RTL:
        raise ValueError(f"unknown text-anchor {anchor!r}")
    if needs_own_direction("" if value is None else str(value)):
        return format_html(
            ' text-anchor="{}" lang="fa" direction="rtl" unicode-bidi="embed"',
            SVG_ANCHOR_IN_RTL[anchor],
        )
    return format_html(' text-anchor="{}"', anchor)


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
