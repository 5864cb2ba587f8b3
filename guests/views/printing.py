"""Staff print documents of the guests app, each through the rules' "print" check: invitation
cards (of the invitations the user may print), the day's official visits (the staff
programme), and the visits reaching the booths the user may see (a booth holder's list)."""

import datetime

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from exhibition.models import Exhibition
from exhibition.printing import pdf_response
from guests import printing, selectors
from guests.models import Invitation, OfficialVisit, VisitStop
from moqdad import rules

MAX_CARDS = 500


def _respond(request, document, *, as_pdf: bool, pdf_url: str):
    if as_pdf:
        return pdf_response(document)
    query = request.GET.urlencode()
    document.context["pdf_url"] = f"{pdf_url}?{query}" if query else pdf_url
    return HttpResponse(document.html(request=request))


def _printable_invitations(request):
    if not rules.user_can(request.user, "print", Invitation):
        raise PermissionDenied
    return rules.rows_for(
        request.user,
        Invitation.objects.select_related("guest", "exhibition", "slot").exclude(
            status__in=[Invitation.Status.REVOKED, Invitation.Status.DECLINED]
        ),
        "print",
    )


@staff_member_required
def card(request, pk: int, as_pdf: bool = False):
    invitation = _printable_invitations(request).filter(pk=pk).first()
    if invitation is None:
        raise Http404
    document = printing.cards_document(invitations=[invitation], request=request)
    pdf_url = reverse("guests:print_card_pdf", args=[pk])
    return _respond(request, document, as_pdf=as_pdf, pdf_url=pdf_url)


@staff_member_required
def cards(request, as_pdf: bool = False):
    """The cards of the invitations in `ids` (the admin's bulk action), else of every
    accepted and pending invitation of the current edition the user may print."""
    invitations = _printable_invitations(request)
    ids = [part for part in request.GET.get("ids", "").split(",") if part.isdigit()]
    if ids:
        invitations = invitations.filter(pk__in=ids[:MAX_CARDS])
    else:
        edition = Exhibition.objects.current()
        invitations = invitations.filter(exhibition=edition)
    invitations = list(invitations.order_by("guest__name")[:MAX_CARDS])
    if not invitations:
        raise Http404
    document = printing.cards_document(invitations=invitations, request=request)
    return _respond(request, document, as_pdf=as_pdf, pdf_url=reverse("guests:print_cards_pdf"))


def _day(edition: Exhibition, day: datetime.date | None) -> datetime.date:
    if day is None:
        today = timezone.localdate()
        return min(max(today, edition.start_date), edition.end_date)
    if day not in edition.days:
        raise Http404
    return day


@staff_member_required
def visits(request, day: datetime.date | None = None, as_pdf: bool = False):
    """The day's official visits with their routes: for organizers and the staff who may see
    visits; a booth holder gets the visits reaching their booths."""
    edition = Exhibition.objects.current()
    if edition is None:
        raise Http404
    day = _day(edition, day)
    if rules.user_can(request.user, "print", OfficialVisit):
        rows = rules.rows_for(
            request.user, OfficialVisit.objects.filter(exhibition=edition), "print"
        )
        found = selectors.visits_of_day(visits=rows, day=day)
        title = _("Official visits")
    elif rules.user_can(request.user, "print", VisitStop):
        stops = rules.rows_for(
            request.user, VisitStop.objects.filter(visit__exhibition=edition), "print"
        )
        found = selectors.stops_by_visit(stops=stops, day=day)
        title = _("Visits to your booth")
    else:
        raise PermissionDenied
    document = printing.visits_document(
        exhibition=edition, day=day, visits=found, title=title, request=request
    )
    pdf_url = reverse("guests:print_visits_pdf", kwargs={"day": day})
    return _respond(request, document, as_pdf=as_pdf, pdf_url=pdf_url)
