from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from martyrs import selectors, services
from martyrs.forms import CorrectionSuggestionForm, MartyrSearchForm
from moqdad import charts
from moqdad.client import client_address
from moqdad.fragments import rendered_under_content_version
from neighborhoods.selectors import neighborhood_get_public

PAGE_SIZE = 30
CHART_ROWS = 15


def martyr_search(request):
    form = MartyrSearchForm(request.GET or None)
    page = selectors.martyr_search_page(
        page=request.GET.get("page"), per_page=PAGE_SIZE, **form.search_arguments()
    )
    return render(request, "martyrs/search.html", {"form": form, "page": page})


def martyr_detail(request, pk):
    martyr = selectors.martyr_get_public(pk=pk)
    if martyr is None:
        raise Http404
    return render(request, "martyrs/detail.html", {"martyr": martyr})


@require_http_methods(["GET", "HEAD", "POST"])
def martyr_correction(request, pk):
    """The correction form, on its own address: the martyr's page stays the same for every
    visitor, so the page cache serves it without a CSRF token or a cookie."""
    martyr = selectors.martyr_get_public(pk=pk)
    if martyr is None:
        raise Http404
    if request.method != "POST":
        return _correction(request, martyr, CorrectionSuggestionForm())
    form = CorrectionSuggestionForm(request.POST)
    if form.is_bot:
        # Answer a bot as if it had succeeded, so it learns nothing; store nothing.
        messages.success(request, _("Thank you. The memorial's staff will review your note."))
        return redirect(martyr)
    if not form.is_valid():
        return _correction(request, martyr, form, status=400)
    try:
        services.correction_suggestion_create(
            martyr=martyr,
            name=form.cleaned_data["name"],
            relation=form.cleaned_data["relation"],
            contact=form.cleaned_data["contact"],
            message=form.cleaned_data["message"],
            sender_address=client_address(request),
        )
    except services.TooManyRequests:
        form.add_error(None, _("Too many suggestions from your connection; try again in an hour."))
        return _correction(request, martyr, form, status=429)
    messages.success(request, _("Thank you. The memorial's staff will review your note."))
    return redirect(martyr)


def _correction(request, martyr, form, status=200):
    context = {"martyr": martyr, "form": form}
    return render(request, "martyrs/correction.html", context, status=status)


def martyr_neighborhood(request, slug):
    neighborhood = neighborhood_get_public(slug=slug[:140])
    if neighborhood is None:
        raise Http404
    page = selectors.martyr_page_for_neighborhood(
        neighborhood=neighborhood, page=request.GET.get("page"), per_page=PAGE_SIZE
    )
    return render(
        request,
        "martyrs/neighborhood.html",
        {"neighborhood": neighborhood, "page": page},
    )


def martyr_figures(request):
    # The sections (four charts and their tables) change only with the content: rendered once
    # per content version and language.
    sections_html = rendered_under_content_version(
        "martyr-figures", "martyrs/_figures_sections.html", _figures_context
    )
    return render(request, "martyrs/figures.html", {"sections_html": sections_html})


def _figures_context() -> dict:
    rtl = translation.get_language_bidi()
    sections = [
        ("martyrs-neighborhood", _("Martyrs by neighborhood"), _("Neighborhood"),
         selectors.martyr_figures_by_neighborhood()),
        ("martyrs-category", _("Martyrs by category"), _("Category"),
         selectors.martyr_figures_by_category()),
        ("veterans-neighborhood", _("Veterans by neighborhood"), _("Neighborhood"),
         selectors.veteran_figures_by_neighborhood()),
        ("veterans-kind", _("Veterans by kind"), _("Kind"), selectors.veteran_figures_by_kind()),
    ]  # fmt: skip
    figures = [
        {
            "id": chart_id,
            "title": title,
            "heading": heading,
            "figures": data,
            # A phone shows 15 bars legibly; the table lists every neighborhood.
            "chart": charts.bar_chart(
                title=title,
                rows=[(row.label, [row.value]) for row in data.rows],
                series_labels=[_("Count")],
                rtl=rtl,
                limit=CHART_ROWS,
            ),
        }
        for chart_id, title, heading, data in sections
    ]
    return {"sections": figures}
