"""The site's URLs plus media serving like `DEBUG` mounts it, for the media-header tests."""

from django.conf import settings
from django.urls import path
from django.views.static import serve

from moqdad.urls import urlpatterns as site_urlpatterns


def serve_media(request, name):
    return serve(request, name, document_root=settings.MEDIA_ROOT)


urlpatterns = [path("media/<path:name>", serve_media), *site_urlpatterns]
