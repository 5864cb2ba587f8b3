from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from neighborhoods import selectors
from neighborhoods.forms import NeighborhoodFilterForm

PAGE_SIZE = 60


@require_GET
def neighborhood_list(request):
    form = NeighborhoodFilterForm(
        request.GET or None,
        districts=selectors.neighborhood_districts_public(),
        persian=translation.get_language_bidi(),
    )
    neighborhoods = selectors.neighborhood_list_public(**form.filters())
    page = Paginator(neighborhoods, PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.with_martyr_counts(page)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query_string": query.urlencode()}
    return render(request, "neighborhoods/list.html", context)


@require_GET
def neighborhood_detail(request, slug):
    neighborhood = selectors.neighborhood_get_public(slug=slug[:140])
    if neighborhood is None:
        raise Http404
    page = selectors.neighborhood_page_public(neighborhood=neighborhood)
    return render(
        request, "neighborhoods/detail.html", {"neighborhood": neighborhood, "page": page}
    )
