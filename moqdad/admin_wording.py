"""Admin and form strings that Django's and django-import-export's Persian catalogues lack.

Naming the same msgids here lets makemessages extract them into moqdad's catalogue, which Django
consults before the packages' own, so these messages reach staff in Persian too.
"""

from django.utils.translation import gettext_lazy, ngettext_lazy

DJANGO_ADMIN = [
    ngettext_lazy("Please correct the error below.", "Please correct the errors below.", "count"),
    gettext_lazy("Select this object for an action - {}"),
    gettext_lazy("Breadcrumbs"),
    gettext_lazy("Model name"),
    ngettext_lazy("entry", "entries", "count"),
    gettext_lazy("Forgotten your login credentials?"),
]
DJANGO_FORMS = [
    gettext_lazy("Enter a valid domain name."),
    gettext_lazy("Enter a valid %(protocol)s address."),
    gettext_lazy("Constraint “%(name)s” is violated."),
    gettext_lazy("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    ngettext_lazy(
        "Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", "num"
    ),
    ngettext_lazy(
        "Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", "num"
    ),
]
IMPORT_EXPORT = [
    gettext_lazy(
        "No valid data to import. Ensure your file has the correct headers or data for import."
    ),
    gettext_lazy("Select all"),
    gettext_lazy("Import finished: {} new, {} updated, {} deleted and {} skipped {}."),
    gettext_lazy("This exporter will export the following fields: "),
]
__all__ = ["DJANGO_ADMIN", "DJANGO_FORMS", "IMPORT_EXPORT"]
