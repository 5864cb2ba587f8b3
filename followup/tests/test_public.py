"""What visitors see of commitments: counts by kind, the published problems they address, and
never an offer, a dropped commitment, an unpublished problem or a name not agreed to be shown."""

import pytest

from exhibition.tests.public_site import visible_text
from followup.models import Commitment
from followup.tests.factories import CommitmentFactory
from moqdad.publishing import PublicationStatus
from neighborhoods.tests.factories import NeighborhoodFactory, ProblemFactory

Status, Kind = Commitment.Status, Commitment.Kind
pytestmark = pytest.mark.django_db


@pytest.fixture
def neighborhood(edition):
    neighborhood = NeighborhoodFactory(name="محله نمونه", slug="sample")
    published = ProblemFactory(neighborhood=neighborhood, title="کمبود فضای ورزشی")
    draft = ProblemFactory(
        neighborhood=neighborhood, title="مسئله پیش‌نویس", status=PublicationStatus.DRAFT
    )
    CommitmentFactory(
        neighborhood=neighborhood,
        problem=published,
        kind=Kind.MONEY,
        status=Status.DONE,
        maker_name="علی نام‌دار",
        maker_named_publicly=True,
    )
    CommitmentFactory(
        neighborhood=neighborhood,
        problem=published,
        kind=Kind.MONEY,
        status=Status.IN_PROGRESS,
        maker_name="رضا پنهان",
        maker_phone="09351234567",
    )
    CommitmentFactory(neighborhood=neighborhood, problem=None, kind=Kind.JOBS, status=Status.AGREED)
    # Never counted: an offer, a dropped one, one for an unpublished problem.
    CommitmentFactory(neighborhood=neighborhood, problem=published, status=Status.OFFERED)
    CommitmentFactory(
        neighborhood=neighborhood, problem=published, status=Status.DROPPED, drop_reason="x"
    )
    CommitmentFactory(
        neighborhood=neighborhood, problem=draft, status=Status.DONE, maker_name="مهدی پیش‌نویس"
    )
    return neighborhood


def _section(html: str, marker: str) -> str:
    start = html.index(marker)
    return html[start : html.index("</section>", start)]


def test_neighborhood_page_counts_commitments_made_and_fulfilled_by_kind(client, neighborhood):
    html = client.get(neighborhood.get_absolute_url()).content.decode()

    text = visible_text(_section(html, 'id="commitments"'))
    assert "۳ تعهد داده شده" in text
    assert "۱ انجام‌شده" in text
    assert "پول ۲ ۱" in text
    assert "شغل ۱ ۰" in text
    assert "کمبود فضای ورزشی" in text


def test_neighborhood_page_never_shows_drafts_private_names_or_unpublished_problems(
    client, neighborhood
):
    html = client.get(neighborhood.get_absolute_url()).content.decode()

    assert "علی نام‌دار" in html
    for private in ("رضا پنهان", "09351234567", "۰۹۳۵۱۲۳۴۵۶۷", "مسئله پیش‌نویس", "مهدی پیش‌نویس"):
        assert private not in html


def test_statistics_page_counts_only_public_commitments(client, neighborhood):
    hidden = NeighborhoodFactory(status=PublicationStatus.DRAFT)
    CommitmentFactory(neighborhood=hidden, problem=None, status=Status.DONE)

    html = client.get("/statistics/").content.decode()

    text = visible_text(_section(html, 'aria-labelledby="commitments-title"'))
    assert "۳ تعهد" in text
    assert "۱ مورد آن انجام شده" in text
    assert "رضا پنهان" not in html


def test_public_queryset_matches_the_rule_written_out(neighborhood):
    expected = {
        c.pk
        for c in Commitment.objects.all()
        if c.status in ("agreed", "in_progress", "done")
        and c.neighborhood.status == "published"
        and (c.problem is None or c.problem.status == "published")
    }

    assert set(Commitment.objects.public().values_list("pk", flat=True)) == expected
    assert len(expected) == 3


def test_neighborhood_page_shows_a_newly_agreed_commitment_at_once(client, neighborhood):
    from followup import services

    before = client.get(neighborhood.get_absolute_url()).content.decode()
    offer = Commitment.objects.get(neighborhood=neighborhood, status=Status.OFFERED)

    services.commitment_set_status(commitment=offer, status=Status.AGREED)
    after = client.get(neighborhood.get_absolute_url()).content.decode()

    assert "۳ تعهد داده شده" in visible_text(_section(before, 'id="commitments"'))
    assert "۴ تعهد داده شده" in visible_text(_section(after, 'id="commitments"'))
