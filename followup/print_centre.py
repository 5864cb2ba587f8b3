"""The follow-up's documents in the print centre (exhibition.print_centre): the «نظام مسائل محلات»
book and the post-exhibition report, each offered to those its view lets print it."""

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exhibition.print_centre import PrintEntry, PrintGroup, _latest
from followup import views
from followup.models import Commitment
from moqdad import rules
from neighborhoods.models import Problem


def _entry(title, name: str, changed_at) -> PrintEntry:
    return PrintEntry(
        title=str(title),
        html_url=reverse(f"followup:{name}"),
        pdf_url=reverse(f"followup:{name}_pdf"),
        changed_at=changed_at,
    )


def print_groups(*, user, exhibition) -> list[PrintGroup]:
    groups = []
    if views.may_print_book(user):
        changed = _latest(
            Problem.objects.public().aggregate(m=Max("updated_at"))["m"],
            Commitment.objects.public().aggregate(m=Max("updated_at"))["m"],
        )
        groups.append(
            PrintGroup(
                "book",
                _("The system of neighborhood problems"),
                [_entry(_("The system of neighborhood problems"), "book", changed)],
            )
        )
    if views.may_print_report(user):
        readable = rules.rows_for(user, Commitment.objects.filter(exhibition=exhibition), "print")
        groups.append(
            PrintGroup(
                "report",
                _("Post-exhibition report"),
                [
                    _entry(
                        _("Post-exhibition report"),
                        "report",
                        readable.aggregate(m=Max("updated_at"))["m"],
                    )
                ],
            )
        )
    return groups
