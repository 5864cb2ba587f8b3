"""The guests' panels on the admin home (moqdad.admin_site.register_home_panels).

Organizers see the invitations' answers, today's official visits and the double entries found
when offline doors synced; agency staff the answers of their own guests; booth holders and
neighborhood managers the visits coming to their booths; door staff the door page. Every row
comes through `moqdad.rules.rows_for`.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exhibition.admin_home import Line, Panel, _changelist, programme_day
from exhibition.models import Exhibition
from guests import selectors
from guests.models import CheckIn, Invitation, OfficialVisit, Scan, VisitStop
from moqdad import jalali, rules
from moqdad.access import access_for
from moqdad.persian import display_number
from moqdad.roles import Role


def home_panels(request) -> list[Panel]:
    user = request.user
    access = access_for(user)
    roles = access.roles
    edition = Exhibition.objects.current()
    if edition is None:
        return []
    panels = []
    if rules.user_can(user, "add", CheckIn):
        panels.append(door_panel(edition))
    if access.is_superuser or Role.ORGANIZER in roles or Role.AGENCY_STAFF in roles:
        panels.append(invitations_panel(user, edition))
    if access.is_superuser or Role.ORGANIZER in roles:
        panels.append(visits_panel(user, edition))
    if Role.BOOTH_HOLDER in roles or Role.NEIGHBORHOOD_MANAGER in roles:
        panels.append(booth_visits_panel(user, edition))
    return panels


def door_panel(edition: Exhibition) -> Panel:
    counts = selectors.door_counts(exhibition=edition)
    lines = [
        Line(
            label=str(_("Checked in today")),
            url=_changelist(CheckIn, day=counts["day"].isoformat()),
            note=f"{display_number(counts['total'])} / {display_number(counts['expected'])}",
        )
    ]
    if counts["flagged"]:
        lines.append(
            Line(
                label=str(_("Double entries found when offline doors synced")),
                url=_changelist(Scan, needs_attention__exact=1),
                note=display_number(counts["flagged"]),
                alert=True,
            )
        )
    return Panel(
        "door", _("Door check-in"), lines, "", reverse("guests:door"), _("Open the door page")
    )


def invitations_panel(user, edition: Exhibition) -> Panel:
    invitations = rules.rows_for(user, Invitation.objects.filter(exhibition=edition), "view")
    counts = selectors.rsvp_counts(invitations=invitations)
    lines = [
        Line(
            label=str(status.label),
            url=_changelist(Invitation, status__exact=status.value),
            note=display_number(counts["by_status"].get(status.value, 0)),
        )
        for status in Invitation.Status
    ]
    lines.append(
        Line(label=str(_("People coming")), note=display_number(counts["people_accepted"]))
    )
    return Panel(
        "invitations",
        _("Invitations"),
        lines,
        "",
        reverse("guests:print_cards"),
        _("Print the invitation cards"),
    )


def visits_panel(user, edition: Exhibition) -> Panel:
    day = programme_day(edition, timezone.localdate())
    visits = rules.rows_for(user, OfficialVisit.objects.filter(exhibition=edition), "view")
    lines = [
        Line(
            label=f"{jalali.format_time(visit.arrives_at)} {visit.title}",
            url=reverse("admin:guests_officialvisit_change", args=[visit.pk]),
            note=" · ".join(f"{stop.booth.code}" for stop in visit.route),
        )
        for visit in selectors.visits_of_day(visits=visits, day=day)
    ]
    return Panel(
        "visits",
        _("Official visits of %(day)s") % {"day": jalali.format_date(day, weekday=True)},
        lines,
        _("No official visits on this day."),
        reverse("guests:print_visits", kwargs={"day": day}),
        _("Print the day's visits"),
    )


def booth_visits_panel(user, edition: Exhibition) -> Panel:
    stops = rules.rows_for(user, VisitStop.objects.filter(visit__exhibition=edition), "view")
    lines = [
        Line(
            label=f"{jalali.format_date(visit.day, weekday=True)} · {visit.title}",
            note=" · ".join(
                f"{jalali.format_time(stop.at)} {stop.booth.code}" for stop in visit.route
            ),
        )
        for visit in selectors.stops_by_visit(stops=stops)
    ]
    day = programme_day(edition, timezone.localdate())
    return Panel(
        "booth_visits",
        _("Official visits to your booth"),
        lines,
        _("No official visit is planned at your booth."),
        reverse("guests:print_visits", kwargs={"day": day}),
        _("Print the day's visits to your booth"),
    )
