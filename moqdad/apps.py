from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, using="default", plan=None, **kwargs):
    if plan is None:
        # `flush` (not `migrate`) sent this: an emptied database stays empty, so that a
        # restore can load the archived groups.
        return
    from django.apps import apps

    from moqdad.role_groups import sync_role_groups

    sync_role_groups(apps, using=using)


class MoqdadConfig(AppConfig):
    name = "moqdad"
    verbose_name = _("Moqdad")

    def ready(self):
        from moqdad import account_rules, caching  # noqa: F401 (account_rules registers rules)
        from moqdad.public_address import check_public_base_url

        caching.connect_signals()
        checks.register(check_public_base_url)
        # The role groups follow moqdad/roles.py after every migrate, new models included.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="moqdad_sync_roles")
        # Every admin must follow the row rules, the stock account admins too: load all
        # admin modules now (the admin app would do it next) and replace those.
        from django.contrib import admin

        from moqdad import accounts_admin

        admin.autodiscover()
        accounts_admin.register(admin.site)
