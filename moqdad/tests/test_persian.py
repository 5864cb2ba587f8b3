"""The search key: one key for every spelling a Persian reader treats as the same word."""

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moqdad.persian import (
    ARABIC_INDIC_DIGITS,
    LATIN_DIGITS,
    PERSIAN_DIGITS,
    normalize_for_search,
    to_persian_digits,
)

PROPERTIES = settings(database=None, deadline=None, max_examples=300)

PERSIAN_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"  # fathatan .. sukun
# Each Persian letter and the other ways it is typed (Arabic keyboards, older fonts, hamza).
LETTER_VARIANTS = {
    "ی": ["ی", "ي", "ى", "ئ"],
    "ک": ["ک", "ك"],
    "ه": ["ه", "ة", "ۀ", "ہ"],
    "ا": ["ا", "أ", "إ", "آ", "ٱ"],
    "و": ["و", "ؤ"],
}
DIGIT_SETS = [PERSIAN_DIGITS, ARABIC_INDIC_DIGITS, LATIN_DIGITS]

persian_words = st.text(alphabet=PERSIAN_LETTERS, min_size=1, max_size=12)
names = st.lists(persian_words, min_size=1, max_size=4)


@st.composite
def spelled(draw, words):
    """One way of writing `words`: letter variants, diacritics, tatweel, and any join."""
    written = []
    for word in words:
        letters = []
        for letter in word:
            letters.append(draw(st.sampled_from(LETTER_VARIANTS.get(letter, [letter]))))
            if draw(st.integers(0, 4)) == 0:
                letters.append(draw(st.sampled_from(DIACRITICS + "ـ")))
        written.append("".join(letters))
    joins = [draw(st.sampled_from(["", " ", "\u200c", "  ", "\u200c "])) for _ in words[1:]]
    text = written[0]
    for join, word in zip(joins, written[1:], strict=True):
        text += join + word
    return text


@PROPERTIES
@given(st.text())
def test_normalize_for_search_is_idempotent(text):
    key = normalize_for_search(text)

    assert normalize_for_search(key) == key


@PROPERTIES
@given(st.text())
def test_normalize_for_search_key_has_no_space_joiner_or_diacritic(text):
    key = normalize_for_search(text)

    assert not set(key) & set(" \t\n\u200c\u200dـ" + DIACRITICS + PERSIAN_DIGITS)


@PROPERTIES
@given(names.flatmap(lambda words: st.tuples(spelled(words), spelled(words))))
def test_normalize_for_search_variants_of_a_name_give_one_key(pair):
    first, second = pair

    assert normalize_for_search(first) == normalize_for_search(second)


@PROPERTIES
@given(names)
def test_normalize_for_search_keeps_the_letters_of_a_plain_name(words):
    assert normalize_for_search(" ".join(words)) == "".join(words).replace("آ", "ا")


@PROPERTIES
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(DIGIT_SETS))
def test_normalize_for_search_digits_of_every_script_are_equal(number, digits):
    written = str(number).translate(str.maketrans(LATIN_DIGITS, digits))

    assert normalize_for_search(written) == str(number)


@PROPERTIES
@given(persian_words, persian_words)
def test_normalize_for_search_a_word_stays_a_substring_of_a_compound(first, second):
    compound = normalize_for_search(f"{first}\u200c{second}")

    assert normalize_for_search(second) in compound


@pytest.mark.parametrize(
    "variant",
    ["کبیری‌پور", "کبیری پور", "کبیریپور", "كبيري پور", "كبيرى‌پور", "کَبیری‌پـــور"],
)
def test_normalize_for_search_compound_surname_variants(variant):
    assert normalize_for_search(variant) == "کبیریپور"


@pytest.mark.parametrize(
    ("variant", "key"),
    [
        ("فاطمة", "فاطمه"),
        ("خانۀ", "خانه"),
        ("مسئول", "مسیول"),
        ("مسؤول", "مسوول"),
        ("أحمد", "احمد"),
        ("إسماعیل", "اسماعیل"),
        ("آرش", "ارش"),
        ("مُحَمَّد", "محمد"),
        ("علیٰ", "علی"),
        ("شهداء", "شهدا"),
        ("۱۳۶۵", "1365"),
        ("١٣٦٥", "1365"),
        ("Reza KARIMI", "rezakarimi"),
        ("ﻣﺤﻤﺪ", "محمد"),  # Arabic presentation forms from an old PDF
    ],
)
def test_normalize_for_search_maps_spelling_variants(variant, key):
    assert normalize_for_search(variant) == key


@pytest.mark.parametrize("empty", [None, "", "   ", "\u200c", "ـ"])
def test_normalize_for_search_empty_text_gives_empty_key(empty):
    assert normalize_for_search(empty) == ""


def test_to_persian_digits_converts_latin_and_arabic_indic():
    assert to_persian_digits("1401 و ١٤٠١") == "۱۴۰۱ و ۱۴۰۱"


def test_normalize_for_search_punctuation_is_not_part_of_the_key():
    assert normalize_for_search("سید-محمد (حسینی)، " + string.punctuation) == "سیدمحمدحسینی"
