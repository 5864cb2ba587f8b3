"""Turn requests no browser sends into a plain 400 before any view sees them.

Django decodes a broken query string with replacement characters and passes NUL bytes
through; PostgreSQL refuses a NUL in a text parameter, which would surface as a 500 in
whichever view used the value. One check here spares every view from repeating it.
"""

from urllib.parse import unquote_to_bytes

from django.core.exceptions import BadRequest

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
        query_string = request.META.get("QUERY_STRING", "")
        if len(query_string) > MAX_QUERY_STRING_BYTES:
            raise BadRequest("Query string too long.")
        # WSGI hands the raw bytes over as a latin-1 string; Django has already re-quoted
        # broken UTF-8 in the path, so only a NUL can still get through there.
        raw_query = unquote_to_bytes(query_string.encode("latin-1", "replace"))
        if not _is_clean(raw_query) or "\x00" in request.path_info:
            raise BadRequest("NUL byte or invalid UTF-8 in the URL.")
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
