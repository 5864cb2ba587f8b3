"""Figures over many rows are computed once per content change and never outlive it."""

import pytest
from django.test import Client

from martyrs.tests.factories import MartyrFactory
from moqdad import caching
from neighborhoods.tests.factories import NeighborhoodFactory


def test_figures_are_computed_once_until_content_changes(db):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    first = caching.cached_under_content_version("test-figure", compute)
    again = caching.cached_under_content_version("test-figure", compute)
    caching.content_changed()
    after_change = caching.cached_under_content_version("test-figure", compute)

    assert (first, again, after_change) == (1, 1, 2)


@pytest.mark.parametrize("page_cache", [True, False])
def test_neighborhood_list_counts_a_new_martyr_at_once(db, settings, page_cache):
    settings.PAGE_CACHE_ENABLED = page_cache
    neighborhood = NeighborhoodFactory(slug="shared")
    MartyrFactory(neighborhood=neighborhood)
    Client().get("/en/neighborhoods/")

    MartyrFactory(neighborhood=neighborhood)
    page = Client().get("/en/neighborhoods/", HTTP_ACCEPT_ENCODING="identity")

    assert "<bdi>2</bdi> martyrs" in page.content.decode()
