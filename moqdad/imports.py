"""The one base of every bulk import (CSV and XLSX, through django-import-export).

- All or nothing: a sheet with one bad row writes none (one transaction, rolled back on any
  validation error), in the admin and in management commands alike.
- Every row passes the rules (moqdad.rules.check_write) for the importing user: a row that
  targets another owner's record, changes published content or publishes is a Persian error on
  that row, never a write.
- Each saved row's history names the file and the user.
- Once the import commits, its tables are analyzed (moqdad.planner_statistics), so the pages
  that read them are planned for the rows they now hold.
"""

from django.utils.translation import gettext as _
from import_export import resources

from moqdad.planner_statistics import analyze_on_commit
from moqdad.rules import check_write


class AllOrNothingResource(resources.ModelResource):
    def import_data(self, dataset, **kwargs):
        # Without these, django-import-export commits the valid rows of a sheet that has
        # invalid ones.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        result = super().import_data(dataset, **kwargs)
        if not kwargs.get("dry_run") and not result.has_errors():
            models = [self._meta.model]
            history = getattr(self._meta.model, "history", None)
            if history is not None:
                models.append(history.model)
            analyze_on_commit(models)
        return result

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        self._stored = (
            None if new else type(instance)._default_manager.filter(pk=instance.pk).first()
        )

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        check_write(user, instance, original=getattr(self, "_stored", None))
        file_name = kwargs.get("file_name") or "-"
        instance._change_reason = _("Imported from %(file)s") % {"file": file_name}
        if user is not None and getattr(user, "pk", None):
            instance._history_user = user
        super().before_save_instance(instance, row, **kwargs)

    def before_delete_instance(self, instance, row, **kwargs):
        check_write(kwargs.get("user"), instance, original=instance, action="delete")
        super().before_delete_instance(instance, row, **kwargs)
