"""Tags the public site's templates share: the current edition, language links, absolute URLs,
and numbers written the way a Persian reader expects."""

from decimal import Decimal

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from exhibition.models import Exhibition
from moqdad.persian import to_persian_digits

register = template.Library()

PERSIAN_THOUSANDS = "٬"
PERSIAN_DECIMAL = "٫"


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
    return settings.PUBLIC_BASE_URL + path


@register.simple_tag
def public_url(path):
    """An absolute address on the public host for a site-relative path or URL."""
    if not path:
        return ""
    if str(path).startswith(("http://", "https://")):
        return path
    return settings.PUBLIC_BASE_URL + str(path)


@register.filter
def fa_number(value):
    """A number with thousands grouped; Persian digits and separators in Persian."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        value = value.normalize()
        text = f"{value:,f}" if value != value.to_integral() else f"{int(value):,}"
    elif isinstance(value, float):
        text = f"{value:,.1f}".rstrip("0").rstrip(".")
    else:
        try:
            text = f"{int(value):,}"
        except (TypeError, ValueError):
            text = str(value)
    if (translation.get_language() or "fa").startswith("fa"):
        text = text.replace(",", PERSIAN_THOUSANDS).replace(".", PERSIAN_DECIMAL)
        return to_persian_digits(text)
    return text
