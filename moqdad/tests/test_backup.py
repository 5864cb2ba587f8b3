"""A backup restored into an empty database gives back every row and every file, identical."""

import hashlib
import io
import json
import shutil
import tarfile

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from exhibition.models import BoothPhoto
from exhibition.tests.factories import (
    BoothFactory,
    BoothHolderFactory,
    ContactRequestFactory,
    ScheduleItemFactory,
    StrataBaseFactory,
)
from martyrs.tests.factories import CorrectionSuggestionFactory, MartyrFactory, VeteranTallyFactory
from moqdad import backup
from neighborhoods.models import StaffProfile
from neighborhoods.tests.factories import (
    ActionPlanFactory,
    AgencyFactory,
    IdentityElementFactory,
    InitiativeFactory,
    ProfileIndicatorFactory,
    VulnerabilityFlagFactory,
    council_with_members,
)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _photo(name="p.jpg", size=(640, 480)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 60)).save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), "image/jpeg")


def _fill_every_app(django_user_model):
    organizer = django_user_model.objects.create_user("organizer", password="pass-Word-123")
    group = Group.objects.create(name="گروه آزمایشی پشتیبان‌گیری")
    group.permissions.set(Permission.objects.filter(codename__startswith="change_booth"))
    organizer.groups.add(group)
    StaffProfile.objects.create(user=organizer, agency=AgencyFactory(), phone="09120000000")
    council = council_with_members(7)
    neighborhood = council.neighborhood
    ProfileIndicatorFactory(neighborhood=neighborhood)
    VulnerabilityFlagFactory(neighborhood=neighborhood)
    ActionPlanFactory(problem__neighborhood=neighborhood)
    InitiativeFactory(neighborhood=neighborhood)
    IdentityElementFactory(neighborhood=neighborhood, photo=_photo("shrine.jpg"))
    martyr = MartyrFactory(neighborhood=neighborhood, photo=_photo("martyr.jpg", (300, 400)))
    VeteranTallyFactory(neighborhood=neighborhood)
    CorrectionSuggestionFactory(martyr=martyr)
    booth = BoothFactory(neighborhood=neighborhood, strata_base=StrataBaseFactory())
    BoothHolderFactory(booth=booth, user=organizer)
    BoothPhoto.objects.create(booth=booth, image=_photo("gallery.jpg"), caption="نمای غرفه")
    ScheduleItemFactory()
    ContactRequestFactory(booth=booth)
    booth.name = "غرفهٔ ویرایش‌شده"
    booth.save()
    LogEntry.objects.create(
        user=organizer,
        content_type=ContentType.objects.get_for_model(booth),
        object_id=str(booth.pk),
        object_repr=str(booth),
        action_flag=ADDITION,
        change_message="[]",
    )


def _snapshot(media_root) -> dict:
    state = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in {"sessions", "axes"}:
            continue
        rows = model._base_manager.order_by("pk")
        if model in (ContentType, Permission):
            state[label] = sorted(row.natural_key() for row in rows)
        else:
            state[label] = serializers.serialize("python", rows, use_natural_foreign_keys=True)
    state["media"] = {
        str(path.relative_to(media_root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media_root.rglob("*"))
        if path.is_file()
    }
    return state


def _empty_everything(media_root):
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root)


def test_restore_into_empty_database_gives_back_every_row_and_file(
    transactional_db, django_user_model, edition, tmp_path, _media_root
):
    _fill_every_app(django_user_model)
    before = _snapshot(_media_root)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    _empty_everything(_media_root)
    assert backup.database_is_empty()

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    after = _snapshot(_media_root)
    assert after == before
    assert len(before["media"]) == 9  # 3 photos, each with 2 variants
    assert len(before["martyrs.historicalmartyr"]) == 1
    assert "restored" in out.getvalue()


def test_archive_manifest_names_format_migrations_and_counts(db, edition, tmp_path, _media_root):
    MartyrFactory()
    archive = tmp_path / "backup.tar.gz"

    call_command("backup", str(archive), stdout=io.StringIO())

    manifest = backup.backup_read_manifest(archive)
    assert manifest["format"] == "moqdad-backup"
    assert manifest["format_version"] == 1
    assert "0001_initial" in manifest["migrations"]["martyrs"]
    assert manifest["row_counts"]["martyrs.martyr"] == 1
    assert manifest["row_counts"]["exhibition.exhibition"] == 1
    assert "sessions.session" not in manifest["row_counts"]
    with tarfile.open(archive) as contents:
        assert {"manifest.json", "data.json"} <= set(contents.getnames())


def test_restore_refuses_a_database_that_is_not_empty(
    db, django_user_model, edition, tmp_path, _media_root
):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    django_user_model.objects.create_user("someone")

    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(archive), stdout=io.StringIO())

    assert django_user_model.objects.filter(username="someone").exists()


def test_restore_with_force_replaces_a_database_that_is_not_empty(
    db, django_user_model, edition, tmp_path, _media_root
):
    martyr = MartyrFactory()
    martyr_pk = martyr.pk
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    django_user_model.objects.create_user("someone")
    martyr.delete()

    call_command("restore", str(archive), "--force", stdout=io.StringIO())

    assert not django_user_model.objects.filter(username="someone").exists()
    assert type(martyr).objects.filter(pk=martyr_pk).exists()


def _rewrite_manifest(archive, tmp_path, **changes):
    edited = tmp_path / "edited.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(edited, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name == "manifest.json":
                manifest = json.loads(data)
                manifest.update(changes)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data) if data is not None else None)
    return edited


def test_restore_refuses_another_format_version(db, edition, tmp_path, _media_root):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    edited = _rewrite_manifest(archive, tmp_path, format_version=2)

    with pytest.raises(CommandError, match="Archive format version 2 is not supported"):
        call_command("restore", str(edited), stdout=io.StringIO())


def test_restore_refuses_an_archive_from_a_newer_schema(db, edition, tmp_path, _media_root):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    manifest = backup.backup_read_manifest(archive)
    manifest["migrations"]["martyrs"].append("0999_from_the_future")
    edited = _rewrite_manifest(archive, tmp_path, migrations=manifest["migrations"])

    with pytest.raises(CommandError, match="martyrs.0999_from_the_future"):
        call_command("restore", str(edited), stdout=io.StringIO())


def test_restore_refuses_a_damaged_archive(db, edition, tmp_path, _media_root):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    edited = _rewrite_manifest(archive, tmp_path, data_sha256="0" * 64)
    call_command("flush", interactive=False, verbosity=0)

    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(edited), stdout=io.StringIO())


def test_restore_refuses_a_file_that_is_not_an_archive(db, tmp_path):
    not_an_archive = tmp_path / "notes.tar.gz"
    not_an_archive.write_text("hello")

    with pytest.raises(CommandError, match="is not a moqdad backup archive"):
        call_command("restore", str(not_an_archive), stdout=io.StringIO())
