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
# The copy-edit of Django's and the libraries' Persian as the admin shows it: their own
# catalogues carry typos («آغار», «افزدون»), doubled plurals («غرفه‌ها های»), missing ZWNJs and a
# second word for one concept; i18n/fa/h_django.json gives the wording that replaces them.
COPY_EDIT = [
    gettext_lazy("Add another %(model)s"),
    gettext_lazy("Add"),
    gettext_lazy("Add %(name)s"),
    gettext_lazy("Start typing to filter…"),
    gettext_lazy("Delete selected %(verbose_name_plural)s"),
    gettext_lazy("View selected %(model)s"),
    gettext_lazy("Change selected %(model)s"),
    gettext_lazy("Delete selected %(model)s"),
    gettext_lazy("Models in the %(name)s application"),
    gettext_lazy("Select all objects on this page for an action"),
    gettext_lazy("Objects"),
    gettext_lazy("Delete multiple objects"),
    gettext_lazy(
        'Are you sure you want to delete the %(object_name)s "%(escaped_object)s"? All of the following related items will be deleted:'
    ),
    gettext_lazy(
        "Are you sure you want to delete the selected %(objects_name)s? All of the following objects and their related items will be deleted:"
    ),
    gettext_lazy(
        "Deleting %(class_name)s %(instance)s would require deleting the following protected related objects: %(related_objects)s"
    ),
    gettext_lazy(
        "Deleting the %(object_name)s '%(escaped_object)s' would require deleting the following protected related objects:"
    ),
    gettext_lazy(
        "Deleting the %(object_name)s '%(escaped_object)s' would result in deleting related objects, but your account doesn't have permission to delete the following types of objects:"
    ),
    gettext_lazy(
        "Deleting the selected %(objects_name)s would require deleting the following protected related objects:"
    ),
    gettext_lazy(
        "Deleting the selected %(objects_name)s would result in deleting related objects, but your account doesn't have permission to delete the following types of objects:"
    ),
    gettext_lazy("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    gettext_lazy("My actions"),
    gettext_lazy("Recent actions"),
    gettext_lazy("No action selected."),
    gettext_lazy(
        "Items must be selected in order to perform actions on them. No items have been changed."
    ),
    gettext_lazy("Run the selected action"),
    gettext_lazy("Action"),
    gettext_lazy("Select all %(total_count)s %(module_name)s"),
    gettext_lazy("0 of %(cnt)s selected"),
    ngettext_lazy("%(total_count)s selected", "All %(total_count)s selected", "count"),
    gettext_lazy("Remove from sorting"),
    gettext_lazy("Toggle sorting"),
    gettext_lazy("Filter"),
    gettext_lazy("Clear all filters"),
    gettext_lazy("Home"),
    gettext_lazy("View site"),
    gettext_lazy("View on site"),
    gettext_lazy("Set password"),
    gettext_lazy("Reset password"),
    gettext_lazy("Save and add another"),
    gettext_lazy("Save and continue editing"),
    gettext_lazy("users"),
    gettext_lazy("email address"),
    gettext_lazy("Email address:"),
    gettext_lazy("Email address"),
    gettext_lazy("Enter a valid email address."),
    gettext_lazy(
        'Raw passwords are not stored, so there is no way to see this user’s password, but you can change the password using <a href="{}">this form</a>.'
    ),
    gettext_lazy("salt"),
    gettext_lazy("hash"),
    gettext_lazy("This field cannot be blank."),
    gettext_lazy("This field cannot be null."),
    gettext_lazy("Your password can’t be a commonly used password."),
    gettext_lazy("Your password can’t be entirely numeric."),
    gettext_lazy("Ensure this value is %(limit_value)s (it is %(show_value)s)."),
    gettext_lazy("access attempt expiration"),
    gettext_lazy("access attempt expirations"),
    gettext_lazy("access attempt"),
    gettext_lazy("access attempts"),
    gettext_lazy("Locked Out"),
    gettext_lazy("Not set"),
    gettext_lazy("User Agent"),
    gettext_lazy("IP Address"),
    gettext_lazy("Export selected %(verbose_name_plural)s"),
    gettext_lazy("Password-based authentication"),
    gettext_lazy(
        "Whether the user will be able to authenticate using a password or not. If disabled, they may still be able to authenticate using other backends, such as Single Sign-On or LDAP."
    ),
    gettext_lazy("Enabled"),
    gettext_lazy("Disabled"),
    gettext_lazy("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_lazy("GET Data"),
    gettext_lazy("POST Data"),
    gettext_lazy("HTTP Accept"),
    gettext_lazy(
        "Forgotten your password? Enter your email address below, and we’ll email instructions for setting a new one."
    ),
    gettext_lazy("The install worked successfully! Congratulations!"),
    gettext_lazy(
        'You are seeing this page because <a href="https://docs.djangoproject.com/en/%(version)s/ref/settings/#debug" target="_blank" rel="noopener">DEBUG=True</a> is in your settings file and you have not configured any URLs.'
    ),
    gettext_lazy(
        "Something’s wrong with your database installation. Make sure the appropriate database tables have been created, and make sure the database is readable by the appropriate user."
    ),
    gettext_lazy(
        "You are seeing this message because this HTTPS site requires a “Referer header” to be sent by your web browser, but none was sent. This header is required for security reasons, to ensure that your browser is not being hijacked by third parties."
    ),
]
__all__ = ["COPY_EDIT", "DJANGO_ADMIN", "DJANGO_FORMS", "IMPORT_EXPORT"]
