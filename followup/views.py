"""Staff views of the follow-up: the problems book, the selection tool and the report. Each
passes the rules (moqdad.rules) as the admin would."""

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from exhibition.models import Exhibition
from exhibition.printing import pdf_response
from followup import exports, printing
from followup.forms import SelectionFilterForm
from followup.models import Commitment
from followup.selectors.book import problems_book
from followup.selectors.selection import selection, selection_choices
from moqdad import charts, rules
from moqdad.persian import display_digits
from neighborhoods.models import Problem, VulnerabilityFlag


def _current_edition() -> Exhibition:
    edition = Exhibition.objects.current()
    if edition is None:
        raise Http404
    return edition


def may_print_book(user) -> bool:
    """The book is built from published problems: whoever may print problems prints it."""
    return rules.user_can(user, "print", Problem)


@staff_member_required
def book(request, as_pdf: bool = False):
    if not may_print_book(request.user):
        raise PermissionDenied
    document = printing.book_document(exhibition=_current_edition())
    if as_pdf:
        return pdf_response(document)
    document.context["pdf_url"] = reverse("followup:book_pdf")
    return HttpResponse(document.html(request=request))


def may_use_selection_tool(user) -> bool:
    """The tool reads every body's flags: for those who may read all of them (organizers)."""
    everything = rules.rows_filter(user, VulnerabilityFlag, "export")
    return everything is not None and not everything


def _selection(request):
    if not may_use_selection_tool(request.user):
        raise PermissionDenied
    choices = selection_choices()
    form = SelectionFilterForm(
        request.GET or None,
        years=choices.years,
        bodies=choices.bodies,
        districts=choices.districts,
    )
    return form, selection(filters=form.filters())


@staff_member_required
def selection_tool(request):
    form, result = _selection(request)
    chart = charts.column_chart(
        title=_("Neighborhoods by how many bodies flag them"),
        columns=[
            (_("%(count)s bodies") % {"count": display_digits(count)}, number, 1)
            for count, number in result.distribution
        ],
        rtl=translation.get_language_bidi(),
    )
    query = request.GET.urlencode()
    response = render(
        request,
        "followup/selection.html",
        {
            **admin.site.each_context(request),
            "title": _("Selection tool"),
            "form": form,
            "result": result,
            "chart": chart,
            "export_url": reverse("followup:selection_xlsx") + (f"?{query}" if query else ""),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@staff_member_required
def selection_export(request):
    _form, result = _selection(request)
    response = HttpResponse(
        exports.selection_workbook(result),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="selection-{result.year or "all"}.xlsx"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


def may_print_report(user) -> bool:
    """Whoever reads commitments prints the report, of the rows they read (a partner its own)."""
    return rules.user_can(user, "print", Commitment)


def _report_document(request):
    if not may_print_report(request.user):
        raise PermissionDenied
    return printing.report_document(exhibition=_current_edition(), user=request.user)


@staff_member_required
def report(request, as_pdf: bool = False):
    document = _report_document(request)
    if as_pdf:
        response = pdf_response(document)
    else:
        document.context["pdf_url"] = reverse("followup:report_pdf")
        response = HttpResponse(document.html(request=request))
    response["Cache-Control"] = "private, no-store"
    return response


@staff_member_required
def report_export(request):
    document = _report_document(request)
    response = HttpResponse(
        exports.report_workbook(document.context["report"]),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = document.filename.removesuffix(".pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_member_required
def problems(request):
    """The book as an admin page to browse: a category at a time, each problem with the
    neighborhoods that report it, their plans and the commitments to it."""
    if not may_print_book(request.user):
        raise PermissionDenied
    book = problems_book()
    chosen = request.GET.get("category", "")[:20]
    chapter = next((c for c in book.chapters if c.key == chosen), None) or (
        book.chapters[0] if book.chapters else None
    )
    return render(
        request,
        "followup/problems.html",
        {
            **admin.site.each_context(request),
            "title": _("The system of neighborhood problems"),
            "book": book,
            "chapter": chapter,
            "may_open": {
                report.problem.pk
                for entry in (chapter.entries if chapter else [])
                for report in entry.reports
                if rules.user_can(request.user, "view", report.problem)
            },
        },
    )
