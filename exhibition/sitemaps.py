"""sitemap.xml for the public site, in both languages, on the public host."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from exhibition import selectors
from exhibition.models import Exhibition
from martyrs.models import Martyr
from neighborhoods.models import Neighborhood


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.PUBLIC_BASE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.PUBLIC_BASE_URL).netloc


class StaticPagesSitemap(PublicSitemap):
    priority = 0.8

    def items(self):
        return [
            "exhibition:home",
            "exhibition:booth_list",
            "exhibition:floor_plan",
            "exhibition:statistics",
            "neighborhoods:list",
            "martyrs:search",
        ]

    def location(self, item):
        return reverse(item)


class NeighborhoodSitemap(PublicSitemap):
    priority = 0.7

    def items(self):
        return Neighborhood.objects.public().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class BoothSitemap(PublicSitemap):
    priority = 0.7

    def items(self):
        exhibition = Exhibition.objects.current()
        return selectors.booths_public(exhibition=exhibition) if exhibition else []

    def lastmod(self, item):
        return item.updated_at


class MartyrSitemap(PublicSitemap):
    priority = 0.5

    def items(self):
        return Martyr.objects.public().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "neighborhoods": NeighborhoodSitemap,
    "booths": BoothSitemap,
    "martyrs": MartyrSitemap,
}
