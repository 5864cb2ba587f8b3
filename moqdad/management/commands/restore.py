"""Restore a `backup` archive into an empty database (or replace everything with --force)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from moqdad.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Load a backup archive: migrate, load every row, put the media files back, verify."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Archive written by `manage.py backup`.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the contents of a database that is not empty.",
        )

    def handle(self, *args, path, database=DEFAULT_DB_ALIAS, force=False, **options):
        if not Path(path).is_file():
            raise CommandError(f"{path} does not exist.")
        try:
            manifest = backup_restore(path=Path(path), database=database, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            f"restored {rows} rows and {len(manifest['media'])} media files "
            f"from a backup made {manifest['created_at']}"
        )
