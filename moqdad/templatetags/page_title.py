"""The document title: a page names only itself and base.html adds the site's name once.

<title>{% filter page_title %}{% block title %}{% endblock %}{% endfilter %}</title>
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


@register.filter
def page_title(title) -> str:
    """«page · site», or the site's name alone for a page without a title of its own."""
    site = gettext("Meqdad exhibition")
    if not str(title).strip():
        return site
    return format_html("{} · {}", title, site)
