"""Arabic text tools for the course: normalisation views, digits, sentences and numbers.

Design
------
* **The raw text is never changed.** Every offset this module reports (``start``,
  ``end``) indexes the *raw* string, so ``text[start:end]`` always gives back exactly
  what the tool saw. Normalisation is a *view*: a second column (``text_norm``) that
  you keep beside the untouched ``text_raw``, never a replacement for it.
* **Each rule is visible and switchable.** :func:`normalize` applies six small rules,
  each with its own keyword so a lesson can turn one on at a time and look at what it
  merges. The rules follow Lucene's ``ArabicNormalizer`` (a widely used search
  engine's reference implementation), plus one rule for digits.
* **Three digit families.** Arabic text may write numbers in ASCII digits
  (``0123456789``), Arabic-Indic digits (``٠١٢٣٤٥٦٧٨٩``, U+0660-U+0669) or Persian,
  also called Extended Arabic-Indic, digits (``۰۱۲۳۴۵۶۷۸۹``, U+06F0-U+06F9). Every tool
  here accepts all three.
* **Results are tables.** :func:`split_sentences` and :func:`find_numbers` return
  pandas DataFrames with fixed columns and dtypes, even when nothing is found.
* **Plain regular expressions.** Only the standard library and pandas are used, so
  a learner can read every line. The patterns are compiled once, at import time.

Public functions
----------------
``normalize``          a normalised *view* of a text, each rule switchable
``to_ascii_digits``    Arabic-Indic and Persian digits to ASCII, same length
``split_glued_digits`` ``عام2016`` becomes ``عام 2016``
``split_sentences``    one row per sentence, with offsets into the raw text
``find_numbers``       one row per number: value, multiplier, percent, year or count;
                       with ``words=True`` also numbers in words (see ``number_words``)
"""

from __future__ import annotations

import re
import reprlib
from decimal import Decimal

import numpy as np
import pandas as pd

__all__ = [
    "find_numbers",
    "normalize",
    "split_glued_digits",
    "split_sentences",
    "to_ascii_digits",
]

# ---------------------------------------------------------------------------
# Character classes (bodies of regex [...] classes, so they can be combined)
# ---------------------------------------------------------------------------

# The three digit families: ASCII, Arabic-Indic (U+0660-U+0669), Persian (U+06F0-U+06F9).
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"

# Arabic letters: the basic block (hamza U+0621 to yeh U+064A, skipping tatweel
# U+0640), the extended letters used for Persian, Urdu and others (U+0671-U+06D3 and
# a few more), and the Arabic Supplement block (U+0750-U+077F).
_ARABIC_LETTER = (
    "\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5"
    "\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f"
)

# Marks written on top of letters: harakat and other Arabic combining marks
# (U+064B-U+065F), superscript alef (U+0670) and Quranic marks (U+06D6-U+06ED).
_ARABIC_MARK = "\u064b-\u065f\u0670\u06d6-\u06ed"

# Tatweel (U+0640), the stretching stroke: كـــتاب.
_TATWEEL = "\u0640"

# Everything that can be part of an Arabic word as typed.
_ARABIC_WORD_CHAR = _ARABIC_LETTER + _ARABIC_MARK + _TATWEEL

# ---------------------------------------------------------------------------
# Normalisation tables and patterns
# ---------------------------------------------------------------------------

# Hamza-on-alef forms أ (U+0623), إ (U+0625) and alef with madda آ (U+0622) -> bare ا.
_ALEF_TABLE = str.maketrans({"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627"})

# Alef maqsura ى (U+0649, the "dotless yeh") -> yeh ي (U+064A).
_ALEF_MAQSURA_TABLE = str.maketrans({"\u0649": "\u064a"})

# Teh marbuta ة (U+0629) -> heh ه (U+0647).
_TEH_MARBUTA_TABLE = str.maketrans({"\u0629": "\u0647"})

# Harakat / tashkeel: fathatan, dammatan, kasratan, fatha, damma, kasra, shadda,
# sukun (U+064B-U+0652), and superscript ("dagger") alef (U+0670).
_DIACRITIC_RE = re.compile("[\u064b-\u0652\u0670]")

# Tatweel (U+0640).
_TATWEEL_RE = re.compile(_TATWEEL)

# Arabic-Indic and Persian digits -> ASCII digits, one character for one character.
_DIGIT_TABLE = str.maketrans(
    "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9",
    "0123456789" * 2,
)

# Arabic decimal separator ٫ (U+066B), only when it sits between two digits: ٣٫٥.
_ARABIC_DECIMAL_SEPARATOR_RE = re.compile(rf"(?<=[{_DIGIT}])\u066b(?=[{_DIGIT}])")

# Arabic thousands separator ٬ (U+066C), only when it sits between two digits: ١٬٢٠٠.
_ARABIC_THOUSANDS_SEPARATOR_RE = re.compile(rf"(?<=[{_DIGIT}])\u066c(?=[{_DIGIT}])")

# ---------------------------------------------------------------------------
# Glued digits
# ---------------------------------------------------------------------------

# The empty position between an Arabic word character and a digit (عام|2016), or
# between a digit and an Arabic letter (40|ألف). Latin letters are not involved, so
# tokens such as "COVID19" or "MP4" are left alone.
_GLUED_DIGIT_RE = re.compile(
    rf"(?<=[{_ARABIC_WORD_CHAR}])(?=[{_DIGIT}])"
    rf"|(?<=[{_DIGIT}])(?=[{_ARABIC_LETTER}])"
)

# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------

# Where a sentence ends: a run of end marks (. ? ! and Arabic ؟ ؛), plus any closing
# quotes or brackets right after it; or a line break. A full stop with a digit on
# both sides is a decimal point (3.5), not an end mark.
_SENTENCE_END_RE = re.compile(
    rf"""
    (?:
        [?!\u061f\u061b]              # ? ! and Arabic question mark ؟ and semicolon ؛
      | (?<![{_DIGIT}])\.             # a full stop not preceded by a digit ...
      | \.(?![{_DIGIT}])              # ... or not followed by one
    )+
    [)\]}}"'\u00bb\u201d\u2019]*      # closing ) ] }} " ' » ” ’ stay with their sentence
    | [\n\r]                          # a line break also ends a sentence
    """,
    re.VERBOSE,
)

# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

# Horizontal space allowed between a number and its % sign or multiplier word
# (spaces, tabs, no-break spaces; never a line break).
_INLINE_SPACE = r"[^\S\r\n]*"

# A closing quote or bracket, allowed between a number and its multiplier word: «40» ألف.
_CLOSING_MARK = "[)\\]}\"'\u00bb\u201d\u2019]"

# The accusative ending of a multiplier word: ألفا, ألفاً, ألفًا (with or without tatweel).
_ACCUSATIVE = "(?:\u0640*ا\u064b?|\u064b\u0640*ا)?"


def _stretchable(letters: str) -> str:
    """A regex for a word that may be stretched with tatweel between its letters: ألـــف.

    ``letters`` is a regex of single letters or one-letter classes such as ``[أا]``.
    """
    pieces = re.findall(r"\[[^\]]*\]|.", letters)
    return "\u0640*".join(pieces)


# A number, with an optional percent sign or multiplier word after it.
_NUMBER_RE = re.compile(
    rf"""
    (?P<number>
        [{_DIGIT}]+                               # integer part: 761, ٧٦١, ۷۶۱
        (?:[,\u066c][{_DIGIT}]{{3}}(?![{_DIGIT}]))* # thousands groups: 1,200  ١٬٢٠٠
        (?:[.\u066b][{_DIGIT}]+)?                 # decimal part: 3.5  ٣٫٥
    )
    (?:
        {_INLINE_SPACE}
        (?:
            (?P<percent>[%\u066a])                # % or the Arabic percent sign ٪
          | {_CLOSING_MARK}?{_INLINE_SPACE}       # «40» ألف: a closing mark may come first
            (?P<multiplier>                       # a multiplier word, as a whole word
                (?P<thousand>{_stretchable("[أا]لف")}{_ACCUSATIVE}|{_stretchable("[آأا]لاف")})
              | (?P<million>{_stretchable("مليون")}{_ACCUSATIVE}|{_stretchable("ملايين")})
              | (?P<billion>{_stretchable("مليار")}{_ACCUSATIVE}|{_stretchable("مليارات")})
            )
            (?![{_ARABIC_LETTER}])                # not the start of a longer word (الفترة)
        )
    )?
    """,
    re.VERBOSE,
)

# Factor for each named multiplier group of _NUMBER_RE.
_MULTIPLIER_FACTORS = (("thousand", 1_000), ("million", 1_000_000), ("billion", 1_000_000_000))

# The (up to) two Arabic words just before a position, glued or separated by spaces:
# used with search(text, pos, endpos=number start), so \Z is the number's start.
_WORDS_BEFORE_RE = re.compile(
    rf"""
    (?<![{_ARABIC_WORD_CHAR}])                   # start at a word boundary
    (?:(?P<first>[{_ARABIC_WORD_CHAR}]+)\s+)?    # optional earlier word (كانون in كانون الثاني)
    (?P<last>[{_ARABIC_WORD_CHAR}]+)             # the word right before the number
    \s*\Z
    """,
    re.VERBOSE,
)

# How far back (in characters) to look for the words before a number.
_WORDS_BEFORE_WINDOW = 60

# Prefixes glued to a word: و "and", ف "so", ب "in", ل "for", ك "as", ال "the".
# Applied to normalised words: لعام -> عام, والعام -> عام, للعام -> عام.
_PROCLITIC_RE = re.compile(r"^[وف]?(?:[بلك]?ال|لل|[بلك])")

# What may stand between a year and the next year of a list: عامي 2014 و2015,
# 2014، 2015, 2014-2015, 2014 أو 2015.
_YEAR_LIST_LINK_RE = re.compile(r"\s*(?:[,\u060c]\s*و?|و|[أا]و|[-\u2013])\s*")

# Words that announce a year (written as in print; they are compared after normalize).
_YEAR_WORDS = (
    *("عام", "عامي", "أعوام", "سنة", "سنتي", "سنوات"),  # year, (the) two years of, years
    *("منتصف", "مطلع", "أوائل", "أواخر", "بداية", "نهاية"),  # mid, start, early, late, ...
    *("صيف", "شتاء", "ربيع", "خريف"),  # summer, winter, spring, autumn
)

# One-word month names.
_MONTH_WORDS = (
    # Egyptian and Gulf usage (Latin-derived names), with common spelling variants.
    *("يناير", "فبراير", "مارس", "أبريل", "إبريل", "مايو", "يونيو", "يونيه"),
    *("يوليو", "يوليه", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
    # Levantine and Iraqi usage.
    *("شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول"),
)

# Levantine and Iraqi month names of two words.
_TWO_WORD_MONTHS = ("كانون الثاني", "تشرين الأول", "تشرين الثاني", "كانون الأول")

# Inclusive range of numbers read as years.
_FIRST_YEAR, _LAST_YEAR = 1900, 2100

# Columns and dtypes of the tables this module returns.
_SENTENCE_DTYPES = {"start": "int64", "end": "int64", "text": "str"}
_NUMBER_DTYPES = {
    "start": "int64",
    "end": "int64",
    "raw": "str",
    "value": "float64",
    "is_percent": "bool",
    "multiplier": "int64",
    "kind": "str",
}
# With words=True: the same columns, then the range and the approximator.
_NUMBER_WORDS_DTYPES = {**_NUMBER_DTYPES, "low": "float64", "high": "float64", "approximator": "str"}


# ---------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------


def normalize(
    text: str,
    *,
    alef: bool = True,
    alef_maqsura: bool = True,
    teh_marbuta: bool = True,
    diacritics: bool = True,
    tatweel: bool = True,
    digits: bool = True,
) -> str:
    """Return a normalised *view* of ``text`` for searching and counting.

    Keep the result in its own column (``text_norm``) beside the raw text. It can be
    shorter than the raw text (marks are removed), so offsets found in it do not
    point into the raw text: always take offsets from the raw text.

    Each rule can be switched off by passing ``False``:

    * ``alef``: أ إ آ -> ا. Helps because writers often drop the hamza (this
      article writes both الإرهابي and الارهابي, and الي for إلى). Costs: different
      words merge, e.g. أمن "security" and آمن "safe" both become امن.
    * ``alef_maqsura``: ى -> ي. Helps because many keyboards and fonts show the two
      alike, so the article writes علي for على "on". Costs: على "on" and the name
      علي "Ali" become the same word.
    * ``teh_marbuta``: ة -> ه. Helps because final ة and ه are often interchanged
      (سنة / سنه). Costs: مدرسة "school" and مدرسه "his teacher" merge.
    * ``diacritics``: removes the harakat (tashkeel) U+064B-U+0652 (ً ٌ ٍ َ ُ ِ ّ ْ) and
      the superscript alef U+0670. Helps because most text is written without them,
      so a vowelled word would not match. Costs: عَلِمَ "he knew", عَلَّمَ "he taught"
      and عِلْم "science" all become علم.
    * ``tatweel``: removes the stretching stroke ـ (U+0640): تـــويتر -> تويتر.
      Helps because tatweel is decoration inside a word. Costs: only the look.
    * ``digits``: Arabic-Indic and Persian digits -> ASCII, see
      :func:`to_ascii_digits`. Helps because ٧٦١ and 761 then compare equal and
      pandas can parse them. Costs: you lose which digit family the writer used,
      itself a clue to where a text was typed.

    The first five rules follow Lucene's ``ArabicNormalizer``. The function is
    idempotent: ``normalize(normalize(t)) == normalize(t)``. It works on composed
    letters (as typed on Arabic keyboards); for text that may hold decomposed
    forms, apply ``unicodedata.normalize("NFC", text)`` first.

    >>> normalize("إلى علي في عام ٢٠١٦")
    'الي علي في عام 2016'
    >>> normalize("على", alef_maqsura=False)
    'على'
    >>> normalize("تـــويتر")
    'تويتر'
    """
    _require_str(text, "normalize")
    # Removals first, so that a digit separator freed by a removal (١ـ٫٢) is
    # already between digits when the digit rule runs: this keeps the rules idempotent.
    if diacritics:
        text = _DIACRITIC_RE.sub("", text)
    if tatweel:
        text = _TATWEEL_RE.sub("", text)
    if alef:
        text = text.translate(_ALEF_TABLE)
    if alef_maqsura:
        text = text.translate(_ALEF_MAQSURA_TABLE)
    if teh_marbuta:
        text = text.translate(_TEH_MARBUTA_TABLE)
    if digits:
        text = to_ascii_digits(text)
    return text


def to_ascii_digits(text: str) -> str:
    """Rewrite Arabic-Indic (٠-٩) and Persian (۰-۹) digits as ASCII digits 0-9.

    The Arabic decimal separator ٫ becomes ``.`` and the Arabic thousands separator
    ٬ becomes ``,``, but only between two digits; everything else is unchanged.
    Each character is replaced by exactly one character, so the result has the
    same length as ``text`` and offsets stay valid. ``pandas.to_numeric`` cannot
    parse ``'٧٦١'``, but it can parse the result.

    >>> to_ascii_digits("من٧٦١ الي ۱۹۴")
    'من761 الي 194'
    >>> to_ascii_digits("٣٫٥ مليون و١٬٢٠٠")
    '3.5 مليون و1,200'
    """
    _require_str(text, "to_ascii_digits")
    text = _ARABIC_DECIMAL_SEPARATOR_RE.sub(".", text)
    text = _ARABIC_THOUSANDS_SEPARATOR_RE.sub(",", text)
    return text.translate(_DIGIT_TABLE)


def split_glued_digits(text: str) -> str:
    """Insert a space wherever an Arabic word and a number are written glued together.

    Works in both directions and for all three digit families. Latin tokens such as
    ``COVID19`` are left alone. Run this before splitting a text into words, or
    ``عام2016`` stays one "word".

    >>> split_glued_digits("من761 في عام2016 بنسبة50%")
    'من 761 في عام 2016 بنسبة 50%'
    >>> split_glued_digits("أكثر من40ألف")
    'أكثر من 40 ألف'
    """
    _require_str(text, "split_glued_digits")
    return _GLUED_DIGIT_RE.sub(" ", text)


def split_sentences(text: str) -> pd.DataFrame:
    """Split ``text`` into sentences, with character offsets into the raw text.

    A sentence ends at ``.`` ``?`` ``!``, the Arabic question mark ``؟``, the Arabic
    semicolon ``؛``, or a line break. A full stop between two digits is a decimal
    point (``3.5``) and does not end a sentence. Closing quotes or brackets right after
    the end mark belong to the sentence. Whitespace around a sentence is left out of
    its span, so the spans tile the text: only whitespace lies between them.

    Returns a DataFrame with one row per sentence and columns ``start``, ``end``
    (int64) and ``text`` (str), where ``text[start:end]`` equals the row's ``text``.
    Empty or all-whitespace text gives an empty DataFrame with the same columns.

    >>> sentences = split_sentences("نمو 3.5 بالمئة. ثم ماذا؟\\nانتهى")
    >>> sentences["text"].tolist()
    ['نمو 3.5 بالمئة.', 'ثم ماذا؟', 'انتهى']
    >>> sentences["start"].tolist(), sentences["end"].tolist()
    ([0, 16, 25], [15, 24, 30])
    """
    _require_str(text, "split_sentences")
    rows = []
    chunk_start = 0
    for end_mark in _SENTENCE_END_RE.finditer(text):
        rows.extend(_stripped_span(text, chunk_start, end_mark.end()))
        chunk_start = end_mark.end()
    rows.extend(_stripped_span(text, chunk_start, len(text)))
    return _table(rows, _SENTENCE_DTYPES)


def find_numbers(text: str, *, words: bool = False) -> pd.DataFrame:
    """Find every number written with digits in ``text``, in order; with ``words=True``, also in words.

    Each row describes one number:

    * ``start``, ``end``: offsets into the raw text; ``raw == text[start:end]``.
      The span covers the digits, a ``%`` or ``٪`` right after them, or a
      multiplier word right after them (a space before either is allowed, and a
      closing quote or bracket before the word: ``«40» ألف``).
    * ``value``: the number as a float, with the multiplier applied
      (``40 ألف`` -> 40000.0, ``٣٫٥ مليون`` -> 3500000.0, ``50%`` -> 50.0).
    * ``is_percent``: True when a ``%`` or ``٪`` follows.
    * ``multiplier``: 1000 for ألف/الف/آلاف/الاف, 1000000 for مليون/ملايين,
      1000000000 for مليار/مليارات, 1 when there is no multiplier word. A multiplier
      word stretched with tatweel (``ألـــف``) still counts.
    * ``kind``: ``"percent"``; ``"year"`` for a plain four-digit number from 1900 to
      2100 that follows a date word (a month name, or عام, عامي, سنة, العام ...,
      glued or not: ``عام2016``, ``ديسمبر2016``), or that continues a list of years
      (the ``2015`` in ``عامي2014 و2015``); ``"count"`` otherwise.

    All three digit families are read. Thousands separators ``,`` and ``٬`` count only
    when exactly three digits follow (``1,200``), so a comma between clauses is not
    part of a number. Decimal points are ``.`` and ``٫``.

    A bare ``2016`` with no date word before it is a count: the tool cannot tell
    ``في 2016`` ("in 2016") from ``في 2016 حالة`` ("in 2016 cases"). Digits inside
    Latin names are reported too (the ``19`` of ``COVID19``). Read the table, do not
    trust it blindly.

    **Numbers in words.** By default numbers written in words (خمسة "five") are not
    found. With ``words=True`` the small grammar of :mod:`counterprop.number_words`
    also reads them: ``ثلاثة آلاف``, ``مئتي ألف``, ``نصف مليون``, ``مليون ونصف``,
    ``104 ملايين و250 ألف``, ``خمسون في المئة``. The table then has three more columns:

    * ``low``, ``high``: the range of the number. They equal ``value`` for an exact
      number; for a vague one (``عشرات الآلاف``, "tens of thousands") ``value`` is
      missing (NaN) and only the range is known: 30,000 to 90,000, by the course's
      convention that a plural means three to nine of its unit.
    * ``approximator``: an approximating phrase written right before the number
      (``نحو`` "about", ``أكثر من`` "more than", ``قرابة`` "nearly" ...) or
      ``تقريبا`` right after it, as written; ``""`` if none. It is not part of the
      span: ``أكثر من 40 ألف`` is "more than 40,000", and the span is ``40 ألف``.

    Ordinals (``الأول``, ``الحادي عشر``) are not quantities and are not reported.
    Two forms read two ways: ``ألفا`` is "two thousand" alone (``ألفا جندي``) but
    "thousand" after a count (``عشرون ألفا``), and the grammar decides by position.

    >>> numbers = find_numbers("حذف235 ألف حساب في ديسمبر2016 بنسبة ٥٠٪")
    >>> numbers[["raw", "value", "kind"]].values.tolist()
    [['235 ألف', 235000.0, 'count'], ['2016', 2016.0, 'year'], ['٥٠٪', 50.0, 'percent']]
    >>> numbers["start"].tolist(), numbers["end"].tolist()
    ([3, 25, 36], [10, 29, 39])
    >>> in_words = find_numbers("فر أكثر من مليون ونصف ونزح عشرات الآلاف", words=True)
    >>> in_words[["raw", "value", "low", "high", "approximator"]].values.tolist()
    [['مليون ونصف', 1500000.0, 1500000.0, 1500000.0, 'أكثر من'], ['عشرات الآلاف', nan, 30000.0, 90000.0, '']]
    """
    _require_str(text, "find_numbers")
    rows = _digit_rows(text)
    if not words:
        return _table(rows, _NUMBER_DTYPES)
    # Imported here because number_words itself builds on this module.
    from counterprop import number_words

    in_words = number_words.read_number_words(text)
    rows = [row for row in rows if not any(_overlaps(row, number) for number in in_words)]
    for row in rows:
        row.update(low=row["value"], high=row["value"])
        row["approximator"] = number_words.approximator_before(text, row["start"])
    rows.extend(_word_row(text, number) for number in in_words)
    rows.sort(key=lambda row: row["start"])
    return _table(rows, _NUMBER_WORDS_DTYPES)


def _digit_rows(text: str) -> list[dict[str, object]]:
    """One row per number written with digits (the ``words=False`` table)."""
    rows = []
    end_of_last_year: int | None = None
    for match in _NUMBER_RE.finditer(text):
        multiplier = _multiplier_factor(match)
        is_percent = match["percent"] is not None
        kind = _number_kind(text, match, is_percent, multiplier, end_of_last_year)
        if kind == "year":
            end_of_last_year = match.end()
        rows.append(
            {
                "start": match.start(),
                "end": match.end(),
                "raw": match.group(),
                "value": float(_parse_number(match["number"]) * multiplier),
                "is_percent": is_percent,
                "multiplier": multiplier,
                "kind": kind,
            }
        )
    return rows


def _overlaps(row: dict[str, object], number: object) -> bool:
    """True when a digit row and a number read in words share characters."""
    return row["start"] < number.end and number.start < row["end"]


def _word_row(text: str, number: object) -> dict[str, object]:
    """A table row for a number read by counterprop.number_words."""
    is_year = (
        not number.is_percent
        and number.low == number.high
        and float(number.low).is_integer()
        and _FIRST_YEAR <= number.low <= _LAST_YEAR
        and _has_date_word_before(text, number.start)
    )
    kind = "percent" if number.is_percent else "year" if is_year else "count"
    return {
        "start": number.start,
        "end": number.end,
        "raw": number.raw,
        "value": number.value,
        "is_percent": number.is_percent,
        "multiplier": number.multiplier,
        "kind": kind,
        "low": number.low,
        "high": number.high,
        "approximator": number.approximator,
    }


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _require_str(value: object, function_name: str) -> None:
    """Raise a TypeError naming the function, the type received and the value."""
    if not isinstance(value, str):
        raise TypeError(
            f"{function_name} expects a str, got {type(value).__name__}: {reprlib.repr(value)}"
        )


def _table(rows: list[dict[str, object]], dtypes: dict[str, str]) -> pd.DataFrame:
    """Build a DataFrame with exactly these columns and dtypes (also when empty).

    Each column is built as an array first (pandas' string array for text), three to five times
    faster than a Series per column: it matters to a check or test that reads many texts.
    """
    columns = {}
    for column, dtype in dtypes.items():
        values = [row[column] for row in rows]
        if dtype == "str":
            columns[column] = pd.array(values, dtype=dtype)
        else:
            columns[column] = np.array(values, dtype=dtype)
    return pd.DataFrame(columns, copy=False)


def _stripped_span(text: str, start: int, end: int) -> list[dict[str, object]]:
    """The span text[start:end] without surrounding whitespace, as 0 or 1 rows."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return []
    span_start = start + (len(chunk) - len(chunk.lstrip()))
    span_end = span_start + len(stripped)
    return [{"start": span_start, "end": span_end, "text": stripped}]


def _parse_number(number: str) -> Decimal:
    """Read a matched number ('1,200', '٣٫٥', '۷۶۱') exactly, as a Decimal."""
    return Decimal(to_ascii_digits(number).replace(",", ""))


def _multiplier_factor(match: re.Match[str]) -> int:
    """The factor of the multiplier word in a _NUMBER_RE match (1 if none)."""
    for group_name, factor in _MULTIPLIER_FACTORS:
        if match[group_name] is not None:
            return factor
    return 1


def _number_kind(
    text: str,
    match: re.Match[str],
    is_percent: bool,
    multiplier: int,
    end_of_last_year: int | None,
) -> str:
    """Classify a matched number as "percent", "year" or "count"."""
    if is_percent:
        return "percent"
    if multiplier == 1 and _is_year_shaped(match["number"]):
        start = match.start()
        if _has_date_word_before(text, start) or _continues_year_list(
            text, end_of_last_year, start
        ):
            return "year"
    return "count"


def _is_year_shaped(number: str) -> bool:
    """True for exactly four digits (no separators) between 1900 and 2100."""
    ascii_number = to_ascii_digits(number)
    return (
        len(ascii_number) == 4
        and ascii_number.isdigit()
        and _FIRST_YEAR <= int(ascii_number) <= _LAST_YEAR
    )


def _has_date_word_before(text: str, position: int) -> bool:
    """True when a month name or a year word (عام, سنة ...) comes right before position."""
    window_start = max(0, position - _WORDS_BEFORE_WINDOW)
    words = _WORDS_BEFORE_RE.search(text, window_start, position)
    if words is None:
        return False
    last = normalize(words["last"])
    if _without_proclitic(last) & _ONE_WORD_DATE_CUES:
        return True
    first = words["first"]
    return first is not None and any(
        (first_form, last) in _TWO_WORD_MONTH_CUES
        for first_form in _without_proclitic(normalize(first))
    )


def _without_proclitic(word: str) -> frozenset[str]:
    """The word as written and without a glued prefix: لعام -> {لعام, عام}."""
    return frozenset({word, _PROCLITIC_RE.sub("", word, count=1)})


def _continues_year_list(text: str, end_of_last_year: int | None, position: int) -> bool:
    """True when only a list link (و , ، - أو) separates position from the last year."""
    if end_of_last_year is None:
        return False
    return _YEAR_LIST_LINK_RE.fullmatch(text, end_of_last_year, position) is not None


# Date cue words in normalised form (so أغسطس, اغسطس, سنة and سنه all match).
_ONE_WORD_DATE_CUES = frozenset(normalize(word) for word in _YEAR_WORDS + _MONTH_WORDS)
_TWO_WORD_MONTH_CUES = frozenset(tuple(normalize(month).split()) for month in _TWO_WORD_MONTHS)
