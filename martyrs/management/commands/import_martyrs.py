"""Import a big CSV sheet of martyrs, streaming it, all rows or none.

    manage.py import_martyrs martyrs.csv [--dry-run] [--chunk-size 1000]

The admin's import reads the whole sheet into memory and shows a preview, which suits
sheets up to `ADMIN_IMPORT_MAX_ROWS` rows. This command reads the file a chunk of rows at a
time, so memory stays flat on a 100,000-row file, and validates every row exactly as the
admin does (the same MartyrResource): one transaction for the whole file, rolled back if any
row is invalid or with --dry-run. Errors are printed in Persian with their row number.
"""

import csv
import itertools

import tablib
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from martyrs.resources import MartyrResource
from moqdad.persian import to_persian_digits as fa

MAX_REPORTED_ERRORS = 200


class _RollBack(Exception):
    pass


class Command(BaseCommand):
    help = "Import martyrs from a CSV file, streaming it; a file with one bad row imports none."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check every row; write none.")
        parser.add_argument("--chunk-size", type=int, default=1000)
        parser.add_argument("--encoding", default="utf-8-sig")

    def handle(self, *args, file, dry_run, chunk_size, encoding, **options):
        translation.activate("fa")
        resource = MartyrResource(remember_rows=False)
        errors: list[str] = []  # the first MAX_REPORTED_ERRORS; the rest are only counted
        error_count = 0
        totals = {"new": 0, "update": 0}
        try:
            with open(file, newline="", encoding=encoding) as stream, transaction.atomic():
                reader = csv.reader(stream)
                headers = next(reader, None)
                if not headers:
                    raise CommandError(_("The file is empty."))
                offset = 0
                while chunk := list(itertools.islice(reader, chunk_size)):
                    dataset = tablib.Dataset(*chunk, headers=list(headers))
                    result = resource.import_data(dataset, dry_run=False, file_name=str(file))
                    for message in self._errors(result, offset):
                        error_count += 1
                        if len(errors) < MAX_REPORTED_ERRORS:
                            errors.append(message)
                    totals["new"] += result.totals.get("new", 0)
                    totals["update"] += result.totals.get("update", 0)
                    offset += len(chunk)
                    self.stderr.write(f"{offset}", ending="\r")
                if error_count or dry_run:
                    raise _RollBack
        except _RollBack:
            pass
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise CommandError(_("The file could not be read: %(error)s") % {"error": exc}) from exc
        self.stderr.write("")
        for message in errors:
            self.stdout.write(message)
        if error_count:
            raise CommandError(
                _("%(count)s errors; no row was imported.") % {"count": fa(error_count)}
            )
        rows = fa(totals["new"] + totals["update"])
        if dry_run:
            self.stdout.write(
                _("Dry run: %(rows)s rows are valid; nothing was written.") % {"rows": rows}
            )
        else:
            self.stdout.write(
                _("%(rows)s rows imported: %(new)s new martyrs, %(updated)s updated.")
                % {"rows": rows, "new": fa(totals["new"]), "updated": fa(totals["update"])}
            )

    def _errors(self, result, offset):
        for error in result.base_errors:
            yield _("Error: %(error)s") % {"error": error.error}
        for number, row_errors in result.row_errors():
            for error in row_errors:
                yield _("Row %(row)s: %(error)s") % {
                    "row": fa(offset + number),
                    "error": error.error,
                }
        for row in result.invalid_rows:
            number = fa(offset + row.number)
            for column, messages in row.error_dict.items():
                for message in messages:
                    if column == NON_FIELD_ERRORS:
                        yield _("Row %(row)s: %(error)s") % {"row": number, "error": message}
                    else:
                        yield _("Row %(row)s, column «%(column)s»: %(error)s") % {
                            "row": number,
                            "column": column,
                            "error": message,
                        }
