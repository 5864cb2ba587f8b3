from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from martyrs import selectors


def martyr_search(request):
    query = request.GET.get("q", "")[:100]
    page = Paginator(selectors.martyr_search(query=query), 30).get_page(request.GET.get("page"))
    return render(request, "martyrs/search.html", {"page": page, "query": query})


def martyr_detail(request, pk):
    martyr = selectors.martyr_get_public(pk=pk)
    if martyr is None:
        raise Http404
    return render(request, "martyrs/detail.html", {"martyr": martyr})
