import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from guests.models import Invitation
from guests.services.messages import REMINDER_CAP, invitation_remind, invitation_send
from guests.tests.factories import InvitationFactory
from moqdad import sms
from moqdad.messaging import deliveries_for
from moqdad.models import Delivery


@pytest.fixture(autouse=True)
def _empty_outboxes():
    sms.outbox.clear()


@pytest.fixture
def invitation(live_edition, public_host):
    return InvitationFactory(exhibition=live_edition, guest__name="دکتر سارا نوری")


def test_an_emailed_invitation_carries_the_link_the_code_and_the_card(invitation):
    delivery = invitation_send(invitation=invitation, channel="email")

    [message] = mail.outbox
    assert delivery.status == Delivery.Status.SENT
    assert message.to == [invitation.guest.email]
    assert f"https://meqdad.example.ir/invitation/{invitation.token}/" in message.body
    assert invitation.display_short_code in message.body
    assert "دکتر سارا نوری" in message.body
    assert message.attachments[0][2] == "application/pdf"
    assert list(deliveries_for(invitation)) == [delivery]


def test_a_texted_invitation_goes_through_the_sms_backend(invitation):
    invitation_send(invitation=invitation, channel="sms")

    [message] = sms.outbox
    assert message.to == invitation.guest.phone
    assert invitation.token in message.body


def test_an_english_speaking_guest_gets_english(invitation):
    invitation.guest.language = "en"
    invitation.guest.save()

    invitation_send(invitation=invitation, channel="email")

    assert mail.outbox[0].subject.startswith("Invitation to the")


def test_a_guest_without_an_address_is_a_clear_refusal(invitation):
    invitation.guest.email = ""
    invitation.guest.save()

    with pytest.raises(ValidationError) as refused:
        invitation_send(invitation=invitation, channel="email")

    assert refused.value.messages == ["دکتر سارا نوری نشانی ایمیل ندارد."]


def test_reminders_go_to_pending_guests_only_and_are_capped(invitation, live_edition):
    answered = InvitationFactory(exhibition=live_edition, status=Invitation.Status.DECLINED)

    sent = [invitation_remind(invitation=invitation) for _ in range(REMINDER_CAP + 2)]

    assert [d is not None for d in sent] == [True] * REMINDER_CAP + [False, False]
    assert invitation_remind(invitation=answered) is None
    assert deliveries_for(invitation).filter(kind="invitation_reminder").count() == REMINDER_CAP
    assert len(sms.outbox) == REMINDER_CAP


def test_the_reminder_command_reminds_the_current_editions_pending_guests(invitation, live_edition):
    InvitationFactory(
        exhibition=live_edition,
        status=Invitation.Status.ACCEPTED,
        chosen_day=live_edition.start_date,
    )

    call_command("remind_guests", stdout=None)

    assert len(sms.outbox) == 1


def test_the_admin_sends_the_selected_invitations_in_the_background(admin_client_fa, invitation):
    admin_client_fa.post(
        reverse("admin:guests_invitation_changelist"),
        {"action": "send_by_email", "_selected_action": [invitation.pk]},
    )

    page = admin_client_fa.get(
        reverse("admin:guests_invitation_change", args=[invitation.pk])
    ).content.decode()
    assert len(mail.outbox) == 1
    assert "ارسال شد" in page or "فرستاده" in page
