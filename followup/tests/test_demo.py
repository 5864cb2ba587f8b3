"""The demo's commitments: every state of the lifecycle, on the demo's own problems, labelled."""

import pytest
from django.core.management import call_command
from django.db.models import F

from followup.models import AttendanceCount, Commitment

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(edition):
    call_command(
        "load_demo_data", neighborhoods=20, booths=10, martyrs=20, verbosity=0, stdout=None
    )


def test_demo_has_commitments_in_every_state_on_demo_problems(demo):
    commitments = Commitment.objects.all()

    assert set(commitments.values_list("status", flat=True)) == set(Commitment.Status.values)
    assert set(commitments.values_list("confirmation", flat=True)) == set(
        Commitment.Confirmation.values
    )
    assert not commitments.filter(problem__isnull=True).exists()
    assert not commitments.exclude(problem__neighborhood=F("neighborhood")).exists()
    assert not commitments.filter(problem__neighborhood__is_synthetic=False).exists()
    assert not commitments.exclude(description__contains="داده نمایشی").exists()
    assert not commitments.filter(status="dropped", drop_reason="").exists()
    assert commitments.filter(source="contact", contact_request__isnull=False).exists()
    assert AttendanceCount.objects.filter(is_synthetic=True).count() == 5 * 3


def test_demo_commitments_go_when_the_demo_is_reloaded(demo):
    first = Commitment.objects.count()

    call_command(
        "load_demo_data", neighborhoods=20, booths=10, martyrs=20, verbosity=0, stdout=None
    )

    assert Commitment.objects.count() == first
    assert Commitment.history.filter(history_type="-").count() == 0
