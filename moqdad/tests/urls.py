"""Pages that exercise the page cache apart from the real public pages: a form with a CSRF
token, a page that sets a cookie, a page that opts out."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from django.views.decorators.cache import never_cache

from moqdad.urls import urlpatterns as project_urlpatterns

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


pages = (
    [
        path("form/", form_page, name="form"),
        path("cookie/", cookie_page, name="cookie"),
        path("private/", private_page, name="private"),
    ],
    "pages",
)

urlpatterns = [path("pages/", include(pages)), *project_urlpatterns]
