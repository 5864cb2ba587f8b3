"""Uploaded files leave storage with the row that held them.

Django keeps a file when its row is deleted or its field gets another file, so a replaced photo
stayed in storage for good, at an address anyone who had seen it could still open. Here, once
the transaction commits, the file a row no longer holds is deleted, with its WebP variants
(`moqdad.images`); a rolled-back change deletes nothing, and a file another row still holds
is kept. History keeps only the name: a version from before the replacement shows no photo.
"""

from django.db import models, transaction

from moqdad.images import VARIANT_WIDTHS, SafeImageField, variant_name

# Where a row keeps the names its file fields held when it was loaded or last saved.
_REMEMBERED = "_stored_file_names"


def _file_fields(model) -> list:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _names(instance, fields) -> dict:
    """The stored name of each loaded file field (a deferred field is left out)."""
    names = {}
    for field in fields:
        if field.attname in instance.__dict__:
            value = instance.__dict__[field.attname]
            names[field.attname] = value if isinstance(value, str) else getattr(value, "name", "")
    return names


def _held_elsewhere(field, name: str, instance) -> bool:
    others = field.model._default_manager.filter(**{field.attname: name})
    if instance.pk is not None:
        others = others.exclude(pk=instance.pk)
    return others.exists()


def _delete_after_commit(field, name: str, instance) -> None:
    if not name or _held_elsewhere(field, name, instance):
        return
    storage = field.storage
    names = [name]
    if isinstance(field, SafeImageField):
        names += [variant_name(name, width) for width in VARIANT_WIDTHS]

    def delete():
        for stored in names:
            storage.delete(stored)

    transaction.on_commit(delete, using=instance._state.db)


def connect(model) -> None:
    """Delete the files `model`'s rows let go of; a model without file fields is left alone."""
    fields = _file_fields(model)
    if not fields:
        return

    def remember(sender, instance, **kwargs):
        instance.__dict__[_REMEMBERED] = _names(instance, fields)

    def after_save(sender, instance, raw=False, **kwargs):
        before = instance.__dict__.get(_REMEMBERED, {})
        now = _names(instance, fields)
        if not raw:
            for field in fields:
                old = before.get(field.attname)
                if old and old != now.get(field.attname, old):
                    _delete_after_commit(field, old, instance)
        instance.__dict__[_REMEMBERED] = now

    def after_delete(sender, instance, **kwargs):
        for field in fields:
            _delete_after_commit(field, _names(instance, [field]).get(field.attname), instance)

    uid = f"stored_files:{model._meta.label_lower}"
    models.signals.post_init.connect(remember, sender=model, weak=False, dispatch_uid=uid)
    models.signals.post_save.connect(after_save, sender=model, weak=False, dispatch_uid=uid)
    models.signals.post_delete.connect(after_delete, sender=model, weak=False, dispatch_uid=uid)
