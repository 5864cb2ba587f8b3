from django.http import Http404
from django.shortcuts import render

from exhibition import selectors


def home(request):
    return render(request, "exhibition/home.html", {"exhibition": selectors.exhibition_current()})


def booth_detail(request, code):
    exhibition = selectors.exhibition_current()
    booth = exhibition and selectors.booth_get_public(exhibition=exhibition, code=code[:12])
    if not booth:
        raise Http404
    return render(request, "exhibition/booth.html", {"booth": booth, "exhibition": exhibition})
