"""The print centre's list: every print document the user may print, with when it last changed.

Each entry passes the same "print" check as its view in exhibition/print_views.py: the
edition's programmes and booth directory for those who may print the edition, booth signs
for the booths `rows_for(user, ..., "print")` gives, neighborhood profiles likewise.
"""

import dataclasses
import datetime
from collections.abc import Callable

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exhibition import selectors
from exhibition.models import Booth, Exhibition, ScheduleItem
from moqdad import jalali, rules
from moqdad.persian import display_digits
from neighborhoods.models import Neighborhood


@dataclasses.dataclass(frozen=True)
class PrintEntry:
    title: str
    html_url: str
    pdf_url: str
    changed_at: datetime.datetime | None


@dataclasses.dataclass(frozen=True)
class PrintGroup:
    key: str
    title: str
    entries: list[PrintEntry]


def _entry(title, name: str, changed_at, **kwargs) -> PrintEntry:
    return PrintEntry(
        title=str(title),
        html_url=reverse(f"exhibition:{name}", kwargs=kwargs or None),
        pdf_url=reverse(f"exhibition:{name}_pdf", kwargs=kwargs or None),
        changed_at=changed_at,
    )


def _latest(*moments):
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None


# Later apps (guests, followup) add their documents: `register_print_groups(builder)` from
# their AppConfig.ready(); `builder(user=..., exhibition=...)` returns the PrintGroups the user
# may print, each entry checked as its view checks it.
_LATER_GROUPS: list[Callable[..., list[PrintGroup]]] = []


def register_print_groups(builder: Callable[..., list[PrintGroup]]) -> None:
    if builder not in _LATER_GROUPS:
        _LATER_GROUPS.append(builder)


def print_catalogue(*, user, exhibition: Exhibition) -> list[PrintGroup]:
    groups = []
    if rules.user_can(user, "print", exhibition):
        groups.append(PrintGroup("programme", _("Programme"), _programme(exhibition)))
    if rules.user_can(user, "print", Booth):
        groups.append(PrintGroup("signs", _("Booth signs"), _booth_signs(user, exhibition)))
    if rules.user_can(user, "print", exhibition):
        booths = Booth.objects.public().filter(exhibition=exhibition)
        changed = booths.aggregate(m=Max("updated_at"))["m"]
        groups.append(
            PrintGroup(
                "directory",
                _("Booth directory"),
                [_entry(_("Booth directory"), "print_booth_directory", changed)],
            )
        )
    neighborhoods = rules.rows_for(user, Neighborhood.objects.all(), "print").order_by("name")
    profiles = [
        _entry(n.name, "print_neighborhood_profile", n.updated_at, slug=n.slug)
        for n in neighborhoods
    ]
    if profiles:
        groups.append(PrintGroup("profiles", _("Neighborhood profiles"), profiles))
    for builder in _LATER_GROUPS:
        groups.extend(builder(user=user, exhibition=exhibition))
    return groups


def _programme(exhibition: Exhibition) -> list[PrintEntry]:
    entries = [
        _entry(
            _("Programme of the whole edition"),
            "print_programme",
            selectors.schedule_last_changed(exhibition=exhibition),
        )
    ]
    items = ScheduleItem.objects.filter(exhibition=exhibition).values_list("day")
    changed = dict(items.annotate(m=Max("updated_at")).values_list("day", "m"))
    removed = dict(
        ScheduleItem.history.filter(exhibition_id=exhibition.pk)
        .values_list("day")
        .annotate(m=Max("history_date"))
        .values_list("day", "m")
    )
    for day in selectors.schedule_days(exhibition=exhibition):
        title = _("Day %(number)s: %(day)s") % {
            "number": display_digits(day.number),
            "day": jalali.format_date(day.date, weekday=True),
        }
        entries.append(
            _entry(
                title,
                "print_programme_day",
                _latest(changed.get(day.date), removed.get(day.date)),
                day=day.date,
            )
        )
    return entries


def _booth_signs(user, exhibition: Exhibition) -> list[PrintEntry]:
    booths = rules.rows_for(user, Booth.objects.filter(exhibition=exhibition), "print")
    public_changed = booths.public().aggregate(m=Max("updated_at"))["m"]
    entries = [_entry(_("All booth signs"), "print_booth_signs", public_changed)]
    for booth in booths.order_by("section__number", "code"):
        entries.append(
            _entry(
                f"{display_digits(booth.code)} · {booth.name}",
                "print_booth_sign",
                booth.updated_at,
                code=booth.code,
            )
        )
    return entries
