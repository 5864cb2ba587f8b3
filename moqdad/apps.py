from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoqdadConfig(AppConfig):
    name = "moqdad"
    verbose_name = _("Moqdad")

    def ready(self):
        from moqdad import caching

        caching.connect_signals()
