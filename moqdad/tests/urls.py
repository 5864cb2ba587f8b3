"""The test URLconf: the site's URLs plus views the tests need and the site has not.

Pages that exercise the page cache apart from the real public pages (a form with a CSRF token, a
page that sets a cookie, a page that opts out), views that fail on purpose for the error-page
tests, and media serving as `DEBUG` mounts it for the media-header tests.
"""

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied
from django.db import OperationalError
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from django.views.decorators.cache import never_cache
from django.views.static import serve
from redis.exceptions import ConnectionError as RedisConnectionError

from moqdad.urls import handler500  # noqa: F401 (the site's error handler, here too)
from moqdad.urls import urlpatterns as site_urlpatterns

SECRET_IN_EXCEPTION = "token-0912-555-0101-private"
FORM = engines["django"].from_string(
    '<form method="post">{% csrf_token %}<input name="text"></form><p>{{ text }}</p>'
)


def form_page(request):
    if request.method == "POST":
        return HttpResponse(f"thanks {request.POST['text']}")
    return HttpResponse(FORM.render({"text": request.GET.get("text", "")}, request))


def cookie_page(request):
    response = HttpResponse("chosen")
    response.set_cookie("choice", "1")
    return response


@never_cache
def private_page(request):
    return HttpResponse("private")


def fail_with_server_error(request):
    raise RuntimeError(SECRET_IN_EXCEPTION)


def fail_with_statement_timeout(request):
    raise OperationalError(f"canceling statement due to statement timeout {SECRET_IN_EXCEPTION}")


def fail_with_redis_down(request):
    raise RedisConnectionError(f"Error 111 connecting to 127.0.0.1:6379. {SECRET_IN_EXCEPTION}")


def fail_with_permission_denied(request):
    raise PermissionDenied(SECRET_IN_EXCEPTION)


def fail_with_bad_request(request):
    raise BadRequest(SECRET_IN_EXCEPTION)


def serve_media(request, name):
    return serve(request, name, document_root=settings.MEDIA_ROOT)


pages = (
    [
        path("form/", form_page, name="form"),
        path("cookie/", cookie_page, name="cookie"),
        path("private/", private_page, name="private"),
    ],
    "pages",
)

urlpatterns = [
    path("pages/", include(pages)),
    path("test-errors/500/", fail_with_server_error),
    path("test-errors/503/database/", fail_with_statement_timeout),
    path("test-errors/503/redis/", fail_with_redis_down),
    path("test-errors/403/", fail_with_permission_denied),
    path("test-errors/400/", fail_with_bad_request),
    path("media/<path:name>", serve_media),
    *site_urlpatterns,
]
