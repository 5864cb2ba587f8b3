"""The admin home page's panels: what each role has to do today (see moqdad.admin_site).

The organizer sees the day's programme, what waits for review, counts and the print centre;
the reviewer the review queue; the neighborhood manager each of their neighborhoods with its
council and what its profile still lacks; the booth holder their booths and new contact
requests; agency staff their schedule items and booths. Every row shown comes through
`moqdad.rules.rows_for(user, ..., "view")`.
"""

import dataclasses
import datetime
from urllib.parse import urlencode

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exhibition.models import Booth, ContactRequest, Exhibition, ScheduleItem
from martyrs.models import Martyr
from moqdad import jalali, rules
from moqdad.access import access_for
from moqdad.persian import display_digits, display_number
from moqdad.publishing import PublicationStatus
from moqdad.roles import Role
from neighborhoods.models import (
    COUNCIL_MIN_MEMBERS,
    Council,
    IdentityElement,
    Initiative,
    Neighborhood,
    Problem,
)

LIST_LIMIT = 12


@dataclasses.dataclass(frozen=True)
class Line:
    label: str
    url: str = ""
    note: str = ""
    alert: bool = False


@dataclasses.dataclass(frozen=True)
class Panel:
    key: str
    title: str
    lines: list[Line]
    empty: str = ""
    link_url: str = ""
    link_label: str = ""


def home_panels(request) -> list[Panel]:
    user = request.user
    access = access_for(user)
    roles = access.roles
    panels = []
    if access.is_superuser or Role.ORGANIZER in roles:
        panels += [programme_panel(user), review_panel(user), counts_panel(user), print_panel()]
    elif Role.REVIEWER in roles:
        panels += [review_panel(user)]
    if Role.NEIGHBORHOOD_MANAGER in roles:
        panels += neighborhood_panels(user, access.owned("neighborhood"))
    if Role.BOOTH_HOLDER in roles:
        booths = access.owned("booth")
        panels += [booths_panel(user, pk__in=booths), contact_requests_panel(user, booths)]
    if Role.AGENCY_STAFF in roles:
        agencies = access.owned("agency")
        panels += [schedule_items_panel(user, agencies), booths_panel(user, agency__in=agencies)]
    if Role.AUDITOR in roles and not panels:
        panels += [counts_panel(user)]
    return panels


def _changelist(model, **query) -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{urlencode(query)}" if query else url


def _change(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _add(model, **initial) -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    return f"{url}?{urlencode(initial)}" if initial else url


def _visible(user, model):
    return rules.rows_for(user, model._default_manager.all(), "view")


# --- the organizer ---------------------------------------------------------------------------


def programme_day(edition: Exhibition, today: datetime.date) -> datetime.date:
    """Today during the edition; its first day before it starts; its last day after it ends."""
    return min(max(today, edition.start_date), edition.end_date)


def programme_panel(user) -> Panel:
    edition = Exhibition.objects.current()
    if edition is None:
        return Panel("programme", _("Programme"), [], _("No edition is current."))
    today = timezone.localdate()
    day = programme_day(edition, today)
    title = (
        _("Today's programme")
        if day == today
        else _("Programme of %(day)s") % {"day": jalali.format_date(day, weekday=True)}
    )
    items = (
        _visible(user, ScheduleItem)
        .filter(exhibition=edition, day=day)
        .select_related("booth")
        .order_by("start_time", "title")
    )
    lines = [
        Line(
            label=f"{jalali.format_time(item.start_time)} {item.title}",
            url=_change(item),
            note=" · ".join(
                part
                for part in (
                    item.place_label,
                    "" if item.is_published else str(item.get_status_display()),
                )
                if part
            ),
        )
        for item in items
    ]
    return Panel(
        "programme",
        title,
        lines,
        _("Nothing is scheduled on this day."),
        _changelist(ScheduleItem, day=day.isoformat()),
        _("The day in the schedule list"),
    )


def _publishable_models():
    registered = admin.site._registry
    return [model for model in registered if rules.is_publishable(model)]


def review_panel(user) -> Panel:
    """How many submitted items of each kind wait for a reviewer, with links to them."""
    lines = []
    for model in _publishable_models():
        count = _visible(user, model).filter(status=PublicationStatus.SUBMITTED).count()
        if count:
            lines.append(
                Line(
                    label=str(model._meta.verbose_name_plural),
                    url=_changelist(model, status__exact=PublicationStatus.SUBMITTED),
                    note=display_number(count),
                )
            )
    return Panel("review", _("Waiting for review"), lines, _("Nothing waits for review."))


def counts_panel(user) -> Panel:
    edition = Exhibition.objects.current()
    on_edition = {"exhibition": edition} if edition else {}
    counted = [
        (Neighborhood, {}),
        (Booth, on_edition),
        (ScheduleItem, on_edition),
        (Martyr, {}),
    ]
    lines = [
        Line(
            label=str(model._meta.verbose_name_plural),
            url=_changelist(model),
            note=display_number(_visible(user, model).filter(**filters).count()),
        )
        for model, filters in counted
    ]
    new_requests = _visible(user, ContactRequest).filter(status=ContactRequest.Status.NEW)
    lines.append(
        Line(
            label=str(_("New contact requests")),
            url=_changelist(ContactRequest, status__exact=ContactRequest.Status.NEW),
            note=display_number(new_requests.count()),
        )
    )
    return Panel("counts", _("At a glance"), lines)


def print_panel() -> Panel:
    return Panel(
        "print",
        _("Print centre"),
        [],
        _("Programmes, booth signs, the booth directory and neighborhood profiles."),
        reverse("exhibition:print_centre"),
        _("Open the print centre"),
    )


# --- the neighborhood manager ----------------------------------------------------------------


def neighborhood_panels(user, neighborhood_ids) -> list[Panel]:
    neighborhoods = _visible(user, Neighborhood).filter(pk__in=neighborhood_ids)
    return [_neighborhood_panel(user, neighborhood) for neighborhood in neighborhoods]


def _neighborhood_panel(user, neighborhood: Neighborhood) -> Panel:
    lines = [Line(label=str(_("Profile of the neighborhood")), url=_change(neighborhood))]
    council = (
        _visible(user, Council)
        .filter(neighborhood=neighborhood)
        .annotate(member_count=Count("members"))
        .first()
    )
    if council is None:
        lines.append(
            Line(
                label=str(_("No council yet: add the council")),
                url=_add(Council, neighborhood=neighborhood.pk),
                alert=True,
            )
        )
    else:
        members = display_number(council.member_count)
        lines.append(
            Line(
                label=str(_("Council")),
                url=_change(council),
                note=str(_("%(count)s members") % {"count": members}),
            )
        )
        if council.member_count < COUNCIL_MIN_MEMBERS:
            lines.append(
                Line(
                    label=str(
                        _("The council has %(count)s members; a council has at least %(min)s.")
                        % {"count": members, "min": display_digits(COUNCIL_MIN_MEMBERS)}
                    ),
                    url=_change(council),
                    alert=True,
                )
            )
    on_neighborhood = {"neighborhood": neighborhood}
    if not _visible(user, Martyr).filter(**on_neighborhood, is_prominent=True).exists():
        lines.append(
            Line(
                label=str(_("No prominent martyr chosen")),
                url=_changelist(Martyr, neighborhood__exact=neighborhood.pk),
                alert=True,
            )
        )
    if not _visible(user, Problem).filter(**on_neighborhood).exists():
        lines.append(
            Line(
                label=str(_("No problems recorded")),
                url=_add(Problem, neighborhood=neighborhood.pk),
                alert=True,
            )
        )
    lines += _draft_lines(user, neighborhood)
    return Panel("neighborhood", neighborhood.name, lines)


def _draft_lines(user, neighborhood: Neighborhood) -> list[Line]:
    """Drafts of the neighborhood's content, kind by kind: not yet sent to the reviewers."""
    lines = []
    drafts = {"status": PublicationStatus.DRAFT}
    if _visible(user, Neighborhood).filter(pk=neighborhood.pk, **drafts).exists():
        lines.append(
            Line(label=str(_("The profile is a draft")), url=_change(neighborhood), alert=True)
        )
    for model in (Problem, Initiative, IdentityElement, Martyr, Booth):
        count = _visible(user, model).filter(neighborhood=neighborhood, **drafts).count()
        if count:
            lines.append(
                Line(
                    label=str(
                        _("%(kind)s: %(count)s drafts")
                        % {"kind": model._meta.verbose_name_plural, "count": display_number(count)}
                    ),
                    url=_changelist(model, neighborhood__exact=neighborhood.pk, **drafts),
                    alert=True,
                )
            )
    return lines


# --- booth holders and agency staff ----------------------------------------------------------


def booths_panel(user, **filters) -> Panel:
    booths = _visible(user, Booth).filter(**filters).select_related("exhibition")
    lines = [
        Line(
            label=f"{display_digits(booth.code)} · {booth.name}",
            url=_change(booth),
            note="" if booth.is_published else str(booth.get_status_display()),
        )
        for booth in booths[:LIST_LIMIT]
    ]
    return Panel("booths", _("Your booths"), lines, _("No booth is yours yet."))


def contact_requests_panel(user, booth_ids) -> Panel:
    requests = (
        _visible(user, ContactRequest)
        .filter(booth__in=booth_ids, status=ContactRequest.Status.NEW)
        .select_related("booth")
        .order_by("-created_at")
    )
    lines = [
        Line(
            label=contact_request.subject,
            url=_change(contact_request),
            note=f"{display_digits(contact_request.booth.code)} · "
            f"{jalali.format_datetime(contact_request.created_at)}",
        )
        for contact_request in requests[:LIST_LIMIT]
    ]
    return Panel(
        "contact-requests",
        _("New contact requests"),
        lines,
        _("No new contact requests."),
        _changelist(ContactRequest, status__exact=ContactRequest.Status.NEW),
        _("All new contact requests"),
    )


def schedule_items_panel(user, agency_ids) -> Panel:
    items = (
        _visible(user, ScheduleItem)
        .filter(agency__in=agency_ids)
        .select_related("booth")
        .order_by("day", "start_time")
    )
    lines = [
        Line(
            label=item.title,
            url=_change(item),
            note=" · ".join(
                part
                for part in (
                    f"{jalali.format_date(item.day, weekday=True)} "
                    f"{jalali.format_time(item.start_time)}",
                    "" if item.is_published else str(item.get_status_display()),
                )
                if part
            ),
        )
        for item in items[:LIST_LIMIT]
    ]
    return Panel(
        "schedule-items",
        _("Your schedule items"),
        lines,
        _("No schedule item is yours yet."),
        _changelist(ScheduleItem),
        _("All your schedule items"),
    )
