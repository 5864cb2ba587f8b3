"""Persian text: one normalization for every search, and digits for display.

`normalize_for_search` maps every spelling variant a Persian reader treats as the same word
to one key: Arabic yeh/kaf and their Persian forms, heh and teh marbuta, alef and hamza forms,
diacritics and tatweel, ZWNJ and the space inside compound names (کبیری‌پور = کبیری پور =
کبیریپور), and Persian, Arabic-Indic and Latin digits. Search columns store the key; queries
are normalized the same way, so matching works identically on SQLite and PostgreSQL.
"""

import re
import unicodedata
from decimal import Decimal

from django import forms
from django.db import models
from django.utils import translation

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"
PERSIAN_THOUSANDS_SEPARATOR = "\u066c"  # ٬
PERSIAN_DECIMAL_SEPARATOR = "\u066b"  # ٫

_TO_LATIN_DIGITS = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, LATIN_DIGITS * 2)
_TO_PERSIAN_DIGITS = str.maketrans(LATIN_DIGITS + ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)

_LETTER_MAP = str.maketrans(
    {
        # yeh: Arabic yeh, alef maksura, yeh with hamza, and the forms other keyboards type
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ې": "ی",
        "ێ": "ی",
        "ۍ": "ی",
        "ے": "ی",
        # kaf
        "ك": "ک",
        "ڪ": "ک",
        # heh: teh marbuta, heh with yeh above (ezafe), heh goal, doachashmee and ae
        "ة": "ه",
        "ۀ": "ه",
        "ۃ": "ه",
        "ہ": "ه",
        "ھ": "ه",
        "ە": "ه",
        # alef forms
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        # hamza: on waw it reads as waw; alone, or high, it is left out
        "ؤ": "و",
        "ء": "",
        "ٴ": "",
        # tatweel, joiners and invisible marks
        "ـ": "",
        "\u200c": "",  # ZWNJ
        "\u200d": "",  # ZWJ
        "\u200e": "",  # LRM
        "\u200f": "",  # RLM
        "\u00ad": "",  # soft hyphen
    }
)
# Arabic diacritics (fathatan .. sukun, superscript alef) and Quranic marks.
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_NON_WORD = re.compile(r"[^\w]+")
_MAX_PASSES = 4


def to_latin_digits(text: str) -> str:
    return text.translate(_TO_LATIN_DIGITS)


def to_persian_digits(value) -> str:
    """Persian digits for display in Persian text; accepts numbers and strings."""
    return str(value).translate(_TO_PERSIAN_DIGITS)


def persian_is_active() -> bool:
    return (translation.get_language() or "fa").startswith("fa")


def in_active_language(persian: str, english: str = "") -> str:
    """A Persian-first value as the page's language shows it: its English text on an English
    page when there is one, the Persian otherwise."""
    if english and not persian_is_active():
        return english
    return persian


_PERSIAN_LETTERS = re.compile("[\u0600-\u06ff]")


def needs_own_direction(text: str) -> bool:
    """Persian text shown inside a page of another language: it must be marked
    `lang="fa" dir="rtl"` to read right to left with its punctuation."""
    return not persian_is_active() and bool(_PERSIAN_LETTERS.search(text))


def display_digits(value) -> str:
    """Text or a code («B-25», a year) with Persian digits when Persian is active; no grouping."""
    if value is None:
        return ""
    return to_persian_digits(value) if persian_is_active() else str(value)


def display_number(value) -> str:
    """A quantity as its reader expects it, on the web and in print alike: thousands grouped,
    and in Persian with Persian digits and separators («۴۰٬۲۰۰», «۳٫۵»). A decimal shows its
    significant places, a float one place; anything that is not a number is left as text."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        value = value.normalize()
        text = f"{value:,f}" if value != value.to_integral() else f"{int(value):,}"
    elif isinstance(value, float):
        text = f"{value:,.1f}".rstrip("0").rstrip(".")
    else:
        try:
            text = f"{int(value):,}"
        except (TypeError, ValueError):
            text = str(value)
    if not persian_is_active():
        return text
    text = text.replace(",", PERSIAN_THOUSANDS_SEPARATOR).replace(".", PERSIAN_DECIMAL_SEPARATOR)
    return to_persian_digits(text)


def normalize_for_search(text: str | None) -> str:
    """The search key of `text`: variants of one word give the same key.

    Spaces are removed altogether, so a compound written with a space, a ZWNJ or joined
    gives one key; words stay findable as substrings of the key. The key is a fixed point:
    normalizing it again gives it back.
    """
    if not text:
        return ""
    key = str(text)
    # Compatibility forms and case folding can each expose a character the other changes
    # (a presentation form that folds to a letter this map knows, say): repeat to a fixed
    # point, which real text reaches on the first or second pass.
    for _ in range(_MAX_PASSES):
        again = _normalize_once(key)
        if again == key:
            break
        key = again
    return key


def _normalize_once(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_LETTER_MAP)
    text = _DIACRITICS.sub("", text)
    text = "".join(_latin_digit(ch) for ch in text.casefold())
    return _NON_WORD.sub("", text).replace("_", "")


def _latin_digit(ch: str) -> str:
    """Any decimal digit (Persian, Arabic-Indic, Latin, or another script's) as a Latin one."""
    if ch.isascii():
        return ch
    value = unicodedata.decimal(ch, None)
    return ch if value is None else str(value)


def clean_user_text(text: str) -> str:
    """Drop control characters (but keep newlines and tabs) from text a visitor typed."""
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs", "Co")
    )


# Embedding, override and isolate controls: after U+202E, a name ending in "gnp.exe" reads as
# one ending in "exe.png". Persian text never needs them; the marks LRM, RLM and ALM, which only
# set the direction of the neutral characters beside them, are kept.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_bidi_controls(text: str) -> str:
    return _BIDI_CONTROLS.sub("", text)


def strip_bidi_controls_before_save(sender, instance, **kwargs):
    """pre_save: no stored text keeps an embedding, override or isolate control.

    Every write path (admin, imports, services, forms, commands) saves through the model, so
    this one handler covers them all; `QuerySet.update()` and `bulk_create()` bypass it.
    Stored file names cannot carry them: the server names every upload, and the storage's
    `get_valid_name` keeps only letters, digits, `-`, `_` and `.`."""
    for field in sender._meta.concrete_fields:
        value = instance.__dict__.get(field.attname)
        if isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
            instance.__dict__[field.attname] = strip_bidi_controls(value)


class PersianOptionsSelect(forms.Select):
    """A select whose Persian-only options (neighborhood and phase names) keep their direction on
    a page of another language: an `<option>` holds only text, so the mark goes on the option."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if needs_own_direction(str(label)):
            option["attrs"] = {**option["attrs"], "lang": "fa", "dir": "rtl"}
        return option
