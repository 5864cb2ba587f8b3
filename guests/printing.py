"""The guests' documents: invitation cards (A5, one per page) and the lists of official visits
(the day's visits for staff, the visits coming to one booth), made into PDF by
exhibition.printing (WeasyPrint, Vazirmatn, local files only); and the `.ics` of an invitation.
"""

import datetime

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from exhibition.models import Exhibition
from exhibition.printing import Document, print_stamp
from exhibition.qr import url_qr_svg
from guests.models import Invitation
from moqdad import jalali
from moqdad.public_address import absolute_url


def invitation_url(invitation: Invitation, request=None) -> str:
    """The invitation's link, in the default language, on the public host."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("guests:rsvp", kwargs={"token": invitation.token})
    return absolute_url(path, request)


def card(invitation: Invitation, request=None) -> dict:
    url = invitation_url(invitation, request)
    exhibition = invitation.exhibition
    day = invitation.chosen_day
    opens, closes = exhibition.hours_on(day) if day else (exhibition.daily_opens_at, None)
    return {
        "invitation": invitation,
        "guest": invitation.guest,
        "url": url,
        "qr": url_qr_svg(url, svgclass="card-qr-code"),
        "days": [day] if day else invitation.days,
        "opens": opens,
        "closes": closes or exhibition.daily_closes_at,
        "slot": invitation.slot,
    }


def cards_document(*, invitations: list[Invitation], request=None) -> Document:
    exhibition = invitations[0].exhibition
    single = len(invitations) == 1
    name = f"invitation-{invitations[0].short_code}" if single else "invitations"
    return Document(
        "guests/print/cards.html",
        {**print_stamp(exhibition, request), "cards": [card(i, request) for i in invitations]},
        f"{name}.pdf",
    )


def visits_document(
    *, exhibition: Exhibition, day: datetime.date, visits: list, title: str, request=None
) -> Document:
    """The official visits of a day, each with its route (or, for a booth, its stops there)."""
    return Document(
        "guests/print/visits.html",
        {**print_stamp(exhibition, request), "day": day, "visits": visits, "title": title},
        f"visits-{day.isoformat()}.pdf",
    )


def invitation_ics(invitation: Invitation, request=None) -> bytes:
    """The day the guest comes (or each invited day), with the slot's time when there is one."""
    exhibition = invitation.exhibition
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//moqdad//invitation//FA")
    calendar.add("version", "2.0")
    url = invitation_url(invitation, request)
    for day in [invitation.chosen_day] if invitation.chosen_day else invitation.days:
        slot = invitation.slot if invitation.slot and invitation.slot.day == day else None
        opens, closes = (slot.starts_at, slot.ends_at) if slot else exhibition.hours_on(day)
        event = icalendar.Event()
        event.add("uid", f"invitation-{invitation.short_code}-{day.isoformat()}@moqdad")
        event.add("summary", f"{exhibition.title} · {_('Invitation')}")
        event.add("dtstart", timezone.make_aware(datetime.datetime.combine(day, opens)))
        event.add("dtend", timezone.make_aware(datetime.datetime.combine(day, closes)))
        event.add("dtstamp", timezone.now())
        event.add("location", exhibition.venue)
        event.add(
            "description",
            _("Invitation code: %(code)s. Jalali date: %(day)s.")
            % {"code": invitation.display_short_code, "day": jalali.format_date(day)},
        )
        event.add("url", url)
        calendar.add_component(event)
    return calendar.to_ical()
