"""Tags the public site's templates share: the current edition, language links, absolute URLs,
a booth's name after its code.
Numbers and dates are `moqdad/templatetags/persian.py`'s."""

from django import template
from django.urls import translate_url
from django.utils.translation import gettext

from exhibition.models import Exhibition
from moqdad.public_address import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def current_exhibition(context):
    """The edition the page already has, else the current one (one query per page at most)."""
    request = context.get("request")
    if context.get("exhibition") is not None:
        return context["exhibition"]
    if request is not None and hasattr(request, "_public_exhibition"):
        return request._public_exhibition
    exhibition = Exhibition.objects.current()
    if request is not None:
        request._public_exhibition = exhibition
    return exhibition


@register.simple_tag(takes_context=True)
def translated_path(context, language):
    """This page's address in another interface language (query string kept)."""
    request = context["request"]
    path = translate_url(request.path, language)
    query = request.GET.urlencode()
    return f"{path}?{query}" if query else path


@register.simple_tag(takes_context=True)
def canonical_url(context, language=None):
    """The page's absolute address on the public host, without a query string."""
    request = context["request"]
    path = translate_url(request.path, language) if language else request.path
    return absolute_url(path, request)


@register.simple_tag(takes_context=True)
def public_url(context, path):
    """An absolute address on the public host for a site-relative path or URL."""
    if not path:
        return ""
    return absolute_url(path, context.get("request"))


@register.filter
def booth_name_after_code(name: str) -> str:
    """A booth's name as it follows «Booth B-42 ·»: without a leading «غرفه» (or the
    active language's word for it), which would otherwise read twice."""
    for word in ("غرفه", gettext("Booth")):
        if name.startswith(f"{word} "):
            return name[len(word) + 1 :]
    return name
