"""The public schedule: the whole edition by day, one day, now and next; and its exports."""

import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.views.decorators.http import condition

from exhibition import schedule_exports, selectors
from exhibition.models import Exhibition, ScheduleItem
from moqdad.caching import cached_under_content_version


def _edition() -> Exhibition:
    edition = Exhibition.objects.current()
    if edition is None:
        raise Http404
    return edition


def _filters(request, exhibition: Exhibition) -> dict:
    """The kind and place filters, ignored when they name nothing that exists."""
    kind = request.GET.get("kind", "")
    place = request.GET.get("place", "")[:200]
    places = cached_under_content_version(
        f"schedule-places:{exhibition.pk}", lambda: selectors.schedule_places(exhibition=exhibition)
    )
    return {
        "kind": kind if kind in ScheduleItem.Kind.values else "",
        "place": place if any(p.key == place for p in places) else "",
        "kinds": ScheduleItem.Kind.choices,
        "places": places,
    }


def _today(exhibition: Exhibition) -> datetime.date | None:
    today = timezone.now().astimezone(selectors.EXHIBITION_TZ).date()
    return today if today in exhibition.days else None


def _schedule_days(edition: Exhibition) -> list[selectors.ScheduleDay]:
    return cached_under_content_version(
        f"schedule-days:{edition.pk}", lambda: selectors.schedule_days(exhibition=edition)
    )


def _items_html(items, *, heading_level: int = 3) -> str:
    context = {"items": items, "heading_level": heading_level}
    return render_to_string("exhibition/_schedule_items.html", context)


def _programme_html(
    *, edition: Exhibition, day: datetime.date | None, kind: str, place: str
) -> list[tuple[selectors.ScheduleDay, str]] | str:
    """The programme items of one day (`day`) or of every day, as HTML, kept until the content
    changes: a day is 30-40 items (170 in all) whose times, dates and labels cost most of the
    page's render. What changes with the clock (today's mark) stays outside."""
    name = (
        f"schedule:{edition.pk}:{day.isoformat() if day else 'all'}:{kind}:{place}:"
        f"{translation.get_language()}"
    )

    def render_programme():
        if day is not None:
            items = selectors.schedule_for_day(
                exhibition=edition, day=day, kind=kind or None, place=place or None
            )
            return _items_html(items, heading_level=2)
        days = selectors.schedule_by_day(exhibition=edition, kind=kind or None, place=place or None)
        return [(schedule_day, _items_html(items)) for schedule_day, items in days]

    return cached_under_content_version(name, render_programme)


def schedule_edition(request):
    """The edition's days, each a link to its page (a phone reads one day at a time); every
    day's items on this one page with `?days=all` or when a filter is chosen."""
    edition = _edition()
    filters = _filters(request, edition)
    all_days = request.GET.get("days") == "all" or bool(filters["kind"] or filters["place"])
    if all_days:
        days = _programme_html(
            edition=edition, day=None, kind=filters["kind"], place=filters["place"]
        )
        day_list = [day for day, _ in days]
    else:
        days, day_list = [], _schedule_days(edition)
    return render(
        request,
        "exhibition/schedule_edition.html",
        {
            "exhibition": edition,
            "days": days,
            "day_list": day_list,
            "all_days": all_days,
            "today": _today(edition),
            **filters,
        },
    )


def schedule_day(request, day: datetime.date):
    edition = _edition()
    if day not in edition.days:
        raise Http404
    filters = _filters(request, edition)
    items = _programme_html(edition=edition, day=day, kind=filters["kind"], place=filters["place"])
    days = _schedule_days(edition)
    return render(
        request,
        "exhibition/schedule_day.html",
        {
            "exhibition": edition,
            "day": next(d for d in days if d.date == day),
            "days": days,
            "items_html": items,
            "today": _today(edition),
            **filters,
        },
    )


def schedule_now(request):
    edition = _edition()
    moment = timezone.now()
    opening = selectors.exhibition_opening_state(exhibition=edition, at=moment)
    now, upcoming = selectors.schedule_now_next(exhibition=edition, at=moment)
    return render(
        request,
        "exhibition/schedule_now.html",
        {
            "exhibition": edition,
            "opening": opening,
            "now_items": now if opening.is_open else [],
            "next_items": upcoming,
            "moment": moment.astimezone(selectors.EXHIBITION_TZ),
            "today": _today(edition),
        },
    )


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def schedule_ics_edition(request):
    edition = _edition()
    items = list(selectors.schedule_items_public(exhibition=edition))
    content = schedule_exports.schedule_ics(
        exhibition=edition,
        items=items,
        name=f"{edition.title} {edition.jalali_year}",
        request=request,
    )
    return _ics_response(content, f"meqdad-{edition.slug}.ics")


def schedule_ics_day(request, day: datetime.date):
    edition = _edition()
    if day not in edition.days:
        raise Http404
    items = selectors.schedule_for_day(exhibition=edition, day=day)
    content = schedule_exports.schedule_ics(
        exhibition=edition,
        items=items,
        name=f"{edition.title} {edition.jalali_year} · {day}",
        request=request,
    )
    return _ics_response(content, f"meqdad-{day.isoformat()}.ics")


def _feed_etag(request):
    edition = Exhibition.objects.current()
    if edition is None:
        return None
    etag = schedule_exports.schedule_etag(exhibition=edition)
    return f"{etag}-{translation.get_language()}"


def _feed_last_modified(request):
    edition = Exhibition.objects.current()
    return edition and selectors.schedule_last_changed(exhibition=edition)


@condition(etag_func=_feed_etag, last_modified_func=_feed_last_modified)
def schedule_feed(request):
    edition = _edition()
    items = list(selectors.schedule_items_public(exhibition=edition))
    response = JsonResponse(
        schedule_exports.schedule_feed(exhibition=edition, items=items, request=request),
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=60"
    response["Access-Control-Allow-Origin"] = "*"
    return response
