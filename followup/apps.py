from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    """What a visit leads to: commitments, the problems book, the selection tool, the report."""

    name = "followup"
    verbose_name = _("Follow-up")
    admin_position = 5

    def ready(self):
        from exhibition.demo.loader import register_demo_part
        from exhibition.print_centre import register_print_groups
        from followup import admin_home, demo, page_blocks, print_centre
        from followup import rules as _rules  # noqa: F401 (registers the rules)
        from moqdad.admin_site import register_home_panels

        register_demo_part(demo.add_commitments, demo.delete_commitments)
        register_print_groups(print_centre.print_groups)
        register_home_panels(admin_home.home_panels)
        page_blocks.register_blocks()
