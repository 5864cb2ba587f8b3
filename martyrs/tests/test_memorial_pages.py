"""A neighborhood's memorial list, page by page: every published martyr once, in order."""

import re

import pytest
from django.urls import reverse

from martyrs import selectors
from martyrs.tests.factories import MartyrFactory
from moqdad.publishing import PublicationStatus
from neighborhoods.tests.factories import NeighborhoodFactory

MARTYR_LINK = re.compile(r'<a href="/martyrs/(\d+)/">')


def _walk(client, url):
    """The martyrs' ids on each page, following the pager's «next» links from the first page."""
    pages, address = [], url
    while address:
        html = client.get(address).content.decode()
        pages.append([int(pk) for pk in MARTYR_LINK.findall(html)])
        following = re.search(r'rel="next" href="([^"]+)"', html)
        address = url + following.group(1).replace("&amp;", "&") if following else None
    return pages, html


@pytest.mark.parametrize("seek_after", [selectors.SEEK_AFTER, 30])
def test_memorial_pages_list_every_martyr_once_prominent_first_then_by_name(
    client, db, monkeypatch, seek_after
):
    # With 30, the second and third pages are read by id from the kept order.
    monkeypatch.setattr(selectors, "SEEK_AFTER", seek_after)
    neighborhood = NeighborhoodFactory()
    martyrs = [
        MartyrFactory(neighborhood=neighborhood, last_name=f"نام{n:02d}", first_name="علی")
        for n in range(64, -1, -1)
    ]
    prominent = MartyrFactory(neighborhood=neighborhood, last_name="یزدانی", is_prominent=True)
    MartyrFactory(neighborhood=neighborhood, status=PublicationStatus.DRAFT)
    MartyrFactory()  # of another neighborhood
    url = reverse("martyrs:neighborhood", kwargs={"slug": neighborhood.slug})

    pages, last_html = _walk(client, url)

    expected = [prominent.pk] + [m.pk for m in sorted(martyrs, key=lambda m: m.last_name)]
    assert [len(page) for page in pages] == [30, 30, 6]
    assert [pk for page in pages for pk in page] == expected
    assert "صفحه ۳ از ۳" in last_html


def test_memorial_deep_page_follows_a_martyr_published(client, db, monkeypatch):
    monkeypatch.setattr(selectors, "SEEK_AFTER", 30)
    neighborhood = NeighborhoodFactory()
    MartyrFactory.create_batch(30, neighborhood=neighborhood)
    MartyrFactory(neighborhood=neighborhood, last_name="یگانه")
    draft = MartyrFactory(
        neighborhood=neighborhood, last_name="یاوری", status=PublicationStatus.DRAFT
    )
    url = reverse("martyrs:neighborhood", kwargs={"slug": neighborhood.slug})
    assert len(_walk(client, url)[0]) == 2

    draft.status = PublicationStatus.PUBLISHED
    draft.save()

    pages, _html = _walk(client, url)
    assert pages[1] == [draft.pk, pages[1][1]]
