"""Reading text back from a PDF for assertions.

pypdf gives right-to-left lines with their words in an order of its own and, at times, a
run of digits reversed (۱۰۴۱ for ۱۴۰۱). A phrase counts as present when one extracted line
holds all its words, a digit run read either way, after NFKC normalization. Cells of a
table row may come out glued together, so letters and digits are compared as separate runs
and punctuation and ZWNJ are ignored.
"""

import io
import re
import unicodedata

import pypdf


def pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


_RUNS = re.compile(r"\d+|[^\W\d_]+")


def _runs(text: str) -> list[str]:
    return _RUNS.findall(unicodedata.normalize("NFKC", text).replace("\u200c", ""))


def _words(line: str) -> set[str]:
    words = set()
    for run in _runs(line):
        words.add(run)
        if run.isdigit():
            words.add(run[::-1])
    return words


def has_phrase(text: str, phrase: str) -> bool:
    wanted = _runs(phrase)
    return any(all(word in _words(line) for word in wanted) for line in text.splitlines())
