"""The official visits the organizers chose to announce (marked public): a public page.

Every other visit is for staff only. The page names what the organizers wrote as the visit's
title, its day and time and the public booths on its route; never the guest list."""

from django.http import Http404
from django.shortcuts import render

from exhibition.models import Exhibition
from guests import selectors


def official_visits(request):
    edition = Exhibition.objects.current()
    if edition is None:
        raise Http404
    context = {"exhibition": edition, "days": selectors.public_visits(exhibition=edition)}
    return render(request, "guests/visits_public.html", context)
