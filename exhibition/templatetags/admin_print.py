"""The print documents of a row, linked from its admin change page (see print_views.py)."""

import dataclasses

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exhibition.models import Booth, Exhibition
from moqdad import rules
from neighborhoods.models import Neighborhood

register = template.Library()


@dataclasses.dataclass(frozen=True)
class PrintLink:
    label: str
    url: str


def _booth_links(booth: Booth) -> list[PrintLink]:
    current = Exhibition.objects.current()
    query = (
        "" if current and current.pk == booth.exhibition_id else f"?edition={booth.exhibition.slug}"
    )
    kwargs = {"code": booth.code}
    return [
        PrintLink(
            _("Print the sign"), reverse("exhibition:print_booth_sign", kwargs=kwargs) + query
        ),
        PrintLink(
            _("Sign (PDF)"), reverse("exhibition:print_booth_sign_pdf", kwargs=kwargs) + query
        ),
    ]


def _profile_links(neighborhood: Neighborhood) -> list[PrintLink]:
    if Exhibition.objects.current() is None:
        return []
    kwargs = {"slug": neighborhood.slug}
    return [
        PrintLink(
            _("Print the profile"),
            reverse("exhibition:print_neighborhood_profile", kwargs=kwargs),
        ),
        PrintLink(
            _("Profile (PDF)"), reverse("exhibition:print_neighborhood_profile_pdf", kwargs=kwargs)
        ),
    ]


@register.simple_tag(takes_context=True)
def print_links(context, obj) -> list[PrintLink]:
    request = context.get("request")
    if obj is None or request is None or not rules.user_can(request.user, "print", obj):
        return []
    if isinstance(obj, Booth):
        return _booth_links(obj)
    if isinstance(obj, Neighborhood):
        return _profile_links(obj)
    return []
