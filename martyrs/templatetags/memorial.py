"""Pieces of the memorial other pages show: a neighborhood's figures and prominent martyr.

{% load memorial %}
{% prominent_martyr_card neighborhood %}
{% neighborhood_martyr_figures neighborhood %}
"""

from django import template
from django.utils import translation
from django.utils.translation import gettext as _

from martyrs import selectors
from moqdad import charts

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
        "martyrs_chart": _chart(martyrs, title=_("Martyrs by category"), rtl=rtl),
        "veterans": veterans,
        "veterans_chart": _chart(veterans, title=_("Veterans by kind"), rtl=rtl),
    }


def _chart(figures, *, title, rtl):
    rows = [(row.label, [row.value]) for row in figures.rows]
    return charts.bar_chart(title=title, rows=rows, series_labels=[_("Count")], rtl=rtl)
