"""Text messages (SMS), sent through a small backend interface like Django's email backends.

`settings.SMS_BACKEND` names the class. The default writes each message to the console (the
development server's output); tests use the in-memory outbox. A real Iranian gateway plugs in
as a subclass of `BaseSmsBackend` whose `send_messages` calls the gateway's HTTP API (the
sender line, API key and address from the environment), returns how many it sent and raises
on failure: `moqdad.messaging` records the failure on the delivery and the task retries
nothing by itself, so a staff member sees it in the delivery log.
"""

import dataclasses
import sys
import threading

from django.conf import settings
from django.utils.module_loading import import_string


@dataclasses.dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str


class BaseSmsBackend:
    def __init__(self, *, fail_silently: bool = False, **kwargs):
        self.fail_silently = fail_silently

    def send_messages(self, messages: list[SmsMessage]) -> int:
        raise NotImplementedError


class ConsoleBackend(BaseSmsBackend):
    """Prints each message: the development default, as Django's console email backend."""

    _lock = threading.Lock()

    def __init__(self, *, stream=None, **kwargs):
        super().__init__(**kwargs)
        self.stream = stream or sys.stdout

    def send_messages(self, messages: list[SmsMessage]) -> int:
        with self._lock:
            for message in messages:
                self.stream.write(f"SMS to {message.to}\n{message.body}\n{'-' * 40}\n")
            self.stream.flush()
        return len(messages)


# What LocmemBackend sent, for tests (like django.core.mail.outbox).
outbox: list[SmsMessage] = []


class LocmemBackend(BaseSmsBackend):
    """Keeps the messages in `moqdad.sms.outbox`."""

    def send_messages(self, messages: list[SmsMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


def get_backend(**kwargs) -> BaseSmsBackend:
    return import_string(settings.SMS_BACKEND)(**kwargs)


def send_sms(*, to: str, body: str) -> int:
    return get_backend().send_messages([SmsMessage(to=to, body=body)])
