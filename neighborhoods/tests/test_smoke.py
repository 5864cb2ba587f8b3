from neighborhoods.models import ProgrammePhase


def test_programme_phases_follow_the_announcement(db):
    counts = list(
        ProgrammePhase.objects.order_by("number").values_list("neighborhood_count", flat=True)
    )

    assert counts == [15, 60, 116]
