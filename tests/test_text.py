"""Tests for counterprop.text: hand-written examples, the course article, and properties."""

from __future__ import annotations

import doctest
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterprop import text
from counterprop.text import (
    find_numbers,
    normalize,
    split_glued_digits,
    split_sentences,
    to_ascii_digits,
)

ARTICLE = (Path(__file__).resolve().parents[1] / "data/article/ar.txt").read_text(encoding="utf-8")

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

# Every number in the article: (start, end, raw, value, kind, multiplier, is_percent).
ARTICLE_NUMBERS = [
    (341, 345, "2016", 2016.0, "year", 1, False),  # ومنذ عام2016
    (1128, 1134, "40 ألف", 40_000.0, "count", 1000, False),  # أكثر من40 ألف مقاتل
    (1282, 1285, "761", 761.0, "count", 1, False),  # من761
    (1294, 1298, "2015", 2015.0, "year", 1, False),  # في أغسطس2015
    (1302, 1305, "194", 194.0, "count", 1, False),  # الي194
    (1322, 1326, "2016", 2016.0, "year", 1, False),  # في أغسطس عام2016
    (1410, 1414, "2014", 2014.0, "year", 1, False),  # خلال عامي2014
    (1416, 1420, "2015", 2015.0, "year", 1, False),  # و2015
    (1537, 1544, "125 ألف", 125_000.0, "count", 1000, False),  # أكثر من125 ألف حساب
    (1572, 1579, "235 ألف", 235_000.0, "count", 1000, False),  # وحذف235 ألف حساب
    (1600, 1604, "2016", 2016.0, "year", 1, False),  # في ديسمبر2016
    (1973, 1980, "10 آلاف", 10_000.0, "count", 1000, False),  # نحو10 آلاف
    (2157, 2160, "50%", 50.0, "percent", 1, True),  # بنسبة50%
]

NUMBER_DTYPES = {
    "start": "int64",
    "end": "int64",
    "raw": "str",
    "value": "float64",
    "is_percent": "bool",
    "multiplier": "int64",
    "kind": "str",
}
SENTENCE_DTYPES = {"start": "int64", "end": "int64", "text": "str"}

# Text for property tests: Arabic letters and marks, the three digit families, the
# punctuation the tools care about, spaces and line breaks, mixed with any character.
INTERESTING_CHARS = (
    "ابتجدهوىيةأإآءعلمنسفقك"  # letters, with the hamza, alef maqsura and teh marbuta forms
    "ـًٌٍَُِّْٰ"  # tatweel, harakat, superscript alef
    "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"  # the three digit families
    ".؟?!؛,،٫٬%٪-"  # punctuation, separators, percent signs
    " \u00a0\n\t\r"  # spaces and line breaks
)
arabic_like_text = st.text(
    alphabet=st.one_of(st.sampled_from(INTERESTING_CHARS), st.characters()), max_size=60
)
# Phrases built from whole words too, so that date words and multipliers meet digits.
CUE_WORDS = ["عام", "عامي", "العام", "أغسطس", "كانون الثاني", "ألف", "آلاف", "مليون", "و", " و"]
arabic_like_phrases = st.lists(
    st.one_of(st.sampled_from(CUE_WORDS), st.sampled_from(INTERESTING_CHARS), st.characters()),
    max_size=30,
).map("".join)
FAST = settings(max_examples=200, deadline=None)


def number_rows(numbers: pd.DataFrame) -> list[tuple]:
    """The rows of a find_numbers table as plain tuples, in ARTICLE_NUMBERS order."""
    columns = ["start", "end", "raw", "value", "kind", "multiplier", "is_percent"]
    return [tuple(row) for row in numbers[columns].itertuples(index=False)]


def dtypes_of(frame: pd.DataFrame) -> dict[str, str]:
    return {column: str(dtype) for column, dtype in frame.dtypes.items()}


# --------------------------------------------------------------------------- normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أعلنت", "اعلنت"),  # hamza above alef
        ("إلى", "الي"),  # hamza below alef, then alef maqsura
        ("آمن", "امن"),  # alef with madda
        ("على", "علي"),  # alef maqsura
        ("مدرسة", "مدرسه"),  # teh marbuta
        ("عَلَّمَ", "علم"),  # fatha, shadda
        ("كتابًا جميلٌ بيتٍ", "كتابا جميل بيت"),  # tanween (fathatan, dammatan, kasratan)
        ("مُسْلِم", "مسلم"),  # damma, sukun, kasra
        ("هٰذا", "هذا"),  # superscript alef U+0670
        ("تـــويتر", "تويتر"),  # tatweel
        ("٧٦١ ۷۶۱ 761", "761 761 761"),  # the three digit families
        ("٣٫٥ و١٬٢٠٠", "3.5 و1,200"),  # Arabic decimal and thousands separators
        ("ISIS 2016", "ISIS 2016"),  # Latin text and ASCII digits are untouched
        ("", ""),
    ],
)
def test_normalize_examples(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_merges_ala_and_ali() -> None:
    # على "on" and علي "Ali" become one word: the price of the alef_maqsura rule.
    assert normalize("على") == normalize("علي") == "علي"
    assert normalize("على", alef_maqsura=False) == "على"
    assert normalize("على", alef_maqsura=False) != normalize("علي", alef_maqsura=False)


def test_normalize_merges_ila_and_the_articles_spelling() -> None:
    # The article writes الي for إلى: both rules are needed to match them.
    assert normalize("إلى") == normalize("الي") == "الي"
    assert normalize("إلى", alef=False) == "إلي"
    assert normalize("إلى", alef_maqsura=False) == "الى"


@pytest.mark.parametrize(
    ("switch", "raw"),
    [
        ("alef", "أإآ"),
        ("alef_maqsura", "ى"),
        ("teh_marbuta", "ة"),
        ("diacritics", "عَلَّمَ"),
        ("tatweel", "تـــويتر"),
        ("digits", "٧٦١ ۷۶۱ ٣٫٥"),
    ],
)
def test_each_rule_can_be_switched_off(switch: str, raw: str) -> None:
    assert normalize(raw, **{switch: False}) == raw
    assert normalize(raw) != raw


def test_normalize_with_every_rule_off_is_the_identity() -> None:
    rules_off = dict.fromkeys(
        ["alef", "alef_maqsura", "teh_marbuta", "diacritics", "tatweel", "digits"], False
    )
    assert normalize(ARTICLE, **rules_off) == ARTICLE


def test_normalize_article_view() -> None:
    view = normalize(ARTICLE)
    assert len(view) == len(ARTICLE)  # the article has no diacritics or tatweel
    assert "علي" in view and "على" not in view
    # The article spells "the terrorist" without hamza five times and with it once.
    assert (ARTICLE.count("الارهابي"), ARTICLE.count("الإرهابي")) == (5, 1)
    assert view.count("الارهابي") == 6


@FAST
@given(
    arabic_like_text,
    st.fixed_dictionaries(
        {
            name: st.booleans()
            for name in ["alef", "alef_maqsura", "teh_marbuta", "diacritics", "tatweel", "digits"]
        }
    ),
)
def test_normalize_is_idempotent(raw: str, rules: dict[str, bool]) -> None:
    once = normalize(raw, **rules)
    assert normalize(once, **rules) == once


# --------------------------------------------------------------------------- to_ascii_digits


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),  # Arabic-Indic
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),  # Persian
        ("0123456789", "0123456789"),  # ASCII
        ("من٧٦١ الي ۱۹۴", "من761 الي 194"),
        ("٣٫٥", "3.5"),  # ٫ between digits
        ("١٬٢٠٠", "1,200"),  # ٬ between digits
        ("۳٫۵ و۱٬۲۰۰", "3.5 و1,200"),
        ("٫ ٬ ٣٫ ٫٥", "٫ ٬ 3٫ ٫5"),  # separators not between digits stay
        ("بنسبة٥٠٪", "بنسبة50٪"),  # the percent sign is not a digit
        ("إلى", "إلى"),  # letters untouched
    ],
)
def test_to_ascii_digits_examples(raw: str, expected: str) -> None:
    assert to_ascii_digits(raw) == expected


def test_to_ascii_digits_lets_pandas_parse_eastern_digits() -> None:
    with pytest.raises(ValueError):
        pd.to_numeric(pd.Series(["٧٦١"]))
    assert pd.to_numeric(pd.Series([to_ascii_digits("٧٦١")])).tolist() == [761]


@FAST
@given(arabic_like_text)
def test_to_ascii_digits_only_touches_digits_and_keeps_length(raw: str) -> None:
    converted = to_ascii_digits(raw)
    assert len(converted) == len(raw)
    for before, after in zip(raw, converted):
        assert before == after or before in "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬"


# --------------------------------------------------------------------------- split_glued_digits


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("من761", "من 761"),
        ("عام2016", "عام 2016"),
        ("بنسبة50%", "بنسبة 50%"),
        ("40ألف", "40 ألف"),  # digit then letter
        ("من٧٦١ في أغسطس۲۰۱۵", "من ٧٦١ في أغسطس ۲۰۱۵"),  # Arabic-Indic and Persian
        ("عامي2014 و2015", "عامي 2014 و 2015"),
        ("بلغ٣٫٥مليون", "بلغ ٣٫٥ مليون"),  # the decimal number stays whole
        ("COVID19 H5N1 MP4", "COVID19 H5N1 MP4"),  # Latin tokens are not split
        ("من 761", "من 761"),  # already spaced
        ("", ""),
    ],
)
def test_split_glued_digits_examples(raw: str, expected: str) -> None:
    assert split_glued_digits(raw) == expected


def test_split_glued_digits_on_the_article() -> None:
    split = split_glued_digits(ARTICLE)
    assert len(split) == len(ARTICLE) + 13  # every one of the 13 numbers is glued to a word
    for glued in ["عام2016", "من761", "أغسطس2015", "الي194", "عامي2014", "و2015", "بنسبة50%"]:
        assert glued not in split
    assert "ومنذ عام 2016 أتخذت" in split
    assert "من 761 في أغسطس 2015 الي 194 فقط" in split


@FAST
@given(arabic_like_text)
def test_split_glued_digits_is_idempotent_and_only_adds_spaces(raw: str) -> None:
    split = split_glued_digits(raw)
    assert split_glued_digits(split) == split
    assert split.replace(" ", "") == raw.replace(" ", "")


# --------------------------------------------------------------------------- split_sentences


def test_article_has_twelve_sentences() -> None:
    sentences = split_sentences(ARTICLE)
    assert len(sentences) == 12
    assert sentences["text"].iloc[0] == (
        "لم يخسر تنظيم داعش الارهابي مدينة الموصل العراقية والعديد من الاراضي في سوريا "
        "فحسب, بل أنه خسر الجهاد الالكتروني الذي يحشد من خلاله مقاتلين جدد عبر الانترنت."
    )
    assert sentences["text"].iloc[-1] == (
        "والوضع الحالي الذي يؤكد تراجع داعش وانحسارها الكترونيا يعد نقطة انطلاق رائعة "
        "لوضع استراتيجية مضادة لدعاية التنظيم في جميع أنحاء العالم وذلك من خلال "
        "الاستفادة بالمشاكل التي يعانيها التنظيم."
    )
    starts = [0, 158, 333, 672, 988, 1094, 1179, 1422, 1606, 1742, 1962, 2162]
    ends = [157, 332, 671, 987, 1093, 1178, 1421, 1605, 1741, 1961, 2161, 2350]
    assert sentences["start"].tolist() == starts
    assert sentences["end"].tolist() == ends
    assert all(sentence.endswith(".") for sentence in sentences["text"])
    assert dtypes_of(sentences) == SENTENCE_DTYPES


def test_sentence_offsets_slice_the_raw_article() -> None:
    for row in split_sentences(ARTICLE).itertuples(index=False):
        assert ARTICLE[row.start : row.end] == row.text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أولا. ثانيا", ["أولا.", "ثانيا"]),
        ("هل انتهى؟ نعم", ["هل انتهى؟", "نعم"]),  # Arabic question mark
        ("Why? Yes! Good.", ["Why?", "Yes!", "Good."]),
        ("أولا؛ ثانيا", ["أولا؛", "ثانيا"]),  # Arabic semicolon
        ("سطر أول\nسطر ثان", ["سطر أول", "سطر ثان"]),  # a line break
        ("سطر\r\nسطر", ["سطر", "سطر"]),
        ("سطر\rسطر", ["سطر", "سطر"]),  # a lone carriage return is a line break too
        ("بلغ 3.5 مليون. ثم", ["بلغ 3.5 مليون.", "ثم"]),  # a decimal point
        ("بلغ ٣.٥ و۱.۲. ثم", ["بلغ ٣.٥ و۱.۲.", "ثم"]),  # decimal points in other families
        ("عام 2016. ثم", ["عام 2016.", "ثم"]),  # a full stop after a number
        ("حقا؟! نعم... لا", ["حقا؟!", "نعم...", "لا"]),  # runs of end marks
        ('قال: "انتهى." ثم', ['قال: "انتهى."', "ثم"]),  # closing quote stays
        ("  بداية.   \n\n  نهاية.  ", ["بداية.", "نهاية."]),  # whitespace is left out
        ("فحسب, بل", ["فحسب, بل"]),  # a comma does not end a sentence
        (".", ["."]),
    ],
)
def test_split_sentences_examples(raw: str, expected: list[str]) -> None:
    sentences = split_sentences(raw)
    assert sentences["text"].tolist() == expected
    assert [raw[start:end] for start, end in zip(sentences["start"], sentences["end"])] == expected


def test_split_sentences_offsets_example() -> None:
    sentences = split_sentences("  أولا. ثانيا؟\n")
    expected = {"start": [2, 8], "end": [7, 14], "text": ["أولا.", "ثانيا؟"]}
    assert sentences.to_dict("list") == expected


@pytest.mark.parametrize("blank", ["", " ", "\n\n", " \t\r\n "])
def test_split_sentences_of_blank_text_is_empty(blank: str) -> None:
    sentences = split_sentences(blank)
    assert sentences.empty
    assert list(sentences.columns) == ["start", "end", "text"]
    assert dtypes_of(sentences) == SENTENCE_DTYPES


@FAST
@given(arabic_like_text)
def test_sentences_never_raise_and_tile_the_text(raw: str) -> None:
    sentences = split_sentences(raw)
    assert dtypes_of(sentences) == SENTENCE_DTYPES
    previous_end = 0
    for start, end, sentence in sentences.itertuples(index=False):
        assert previous_end <= start < end <= len(raw)
        assert raw[previous_end:start].strip() == ""  # only whitespace between sentences
        assert raw[start:end] == sentence
        assert sentence == sentence.strip()
        previous_end = end
    assert raw[previous_end:].strip() == ""
    non_space_inside = sum(not char.isspace() for char in "".join(sentences["text"]))
    assert non_space_inside == sum(not char.isspace() for char in raw)


# --------------------------------------------------------------------------- find_numbers


def test_find_numbers_on_the_article() -> None:
    numbers = find_numbers(ARTICLE)
    assert number_rows(numbers) == ARTICLE_NUMBERS
    assert dtypes_of(numbers) == NUMBER_DTYPES
    assert list(numbers.index) == list(range(13))


@pytest.mark.parametrize("family", [ARABIC_INDIC, PERSIAN], ids=["arabic-indic", "persian"])
def test_find_numbers_on_the_article_in_other_digit_families(family: dict[int, str]) -> None:
    rewritten = ARTICLE.translate(family)
    assert rewritten != ARTICLE and len(rewritten) == len(ARTICLE)
    expected = [
        (start, end, raw.translate(family), value, kind, multiplier, is_percent)
        for start, end, raw, value, kind, multiplier, is_percent in ARTICLE_NUMBERS
    ]
    assert number_rows(find_numbers(rewritten)) == expected


def test_find_numbers_spans_slice_the_article() -> None:
    for row in find_numbers(ARTICLE).itertuples(index=False):
        assert ARTICLE[row.start : row.end] == row.raw


def test_the_articles_clause_commas_are_not_numbers() -> None:
    assert "فحسب, بل" in ARTICLE
    assert find_numbers("فحسب, بل 2016, 2017")["raw"].tolist() == ["2016", "2017"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # (text, [(raw, value, kind, multiplier)])
        ("من761 حساب", [("761", 761.0, "count", 1)]),
        ("٧٦١", [("٧٦١", 761.0, "count", 1)]),
        ("۷۶۱", [("۷۶۱", 761.0, "count", 1)]),
        ("نحو 1,200 حساب", [("1,200", 1200.0, "count", 1)]),
        ("نحو ١٬٢٠٠ حساب", [("١٬٢٠٠", 1200.0, "count", 1)]),
        ("1,000,000", [("1,000,000", 1_000_000.0, "count", 1)]),
        ("1,20", [("1", 1.0, "count", 1), ("20", 20.0, "count", 1)]),  # not 3 digits after ,
        ("1,2000", [("1", 1.0, "count", 1), ("2000", 2000.0, "count", 1)]),  # nor 4
        ("بلغ٣٫٥ مليون", [("٣٫٥ مليون", 3_500_000.0, "count", 1_000_000)]),
        ("بلغ 3.5 مليون", [("3.5 مليون", 3_500_000.0, "count", 1_000_000)]),
        # Exact decimal arithmetic: 0.267 * 1e9 in floats would give 267000000.00000003.
        ("0.267 مليار", [("0.267 مليار", 267_000_000.0, "count", 1_000_000_000)]),
        ("40 ألف", [("40 ألف", 40_000.0, "count", 1000)]),
        ("40ألف", [("40ألف", 40_000.0, "count", 1000)]),
        ("40 الف", [("40 الف", 40_000.0, "count", 1000)]),
        ("40 ألفاً", [("40 ألفاً", 40_000.0, "count", 1000)]),
        ("10 آلاف", [("10 آلاف", 10_000.0, "count", 1000)]),
        ("10 الاف", [("10 الاف", 10_000.0, "count", 1000)]),
        ("5 ملايين", [("5 ملايين", 5_000_000.0, "count", 1_000_000)]),
        ("2 مليار", [("2 مليار", 2_000_000_000.0, "count", 1_000_000_000)]),
        ("3 مليارات", [("3 مليارات", 3_000_000_000.0, "count", 1_000_000_000)]),
        ("5 الفترة", [("5", 5.0, "count", 1)]),  # الف is only the start of الفترة
        ("بنسبة50%", [("50%", 50.0, "percent", 1)]),
        ("بنسبة ٥٠٪", [("٥٠٪", 50.0, "percent", 1)]),
        ("بنسبة 50 %", [("50 %", 50.0, "percent", 1)]),
        ("12.5%", [("12.5%", 12.5, "percent", 1)]),
        ("50\n%", [("50", 50.0, "count", 1)]),  # a line break is not a space
        # Typographic variants around the multiplier word still give the multiplier.
        ("40 ألـــف", [("40 ألـــف", 40_000.0, "count", 1000)]),  # tatweel inside the word
        ("10 آلـاف", [("10 آلـاف", 10_000.0, "count", 1000)]),
        ("3.5 مليـــون", [("3.5 مليـــون", 3_500_000.0, "count", 1_000_000)]),
        ("40 ألفـــاً", [("40 ألفـــاً", 40_000.0, "count", 1000)]),  # tatweel before the ending
        ("«40» ألف", [("40» ألف", 40_000.0, "count", 1000)]),  # a closing quotation mark
        ('"40" ألف', [('40" ألف', 40_000.0, "count", 1000)]),
        ("(40) ألف", [("40) ألف", 40_000.0, "count", 1000)]),  # a closing bracket
        ("40» الفترة", [("40", 40.0, "count", 1)]),  # still a whole word only
        ("40»» ألف", [("40", 40.0, "count", 1)]),  # one closing mark, not a run
    ],
)
def test_find_numbers_examples(raw: str, expected: list[tuple]) -> None:
    numbers = find_numbers(raw)
    columns = ["raw", "value", "kind", "multiplier"]
    assert [tuple(row) for row in numbers[columns].itertuples(index=False)] == expected
    assert numbers["is_percent"].tolist() == [kind == "percent" for _, _, kind, _ in expected]


@pytest.mark.parametrize(
    ("raw", "kinds"),
    [
        ("منذ عام2016", ["year"]),
        ("منذ عام 2016", ["year"]),
        ("منذ العام 2016", ["year"]),
        ("لعام 2016", ["year"]),
        ("سنة 1999", ["year"]),
        ("في أغسطس2015", ["year"]),
        ("في اغسطس 2015", ["year"]),
        ("في ديسمبر ٢٠١٦", ["year"]),
        ("في كانون الثاني 2016", ["year"]),
        ("عامي2014 و2015", ["year", "year"]),
        ("عامي 2014 و 2015 و2016", ["year", "year", "year"]),
        ("أعوام 2014، 2015", ["year", "year"]),
        ("عام 2014-2015", ["year", "year"]),
        ("في 2016", ["count"]),  # no date word: the tool cannot tell
        ("2014 و2015", ["count", "count"]),
        ("عام 1850", ["count"]),  # outside 1900-2100
        ("عام 2101", ["count"]),
        ("عام 201", ["count"]),  # not four digits
        ("عام 2016.5", ["count"]),
        ("عام 2,016", ["count"]),
        ("عام 2016 ألف", ["count"]),  # a multiplier makes it a count
        ("عام 2016 من 2017", ["year", "count"]),  # من is not a list link
        ("عام 2015 و2016 و 1,000", ["year", "year", "count"]),
    ],
)
def test_years_versus_counts(raw: str, kinds: list[str]) -> None:
    assert find_numbers(raw)["kind"].tolist() == kinds


def test_find_numbers_example_spans() -> None:
    numbers = find_numbers("حذف235 ألف حساب في ديسمبر2016 بنسبة ٥٠٪")
    assert numbers["start"].tolist() == [3, 25, 36]
    assert numbers["end"].tolist() == [10, 29, 39]
    assert numbers["multiplier"].tolist() == [1000, 1, 1]
    assert numbers["is_percent"].tolist() == [False, False, True]


@pytest.mark.parametrize("blank", ["", "   ", "لا أرقام هنا", "٫ ٬ % ٪ , ."])
def test_find_numbers_without_numbers_is_empty(blank: str) -> None:
    numbers = find_numbers(blank)
    assert numbers.empty
    assert list(numbers.columns) == list(NUMBER_DTYPES)
    assert dtypes_of(numbers) == NUMBER_DTYPES


@FAST
@given(st.one_of(arabic_like_text, arabic_like_phrases))
def test_find_numbers_never_raises_and_spans_slice_back_to_raw(raw: str) -> None:
    numbers = find_numbers(raw)
    assert dtypes_of(numbers) == NUMBER_DTYPES
    previous_end = 0
    for row in numbers.itertuples(index=False):
        assert previous_end <= row.start < row.end <= len(raw)
        assert raw[row.start : row.end] == row.raw
        assert row.kind in {"percent", "year", "count"}
        assert row.is_percent == (row.kind == "percent")
        assert row.multiplier in {1, 1000, 1_000_000, 1_000_000_000}
        previous_end = row.end


# --------------------------------------------------------------------------- errors and docs


@pytest.mark.parametrize(
    "function", [normalize, to_ascii_digits, split_glued_digits, split_sentences, find_numbers]
)
@pytest.mark.parametrize(
    ("bad", "type_name"), [(761, "int"), (None, "NoneType"), (b"abc", "bytes"), (["a"], "list")]
)
def test_non_strings_raise_a_clear_type_error(function, bad: object, type_name: str) -> None:
    with pytest.raises(TypeError) as error:
        function(bad)
    assert str(error.value) == f"{function.__name__} expects a str, got {type_name}: {bad!r}"


def test_find_numbers_type_error_message() -> None:
    with pytest.raises(TypeError, match=r"^find_numbers expects a str, got int: 761$"):
        find_numbers(761)


def test_docstring_examples() -> None:
    results = doctest.testmod(text, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert results.attempted >= 10
    assert results.failed == 0
