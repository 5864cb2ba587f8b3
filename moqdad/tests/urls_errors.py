"""The site's URLs plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from moqdad.urls import urlpatterns as site_urlpatterns

SECRET_IN_EXCEPTION = "token-0912-555-0101-private"


def fail_with_server_error(request):
    raise RuntimeError(SECRET_IN_EXCEPTION)


def fail_with_permission_denied(request):
    raise PermissionDenied(SECRET_IN_EXCEPTION)


def fail_with_bad_request(request):
    raise BadRequest(SECRET_IN_EXCEPTION)


urlpatterns = [
    path("test-errors/500/", fail_with_server_error),
    path("test-errors/403/", fail_with_permission_denied),
    path("test-errors/400/", fail_with_bad_request),
    *site_urlpatterns,
]
