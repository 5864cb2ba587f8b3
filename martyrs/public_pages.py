"""The martyrs' public page types (see moqdad.public_pages); registered from apps.py."""

from django.urls import reverse

from martyrs.models import Martyr
from moqdad.public_pages import PublicPage, register
from neighborhoods.models import Neighborhood


def _published_martyrs():
    return Martyr.objects.public().order_by("pk")


def _published_neighborhoods():
    return Neighborhood.objects.public().order_by("pk")


def _neighborhood_memorial(neighborhood) -> str:
    return reverse("martyrs:neighborhood", kwargs={"slug": neighborhood.slug})


def register_public_pages() -> None:
    register(
        PublicPage(
            "martyrs:search", sitemap_priority=0.8, sample_queries=("?q=%D8%B9%D9%84%DB%8C",)
        ),
        PublicPage("martyrs:figures"),
        PublicPage(
            "martyrs:neighborhood",
            items=_published_neighborhoods,
            location=_neighborhood_memorial,
        ),
        PublicPage("martyrs:detail", items=_published_martyrs, sitemap_priority=0.5),
    )
