from pathlib import Path

from django.apps import AppConfig, apps
from django.conf import settings
from django.core import checks
from django.db.models.signals import post_migrate, pre_save
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, using="default", plan=None, **kwargs):
    if plan is None:
        # `flush` (not `migrate`) sent this: an emptied database stays empty, so that a
        # restore can load the archived groups.
        return
    from moqdad.role_groups import sync_role_groups

    sync_role_groups(apps, using=using)


def _project_models():
    """The models of the apps whose package sits in the project folder, not installed ones."""
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        if Path(config.path).resolve().parent == base:
            yield from config.get_models()


class MoqdadConfig(AppConfig):
    name = "moqdad"
    verbose_name = _("Moqdad")

    def ready(self):
        # account_rules registers the rules of the account models.
        from moqdad import account_rules, admin_boolean, caching, stored_files  # noqa: F401
        from moqdad.catalogue import compiled_catalogue_check
        from moqdad.persian import strip_bidi_controls_before_save
        from moqdad.public_address import check_public_base_url

        caching.connect_signals()
        admin_boolean.install()
        checks.register(compiled_catalogue_check)
        checks.register(check_public_base_url)
        # django-axes names its app "Axes", untranslatable, in the Persian admin's menu.
        apps.get_app_config("axes").verbose_name = _("Login protection")
        for model in _project_models():
            pre_save.connect(strip_bidi_controls_before_save, sender=model)
            stored_files.connect(model)
        # The role groups follow moqdad/roles.py after every migrate, new models included.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="moqdad_sync_roles")
        # Every admin must follow the row rules, the stock account admins too: load all
        # admin modules now (the admin app would do it next) and replace those.
        from django.contrib import admin

        from moqdad import accounts_admin, delivery_admin

        admin.autodiscover()
        accounts_admin.register(admin.site)
        delivery_admin.register(admin.site)
