from django.http import Http404
from django.shortcuts import render

from neighborhoods import selectors


def neighborhood_list(request):
    neighborhoods = selectors.neighborhood_list_public()
    return render(request, "neighborhoods/list.html", {"neighborhoods": neighborhoods})


def neighborhood_detail(request, slug):
    neighborhood = selectors.neighborhood_get_public(slug=slug)
    if neighborhood is None:
        raise Http404
    return render(request, "neighborhoods/detail.html", {"neighborhood": neighborhood})
