"""Who is told when a commitment changes, and who is reminded of what is due."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from followup import services
from followup.models import Commitment
from followup.tests.factories import CommitmentFactory
from moqdad import sms
from moqdad.models import Delivery
from moqdad.persian import to_persian_digits
from neighborhoods.tests.factories import CouncilFactory, CouncilMemberFactory

Status = Commitment.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment(edition, django_user_model):
    commitment = CommitmentFactory(
        status=Status.AGREED,
        maker_email="maker@example.org",
        maker_wants_updates=True,
        due_date=datetime.date(2023, 1, 10),
    )
    manager = django_user_model.objects.create_user("m", email="manager@example.org")
    commitment.neighborhood.managers.add(manager)
    council = CouncilFactory(neighborhood=commitment.neighborhood)
    CouncilMemberFactory(council=council, is_chair=True, phone="09121112233")
    CouncilMemberFactory(council=council, is_chair=False, phone="09124445566")
    return commitment


def test_status_change_tells_the_maker_and_the_council(
    commitment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.commitment_set_status(commitment=commitment, status=Status.IN_PROGRESS)

    assert sorted(m.to[0] for m in mail.outbox) == ["maker@example.org", "manager@example.org"]
    assert [m.to for m in sms.outbox] == ["09121112233"]
    assert "در حال اجرا" in mail.outbox[0].body
    assert set(Delivery.objects.values_list("kind", "object_id")) == {
        ("commitment_status", commitment.pk)
    }


def test_maker_who_did_not_agree_is_not_told(commitment, django_capture_on_commit_callbacks):
    commitment.maker_wants_updates = False
    commitment.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.commitment_set_status(commitment=commitment, status=Status.IN_PROGRESS)

    assert [m.to[0] for m in mail.outbox] == ["manager@example.org"]


def test_a_change_without_a_new_status_tells_nobody(commitment, django_capture_on_commit_callbacks):
    commitment.progress_percent = 30

    with django_capture_on_commit_callbacks(execute=True):
        services.commitment_save(commitment=commitment)

    assert (len(mail.outbox), len(sms.outbox)) == (0, 0)


def test_reminders_go_once_a_day_to_the_followers_of_overdue_commitments(commitment):
    CommitmentFactory(status=Status.DONE, due_date=datetime.date(2023, 1, 1))
    CommitmentFactory(status=Status.AGREED, due_date=datetime.date(2030, 1, 1))

    call_command("send_commitment_reminders", stdout=None)
    call_command("send_commitment_reminders", stdout=None)

    assert [m.to[0] for m in mail.outbox] == ["manager@example.org"]
    assert mail.outbox[0].subject == f"سررسید تعهد گذشته است: {to_persian_digits(commitment.title)}"
    commitment.refresh_from_db()
    assert commitment.last_reminded_on is not None
