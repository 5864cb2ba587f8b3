"""The one list of the public site's page types: the sitemap, the page cache and the tests read it.

Each app registers its public pages from its `AppConfig.ready()` (in `<app>/public_pages.py`),
so moqdad knows no app. A page type is its URL name, and for a page with URL arguments the
public rows (or values) it exists for. Adding a public page type is adding a view, a URL, a
template and one `register()` call; `tests/test_public_pages_registry.py` fails for a public URL
that is not registered.
"""

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from django.urls import reverse


@dataclasses.dataclass(frozen=True)
class PublicPage:
    # "namespace:name" of the URL pattern.
    url_name: str
    # The public rows (or values) there is a page for, for a URL with arguments; None for a
    # page without arguments. The same rows the view shows: never a draft.
    items: Callable[[], Iterable[Any]] | None = None
    # The address of one item's page; by default `item.get_absolute_url()`.
    location: Callable[[Any], str] | None = None
    # Listed in sitemap.xml with this priority; None keeps it out.
    sitemap_priority: float | None = None
    # It shows the current edition and no row of another one: the page cache keeps it when
    # another edition changes (see moqdad.caching).
    current_edition_only: bool = False
    # An HTML page for people, as opposed to a feed, a calendar, an image.
    html: bool = True
    # Query strings worth a test besides the bare address (a search, a filter).
    sample_queries: tuple[str, ...] = ()

    def urls(self) -> list[str]:
        """The address of every page of this type, as the sitemap lists them."""
        if self.items is None:
            return [reverse(self.url_name)]
        return [self.url_of(item) for item in self.items()]

    def url_of(self, item) -> str:
        return self.location(item) if self.location else item.get_absolute_url()

    def sample_urls(self, *, per_type: int | None = None) -> list[str]:
        """Addresses for tests: the pages (at most `per_type`), and the sample queries."""
        urls = self.urls()[:per_type]
        return urls + [url + query for url in urls[:1] for query in self.sample_queries]


_registry: dict[str, PublicPage] = {}


def register(*pages: PublicPage) -> None:
    for page in pages:
        _registry[page.url_name] = page


def public_pages() -> list[PublicPage]:
    """Every registered page type, in the order the apps registered them."""
    return list(_registry.values())


def is_public(url_name: str) -> bool:
    return url_name in _registry


def shows_current_edition_only(url_name: str) -> bool:
    page = _registry.get(url_name)
    return page is not None and page.current_edition_only


def sample_urls(*, html_only: bool = False, per_type: int | None = None) -> list[str]:
    """Addresses of the public pages for the rows in the database, for tests and checks."""
    return [
        url
        for page in public_pages()
        if page.html or not html_only
        for url in page.sample_urls(per_type=per_type)
    ]
