"""Write a complete, versioned backup archive (database rows and media files)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from moqdad.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Write every row and every media file to a .tar.gz archive that `restore` reads."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="Archive to write (default: moqdad-backup-<UTC time>.tar.gz here).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, path=None, database=DEFAULT_DB_ALIAS, **options):
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        target = Path(path or f"moqdad-backup-{stamp}.tar.gz")
        if target.exists():
            raise CommandError(f"{target} exists; choose another name.")
        try:
            manifest = backup_write(path=target, database=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            f"{target}: {rows} rows in {len(manifest['row_counts'])} models, "
            f"{len(manifest['media'])} media files (format {manifest['format_version']})"
        )
