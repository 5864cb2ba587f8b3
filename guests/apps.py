from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuestsConfig(AppConfig):
    """The invited elites: guest list, invitations, RSVP, official visits and door check-in."""

    name = "guests"
    verbose_name = _("Guests and invitations")
    admin_position = 4
