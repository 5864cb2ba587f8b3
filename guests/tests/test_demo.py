import io

from django.core.management import call_command

from guests.models import CheckIn, Guest, Invitation, OfficialVisit, Scan, VisitSlot

SMALL = {"neighborhoods": 20, "booths": 10, "martyrs": 100}


def _load():
    call_command("load_demo_data", stdout=io.StringIO(), **SMALL, verbosity=0)


def _counts():
    return [m.objects.count() for m in (Guest, Invitation, VisitSlot, OfficialVisit, CheckIn, Scan)]


def test_the_demo_has_a_marked_guest_list_invitations_in_every_state_and_check_ins(edition):
    _load()

    assert Guest.objects.exclude(name__contains="نمایشی").count() == 0
    assert Guest.objects.filter(is_synthetic=False).count() == 0
    statuses = set(Invitation.objects.values_list("status", flat=True))
    assert statuses == {choice.value for choice in Invitation.Status}
    assert Invitation.objects.filter(members__isnull=False).exists()
    assert CheckIn.objects.count() == 3
    assert Scan.objects.filter(outcome=Scan.Outcome.FORGED).count() == 1
    assert OfficialVisit.objects.filter(stops__isnull=False).exists()


def test_loading_the_demo_twice_gives_the_same_guests(edition):
    _load()
    first = _counts()
    _load()

    assert _counts() == first
