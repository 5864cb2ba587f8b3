"""The pieces other pages (a neighborhood, a booth) include: prominent martyr and figures."""

from django.template import Context, Template

from martyrs.models import Martyr, VeteranTally
from martyrs.tests.factories import MartyrFactory, VeteranTallyFactory
from moqdad.publishing import PublicationStatus
from neighborhoods.tests.factories import NeighborhoodFactory


def render(source: str, **context) -> str:
    return Template("{% load memorial %}" + source).render(Context(context))


def test_prominent_martyr_card_links_the_published_prominent_martyr(db):
    neighborhood = NeighborhoodFactory()
    MartyrFactory(neighborhood=neighborhood, first_name="علی", last_name="کریمی")
    prominent = MartyrFactory(
        neighborhood=neighborhood, first_name="حسن", last_name="کبیری‌پور", is_prominent=True
    )

    html = render("{% prominent_martyr_card neighborhood %}", neighborhood=neighborhood)

    assert f'<a href="{prominent.get_absolute_url()}">شهید حسن کبیری‌پور</a>' in html
    assert "کریمی" not in html


def test_prominent_martyr_card_is_empty_for_an_unpublished_martyr(db):
    neighborhood = NeighborhoodFactory()
    MartyrFactory(neighborhood=neighborhood, is_prominent=True, status=PublicationStatus.DRAFT)

    html = render("{% prominent_martyr_card neighborhood %}", neighborhood=neighborhood)

    assert html.strip() == ""


def test_neighborhood_martyr_figures_counts_published_martyrs_and_veterans(db):
    neighborhood = NeighborhoodFactory()
    MartyrFactory.create_batch(2, neighborhood=neighborhood, category=Martyr.Category.REVOLUTION)
    MartyrFactory(neighborhood=neighborhood, status=PublicationStatus.DRAFT)
    MartyrFactory(category=Martyr.Category.REVOLUTION)  # another neighborhood
    VeteranTallyFactory(neighborhood=neighborhood, kind=VeteranTally.Kind.FREED_POW, count=7)

    html = render("{% neighborhood_martyr_figures neighborhood %}", neighborhood=neighborhood)

    assert '<th scope="row">انقلاب اسلامی</th><td>۲</td>' in html
    assert '<th scope="row">آزاده</th><td>۷</td>' in html
    assert html.count("<svg") == 2
    assert "style=" not in html
