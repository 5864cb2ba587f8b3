import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from guests import codes
from guests.models import Invitation
from guests.tests.factories import InvitationFactory, VisitSlotFactory


def _url(invitation, name="guests:rsvp"):
    return reverse(name, kwargs={"token": invitation.token})


@pytest.fixture
def invitation(live_edition):
    return InvitationFactory(exhibition=live_edition, guest__name="دکتر رضا صالحی")


def test_the_invitation_page_shows_the_invitation_and_nothing_private(client, invitation):
    response = client.get(_url(invitation))

    html = response.content.decode()
    assert response.status_code == 200
    assert "دکتر رضا صالحی" in html
    assert invitation.guest.phone not in html
    assert invitation.guest.email not in html
    assert 'name="robots" content="noindex' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_accepting_records_the_day_and_offers_the_card(client, invitation, live_edition):
    day = live_edition.days[2]

    response = client.post(_url(invitation), {"answer": "accept", "day": day.isoformat()})

    invitation.refresh_from_db()
    assert response.status_code == 302
    assert (invitation.status, invitation.chosen_day, invitation.answered_via) == (
        Invitation.Status.ACCEPTED,
        day,
        Invitation.AnsweredVia.LINK,
    )
    page = client.get(response["Location"]).content.decode()
    assert _url(invitation, "guests:rsvp_card") in page
    assert _url(invitation, "guests:rsvp_ics") in page


def test_a_guest_can_decline_and_change_their_mind_before_the_deadline(client, invitation):
    client.post(_url(invitation), {"answer": "decline"})
    invitation.refresh_from_db()
    declined = invitation.status

    client.post(_url(invitation), {"answer": "accept", "day": invitation.days[1].isoformat()})
    invitation.refresh_from_db()

    assert (declined, invitation.status) == (Invitation.Status.DECLINED, Invitation.Status.ACCEPTED)


def test_after_the_deadline_the_answer_cannot_change(client, invitation):
    invitation.rsvp_deadline = timezone.now() - datetime.timedelta(minutes=1)
    invitation.save()

    page = client.get(_url(invitation)).content.decode()
    client.post(_url(invitation), {"answer": "decline"})

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING
    assert 'name="answer"' not in page


def test_a_full_slot_is_refused_with_a_message(client, invitation, live_edition):
    slot = VisitSlotFactory(exhibition=live_edition, day=live_edition.days[1], capacity=2)
    InvitationFactory(
        exhibition=live_edition,
        status=Invitation.Status.ACCEPTED,
        slot=slot,
        chosen_day=slot.day,
        max_party_size=2,
        party_size=2,
    )

    response = client.post(
        _url(invitation), {"answer": "accept", "day": slot.day.isoformat(), "slot": slot.pk}
    )

    invitation.refresh_from_db()
    assert response.status_code == 400
    assert invitation.status == Invitation.Status.PENDING
    assert "جا" in response.content.decode() or "full" in response.content.decode()


def test_a_delegation_gives_its_size_within_the_invited_number(client, live_edition):
    invitation = InvitationFactory(exhibition=live_edition, max_party_size=4)
    day = live_edition.days[0].isoformat()

    too_many = client.post(_url(invitation), {"answer": "accept", "day": day, "party_size": "۵"})
    fine = client.post(_url(invitation), {"answer": "accept", "day": day, "party_size": "۳"})

    invitation.refresh_from_db()
    assert (too_many.status_code, fine.status_code, invitation.party_size) == (400, 302, 3)


def test_a_substitute_gets_an_invitation_of_their_own(client, invitation):
    client.post(
        _url(invitation),
        {"answer": "substitute", "substitute_name": "مهندس علی نادری", "substitute_title": "معاون"},
    )

    invitation.refresh_from_db()
    substitute = invitation.substitute
    assert invitation.status == Invitation.Status.SUBSTITUTED
    assert (substitute.guest.name, substitute.status) == (
        "مهندس علی نادری",
        Invitation.Status.PENDING,
    )
    assert substitute.token != invitation.token
    assert client.get(_url(substitute)).status_code == 200


def _answer(response):
    return response.status_code, response.content, response["Cache-Control"]


def test_wrong_forged_revoked_and_expired_tokens_answer_like_a_random_one(client, live_edition):
    random_token = codes.new_token()  # genuine signature, no invitation
    revoked = InvitationFactory(exhibition=live_edition, status=Invitation.Status.REVOKED)
    expired = InvitationFactory(exhibition=live_edition)
    forged = codes.new_token()[:-1] + "0"

    live_edition.end_date = timezone.localdate() - datetime.timedelta(days=1)
    live_edition.save()

    answers = {
        "random": client.get(reverse("guests:rsvp", kwargs={"token": random_token})),
        "forged": client.get(reverse("guests:rsvp", kwargs={"token": forged})),
        "short": client.get(reverse("guests:rsvp", kwargs={"token": "abc"})),
        "revoked": client.get(_url(revoked)),
        "expired": client.get(_url(expired)),
    }

    first = _answer(answers["random"])
    assert first[0] == 404
    assert {name: _answer(r) == first for name, r in answers.items()} == dict.fromkeys(
        answers, True
    )


def test_the_calendar_file_has_the_day_and_the_venue(client, invitation, live_edition):
    day = live_edition.days[1]
    client.post(_url(invitation), {"answer": "accept", "day": day.isoformat()})

    response = client.get(_url(invitation, "guests:rsvp_ics"))

    text = response.content.decode()
    assert response.status_code == 200
    assert f"DTSTART;TZID=Asia/Tehran:{day:%Y%m%d}" in text
    assert "LOCATION:" in text


def test_the_invitation_page_is_rate_limited(client, invitation, monkeypatch):
    monkeypatch.setattr("guests.views.rsvp.RSVP_LIMIT", 3)

    statuses = [client.get(_url(invitation)).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_guessing_links_is_cut_short_but_the_guests_own_link_still_opens(
    client, invitation, monkeypatch
):
    monkeypatch.setattr("guests.views.rsvp.MISS_LIMIT", 2)
    guesses = [
        client.get(reverse("guests:rsvp", kwargs={"token": codes.new_token()})).status_code
        for _ in range(3)
    ]

    assert guesses == [404, 404, 429]
    assert client.get(_url(invitation)).status_code == 200


def test_staff_are_told_why_the_link_of_an_ended_edition_answers_as_unknown(
    admin_client_fa, edition
):
    """The demo's edition (1401) is over: its links answer as unknown ones, and the admin says so."""
    ended = InvitationFactory(exhibition=edition)
    change = reverse("admin:guests_invitation_change", args=[ended.pk])

    note = "این دوره در "
    assert note in admin_client_fa.get(change).content.decode()
    edition.end_date = timezone.localdate()
    edition.save()
    assert note not in admin_client_fa.get(change).content.decode()
