"""Make the WebP variants of every stored image that lacks them (after an import or a restore
from before variants existed); `--all` remakes them all."""

from django.apps import apps
from django.core.management.base import BaseCommand

from moqdad.images import VARIANT_WIDTHS, SafeImageField, make_variants, variant_name


class Command(BaseCommand):
    help = "Make the WebP variants of stored images."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Remake existing variants too.")

    def handle(self, *args, all=False, **options):
        made = missing = 0
        for model in apps.get_models():
            fields = [f for f in model._meta.concrete_fields if isinstance(f, SafeImageField)]
            for field in fields:
                rows = model._default_manager.exclude(**{field.name: ""}).only("pk", field.name)
                for row in rows.iterator():
                    field_file = getattr(row, field.name)
                    if not field_file.storage.exists(field_file.name):
                        missing += 1
                        continue
                    names = [variant_name(field_file.name, width) for width in VARIANT_WIDTHS]
                    if all or not all_exist(field_file.storage, names):
                        make_variants(field_file)
                        made += 1
        self.stdout.write(f"variants made for {made} images; {missing} stored files missing")


def all_exist(storage, names) -> bool:
    return all(storage.exists(name) for name in names)
