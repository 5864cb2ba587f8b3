"""Email and text messages to people outside the admin, sent as background tasks and logged.

    send_message(channel="email" | "sms", to=..., subject=..., body=..., about=invitation,
                 kind="invitation", attachments=[("card.pdf", pdf_bytes, "application/pdf")])

stores a `Delivery` (queued) and enqueues `deliver` (django-tasks: the database backend in
production, run by `manage.py db_worker`; immediate in development and tests). The task sends
the email through Django's email framework (`EMAIL_URL`) or the text through `SMS_BACKEND`
(`moqdad/sms.py`) and records sent or failed, with the error. Every caller's log is the same
table: `deliveries_for(obj)` lists what was sent about an object. Addresses and phone numbers
stay in the delivery row (organizers only, `moqdad/account_rules.py`); logs name the delivery's
id, never its recipient.
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from moqdad import sms
from moqdad.models import Delivery, DeliveryAttachment

logger = logging.getLogger(__name__)


def send_message(
    *,
    channel: str,
    to: str,
    subject: str = "",
    body: str,
    about=None,
    kind: str = "",
    attachments=(),
) -> Delivery:
    delivery = Delivery(
        channel=channel, recipient=to.strip(), subject=subject, body=body, kind=kind
    )
    if about is not None:
        delivery.content_type = ContentType.objects.get_for_model(about)
        delivery.object_id = about.pk
    delivery.full_clean()
    with transaction.atomic():
        delivery.save()
        DeliveryAttachment.objects.bulk_create(
            DeliveryAttachment(delivery=delivery, filename=name, content=bytes(data), mimetype=mime)
            for name, data, mime in attachments
        )
    # With the database backend the task row commits with the delivery, or not at all.
    deliver.enqueue(delivery.pk)
    delivery.refresh_from_db()
    return delivery


def deliveries_for(obj):
    return Delivery.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).order_by("-created_at", "-pk")


@task()
def deliver(delivery_id: int) -> str:
    delivery = Delivery.objects.filter(pk=delivery_id).first()
    if delivery is None or delivery.status == Delivery.Status.SENT:
        return "skipped"
    delivery.attempts += 1
    try:
        if delivery.channel == Delivery.Channel.EMAIL:
            _send_email(delivery)
        else:
            sms.send_sms(to=delivery.recipient, body=delivery.body)
    except Exception as error:  # noqa: BLE001 (any backend failure is recorded, not raised)
        delivery.status = Delivery.Status.FAILED
        delivery.error = f"{type(error).__name__}: {error}"[:1000]
        logger.warning("Delivery %s failed: %s", delivery.pk, type(error).__name__)
    else:
        delivery.status = Delivery.Status.SENT
        delivery.error = ""
        delivery.sent_at = timezone.now()
    delivery.save(update_fields=["status", "error", "sent_at", "attempts", "updated_at"])
    return delivery.status


def _send_email(delivery: Delivery) -> None:
    message = EmailMessage(
        subject=delivery.subject,
        body=delivery.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.recipient],
    )
    for attachment in delivery.attachments.all():
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    message.send(fail_silently=False)
