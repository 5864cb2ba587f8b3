"""Persian text: one normalization for every search, and digits for display.

`normalize_for_search` maps every spelling variant a Persian reader treats as the same word
to one key: Arabic yeh/kaf and their Persian forms, heh and teh marbuta, alef and hamza forms,
diacritics and tatweel, ZWNJ and the space inside compound names (کبیری‌پور = کبیری پور =
کبیریپور), and Persian, Arabic-Indic and Latin digits. Search columns store the key; queries
are normalized the same way, so matching works identically on SQLite and PostgreSQL.
"""

import re
import unicodedata

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_LATIN_DIGITS = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, LATIN_DIGITS * 2)
_TO_PERSIAN_DIGITS = str.maketrans(LATIN_DIGITS + ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)

_LETTER_MAP = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh
        "ى": "ی",  # alef maksura
        "ئ": "ی",  # yeh with hamza
        "ك": "ک",  # Arabic kaf
        "ة": "ه",  # teh marbuta
        "ۀ": "ه",  # heh with yeh above
        "ۃ": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ء": "",
        "ـ": "",  # tatweel
        "\u200c": "",  # ZWNJ
        "\u200d": "",  # ZWJ
        "\u200e": "",
        "\u200f": "",
        "\u00ad": "",
    }
)
# Arabic diacritics (fathatan .. sukun, superscript alef) and Quranic marks.
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_NON_WORD = re.compile(r"[^\w]+")


def to_latin_digits(text: str) -> str:
    return text.translate(_TO_LATIN_DIGITS)


def to_persian_digits(value) -> str:
    """Persian digits for display in Persian text; accepts numbers and strings."""
    return str(value).translate(_TO_PERSIAN_DIGITS)


def normalize_for_search(text: str | None) -> str:
    """The search key of `text`: variants of one word give the same key.

    Spaces are removed altogether, so a compound written with a space, a ZWNJ or joined
    gives one key; words stay findable as substrings of the key.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    text = text.translate(_LETTER_MAP)
    text = _DIACRITICS.sub("", text)
    text = to_latin_digits(text).casefold()
    return _NON_WORD.sub("", text).replace("_", "")


def clean_user_text(text: str) -> str:
    """Drop control characters (but keep newlines and tabs) from text a visitor typed."""
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs", "Co")
    )
