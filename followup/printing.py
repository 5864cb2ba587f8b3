"""The follow-up's print documents: the «نظام مسائل محلات» book and the post-exhibition report.
They are `exhibition.printing.Document`s (one HTML page, the same page as a PDF through
WeasyPrint, reading only local files), laid out by static/followup/publication.css."""

from django.utils import timezone

from exhibition.models import Exhibition
from exhibition.printing import Document
from exhibition.selectors import demo_data_shown
from followup.selectors.book import problems_book

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
