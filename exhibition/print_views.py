"""Staff views of the print documents: each as a print-ready HTML page and as a PDF.

Every document passes the rules' "print" check (moqdad.rules), as the admin would: an edition's
programme and booth directory for those who may open the edition, a booth's sign for those who
may open the booth, a neighborhood's profile for those who may open the neighborhood.
"""

import datetime

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from exhibition import print_centre, printing, selectors
from exhibition.models import Booth, Exhibition
from moqdad import rules
from neighborhoods.models import Neighborhood


def _edition(request) -> Exhibition:
    slug = request.GET.get("edition", "")[:40]
    if slug:
        return rules.get_or_refuse(request.user, "print", Exhibition.objects, slug=slug)
    edition = Exhibition.objects.current()
    if edition is None:
        raise Http404
    rules.refuse_unless(request.user, "print", edition)
    return edition


def _respond(request, document: printing.Document, *, as_pdf: bool, pdf_url: str):
    if as_pdf:
        return printing.pdf_response(document)
    query = request.GET.urlencode()
    document.context["pdf_url"] = f"{pdf_url}?{query}" if query else pdf_url
    return HttpResponse(document.html(request=request))


@staff_member_required
def programme(request, day: datetime.date | None = None, as_pdf: bool = False):
    edition = _edition(request)
    if day is not None and day not in edition.days:
        raise Http404
    document = printing.programme_document(exhibition=edition, day=day, request=request)
    pdf_url = reverse(
        "exhibition:print_programme_day_pdf" if day else "exhibition:print_programme_pdf",
        kwargs={"day": day} if day else None,
    )
    return _respond(request, document, as_pdf=as_pdf, pdf_url=pdf_url)


@staff_member_required
def booth_signs(request, code: str | None = None, as_pdf: bool = False):
    if not rules.user_can(request.user, "print", Booth):
        raise PermissionDenied
    slug = request.GET.get("edition", "")[:40]
    edition = Exhibition.objects.filter(slug=slug).first() if slug else Exhibition.objects.current()
    if edition is None:
        raise Http404
    codes = [code] if code else [c[:12] for c in request.GET.getlist("code")][:500]
    booths = selectors.booths_for_print(
        exhibition=edition,
        codes=codes,
        within=rules.rows_for(request.user, Booth.objects.all(), "print"),
    )
    if code and not booths:
        raise Http404
    document = printing.booth_signs_document(exhibition=edition, booths=booths, request=request)
    pdf_url = reverse(
        "exhibition:print_booth_sign_pdf" if code else "exhibition:print_booth_signs_pdf",
        kwargs={"code": code} if code else None,
    )
    return _respond(request, document, as_pdf=as_pdf, pdf_url=pdf_url)


@staff_member_required
def booth_directory(request, as_pdf: bool = False):
    document = printing.booth_directory_document(exhibition=_edition(request), request=request)
    return _respond(
        request, document, as_pdf=as_pdf, pdf_url=reverse("exhibition:print_booth_directory_pdf")
    )


@staff_member_required
def neighborhood_profile(request, slug: str, as_pdf: bool = False):
    neighborhood = rules.get_or_refuse(
        request.user, "print", Neighborhood.objects.select_related("phase"), slug=slug
    )
    edition = Exhibition.objects.current()
    if edition is None:
        raise Http404
    document = printing.neighborhood_profile_document(
        exhibition=edition, neighborhood=neighborhood, request=request
    )
    pdf_url = reverse("exhibition:print_neighborhood_profile_pdf", kwargs={"slug": slug})
    return _respond(request, document, as_pdf=as_pdf, pdf_url=pdf_url)


@staff_member_required
def centre(request):
    """Every document the user may print, with HTML and PDF links and when each last changed."""
    edition = Exhibition.objects.current()
    groups = print_centre.print_catalogue(user=request.user, exhibition=edition) if edition else []
    if edition is not None and not groups:
        raise PermissionDenied
    return render(
        request,
        "admin/print_centre.html",
        {
            **admin.site.each_context(request),
            "title": _("Print centre"),
            "edition": edition,
            "groups": groups,
        },
    )
