"""sitemap.xml for the public site, in both languages, on the public host (PUBLIC_BASE_URL's,
else the request's: Django's own choice when no sites framework is installed), from the
registry of public pages (moqdad.public_pages)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from moqdad.public_pages import PublicPage, public_pages

PAGES_PRIORITY = 0.8


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        if settings.PUBLIC_BASE_URL:
            return urlsplit(settings.PUBLIC_BASE_URL).scheme
        return super().get_protocol(protocol)

    def get_domain(self, site=None):
        if settings.PUBLIC_BASE_URL:
            return urlsplit(settings.PUBLIC_BASE_URL).netloc
        return super().get_domain(site)


class PagesSitemap(PublicSitemap):
    """The pages without URL arguments: lists, searches, the home page."""

    def items(self):
        return [
            page
            for page in public_pages()
            if page.items is None and page.sitemap_priority is not None
        ]

    def location(self, item: PublicPage):
        return item.urls()[0]

    def priority(self, item: PublicPage):
        return item.sitemap_priority


class RowsSitemap(PublicSitemap):
    """One page per public row: the neighborhoods, the booths, the martyrs."""

    def __init__(self, page: PublicPage):
        self.page = page
        self.priority = page.sitemap_priority

    def items(self):
        return self.page.items()

    def location(self, item):
        return self.page.url_of(item)

    def lastmod(self, item):
        return getattr(item, "updated_at", None)


def public_sitemaps() -> dict[str, Sitemap]:
    sitemaps = {"pages": PagesSitemap()}
    for page in public_pages():
        if page.items is not None and page.sitemap_priority is not None:
            sitemaps[page.url_name] = RowsSitemap(page)
    return sitemaps
