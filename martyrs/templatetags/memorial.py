"""Pieces of the memorial other pages show: a neighborhood's figures and prominent martyr.

{% load memorial %}
{% prominent_martyr_card neighborhood %}
{% neighborhood_martyr_figures neighborhood %}
"""

from django import template
from django.utils import translation

from martyrs import charts, selectors

register = template.Library()


@register.inclusion_tag("martyrs/_prominent.html")
def prominent_martyr_card(neighborhood):
    return {"martyr": selectors.martyr_prominent(neighborhood=neighborhood)}


@register.inclusion_tag("martyrs/_neighborhood_figures.html")
def neighborhood_martyr_figures(neighborhood):
    rtl = translation.get_language_bidi()
    martyrs = selectors.martyr_figures_by_category(neighborhood=neighborhood)
    veterans = selectors.veteran_figures_by_kind(neighborhood=neighborhood)
    return {
        "neighborhood": neighborhood,
        "martyrs": martyrs,
        "martyrs_chart": charts.bar_chart(martyrs, rtl=rtl),
        "veterans": veterans,
        "veterans_chart": charts.bar_chart(veterans, rtl=rtl),
    }
