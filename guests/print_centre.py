"""The guests' documents in the print centre (exhibition.print_centre.register_print_groups):
invitation cards for those who may print invitations, the day's official visits for those
who may print visits or the stops at their booths. Each entry passes the check its view makes
(guests/views/printing.py)."""

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from exhibition.models import Exhibition
from exhibition.print_centre import PrintEntry, PrintGroup
from guests.models import Invitation, OfficialVisit, VisitStop
from moqdad import jalali, rules


def print_groups(*, user, exhibition: Exhibition) -> list[PrintGroup]:
    groups = []
    if rules.user_can(user, "print", Invitation):
        invitations = rules.rows_for(
            user, Invitation.objects.filter(exhibition=exhibition), "print"
        )
        changed = invitations.aggregate(m=Max("updated_at"))["m"]
        groups.append(
            PrintGroup(
                "invitation_cards",
                _("Invitation cards"),
                [
                    PrintEntry(
                        _("Cards of every invitation (pending and accepted)"),
                        reverse("guests:print_cards"),
                        reverse("guests:print_cards_pdf"),
                        changed,
                    )
                ],
            )
        )
    if rules.user_can(user, "print", OfficialVisit) or rules.user_can(user, "print", VisitStop):
        visits = OfficialVisit.objects.filter(exhibition=exhibition)
        changed = dict(
            visits.values_list("day").annotate(m=Max("updated_at")).values_list("day", "m")
        )
        entries = [
            PrintEntry(
                _("Official visits of %(day)s") % {"day": jalali.format_date(day, weekday=True)},
                reverse("guests:print_visits", kwargs={"day": day}),
                reverse("guests:print_visits_pdf", kwargs={"day": day}),
                changed.get(day),
            )
            for day in exhibition.days
        ]
        groups.append(PrintGroup("official_visits", _("Official visits"), entries))
    return groups
