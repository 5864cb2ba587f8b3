"""Email and text messages: logged, sent by a background task, failures recorded, never lost."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from moqdad import sms
from moqdad.messaging import deliveries_for, send_message
from moqdad.models import Delivery


class BrokenGateway(sms.BaseSmsBackend):
    def send_messages(self, messages):
        raise ConnectionError("gateway 09121112233 unreachable")


@pytest.mark.django_db
def test_an_email_with_its_attachment_is_sent_and_logged_against_what_it_is_about():
    about = Group.objects.create(name="هیئت")
    delivery = send_message(
        channel="email",
        to="guest@example.ir",
        subject="دعوت‌نامه",
        body="از شما دعوت می‌شود",
        about=about,
        kind="invitation",
        attachments=[("card.pdf", b"%PDF-1.7 card", "application/pdf")],
    )

    assert delivery.status == Delivery.Status.SENT and delivery.sent_at is not None
    [message] = mail.outbox
    assert message.to == ["guest@example.ir"] and message.subject == "دعوت‌نامه"
    assert message.attachments[0][:2] == ("card.pdf", b"%PDF-1.7 card")
    assert list(deliveries_for(about)) == [delivery]


@pytest.mark.django_db
def test_a_text_message_goes_through_the_configured_backend():
    delivery = send_message(channel="sms", to=" 09121234567 ", body="یادآوری", kind="reminder")

    assert delivery.status == Delivery.Status.SENT
    assert sms.outbox == [sms.SmsMessage(to="09121234567", body="یادآوری")]


@pytest.mark.django_db
@override_settings(SMS_BACKEND="moqdad.tests.test_messaging.BrokenGateway")
def test_a_failed_gateway_is_recorded_on_the_delivery_and_the_log_names_no_phone(caplog):
    delivery = send_message(channel="sms", to="09121112233", body="یادآوری")

    assert delivery.status == Delivery.Status.FAILED
    assert "unreachable" in delivery.error and delivery.attempts == 1
    assert "0912" not in caplog.text and str(delivery.pk) in caplog.text


@pytest.mark.django_db
def test_a_bad_channel_is_refused_before_anything_is_queued():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        send_message(channel="fax", to="x", body="y")
    assert not Delivery.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_worker_sends_what_was_queued(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    delivery = send_message(channel="sms", to="09120000001", body="کارت شما")
    assert delivery.status == Delivery.Status.QUEUED and sms.outbox == []

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert [m.to for m in sms.outbox] == ["09120000001"]
