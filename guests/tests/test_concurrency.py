"""Races that only PostgreSQL can show (SQLite writes one at a time): the last places of a
slot, and two doors scanning one card at the same moment."""

import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from guests.models import CheckIn, Invitation, Scan
from guests.services import door_scan, invitation_answer
from guests.tests.factories import InvitationFactory, VisitSlotFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a race needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def _race(count, work):
    """Run `work(i)` in `count` threads released at the same moment; their results."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001 (each thread's outcome is the result)
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_twenty_guests_racing_for_the_last_five_places_get_five(live_edition):
    slot = VisitSlotFactory(exhibition=live_edition, day=live_edition.days[1], capacity=8)
    InvitationFactory(
        exhibition=live_edition,
        status=Invitation.Status.ACCEPTED,
        slot=slot,
        chosen_day=slot.day,
        max_party_size=3,
        party_size=3,
    )
    racers = InvitationFactory.create_batch(20, exhibition=live_edition)

    results = _race(
        20,
        lambda i: invitation_answer(
            invitation=racers[i], accept=True, day=slot.day, slot=slot, party_size=1
        ),
    )

    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(refused), len(results) - len(refused)) == (15, 5)
    assert Invitation.objects.filter(slot=slot, status=Invitation.Status.ACCEPTED).count() == 6


def test_two_doors_scanning_one_card_at_once_check_in_once(live_edition):
    invitation = InvitationFactory(exhibition=live_edition)

    answers = _race(
        2,
        lambda i: door_scan(
            exhibition=live_edition,
            code=invitation.short_code,
            nonce=uuid.uuid4().hex,
            method="camera",
            door=f"در {i}",
        ),
    )

    assert sorted(a.outcome for a in answers) == ["already", "welcome"]
    assert CheckIn.objects.count() == 1
    assert Scan.objects.count() == 2


def test_one_offline_queue_synced_by_two_requests_at_once_counts_once(live_edition):
    invitation = InvitationFactory(exhibition=live_edition)
    nonce = uuid.uuid4().hex

    answers = _race(
        4,
        lambda i: door_scan(
            exhibition=live_edition,
            code=invitation.short_code,
            nonce=nonce,
            method="camera",
            offline=True,
        ),
    )

    assert [a.outcome for a in answers] == ["welcome"] * 4
    assert (CheckIn.objects.count(), Scan.objects.count()) == (1, 1)
