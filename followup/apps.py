from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    """What a visit leads to: commitments, the problems book, the selection tool, the report."""

    name = "followup"
    verbose_name = _("Follow-up")
    admin_position = 5
