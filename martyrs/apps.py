from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MartyrsConfig(AppConfig):
    name = "martyrs"
    verbose_name = _("Martyrs and veterans")
    admin_position = 3

    def ready(self):
        from . import rules  # noqa: F401 (registers the rules of this app's models)
        from .public_pages import register_public_pages

        register_public_pages()
