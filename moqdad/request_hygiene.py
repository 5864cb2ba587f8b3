"""Turn requests no browser sends into a plain 400 before any view sees them.

Django decodes a broken query string with replacement characters and passes NUL bytes
through; PostgreSQL refuses a NUL in a text parameter, which would surface as a 500 in
whichever view used the value. One check here spares every view from repeating it.

The check runs near the top of the middleware stack, before anything reads the request, so its
400 would skip the middlewares below it that set the page protections; it passes its answer
through those same middlewares, and the error page carries the headers every page does.
"""

from urllib.parse import unquote_to_bytes

from csp.middleware import CSPMiddleware
from django.core.exceptions import BadRequest
from django.core.handlers.exception import response_for_exception
from django.middleware.clickjacking import XFrameOptionsMiddleware

# Browsers and proxies keep URLs far below this; anything longer is noise or an attack.
MAX_QUERY_STRING_BYTES = 4096

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def _is_clean(raw: bytes) -> bool:
    if b"\x00" in raw:
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class RequestHygieneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = _problem(request)
        if problem:
            response = _with_page_protections(
                lambda request: response_for_exception(request, BadRequest(problem))
            )(request)
        else:
            response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def _problem(request) -> str:
    query_string = request.META.get("QUERY_STRING", "")
    if len(query_string) > MAX_QUERY_STRING_BYTES:
        return "Query string too long."
    # WSGI hands the raw bytes over as a latin-1 string; Django has already re-quoted
    # broken UTF-8 in the path, so only a NUL can still get through there.
    raw_query = unquote_to_bytes(query_string.encode("latin-1", "replace"))
    if not _is_clean(raw_query) or "\x00" in request.path_info:
        return "NUL byte or invalid UTF-8 in the URL."
    return ""


def _with_page_protections(get_response):
    """`get_response` wrapped in the middlewares that set the page protections (settings.MIDDLEWARE
    runs them for every other response)."""
    return XFrameOptionsMiddleware(CSPMiddleware(get_response))
