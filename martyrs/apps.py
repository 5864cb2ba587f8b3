from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MartyrsConfig(AppConfig):
    name = "martyrs"
    verbose_name = _("Martyrs and veterans")
