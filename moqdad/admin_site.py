"""The admin site: the apps in the order the organizers work in, and a home page per role.

`moqdad` knows no app: an app puts itself in the app list with `admin_position` on its
AppConfig (apps without one, the technical ones such as accounts and login records, come
last) and contributes the panels of the home page with `register_home_panels` in its
`AppConfig.ready()`. Each panel builder takes the request and returns the panels the user may
see, built only from rows `moqdad.rules.rows_for` gives the user.
"""

from collections.abc import Callable

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

TECHNICAL_POSITION = 1000

_HOME_PANEL_BUILDERS: list[Callable] = []


def register_home_panels(builder: Callable) -> None:
    if builder not in _HOME_PANEL_BUILDERS:
        _HOME_PANEL_BUILDERS.append(builder)


def _position(app: dict) -> int:
    return getattr(apps.get_app_config(app["app_label"]), "admin_position", TECHNICAL_POSITION)


class MoqdadAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        # sorted() is stable: apps of the same position keep the alphabetical order.
        return sorted(super().get_app_list(request, app_label), key=_position)

    def index(self, request, extra_context=None):
        panels = [panel for builder in _HOME_PANEL_BUILDERS for panel in builder(request)]
        return super().index(request, {"home_panels": panels, **(extra_context or {})})


class MoqdadAdminConfig(AdminConfig):
    default_site = "moqdad.admin_site.MoqdadAdminSite"
