"""The follow-up's print documents: the «نظام مسائل محلات» book and the post-exhibition report.
They are `exhibition.printing.Document`s (one HTML page, the same page as a PDF through
WeasyPrint, reading only local files), laid out by static/followup/publication.css."""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from exhibition.models import Exhibition
from exhibition.printing import Document
from exhibition.selectors import demo_data_shown
from followup.selectors.book import problems_book
from followup.selectors.report import post_exhibition_report
from moqdad import charts, jalali

# Past this many problem entries the table of contents lists the chapters only.
TOC_ENTRY_LIMIT = 60


def book_document(*, exhibition: Exhibition) -> Document:
    book = problems_book()
    entries = sum(len(chapter.entries) for chapter in book.chapters)
    return Document(
        "followup/print/book.html",
        {
            "exhibition": exhibition,
            "printed_at": timezone.now(),
            "book": book,
            "show_entries_in_toc": entries <= TOC_ENTRY_LIMIT,
            "is_synthetic": demo_data_shown(),
        },
        f"neighborhood-problems-{exhibition.slug}.pdf",
    )


# The shared chart (moqdad/charts.py, templates/_chart.html) drawn into a PDF. WeasyPrint colours
# an inline SVG from its own attributes only (not from the page's stylesheet), and lays SVG text
# out letter by letter, which would break Persian words: `_chart.html` with `for_print` gives the
# drawing presentation attributes (not inline styles: the page's CSP holds) and leaves out its
# labels, which are set as HTML where the chart's geometry leaves room for them
# (publication.css; a bar chart's rows and a column chart's foot have fixed sizes).
def print_chart(chart, chart_id: str) -> str:
    labels = (
        [column.label for column in chart.columns]
        if chart.kind == "column"
        else [row.short_label for row in chart.rows]
    )
    return render_to_string(
        "followup/print/_chart.html", {"chart": chart, "chart_id": chart_id, "labels": labels}
    )


def report_charts(report) -> dict:
    rtl = translation.get_language_bidi()
    charts_ = {
        "attendance": charts.column_chart(
            title=_("Visitors by day"),
            columns=[(jalali.format_date(day.day), day.visitors, 1) for day in report.attendance],
            rtl=rtl,
        ),
        "status": charts.bar_chart(
            title=_("Commitments by status"),
            rows=[(line.label, list(line.figures)) for line in report.by_status],
            series_labels=[_("commitments")],
            rtl=rtl,
        ),
    }
    if report.by_kind:
        charts_["kind"] = charts.bar_chart(
            title=_("Commitments by kind"),
            rows=[(line.label, list(line.figures)) for line in report.by_kind],
            series_labels=[_("made"), _("fulfilled")],
            rtl=rtl,
            stacked=False,
        )
    return {key: print_chart(chart, f"chart-{key}") for key, chart in charts_.items()}


def report_document(*, exhibition: Exhibition, user) -> Document:
    report = post_exhibition_report(exhibition=exhibition, user=user)
    return Document(
        "followup/print/report.html",
        {
            "exhibition": exhibition,
            "printed_at": timezone.now(),
            "report": report,
            "charts": report_charts(report),
            "reader": user,
            "is_synthetic": demo_data_shown(),
        },
        f"post-exhibition-report-{exhibition.slug}.pdf",
    )
