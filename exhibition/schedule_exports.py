"""The schedule for other programs: iCalendar (RFC 5545) and a JSON feed.

Their links and UIDs name the public host (moqdad.public_address): PUBLIC_BASE_URL's, else the
request's."""

import datetime
import hashlib
from urllib.parse import urlsplit

import icalendar
from django.urls import reverse

from exhibition import selectors
from exhibition.models import Exhibition, ScheduleItem
from moqdad import jalali
from moqdad.public_address import absolute_url, public_base_url


def _local(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=selectors.EXHIBITION_TZ)


def item_uid(item: ScheduleItem, request=None) -> str:
    """Stable for the life of the item, whatever is edited: calendars update, not duplicate."""
    host = urlsplit(public_base_url(request)).hostname
    return f"schedule-item-{item.pk}@{host}"


def item_url(item: ScheduleItem, request=None) -> str:
    path = reverse("exhibition:schedule_day", kwargs={"day": item.day})
    return absolute_url(f"{path}#item-{item.pk}", request)


def schedule_ics(
    *, exhibition: Exhibition, items: list[ScheduleItem], name: str, request=None
) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//moqdad//Meqdad exhibition schedule//FA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(selectors.EXHIBITION_TZ))
    for item in items:
        event = icalendar.Event()
        event.add("uid", item_uid(item, request))
        event.add("dtstamp", item.updated_at)
        event.add("last-modified", item.updated_at)
        event.add("dtstart", _local(item.day, item.start_time))
        event.add("dtend", _local(item.day, item.end_time))
        event.add("summary", item.title)
        event.add("location", "، ".join(p for p in (item.place_label, exhibition.venue) if p))
        event.add("categories", [str(item.get_kind_display())])
        event.add("url", item_url(item, request))
        description = [line for line in (item.speakers, item.description) if line]
        if description:
            event.add("description", "\n".join(description))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def schedule_feed(*, exhibition: Exhibition, items: list[ScheduleItem], request=None) -> dict:
    """A JSON-ready description of the published schedule; no private field is ever included."""
    return {
        "edition": {
            "title": exhibition.title,
            "full_title": exhibition.full_title,
            "year": exhibition.jalali_year,
            "first_day": exhibition.start_date.isoformat(),
            "last_day": exhibition.end_date.isoformat(),
            "opens_at": exhibition.daily_opens_at.strftime("%H:%M"),
            "closes_at": exhibition.daily_closes_at.strftime("%H:%M"),
            "time_zone": str(selectors.EXHIBITION_TZ),
            "venue": exhibition.venue,
        },
        "items": [
            {
                "id": item.pk,
                "uid": item_uid(item, request),
                "title": item.title,
                "kind": item.kind,
                "kind_label": str(item.get_kind_display()),
                "day": item.day.isoformat(),
                "day_jalali": jalali.format_numeric(item.day),
                "start": _local(item.day, item.start_time).isoformat(),
                "end": _local(item.day, item.end_time).isoformat(),
                "place": item.place_label,
                "hall": item.place_label if item.place_kind == ScheduleItem.PlaceKind.HALL else "",
                "booth": (
                    {
                        "code": item.booth.code,
                        "name": item.booth.name,
                        "url": absolute_url(item.booth.get_absolute_url(), request),
                    }
                    if item.booth
                    else None
                ),
                "neighborhood": (
                    {
                        "name": item.neighborhood.name,
                        "url": absolute_url(item.neighborhood.get_absolute_url(), request),
                    }
                    if item.neighborhood
                    else None
                ),
                "speakers": item.speakers,
                "description": item.description,
                "url": item_url(item, request),
                "updated_at": item.updated_at.isoformat(),
            }
            for item in items
        ],
    }


def schedule_etag(*, exhibition: Exhibition) -> str:
    """Changes whenever a published item is added, edited, unpublished or deleted."""
    items = selectors.schedule_items_public(exhibition=exhibition).values_list("pk", "updated_at")
    changed = selectors.schedule_last_changed(exhibition=exhibition)
    digest = hashlib.sha256(repr((list(items), changed, exhibition.updated_at)).encode())
    return digest.hexdigest()[:32]
