"""The neighborhoods' public page types (see moqdad.public_pages); registered from apps.py."""

from moqdad.public_pages import PublicPage, register
from neighborhoods.models import Neighborhood


def _published_neighborhoods():
    return Neighborhood.objects.public().order_by("pk")


def register_public_pages() -> None:
    register(
        PublicPage(
            "neighborhoods:list",
            sitemap_priority=0.8,
            sample_queries=("?district=2&selected=yes&phase=3",),
        ),
        PublicPage("neighborhoods:detail", items=_published_neighborhoods, sitemap_priority=0.7),
    )
