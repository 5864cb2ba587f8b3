"""Compile and check the Persian catalogues without GNU gettext (polib does the work).

    manage.py translations compile   # every locale/*/LC_MESSAGES/django.po -> .mo
    manage.py translations check     # fail on an untranslated or fuzzy Persian entry
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogues(language: str | None = None):
    roots = [Path(settings.BASE_DIR)]
    for root in roots:
        for po in sorted(root.glob("**/locale/*/LC_MESSAGES/*.po")):
            if ".venv" in po.parts or "site-packages" in po.parts:
                continue
            if language and po.parent.parent.name != language:
                continue
            yield po


class Command(BaseCommand):
    help = "Compile the .po catalogues to .mo, or check that the Persian one is complete."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["compile", "check"])

    def handle(self, *args, action, **options):
        if action == "compile":
            for po_path in catalogues():
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
            return
        problems = []
        found = False
        for po_path in catalogues("fa"):
            found = True
            po = polib.pofile(str(po_path))
            rel = po_path.relative_to(settings.BASE_DIR)
            for entry in po.untranslated_entries():
                problems.append(f"{rel}: untranslated: {entry.msgid!r}")
            for entry in po.fuzzy_entries():
                problems.append(f"{rel}: fuzzy: {entry.msgid!r}")
        if not found:
            raise CommandError("No Persian catalogue found.")
        if problems:
            raise CommandError("Incomplete Persian catalogue:\n" + "\n".join(problems))
        self.stdout.write("The Persian catalogue is complete.")
