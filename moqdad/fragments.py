"""Parts of the public pages kept as rendered HTML until the content changes.

A part that shows published content only (the programme items, the floor plan, the statistics'
charts and tables, the booths by section) costs most of its page's render in the template: per
row, Persian digits, Jalali dates, labels and links. It is rendered once per content version
(`moqdad.caching.cached_under_content_version`: any save, delete or bulk write moves it) and
language; what changes with the clock or the visitor stays outside it. The first render after a
change pays the whole part.
"""

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils import translation

from moqdad.caching import cached_under_content_version


def rendered_under_content_version(name: str, template: str, context: Callable[[], dict]) -> str:
    """`template` rendered with `context()`, kept under `name`, the language and the content
    version; `context` is called only when the part is rendered."""
    return cached_under_content_version(
        f"{name}:{translation.get_language()}",
        lambda: render_to_string(template, context()),
    )
