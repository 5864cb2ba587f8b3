from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.i18n import set_language
from django.views.static import serve

from exhibition import views as exhibition_views
from moqdad import health
from moqdad.password_reset import ThrottledPasswordResetView
from moqdad.sitemaps import public_sitemaps

# A database or Redis outage is a Persian 503 with Retry-After, any other error the 500 page.
handler500 = "moqdad.outage.server_error"

admin.site.site_header = admin.site.site_title = "مقداد"
admin.site.index_title = "مدیریت نمایشگاه مقداد"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", health.favicon, name="favicon"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sitemap.xml", sitemap, {"sitemaps": public_sitemaps()}, name="sitemap"),
    path("robots.txt", exhibition_views.robots_txt, name="robots_txt"),
]

# Staff reset a forgotten password by email (Django's own views; the admin login page links
# to `admin_password_reset`).
password_reset_urlpatterns = [
    path(
        "admin/password-reset/",
        ThrottledPasswordResetView.as_view(
            extra_email_context={"site_name": admin.site.site_header}
        ),
        name="admin_password_reset",
    ),
    path(
        "admin/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "admin/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "admin/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns += i18n_patterns(
    *password_reset_urlpatterns,
    path("admin/", admin.site.urls),
    path("neighborhoods/", include("neighborhoods.urls")),
    path("martyrs/", include("martyrs.urls")),
    path("", include("guests.urls")),
    path("print/followup/", include("followup.urls")),
    path("", include("exhibition.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
