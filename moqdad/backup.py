"""A complete, versioned backup of the application: every row and every media file.

The archive is a .tar.gz holding

    manifest.json   format name and version, when and by which Django it was made, the applied
                    migrations, the row count of every model, the SHA-256 of data.json and of
                    every media file
    data.json       `dumpdata` of every model (foreign keys to content types and permissions by
                    natural key, so it loads into a freshly migrated database)
    media/...       the media files, under their stored names

Left out on purpose: content types and permissions (the migrations make them again), sessions
(a restored site logs everyone out) and django-axes' login attempts (transient lock state).

`restore` loads an archive into an empty database: it migrates, checks that the archive's
migrations are all known to this code, wipes the tables in one transaction with the load, puts
the media back byte for byte and verifies every count and checksum. For a production
PostgreSQL, `pg_dump` of the database plus a copy of the media storage is the primary backup;
this format is the one that moves between SQLite and PostgreSQL and that the tests prove.
"""

import datetime
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path

import django
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

# Rows are written with full-precision times; loaddata reads them as ordinary JSON.
SERIALIZATION_FORMAT = "precise-json"
serializers.register_serializer(SERIALIZATION_FORMAT, "moqdad.precise_json")

FORMAT = "moqdad-backup"
FORMAT_VERSION = 1
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes"]
_EXCLUDED_APPS = {"contenttypes", "sessions", "axes"}
_EXCLUDED_MODELS = {"auth.permission"}


class BackupError(Exception):
    pass


def backed_up_models():
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in _EXCLUDED_APPS or label in _EXCLUDED_MODELS:
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        yield model


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _applied_migrations(database: str) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connections[database]).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _media_names(storage, folder: str = "") -> list[str]:
    # A bucket lists "" as its root; a media folder never created lists as missing. (A bucket
    # has no "exists" for its root: django-storages would ask S3 for an object named "".)
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}{name}" for name in files]
    for directory in directories:
        names += _media_names(storage, f"{folder}{directory}/")
    return sorted(names)


def row_counts() -> dict[str, int]:
    return {model._meta.label_lower: model._base_manager.count() for model in backed_up_models()}


def backup_write(*, path: Path, database: str = DEFAULT_DB_ALIAS, storage=None) -> dict:
    """Write the archive to `path`; return its manifest."""
    storage = storage or default_storage
    with tempfile.TemporaryDirectory(prefix="moqdad-backup-") as work:
        work = Path(work)
        data_path = work / "data.json"
        connection = connections[database]
        snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
        # One snapshot: on PostgreSQL the counts and the dump see the same rows.
        with transaction.atomic(using=database):
            if snapshot:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            call_command(
                "dumpdata",
                exclude=EXCLUDED,
                format=SERIALIZATION_FORMAT,
                natural_foreign=True,
                use_base_manager=True,
                database=database,
                output=str(data_path),
                verbosity=0,
            )
            counts = row_counts()
            applied = _applied_migrations(database)
        media = []
        for name in _media_names(storage):
            target = work / "media" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name, "rb") as source, target.open("wb") as copy:
                shutil.copyfileobj(source, copy)
            media.append({"name": name, "size": target.stat().st_size, "sha256": _sha256(target)})
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "django_version": django.get_version(),
            "database_vendor": connections[database].vendor,
            "migrations": applied,
            "row_counts": counts,
            "data_sha256": _sha256(data_path),
            "media": media,
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / "manifest.json", arcname="manifest.json")
            archive.add(data_path, arcname="data.json")
            if media:
                archive.add(work / "media", arcname="media")
        partial.replace(path)
    return manifest


def backup_read_manifest(path: Path) -> dict:
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile("manifest.json")
            manifest = json.load(io.TextIOWrapper(member, encoding="utf-8"))
    except (OSError, KeyError, tarfile.TarError, ValueError) as exc:
        raise BackupError(f"{path} is not a moqdad backup archive ({exc}).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a moqdad backup archive.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Archive format version {manifest.get('format_version')} is not supported; "
            f"this code reads version {FORMAT_VERSION}."
        )
    return manifest


def database_is_empty(database: str = DEFAULT_DB_ALIAS) -> bool:
    """No accounts and no change history: nothing but what the migrations put there."""
    if get_user_model()._default_manager.db_manager(database).exists():
        return False
    history_models = [m for m in backed_up_models() if m.__name__.startswith("Historical")]
    return not any(m._base_manager.db_manager(database).exists() for m in history_models)


def _check_migrations(manifest: dict, database: str) -> None:
    known = set(MigrationLoader(connections[database], ignore_no_migrations=True).disk_migrations)
    archived = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    unknown = sorted(archived - known)
    if unknown:
        listed = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(
            f"The archive was made by a newer version of the application (unknown migrations: "
            f"{listed}). Restore it with that version."
        )


def _set_constraints(database: str, mode: str) -> None:
    with connections[database].cursor() as cursor:
        cursor.execute(f"SET CONSTRAINTS ALL {mode}")  # noqa: S608 - mode is a literal


def backup_restore(
    *, path: Path, database: str = DEFAULT_DB_ALIAS, storage=None, force: bool = False
) -> dict:
    """Load the archive at `path` into the database and media storage; return its manifest."""
    storage = storage or default_storage
    manifest = backup_read_manifest(path)
    _check_migrations(manifest, database)
    call_command("migrate", database=database, interactive=False, verbosity=0)
    if not force and not database_is_empty(database):
        raise BackupError(
            "The database is not empty (it has accounts or change history). Restore into an "
            "empty database, or pass --force to replace everything in it."
        )
    with tempfile.TemporaryDirectory(prefix="moqdad-restore-") as work:
        work = Path(work)
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(work, filter="data")
        data_path = work / "data.json"
        if _sha256(data_path) != manifest["data_sha256"]:
            raise BackupError("data.json does not match its checksum: the archive is damaged.")
        for entry in manifest["media"]:
            if _sha256(work / "media" / entry["name"]) != entry["sha256"]:
                raise BackupError(f"Media file {entry['name']} is damaged in the archive.")
        postgresql = connections[database].vendor == "postgresql"
        with transaction.atomic(using=database):
            if postgresql:
                # TRUNCATE refuses tables with deferred foreign-key checks still pending in
                # this transaction: run them now, and defer again for the load.
                _set_constraints(database, "IMMEDIATE")
            call_command("flush", database=database, interactive=False, verbosity=0)
            if postgresql:
                _set_constraints(database, "DEFERRED")
            call_command("loaddata", str(data_path), database=database, verbosity=0)
            counts = row_counts()
            if counts != manifest["row_counts"]:
                differing = sorted(
                    label
                    for label in set(counts) | set(manifest["row_counts"])
                    if counts.get(label) != manifest["row_counts"].get(label)
                )
                raise BackupError(f"Row counts differ after loading: {', '.join(differing)}.")
        for entry in manifest["media"]:
            name = entry["name"]
            if storage.exists(name):
                storage.delete(name)
            with (work / "media" / name).open("rb") as stream:
                saved = storage.save(name, File(stream, name=name))
            if saved != name:
                raise BackupError(f"Media file {name} was stored as {saved}.")
    return manifest
