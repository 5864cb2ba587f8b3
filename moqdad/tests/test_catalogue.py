"""The compiled Persian catalogue is checked at start-up: without it pages would show English."""

import io
import os

import pytest
from django.core.management import call_command

from moqdad import catalogue
from moqdad.catalogue import compiled_catalogue_check
from moqdad.management.commands import translations


@pytest.fixture
def project(settings, tmp_path, monkeypatch):
    """A project of one Persian catalogue, in a temporary folder (Django's own translations
    keep reading the real catalogues)."""
    settings.BASE_DIR = tmp_path
    folder = tmp_path / "locale" / "fa" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "django.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Save"\nmsgstr "ذخیره"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(catalogue, "catalogues", lambda language=None: iter([po]))
    monkeypatch.setattr(translations, "catalogues", lambda language=None: iter([po]))
    return po


def test_catalogue_check_fails_when_the_persian_mo_is_missing(project):
    errors = compiled_catalogue_check()

    assert [error.id for error in errors] == ["moqdad.E020"]
    assert errors[0].hint == "Run `python manage.py translations compile`."


def test_catalogue_check_fails_when_the_persian_mo_is_older_than_its_po(project):
    mo = project.with_suffix(".mo")
    mo.write_bytes(b"")
    os.utime(mo, (1_000_000, 1_000_000))

    errors = compiled_catalogue_check()

    assert [error.id for error in errors] == ["moqdad.E021"]


def test_catalogue_check_passes_after_compiling(project):
    call_command("translations", "compile", stdout=io.StringIO())

    assert compiled_catalogue_check() == []


def test_catalogue_check_passes_on_the_compiled_project():
    assert compiled_catalogue_check() == []


def test_catalogue_check_is_registered(project):
    from django.core import checks

    errors = checks.run_checks()

    assert "moqdad.E020" in [error.id for error in errors]
