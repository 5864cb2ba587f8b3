"""The follow-up's panel on the admin home (moqdad.admin_site): the commitments that are due
within a week or overdue, for those who follow them up (organizers, the neighborhood's manager,
the committing agency), read through the rules."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exhibition.admin_home import LIST_LIMIT, Line, Panel
from followup.models import Commitment
from followup.selectors.commitments import SOON_DAYS, commitments_due
from moqdad import jalali, rules
from moqdad.access import access_for
from moqdad.persian import display_digits
from moqdad.roles import Role

FOLLOWERS = frozenset({Role.ORGANIZER, Role.NEIGHBORHOOD_MANAGER, Role.AGENCY_STAFF})


def home_panels(request) -> list[Panel]:
    access = access_for(request.user)
    panels = []
    if access.is_superuser or access.roles & FOLLOWERS:
        panels.append(due_panel(request.user))
    tools = tools_panel(request.user)
    if tools.lines:
        panels.append(tools)
    return panels


def tools_panel(user) -> Panel:
    """The follow-up's documents and tools the user may open (each checked as its view is)."""
    from followup import views

    lines = []
    if views.may_print_book(user):
        lines.append(Line(_("The system of neighborhood problems"), reverse("followup:problems")))
    if views.may_print_report(user):
        lines.append(Line(_("Post-exhibition report"), reverse("followup:report")))
    if views.may_use_selection_tool(user):
        lines.append(Line(_("Selection tool"), reverse("followup:selection")))
    return Panel("followup-tools", _("After the exhibition"), lines)


def due_panel(user) -> Panel:
    today = timezone.localdate()
    visible = rules.rows_for(user, Commitment.objects.all(), "view")
    due = list(commitments_due(visible, today=today, soon_days=SOON_DAYS)[:LIST_LIMIT])
    lines = [
        Line(
            label=display_digits(commitment.title),
            url=reverse("admin:followup_commitment_change", args=[commitment.pk]),
            note=f"{display_digits(commitment.neighborhood.name)} · "
            f"{jalali.format_date(commitment.due_date)}",
            alert=commitment.due_date < today,
        )
        for commitment in due
    ]
    url = reverse("admin:followup_commitment_changelist")
    return Panel(
        "commitments-due",
        _("Commitments due"),
        lines,
        _("No commitment is due this week."),
        f"{url}?{urlencode({'due': 'overdue'})}",
        _("All overdue commitments"),
    )
