"""Compile and check the Persian catalogues without GNU gettext (polib does the work).

    manage.py translations compile   # every locale/*/LC_MESSAGES/django.po -> .mo
    manage.py translations check     # fail on an untranslated or fuzzy Persian entry
    manage.py translations fill      # fill Persian entries from i18n/fa/*.json

The Persian wording lives in small JSON dictionaries under i18n/fa/ (English msgid -> Persian;
a list of two strings for a plural; a key `"context|msgid"` for a msgid given a context, as in
`{% translate "martyrs" context "count" %}`), one per area of the product, so that work on
different areas never edits the same lines; `make messages` extracts the catalogues and fills them.
"""

import json
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from moqdad.catalogue import catalogues


class Command(BaseCommand):
    help = "Compile the .po catalogues to .mo, or check that the Persian one is complete."
    # The system checks include "the compiled catalogue is there" (moqdad.catalogue): the
    # command that compiles it must run without it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["compile", "check", "fill"])

    def handle(self, *args, action, **options):
        if action == "compile":
            for po_path in catalogues():
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
            return
        if action == "fill":
            self.fill()
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

    def fill(self):
        wording = {}
        for path in sorted(Path(settings.BASE_DIR, "i18n", "fa").glob("*.json")):
            wording.update(json.loads(path.read_text(encoding="utf-8")))
        for po_path in catalogues("fa"):
            po = polib.pofile(str(po_path))
            po.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
            po.metadata["Language"] = "fa"
            po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
            for entry in po:
                if entry.obsolete:
                    continue
                text = wording.get(f"{entry.msgctxt}|{entry.msgid}") if entry.msgctxt else None
                if text is None:
                    text = wording.get(entry.msgid)
                if text is None:
                    continue
                if entry.msgid_plural:
                    forms = text if isinstance(text, list) else [text, text]
                    entry.msgstr_plural = {0: forms[0], 1: forms[-1]}
                else:
                    entry.msgstr = text if isinstance(text, str) else text[0]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            po.save()
        self.stdout.write(f"filled from {len(wording)} phrases")
