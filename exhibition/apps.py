from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitionConfig(AppConfig):
    name = "exhibition"
    verbose_name = _("Exhibition")
    # The exhibition's models come first in the admin's app list (moqdad.admin_site).
    admin_position = 1

    def ready(self):
        from moqdad.admin_site import register_home_panels

        from . import admin_home, rules  # noqa: F401 (rules registers this app's rules)
        from .public_pages import register_public_pages

        register_public_pages()
        register_home_panels(admin_home.home_panels)
