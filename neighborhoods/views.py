from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.http import require_GET

from moqdad.caching import cached_under_content_version
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

    def render_parts() -> tuple[str, str]:
        context = {
            "neighborhood": neighborhood,
            "page": selectors.neighborhood_page_public(neighborhood=neighborhood),
        }
        return (
            render_to_string("neighborhoods/_detail_body.html", context),
            render_to_string("neighborhoods/_detail_booths.html", context),
        )

    # The profile, council, problems, charts, martyrs and booth change only with the content:
    # rendered once per content version and language; the later apps' blocks stay live.
    body_html, booths_html = cached_under_content_version(
        f"neighborhood-page:{neighborhood.pk}:{translation.get_language()}", render_parts
    )
    context = {"neighborhood": neighborhood, "body_html": body_html, "booths_html": booths_html}
    return render(request, "neighborhoods/detail.html", context)
