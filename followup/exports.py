"""Spreadsheets for the organizers and partners (XLSX, openpyxl): the selection tool's ranking
and the post-exhibition report's tables. Persian headers, right-to-left sheets."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from followup.selectors.selection import Selection


def _sheet(workbook, title: str, headers: list[str], rows: list[list]):
    sheet = workbook.create_sheet(title=title[:31])
    sheet.sheet_view.rightToLeft = True
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    return sheet


def _bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def selection_workbook(result: Selection) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    years = result.years
    headers = [
        _("Rank"),
        _("Neighborhood"),
        _("Municipal district"),
        _("Joined in phase"),
        _("Selected for the exhibition"),
        _("Bodies flagging it in %(year)s") % {"year": result.year or "-"},
        _("Which bodies"),
        *[_("Overlap in %(year)s") % {"year": year} for year in years],
    ]
    rows = [
        [
            row.rank,
            row.neighborhood.name,
            row.neighborhood.district,
            row.neighborhood.phase.number if row.neighborhood.phase else None,
            _("yes") if row.neighborhood.is_selected else _("no"),
            row.overlap,
            "، ".join(row.bodies),
            *[row.overlap_in(year) for year in years],
        ]
        for row in result.rows
    ]
    _sheet(workbook, _("Selection"), headers, rows)
    _sheet(
        workbook,
        _("Phases"),
        [_("Phase"), _("Neighborhoods"), _("Selected"), _("Mean overlap")],
        [
            [line.phase.title, line.neighborhoods, line.selected, line.mean_overlap]
            for line in result.phases
        ],
    )
    return _bytes(workbook)


def report_workbook(report) -> bytes:
    """The report's tables, one sheet each, with the same figures as the PDF."""
    from moqdad import jalali

    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(
        workbook,
        _("Attendance"),
        [_("Day"), _("Visitors"), _("Guests"), _("Delegations"), _("Official visits")],
        [
            [jalali.format_numeric(day.day), day.visitors, day.guests_checked_in,
             day.delegations, day.official_visits]
            for day in report.attendance
        ],
    )  # fmt: skip
    _sheet(
        workbook,
        _("Status"),
        [_("Status"), _("Commitments")],
        [[line.label, *line.figures] for line in report.by_status],
    )
    _sheet(
        workbook,
        _("Kind"),
        [_("Kind"), _("Made"), _("Fulfilled")],
        [[line.label, *line.figures] for line in report.by_kind],
    )
    _sheet(
        workbook,
        _("Neighborhoods"),
        [_("Neighborhood"), _("Made"), _("Fulfilled"), _("Mean progress")],
        [[line.label, *line.figures] for line in report.by_neighborhood],
    )
    _sheet(
        workbook,
        _("Booths"),
        [_("Booth"), _("Contact requests"), _("Commitments"), _("Fulfilled")],
        [[line.label, *line.figures] for line in report.by_booth],
    )
    _sheet(
        workbook,
        _("Problems"),
        [_("Problem (neighborhood)"), _("Made"), _("Fulfilled")],
        [[line.label, *line.figures] for line in report.top_problems],
    )
    return _bytes(workbook)
