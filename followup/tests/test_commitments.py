"""The commitment's lifecycle, its history, its rules, and how it is made from a contact request."""

import pytest
from django.core.exceptions import ValidationError

from exhibition.models import ContactRequest
from exhibition.tests.factories import BoothFactory, ContactRequestFactory
from followup import services
from followup.models import Commitment
from followup.selectors import commitments as selectors
from followup.tests.factories import CommitmentFactory, MilestoneFactory
from neighborhoods.tests.factories import ActionPlanFactory, NeighborhoodFactory, ProblemFactory

Status = Commitment.Status
pytestmark = pytest.mark.django_db


def _history(commitment):
    rows = commitment.history.order_by("history_date", "history_id")
    return [(row.status, row.progress_percent, row.history_change_reason) for row in rows]


def test_commitment_lifecycle_offered_to_confirmed_keeps_every_step_in_history(
    edition, django_user_model
):
    manager = django_user_model.objects.create_user("manager", is_staff=True)
    commitment = services.commitment_save(
        commitment=CommitmentFactory.build(
            status=Status.OFFERED, problem=None, neighborhood=NeighborhoodFactory()
        ),
        user=manager,
    )

    services.commitment_set_status(commitment=commitment, status=Status.AGREED, user=manager)
    services.milestone_add(
        commitment=commitment, date=edition.end_date, title="آغاز کار", progress_percent=40
    )
    services.commitment_set_status(commitment=commitment, status=Status.DONE, user=manager)
    services.commitment_confirm(commitment=commitment, done=True, user=manager)

    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress_percent, commitment.confirmation) == (
        Status.DONE,
        100,
        Commitment.Confirmation.CONFIRMED,
    )
    assert _history(commitment) == [
        ("offered", 0, None),
        ("agreed", 0, "توافق‌شده"),
        ("in_progress", 40, "آغاز کار"),
        ("done", 100, "انجام‌شده"),
        ("done", 100, "انجام آن تأیید شد"),
    ]
    assert commitment.history.latest().history_user == manager


def test_commitment_dropped_without_a_reason_is_refused(edition):
    commitment = CommitmentFactory(status=Status.AGREED)

    with pytest.raises(ValidationError) as error:
        services.commitment_set_status(commitment=commitment, status=Status.DROPPED, reason=" ")

    assert error.value.message_dict == {"drop_reason": ["بگویید چرا این تعهد کنار گذاشته شد."]}
    assert Commitment.objects.get(pk=commitment.pk).status == Status.AGREED


def test_commitment_dropped_with_a_reason_keeps_the_reason_in_history(edition):
    commitment = CommitmentFactory(status=Status.IN_PROGRESS)

    services.commitment_set_status(
        commitment=commitment, status=Status.DROPPED, reason="بودجه تصویب نشد"
    )

    assert commitment.history.latest().history_change_reason == "کنارگذاشته‌شده: بودجه تصویب نشد"
    assert Commitment.objects.get(pk=commitment.pk).drop_reason == "بودجه تصویب نشد"


@pytest.mark.parametrize(
    ("before", "after"),
    [("offered", "done"), ("offered", "in_progress"), ("dropped", "done"), ("done", "agreed")],
)
def test_commitment_status_cannot_skip_the_lifecycle(edition, before, after):
    commitment = CommitmentFactory(status=before, drop_reason="دلیل" if before == "dropped" else "")

    with pytest.raises(ValidationError) as error:
        services.commitment_set_status(commitment=commitment, status=after)

    assert list(error.value.message_dict) == ["status"]


def test_manager_answering_not_done_puts_it_back_in_progress(edition):
    commitment = CommitmentFactory(status=Status.AGREED)
    services.commitment_set_status(commitment=commitment, status=Status.DONE)

    services.commitment_confirm(commitment=commitment, done=False, user=None, note="نیمه‌کاره")

    commitment.refresh_from_db()
    assert (commitment.status, commitment.confirmation, commitment.confirmation_note) == (
        Status.IN_PROGRESS,
        Commitment.Confirmation.DISPUTED,
        "نیمه‌کاره",
    )


def test_commitment_problem_must_be_of_its_neighborhood(edition):
    other_problem = ProblemFactory()
    commitment = CommitmentFactory.build(neighborhood=NeighborhoodFactory(), problem=other_problem)

    with pytest.raises(ValidationError) as error:
        services.commitment_save(commitment=commitment)

    assert error.value.message_dict["problem"] == ["این مسئله مال محله دیگری است."]


def test_commitment_plan_must_be_of_its_problem(edition):
    commitment = CommitmentFactory()
    commitment.plan = ActionPlanFactory(
        problem=ProblemFactory(neighborhood=commitment.neighborhood)
    )

    with pytest.raises(ValidationError) as error:
        services.commitment_save(commitment=commitment)

    assert list(error.value.message_dict) == ["plan"]


def test_contact_request_becomes_an_offer_with_its_provenance(edition):
    booth = BoothFactory()
    contact_request = ContactRequestFactory(
        booth=booth, name="زهرا کریمی", subject="کمک به خانه سبز"
    )

    commitment = services.commitment_from_contact_request(contact_request=contact_request)

    assert (
        commitment.status,
        commitment.source,
        commitment.booth,
        commitment.neighborhood,
        commitment.maker_name,
        commitment.title,
    ) == (
        Status.OFFERED,
        Commitment.Source.CONTACT,
        booth,
        booth.neighborhood,
        "زهرا کریمی",
        "کمک به خانه سبز",
    )


def test_contact_request_at_a_booth_without_neighborhood_is_refused_in_persian(edition):
    contact_request = ContactRequestFactory(booth=BoothFactory(neighborhood=None))

    with pytest.raises(ValidationError) as error:
        services.commitment_from_contact_request(contact_request=contact_request)

    assert "محله ندارد" in error.value.messages[0]
    assert ContactRequest.objects.get(pk=contact_request.pk).commitments.count() == 0


def test_progress_rolls_up_per_problem_and_per_neighborhood(edition):
    neighborhood = NeighborhoodFactory()
    problem = ProblemFactory(neighborhood=neighborhood)
    CommitmentFactory(neighborhood=neighborhood, problem=problem, progress_percent=20)
    CommitmentFactory(
        neighborhood=neighborhood, problem=problem, status=Status.DONE, progress_percent=100
    )
    CommitmentFactory(neighborhood=neighborhood, problem=None, progress_percent=30)
    CommitmentFactory(
        neighborhood=neighborhood, problem=problem, status=Status.DROPPED, drop_reason="x"
    )
    CommitmentFactory(neighborhood=neighborhood, problem=problem, status=Status.OFFERED)

    by_problem = selectors.rollup_by_problem()
    by_neighborhood = selectors.rollup_by_neighborhood()

    assert by_problem[problem.pk] == selectors.Rollup(made=2, done=1, progress=60)
    assert by_neighborhood[neighborhood.pk] == selectors.Rollup(made=3, done=1, progress=50)


def test_milestone_progress_moves_an_agreed_commitment_into_progress(edition):
    commitment = CommitmentFactory(status=Status.AGREED)
    milestone = MilestoneFactory(commitment=commitment, progress_percent=35)

    services.milestone_applied(milestone=milestone)

    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress_percent) == (Status.IN_PROGRESS, 35)
