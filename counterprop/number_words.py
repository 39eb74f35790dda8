"""Numbers written in Arabic words: a small grammar a learner can read and extend.

:func:`counterprop.text.find_numbers` calls this module when you pass ``words=True``.
You can also call :func:`read_number_words` directly to see what the grammar reads.

How the grammar works
---------------------
1. **Word forms.** :data:`NUMBER_WORDS` and :data:`SCALE_WORDS` list every word the
   grammar knows, one row per meaning, in the spelling a newspaper uses. Each word is
   compared after :func:`counterprop.text.normalize`, so أ/إ/ا, ى/ي, ة/ه, harakat and
   tatweel do not matter: ``مئة``, ``مئه`` and ``مـــئة`` are the same word. The older
   spelling ``مائة`` stays a different string (normalising leaves its ا and ئ), so the
   table lists it as a spelling of its own.
   Small words glued in front are recognised: و "and", ب "with", ل "for", ك "as",
   and ال "the" where a rule allows it (``بثلاثة``, ``وعشرون``, ``عشرات الآلاف``).
2. **A count below a thousand** is built from units, teens, tens and hundreds in the
   Arabic order: ``مئة وخمسة وعشرون`` = 100 + 5 + 20. A unit directly before عشر/عشرة
   makes a teen (``ثلاثة عشر`` = 13); a unit directly before مئة makes hundreds
   (``ثلاث مئة`` = 300). Digits count too: ``250`` in ``250 ألف``.
3. **A scale word multiplies the count right before it**, whatever its form:
   ``ثلاثة آلاف``, ``عشرون ألفا``, ``250 ألف``. With no count before it, the scale
   word counts itself: ``ألف`` = 1,000, and a dual (``ألفان``, ``مليوني``) counts two
   of them, as ``مئتان`` is two hundred. Two scale words in a row multiply: ``ألف مليون`` = 1,000,000,000 (up to a
   thousand billion, ``ألف مليار``).
4. **و adds a smaller part.** After a scale word, ``و`` adds a part smaller than the
   part before it: ``مليون ومئتا ألف`` = 1,200,000, ``مئة ألف وألف`` = 101,000. A part
   that is not smaller starts a new number, so ``بين ألف وألفين`` gives two numbers,
   1,000 and 2,000, and so does ``خمسة وثلاثة`` (no scale word before the و).
5. **Fractions.** ``نصف مليون`` = 500,000 and ``ربع مليون`` = 250,000 (a fraction of
   the scale word right after it). ``مليون ونصف`` adds half of the last scale:
   1,500,000; ``ثلاثة ونصف`` adds a half: 3.5.
6. **Vague quantities get a range.** A plural such as ``عشرات`` (tens) or ``آلاف``
   (thousands) with no count before it means "three to nine of them": the Arabic
   plural starts at three (two is a dual); the course stops at nine, where a larger
   word would usually take over (ten tens are مئة, "a hundred"; ten hundreds ألف).
   ``عشرات الآلاف`` is 30,000 to 90,000; ``بضعة آلاف`` ("a few thousand") is 3,000 to
   9,000. This range is the course's convention, not a fact about any text.
7. **Percentages.** ``في المئة``, ``بالمئة`` or ``%`` after a count marks a percentage:
   ``خمسون في المئة`` = 50 %.
8. **Not quantities.** Ordinals (``الأول``, ``الثانية``, ``الحادي عشر``) are different
   words and are not in the table. Cardinals with the article ال (``الثلاثة``,
   ``العشرين``) are left out, because news uses them for ordinals and dates (``القرن
   العشرين`` is "the twentieth century", ``الاثنين`` is "Monday").

Approximators such as ``نحو`` or ``أكثر من`` are reported beside the number, not
inside it (see :func:`approximator_before`).

Extending the grammar
---------------------
Add a row to :data:`NUMBER_WORDS` (for example the colloquial spelling ``مية`` of
مئة, "hundred") and the reader knows the new form everywhere: in compounds, before
scale words, with و glued on:

>>> from counterprop import number_words
>>> [(number.raw, number.value) for number in number_words.read_number_words("مية ألف")]
[('ألف', 1000.0)]
>>> number_words.NUMBER_WORDS += (("مية", 100, number_words.HUNDREDS),)
>>> [(number.raw, number.value) for number in number_words.read_number_words("مية ألف")]
[('مية ألف', 100000.0)]
>>> number_words.NUMBER_WORDS = number_words.NUMBER_WORDS[:-1]  # back to the course's table

To try a new form without changing the module's table, pass your rows to one call
with ``extra_words``; the next call reads with the course's table again:

>>> row = ("مية", 100, number_words.HUNDREDS)
>>> [(number.raw, number.value) for number in read_number_words("مية ألف", extra_words=[row])]
[('مية ألف', 100000.0)]
>>> [(number.raw, number.value) for number in read_number_words("مية ألف")]
[('ألف', 1000.0)]

A note on ``ألفا``
------------------
``ألفا`` is read two ways in Arabic: the dual "two thousand" before a noun (``ألفا
جندي``) and the accusative "thousand" after a count (``عشرون ألفا``). Written without
vowels the two look the same, so the grammar decides by position: after a count it
multiplies (rule 3), alone it is two thousand. The same holds for ``مليونا`` and
``مليارا``. A writer who means "a thousand" alone usually writes the tanween, ``ألفاً``,
and the grammar reads that as one thousand.

A note on num2words
-------------------
The tests write integers in words with the ``num2words`` package and check that each
is read back exactly. One family is written in a way Arabic reads differently:
num2words writes 101,000 as ``مائة و ألف ألف`` (and likewise 201,000 ... 901,000, with
or without millions before and units after). Arabic reads ``ألف ألف`` as "a thousand
thousand", a million, so this grammar reads two numbers there, 100 and 1,000,000;
the usual Arabic for 101,000 is ``مائة ألف وألف``, which it reads as 101,000.

>>> [(number.raw, number.value) for number in read_number_words("قتل ثلاثة آلاف ونزح مليون ونصف")]
[('ثلاثة آلاف', 3000.0), ('مليون ونصف', 1500000.0)]
>>> [(number.raw, number.low, number.high) for number in read_number_words("نزوح عشرات الآلاف")]
[('عشرات الآلاف', 30000.0, 90000.0)]
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from counterprop import text as _text

__all__ = [
    "NUMBER_WORDS",
    "SCALE_WORDS",
    "ROLES",
    "NumberInWords",
    "approximator_before",
    "read_number_words",
]

# ---------------------------------------------------------------------------
# The table of word forms
# ---------------------------------------------------------------------------

# Roles a word can play in a number.
UNIT = "unit"  # 1-9: a count on its own, or the first half of a teen (ثلاثة عشر)
TEEN_ONLY = "teen_only"  # أحد, اثنا ...: only ever the first half of 11 or 12
TEN = "ten"  # عشر, عشرة: 10 alone, or the second half of a teen
TENS = "tens"  # 20, 30 ... 90
HUNDREDS = "hundreds"  # 100, 200 ... 900
FRACTION = "fraction"  # نصف: of the scale word after it, or "ونصف" after a number
VAGUE = "vague"  # عشرات, مئات: three to nine tens or hundreds
FEW = "few"  # بضعة, بضع: three to nine of what follows (alone: 3 to 9)
SEVERAL = "several"  # عدة: three to nine, only before a scale or vague word
PERCENT = "percent"  # بالمئة: the number before it is a percentage
SCALE = "scale"  # ألف, مليون, مليار (singular)
DUAL_SCALE = "dual_scale"  # ألفان, مليونين: two of the scale when alone
PLURAL_SCALE = "plural_scale"  # آلاف, ملايين: after a count; alone, a vague quantity

# Every role a row of NUMBER_WORDS may have.
ROLES: tuple[str, ...] = (
    UNIT, TEEN_ONLY, TEN, TENS, HUNDREDS, FRACTION, VAGUE, FEW, SEVERAL, PERCENT,
)

# (spellings separated by spaces, value, role). The value is what the word stands for:
# 3 for ثلاثة, 300 for ثلاثمئة, 1/2 for نصف, the unit counted (10) for عشرات; FEW and
# SEVERAL take their range from the rule, so their value is not used. To teach the
# grammar a new spelling, add it to a row, or add a row.
NUMBER_WORDS: tuple[tuple[str, Fraction | int, str], ...] = (
    ("واحد واحدة", 1, UNIT),
    ("اثنان اثنين اثنتان اثنتين", 2, UNIT),
    ("ثلاث ثلاثة", 3, UNIT),
    ("أربع أربعة", 4, UNIT),
    ("خمس خمسة", 5, UNIT),
    ("ست ستة", 6, UNIT),
    ("سبع سبعة", 7, UNIT),
    ("ثمان ثماني ثمانية", 8, UNIT),
    ("تسع تسعة", 9, UNIT),
    ("أحد إحدى", 1, TEEN_ONLY),  # أحد عشر 11, إحدى عشرة 11
    ("اثنا اثني اثنتا اثنتي", 2, TEEN_ONLY),  # اثنا عشر 12
    ("عشر عشرة", 10, TEN),
    ("عشرون عشرين", 20, TENS),
    ("ثلاثون ثلاثين", 30, TENS),
    ("أربعون أربعين", 40, TENS),
    ("خمسون خمسين", 50, TENS),
    ("ستون ستين", 60, TENS),
    ("سبعون سبعين", 70, TENS),
    ("ثمانون ثمانين", 80, TENS),
    ("تسعون تسعين", 90, TENS),
    ("مئة مائة", 100, HUNDREDS),
    ("مئتان مئتين مئتا مئتي مائتان مائتين مائتا مائتي", 200, HUNDREDS),
    ("ثلاثمئة ثلاثمائة", 300, HUNDREDS),
    ("أربعمئة أربعمائة", 400, HUNDREDS),
    ("خمسمئة خمسمائة", 500, HUNDREDS),
    ("ستمئة ستمائة", 600, HUNDREDS),
    ("سبعمئة سبعمائة", 700, HUNDREDS),
    ("ثمانمئة ثمانمائة ثمانيمئة ثمانيمائة", 800, HUNDREDS),
    ("تسعمئة تسعمائة", 900, HUNDREDS),
    ("نصف", Fraction(1, 2), FRACTION),
    ("ربع", Fraction(1, 4), FRACTION),
    ("ثلث", Fraction(1, 3), FRACTION),
    ("عشرات", 10, VAGUE),
    ("مئات مئآت", 100, VAGUE),
    ("بضع بضعة", 1, FEW),
    ("عدة", 1, SEVERAL),
    ("بالمئة بالمائة", 100, PERCENT),
)

# (value, singular, dual forms, plural forms) of each scale word.
SCALE_WORDS: tuple[tuple[int, str, str, str], ...] = (
    (1_000, "ألف", "ألفان ألفين ألفا ألفي", "آلاف ألوف"),
    (1_000_000, "مليون", "مليونان مليونين مليونا مليوني", "ملايين"),
    (1_000_000_000, "مليار بليون", "ملياران مليارين مليارا ملياري", "مليارات بلايين"),
)

# Words after which عشر/عشرة belongs to an ordinal (الحادي عشر = 11th), not a count.
_ORDINAL_STEMS = ("حادي", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع")

# Approximators, as written (compared after normalize; the first word may carry a
# glued و, ب or ل: بنحو, لأكثر من). They are reported beside the span, not in it.
_APPROXIMATORS_BEFORE = (
    "نحو",
    "حوالي",
    "حوالى",
    "قرابة",
    "زهاء",
    "أكثر من",
    "أقل من",
    "أزيد من",
    "ما يقرب من",
    "ما يقارب",
    "يقارب",
    "ما يناهز",
    "يناهز",
    "ما يفوق",
    "يفوق",
    "ما يزيد على",
    "ما يزيد عن",
    "ما لا يقل عن",
    "لا يقل عن",
)
_APPROXIMATORS_AFTER = ("تقريبا",)

# Prefixes glued to a number word: a conjunction, then a preposition, then the article.
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ك")
_TOO_SHORT_FOR_A_PREFIX = 2  # ست "six" is too short: لست means "I am not"

# What may stand between a number and the next word: spaces and tabs (never a line
# break), and between digits and a word also one closing quote or bracket: «40» ألف.
_GAP_RE = re.compile(r"[^\S\r\n]*")
_CLOSING_GAP_RE = re.compile(r"[^\S\r\n]*[)\]}\"'\u00bb\u201d\u2019]?[^\S\r\n]*")

# What must follow a decimal comma: a space and a word that may be a scale word (it
# starts like ألف, آلاف or مليون/مليار). The grammar then reads the number only if the
# word really is a scale word; otherwise the digits are left to find_numbers.
_DECIMAL_COMMA_SCALE = r"[^\S\r\n]*[أاآم]"

# A token: digits (as find_numbers reads them), an Arabic word, or a percent sign.
# Some outlets write the decimal point as a comma (65,3 مليونا = 65.3 million): a
# comma with one or two digits after it is read as a decimal comma, but only before a
# scale word, so that 1,20 stays two numbers. (13,686 مليون stays 13,686 million: three
# digits after a comma are a thousands group.)
_TOKEN_RE = re.compile(
    rf"""
    (?P<digits>[{_text._DIGIT}]+(?:[,\u066c][{_text._DIGIT}]{{3}}(?![{_text._DIGIT}]))*
        (?:[.\u066b][{_text._DIGIT}]+
          | (?P<decimal_comma>,[{_text._DIGIT}]{{1,2}}(?![{_text._DIGIT},])
                                (?={_DECIMAL_COMMA_SCALE}))
        )?
    )
  | (?P<word>[{_text._ARABIC_WORD_CHAR}]+)
  | (?P<percent>[%\u066a])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class _Form:
    """One normalised spelling: its value, role and, for scale words, the scale."""

    value: Fraction
    role: str
    scale: int = 1


@functools.lru_cache(maxsize=64)
def _forms(number_words: tuple, scale_words: tuple) -> dict[str, _Form]:
    """Normalise every spelling of the two tables into one lookup dictionary.

    The tables are passed in (and the result cached per table), so a learner who adds
    a row to ``NUMBER_WORDS`` sees the new form read at the next call.
    """
    forms: dict[str, _Form] = {}
    for spellings, value, role in number_words:
        for spelling in spellings.split():
            forms[_text.normalize(spelling)] = _Form(Fraction(value), role)
    for scale, singulars, duals, plurals in scale_words:
        for spellings, role, count in (
            (singulars, SCALE, 1),
            (duals, DUAL_SCALE, 2),
            (plurals, PLURAL_SCALE, 1),
        ):
            for spelling in spellings.split():
                forms[_text.normalize(spelling)] = _Form(Fraction(count), role, scale)
    return forms


_SCALE_ROLES = (SCALE, DUAL_SCALE, PLURAL_SCALE)
_LARGEST_SCALE = 10**12  # ألف مليار, a thousand billion
_ORDINALS = frozenset(
    _text.normalize(article + stem + ending)
    for stem in _ORDINAL_STEMS
    for article in ("", "ال")
    for ending in ("", "ة")
)
# ألّف with a shadda on the lam is the verb "he wrote (a book)"; no number word has it.
_AUTHORED_RE = re.compile("[\u0623\u0627]\u0644\u0651")
_PERCENT_AFTER_FI = frozenset({_text.normalize("المئة"), _text.normalize("المائة")})
_FI = _text.normalize("في")
_AND = "و"


# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    """A digit number, a word or a percent sign, with what the grammar knows of it."""

    start: int  # raw offset of the token
    core_start: int  # raw offset after any glued prefix (و, ب, ال ...)
    end: int
    kind: str  # "digits", "word" or "percent"
    norm: str  # the normalised token
    form: _Form | None = None  # the number word, if any
    conjunction: bool = False  # a glued و or ف
    preposition: bool = False  # a glued ب ل ك
    definite: bool = False  # a glued ال
    digits_value: Fraction | None = None


def _tokens(text: str, forms: dict[str, _Form] | None = None) -> list[_Token]:
    """Split text into digit, word and percent tokens, and look up each word in ``forms``.

    ``forms`` defaults to the course's tables, :data:`NUMBER_WORDS` and :data:`SCALE_WORDS`.
    """
    if forms is None:
        forms = _forms(NUMBER_WORDS, SCALE_WORDS)
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        if match["digits"] is not None:
            digits = match["digits"]
            if match["decimal_comma"] is not None:  # 65,3 -> 65.3
                digits = digits[: -len(match["decimal_comma"])] + "." + match["decimal_comma"][1:]
            value = Fraction(_text._parse_number(digits))
            tokens.append(
                _Token(
                    match.start(),
                    match.start(),
                    match.end(),
                    "digits",
                    match["digits"],
                    digits_value=value,
                )
            )
        elif match["percent"] is not None:
            tokens.append(_Token(match.start(), match.start(), match.end(), "percent", "%"))
        else:
            tokens.append(_word_token(match.group(), match.start(), forms))
    return tokens


def _word_token(raw: str, start: int, forms: dict[str, _Form]) -> _Token:
    """A word token: the number form it holds in ``forms``, after stripping glued prefixes."""
    norm = _text.normalize(raw)
    end = start + len(raw)
    if _AUTHORED_RE.search(raw):  # ألّف "he wrote", not ألف "thousand"
        return _Token(start, start, end, "word", norm)
    for conjunction in _CONJUNCTIONS:
        for preposition in _PREPOSITIONS:
            for article in ("", "ال"):
                prefix = conjunction + preposition + article
                if preposition == "ل" and article:
                    prefix = conjunction + "لل"  # ل + ال is written لل: للمئة
                core = norm[len(prefix) :] if norm.startswith(prefix) else None
                if not core or core not in forms:
                    continue
                if prefix and len(core) <= _TOO_SHORT_FOR_A_PREFIX:
                    continue
                # The span starts after و and a preposition, but keeps the article: الآلاف.
                outside = len(conjunction) + len(preposition)
                return _Token(
                    start,
                    start + _raw_length_of(raw, outside),
                    end,
                    "word",
                    norm,
                    forms[core],
                    conjunction=bool(conjunction),
                    preposition=bool(preposition),
                    definite=bool(article),
                )
    return _Token(start, start, end, "word", norm)


def _raw_length_of(raw: str, letters: int) -> int:
    """How many raw characters hold the first ``letters`` letters (marks count along)."""
    seen = 0
    for index, char in enumerate(raw):
        if seen == letters and _text.normalize(char):
            return index
        if _text.normalize(char):
            seen += 1
    return len(raw)


# ---------------------------------------------------------------------------
# The reader
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberInWords:
    """One quantity found by :func:`read_number_words`.

    ``value`` is NaN when only a range is known; ``low`` and ``high`` always hold the
    range (equal to ``value`` for an exact number). ``multiplier`` is the largest scale
    word in the span (1 if none). ``approximator`` is the approximating phrase before
    (or ``تقريبا`` after) the number, as written, or ``""``.
    """

    start: int
    end: int
    raw: str
    value: float
    low: float
    high: float
    is_percent: bool
    multiplier: int
    approximator: str


@dataclass(frozen=True)
class _Part:
    """A piece of a number being read: a range, its scale and where it ends."""

    low: Fraction
    high: Fraction
    scale: int  # the product of its scale words (1 if none)
    end: int  # index of the first token after it
    has_word: bool  # holds at least one number word (not only digits)

    @property
    def exact(self) -> bool:
        return self.low == self.high


class _Reader:
    """Reads numbers in words from a token list; one instance per text."""

    def __init__(self, text: str, tokens: list[_Token]) -> None:
        self.text = text
        self.tokens = tokens

    # -- token helpers ------------------------------------------------------

    def adjacent(self, index: int) -> bool:
        """True when token ``index`` follows token ``index - 1`` with only a space between."""
        if index <= 0 or index >= len(self.tokens):
            return False
        before, after = self.tokens[index - 1], self.tokens[index]
        gap = _CLOSING_GAP_RE if before.kind == "digits" else _GAP_RE
        return gap.fullmatch(self.text, before.end, after.start) is not None

    def form(self, index: int, *roles: str, definite_ok: bool = False) -> _Form | None:
        """The number form of token ``index`` if it has one of ``roles`` and no prefix."""
        if index >= len(self.tokens):
            return None
        token = self.tokens[index]
        if (
            token.form is None
            or token.form.role not in roles
            or token.preposition
            or token.conjunction
        ):
            return None
        if token.definite and not definite_ok:
            return None
        return token.form

    def joined(self, index: int) -> int | None:
        """If a و joins the number to token ``index`` (glued or alone), the next word's index."""
        if not self.adjacent(index):
            return None
        token = self.tokens[index]
        if token.kind == "word" and token.norm == _AND and self.adjacent(index + 1):
            return (
                index + 1
                if self.tokens[index + 1].kind == "digits" or not self.tokens[index + 1].conjunction
                else None
            )
        if token.conjunction and not token.preposition:
            return index
        return None

    @contextlib.contextmanager
    def prefixes_allowed(self, index: int) -> Iterator[None]:
        """Read token ``index`` as if its glued و (or ب, ل, ك) were not there.

        Prefixes are allowed only where a number starts (بثلاثة) or where و joins a
        part to it (وعشرون); everywhere else a prefixed word ends the number.
        """
        token = self.tokens[index]
        self.tokens[index] = _Token(
            token.start,
            token.core_start,
            token.end,
            token.kind,
            token.norm,
            token.form,
            definite=token.definite,
            digits_value=token.digits_value,
        )
        try:
            yield
        finally:
            self.tokens[index] = token

    # -- counts below a thousand (rule 2) ---------------------------------------

    def count(self, index: int) -> _Part | None:
        """Read digits, or a count below 1000 in words, starting at token ``index``."""
        token = self.tokens[index] if index < len(self.tokens) else None
        if token is None:
            return None
        if token.kind == "digits":
            return _Part(token.digits_value, token.digits_value, 1, index + 1, False)
        first = self.small_part(index)
        if first is None:
            return None
        value, kind, end = first
        # After hundreds: و + units, teens or tens; after units: و + tens.
        while kind in ("hundreds", "unit"):
            next_index = self.joined(end)
            if next_index is None:
                break
            with self.prefixes_allowed(next_index):
                part = self.small_part(next_index)
            allowed = ("unit", "teen", "tens") if kind == "hundreds" else ("tens",)
            if part is None or part[1] not in allowed:
                break
            value, kind, end = value + part[0], part[1], part[2]
        return _Part(value, value, 1, end, True)

    def small_part(self, index: int) -> tuple[Fraction, str, int] | None:
        """One unit, teen, tens or hundreds word (with its عشر or مئة): value, kind, end."""
        if self.form(index, UNIT, TEEN_ONLY) is not None:
            unit = self.tokens[index].form
            if self.adjacent(index + 1) and self.form(index + 1, TEN) is not None:
                return unit.value + 10, "teen", index + 2
            if unit.role == TEEN_ONLY:
                return None
            hundred = self.form(index + 1, HUNDREDS)
            if (
                self.adjacent(index + 1)
                and hundred is not None
                and hundred.value == 100
                and unit.value >= 3
            ):
                return unit.value * 100, "hundreds", index + 2
            return unit.value, "unit", index + 1
        for role, kind in ((TEN, "teen"), (TENS, "tens"), (HUNDREDS, "hundreds")):
            form = self.form(index, role)
            if form is not None:
                return form.value, kind, index + 1
        return None

    # -- terms: a count and its scale words (rules 3, 5, 6) -----------------------

    def scales_after(self, part: _Part, definite_ok: bool = False) -> _Part:
        """Multiply ``part`` by every scale word right after it (any form, rule 3).

        Scale words multiply up to a thousand billion (ألف مليار); a further scale word
        starts a new number.
        """
        low, high, scale, end = part.low, part.high, part.scale, part.end
        while self.adjacent(end) and (
            form := self.form(end, *_SCALE_ROLES, definite_ok=definite_ok)
        ):
            if scale * form.scale > _LARGEST_SCALE:
                break
            low, high, scale, end = low * form.scale, high * form.scale, scale * form.scale, end + 1
        return _Part(low, high, scale, end, part.has_word or end > part.end)

    def term(self, index: int) -> _Part | None:
        """Read one term at ``index``: a range or value with its scale words."""
        token = self.tokens[index]
        if token.form is not None and token.form.role in (FEW, SEVERAL):
            following = (
                self.form(index + 1, *_SCALE_ROLES, VAGUE, HUNDREDS, definite_ok=True)
                if self.adjacent(index + 1)
                else None
            )
            if following is not None:
                is_scale = following.role in _SCALE_ROLES
                unit = following.scale if is_scale else following.value
                scale = following.scale if is_scale else 1
                return self.scales_after(
                    _Part(3 * Fraction(unit), 9 * Fraction(unit), scale, index + 2, True), True
                )
            if token.form.role == FEW:
                return _Part(Fraction(3), Fraction(9), 1, index + 1, True)
            return None
        if token.form is not None and token.form.role == VAGUE:
            unit = token.form.value
            return self.scales_after(_Part(3 * unit, 9 * unit, 1, index + 1, True), True)
        if token.form is not None and token.form.role == PLURAL_SCALE:
            scale = token.form.scale
            return self.scales_after(
                _Part(Fraction(3 * scale), Fraction(9 * scale), scale, index + 1, True), True
            )
        if token.definite:
            return None
        if token.form is not None and token.form.role == FRACTION:
            scale_form = (
                self.form(index + 1, SCALE, definite_ok=True) if self.adjacent(index + 1) else None
            )
            if scale_form is None:
                return None
            value = token.form.value * scale_form.scale
            return _Part(value, value, scale_form.scale, index + 2, True)
        if token.form is not None and token.form.role in (SCALE, DUAL_SCALE):
            count = token.form.value
            if token.form.role == DUAL_SCALE and "\u064b" in self.text[token.start : token.end]:
                count = Fraction(1)  # ألفاً with tanween: the accusative "a thousand"
            part = _Part(
                count * token.form.scale,
                count * token.form.scale,
                token.form.scale,
                index + 1,
                True,
            )
            return self.scales_after(part)
        part = self.count(index)
        return None if part is None else self.scales_after(part)

    # -- whole numbers (rules 4, 5, 7) -------------------------------------------

    def number(self, index: int) -> tuple[_Part, bool] | None:
        """Read a whole number starting at token ``index``: its range and percent flag."""
        first = self.term(index)
        if first is None:
            return None
        low, high, end, last_scale, last_part = (
            first.low,
            first.high,
            first.end,
            first.scale,
            first.high,
        )
        largest_scale, has_word = first.scale, first.has_word
        while first.exact:
            next_index = self.joined(end)
            if next_index is None:
                break
            with self.prefixes_allowed(next_index):
                fraction = self.form(next_index, FRACTION)
                if fraction is not None:  # rule 5: "ونصف", "ونصف المليون"
                    scale_form = (
                        self.form(next_index + 1, SCALE, definite_ok=True)
                        if self.adjacent(next_index + 1)
                        else None
                    )
                    scale = scale_form.scale if scale_form is not None else last_scale
                    if scale_form is not None and scale > last_scale:
                        break
                    low, high = low + fraction.value * scale, high + fraction.value * scale
                    end, has_word = next_index + (2 if scale_form is not None else 1), True
                    break
                part = self.term(next_index)  # rule 4: after a scale word, a smaller part
                if part is None or not part.exact or last_scale == 1 or part.high >= last_part:
                    break
                low, high, end = low + part.low, high + part.high, part.end
                last_scale, last_part = part.scale, part.high
                has_word = has_word or part.has_word
        end, is_percent = self.percent_after(end)
        has_word = has_word or is_percent and self.tokens[end - 1].kind == "word"
        if not has_word:
            return None
        return _Part(low, high, largest_scale, end, True), is_percent

    def percent_after(self, end: int) -> tuple[int, bool]:
        """Extend past a percent marker after token ``end - 1``, if there is one."""
        if not self.adjacent(end):
            return end, False
        token = self.tokens[end]
        if token.kind == "percent" or self.form(end, PERCENT) is not None:
            return end + 1, True
        if (
            token.norm == _FI
            and self.adjacent(end + 1)
            and self.tokens[end + 1].norm in _PERCENT_AFTER_FI
        ):
            return end + 2, True
        return end, False

    def is_blocked(self, index: int) -> bool:
        """True for a word that starts a phrase which is not a quantity (ordinal, ال + cardinal)."""
        token = self.tokens[index]
        core = token.norm
        if token.norm in _ORDINALS or _text._PROCLITIC_RE.sub("", core, count=1) in _ORDINALS:
            return True
        return (
            token.definite
            and token.form is not None
            and token.form.role in (UNIT, TEEN_ONLY, TEN, TENS, HUNDREDS)
        )

    def read_all(self) -> list[NumberInWords]:
        """Every number in words, left to right, without overlaps."""
        found = []
        index = 0
        while index < len(self.tokens):
            if self.is_blocked(index):
                index = self.skip_blocked_phrase(index)
                continue
            token = self.tokens[index]
            if token.form is None and token.kind != "digits":
                index += 1
                continue
            with self.prefixes_allowed(index):
                result = self.number(index)
            if result is None:
                index += 1
                continue
            part, is_percent = result
            found.append(self.to_number(index, part, is_percent))
            index = part.end
        return found

    def skip_blocked_phrase(self, index: int) -> int:
        """Skip an ordinal or a definite cardinal and the number words glued to it."""
        index += 1
        while (
            index < len(self.tokens)
            and self.adjacent(index)
            and self.tokens[index].form is not None
        ):
            index += 1
        return index

    def to_number(self, index: int, part: _Part, is_percent: bool) -> NumberInWords:
        """Turn a reading into a NumberInWords with raw offsets and approximator."""
        start = self.tokens[index].core_start
        end = self.tokens[part.end - 1].end
        exact = part.low == part.high
        return NumberInWords(
            start=start,
            end=end,
            raw=self.text[start:end],
            value=float(part.low) if exact else math.nan,
            low=float(part.low),
            high=float(part.high),
            is_percent=is_percent,
            multiplier=part.scale,
            approximator=approximator_before(self.text, start)
            or _approximator_after(self.text, end),
        )


def read_number_words(
    text: str, *, extra_words: Iterable[tuple[str, Fraction | int | float, str]] = ()
) -> list[NumberInWords]:
    """Read every quantity written in words (or digits plus words) in ``text``.

    Numbers made of digits alone are not returned here: :func:`counterprop.text.find_numbers`
    reads those. See the module docstring for the rules.

    ``extra_words`` holds rows in the form of :data:`NUMBER_WORDS`, ``(spellings, value,
    role)`` with ``role`` one of :data:`ROLES`, read for this call only, on top of the
    course's table (a spelling already in the table takes the extra row's meaning). The
    module's tables are not changed. A malformed row raises a ``ValueError`` that names it.

    >>> [(n.raw, n.value) for n in read_number_words("حضر مئتا ألف شخص و1.5 مليون متابع")]
    [('مئتا ألف', 200000.0), ('1.5 مليون', 1500000.0)]
    >>> [(n.raw, n.value, n.is_percent) for n in read_number_words("ارتفع خمسة وعشرين في المئة")]
    [('خمسة وعشرين في المئة', 25.0, True)]
    >>> [(n.raw, n.approximator) for n in read_number_words("فر نحو نصف مليون")]
    [('نصف مليون', 'نحو')]
    >>> read_number_words("في الفصل الحادي عشر من القرن العشرين")
    []
    """
    _text._require_str(text, "read_number_words")
    rows = _checked_rows(extra_words)
    forms = _forms(NUMBER_WORDS + rows, SCALE_WORDS)
    return _Reader(text, _tokens(text, forms)).read_all()


def _checked_rows(extra_words: Any) -> tuple[tuple[str, Fraction, str], ...]:
    """``extra_words`` as a tuple of valid ``(spellings, value, role)`` rows, or a ValueError."""
    if isinstance(extra_words, (str, bytes)) or not isinstance(extra_words, Iterable):
        raise ValueError(
            "read_number_words: extra_words should be a list of (spellings, value, role) "
            f"rows, such as [('مية', 100, HUNDREDS)]; got {type(extra_words).__name__}"
        )
    rows = []
    for row in extra_words:
        if not (isinstance(row, tuple) and len(row) == 3):
            raise ValueError(
                "read_number_words: each row of extra_words should be a tuple "
                f"(spellings, value, role), such as ('مية', 100, HUNDREDS); got {row!r}"
            )
        spellings, value, role = row
        if not isinstance(spellings, str) or not any(
            _text.normalize(spelling) for spelling in spellings.split()
        ):
            raise ValueError(
                "read_number_words: the spellings of a row should be Arabic words "
                f"separated by spaces, such as 'مية'; got {spellings!r} in {row!r}"
            )
        if isinstance(value, bool) or not isinstance(value, (int, float, Fraction)) or not (
            math.isfinite(value) and value > 0
        ):
            raise ValueError(
                "read_number_words: the value of a row should be a positive number, "
                f"such as 100; got {value!r} in {row!r}"
            )
        if not isinstance(role, str) or role not in ROLES:
            raise ValueError(
                f"read_number_words: the role of a row should be one of {', '.join(ROLES)}; "
                f"got {role!r} in {row!r}"
            )
        rows.append((spellings, Fraction(value), role))
    return tuple(rows)


def approximator_before(text: str, start: int) -> str:
    """The approximator written right before ``start`` (``نحو``, ``أكثر من`` ...), or ``""``.

    >>> approximator_before("قتل أكثر من40 ألف", 11)
    'أكثر من'
    """
    window = text[max(0, start - 40) : start]
    words = list(re.finditer(rf"[{_text._ARABIC_WORD_CHAR}]+", window))
    for length in (3, 2, 1):
        if len(words) < length:
            continue
        chosen = words[-length:]
        if not _GAP_RE.fullmatch(window, chosen[-1].end()):
            continue
        if any(
            not _GAP_RE.fullmatch(window, a.end(), b.start()) for a, b in itertools.pairwise(chosen)
        ):
            continue
        normalised = [_text.normalize(word.group()) for word in chosen]
        for prefix in ("", "و", "ب", "ل", "وب", "ول", "ف"):
            if not normalised[0].startswith(prefix):
                continue
            candidate = " ".join([normalised[0][len(prefix) :], *normalised[1:]])
            if candidate in _APPROXIMATORS_BEFORE_NORM:
                return window[chosen[0].start() : chosen[-1].end()]
    return ""


def _approximator_after(text: str, end: int) -> str:
    """``تقريبا`` (or a spelling of it) written right after ``end``, or ``""``."""
    match = re.compile(rf"[^\S\r\n]*([{_text._ARABIC_WORD_CHAR}]+)").match(text, end)
    if match and _text.normalize(match[1]) in _APPROXIMATORS_AFTER_NORM:
        return match[1]
    return ""


_APPROXIMATORS_BEFORE_NORM = frozenset(_text.normalize(phrase) for phrase in _APPROXIMATORS_BEFORE)
_APPROXIMATORS_AFTER_NORM = frozenset(_text.normalize(phrase) for phrase in _APPROXIMATORS_AFTER)
