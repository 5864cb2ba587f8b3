from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuestsConfig(AppConfig):
    """The invited elites: guest list, invitations, RSVP, official visits and door check-in."""

    name = "guests"
    verbose_name = _("Guests and invitations")
    admin_position = 4

    def ready(self):
        from exhibition.demo.loader import register_demo_part
        from exhibition.print_centre import register_print_groups
        from moqdad.admin_site import register_home_panels

        from . import demo, rules  # noqa: F401 (rules registers this app's rules)
        from .admin_home import home_panels
        from .print_centre import print_groups
        from .public_pages import register_public_pages

        register_public_pages()
        register_home_panels(home_panels)
        register_print_groups(print_groups)
        register_demo_part(demo.add_guests, demo.delete_guests)
