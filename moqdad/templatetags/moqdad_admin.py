"""Template tags of the admin's own templates: Persian page numbers, history labels, notes."""

from django import template
from django.contrib.admin.views.main import PAGE_VAR
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from moqdad import rules
from moqdad.admin_display import display_value
from moqdad.templatetags.persian import fa_digits

register = template.Library()

HISTORY_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@register.simple_tag
def persian_paginator_number(cl, i):
    """Django's `paginator_number`, with the page number in Persian digits."""
    if i == cl.paginator.ELLIPSIS:
        return format_html("{} ", cl.paginator.ELLIPSIS)
    if i == cl.page_num:
        return format_html('<span class="this-page">{}</span> ', fa_digits(i))
    return format_html(
        '<a href="{}"{}>{}</a> ',
        cl.get_query_string({PAGE_VAR: i}),
        format_html(' class="{}"', "end") if i == cl.paginator.num_pages else "",
        fa_digits(i),
    )


@register.filter
def history_type_label(record):
    return HISTORY_TYPES.get(record.history_type, record.history_type)


@register.filter
def admin_value(value):
    """A date, time or number in the admin: Jalali, Persian digits."""
    return display_value(value)


@register.simple_tag(takes_context=True)
def publication_note(context, obj):
    """On a row the user may not change only because it is published: how to get it changed."""
    request = context.get("request")
    if obj is None or request is None or not rules.locked_by_publication(request.user, obj):
        return ""
    return rules.PUBLISHED_MESSAGE
