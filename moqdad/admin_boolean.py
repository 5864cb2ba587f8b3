"""The admin's yes/no icons with their text in the active language.

Django's `_boolean_icon` gives the icon the alt text "True", "False" or "None" (the Python value,
not a translatable word), which a screen reader speaks in English inside the Persian admin. Its
callers (the change list, read-only fields, `display_for_field`) import it from its module at each
call, so replacing it there reaches all of them.
"""

from django.contrib.admin.templatetags import admin_list
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext

ICONS = {True: "yes", False: "no", None: "unknown"}
WORDS = {True: "Yes", False: "No", None: "Unknown"}


def boolean_icon(field_val):
    icon_url = static(f"admin/img/icon-{ICONS[field_val]}.svg")
    return format_html('<img src="{}" alt="{}">', icon_url, gettext(WORDS[field_val]))


def install() -> None:
    admin_list._boolean_icon = boolean_icon
