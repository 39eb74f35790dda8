"""Checks for lesson 02, From text to claims."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from counterprop import data, number_words
from counterprop import text as _text
from counterprop.checks.base import (
    Feedback,
    correct,
    exercise,
    finite_number,
    hint,
    is_number,
    type_name,
)

__all__ = ["q02_1", "q02_2", "q02_3", "q02_4", "q02_5", "q02_6", "q02_7"]


# Exercise 1 reads an illustrative phrase, "the number reached 35 thousand, then 3 billion",
# whose two multiplier spellings the lesson's pattern does not know yet.
_L02_SAMPLE_NUMBERS = (35, 3)
_L02_THOUSAND, _L02_MILLION, _L02_BILLION = 1_000, 1_000_000, 1_000_000_000


def _l02_numbers(answer: Any) -> list[float] | None:
    """A list or tuple of plain numbers as floats, else None."""
    if isinstance(answer, (str, bytes, dict)) or not isinstance(answer, (list, tuple)):
        return None
    numbers = [finite_number(item) for item in answer]
    return None if any(number is None for number in numbers) else numbers


@exercise
def q02_1(values: Any) -> Feedback:
    """The values read in the sample once ألفا and مليارات are multipliers."""
    thousands, billions = _L02_SAMPLE_NUMBERS
    expected = [float(thousands * _L02_THOUSAND), float(billions * _L02_BILLION)]
    numbers = _l02_numbers(values)
    if numbers is None:
        return hint(f"expected a list of numbers, such as [1.0, 2.0], got {type_name(values)}.")
    if len(numbers) != len(expected):
        return hint(f"the sample holds {len(expected)} numbers, so values should hold "
                    f"{len(expected)}; you have {len(numbers)}.")
    if numbers == expected:
        return correct(f"{expected[0]:,.0f} and {expected[1]:,.0f}: ألفا and مليارات now "
                       "count as multipliers.")
    first_ok, second_ok = numbers[0] == expected[0], numbers[1] == expected[1]
    if numbers[1] == billions * _L02_MILLION:
        return hint("مليارات is billions: a thousand million, 1_000_000_000, not a million.")
    if not first_ok and numbers[0] == thousands and not second_ok and numbers[1] == billions:
        return hint("no multiplier was applied: add both ألفا and مليارات to the multipliers.")
    if not first_ok and numbers[0] == thousands:
        return hint("35 is still read without its multiplier: add ألفا (1_000) to the multipliers.")
    if not second_ok and numbers[1] == billions:
        return hint("3 is still read without its multiplier: add مليارات (1_000_000_000), the "
                    "plural of مليار, to the multipliers.")
    return hint("not quite: extend a copy of MULTIPLIERS with ألفا and مليارات, then "
                "values_in(sample, ...) with it.")


def _l02_c06_values() -> tuple[float, float]:
    """The two counts of claim c06's sentence, in reading order (before, after)."""
    numbers = data.load("numbers")
    claim = data.load("claims").set_index("claim_id").loc["c06"]
    counts = numbers[(numbers["sentence_id"] == claim["sentence_id"]) & (numbers["kind"] == "count")]
    before, after = (float(v) for v in counts["value"])
    return before, after


@exercise
def q02_2(fall_pct: Any) -> Feedback:
    """The fall from 761 to 194 as a percentage of 761, rounded to one decimal."""
    before, after = _l02_c06_values()
    expected = round((before - after) / before * 100, 1)
    if not is_number(fall_pct):
        return hint(f"expected a number such as 12.3, got {type_name(fall_pct)}.")
    answer = float(fall_pct)
    if abs(answer - expected) < 0.051:
        return correct(f"a fall of {expected}% (derived: (761 - 194) / 761 × 100).")
    if abs(answer - expected / 100) < 0.001:
        return hint("that is a fraction; as a percentage, multiply by 100.")
    if abs(answer - after / before * 100) < 0.051:
        return hint("that is what remains (194 / 761); the fall is 100 minus that.")
    if abs(answer - (before - after) / after * 100) < 0.051:
        return hint("divide by the starting value, 761 (August 2015), not by 194.")
    if abs(answer - (before - after)) < 0.5:
        return hint("that is the difference in products; divide it by 761 and multiply by 100.")
    return hint(f"{fall_pct} is not it. Compute (before - after) / before * 100, then round(..., 1).")


def _l02_as_timestamp(value: Any) -> Any:
    """A pandas Timestamp for a date-like value, or None."""

    if value is None:
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(stamp) else stamp


@exercise
def q02_3(record: Any) -> Feedback:
    """Claim c06 coded as {"value", "unit", "period_start", "period_end"}."""
    claim = data.load("claims").set_index("claim_id").loc["c06"]
    if not isinstance(record, dict):
        return hint(f"expected a dictionary {{'value': ..., 'unit': ..., ...}}, got {type_name(record)}.")
    missing = [key for key in ("value", "unit", "period_start", "period_end") if key not in record]
    if missing:
        return hint(f"the record needs the key(s) {', '.join(repr(k) for k in missing)}.")
    before, _ = _l02_c06_values()
    value = record["value"]
    if not is_number(value):
        return hint(f"'value' should be a number, got {type_name(value)}.")
    if float(value) == before:
        return hint("761 is the baseline (August 2015); a change claim keeps its latest value.")
    if float(value) != float(claim["value"]):
        return hint(f"'value' {value} is not the claim's latest figure; look at the numbers of sentence 7.")
    if record["unit"] != claim["unit"]:
        return hint(f"use the unit {claim['unit']!r}.")
    start, end = _l02_as_timestamp(record["period_start"]), _l02_as_timestamp(record["period_end"])
    if start is None or end is None:
        return hint("the periods should be dates, e.g. pd.Period('2016-08', freq='M').start_time.")
    if start != claim["period_start"]:
        if start.year == claim["period_start"].year - 1:
            return hint("that is the baseline's month (August 2015); the period is the latest value's month.")
        return hint("'period_start' should be the first day of the month of the latest value.")
    if end != claim["period_end"]:
        if end.normalize() == claim["period_end"]:
            return hint("right day, but with a time of day; .normalize() keeps the date only.")
        if end == claim["period_start"]:
            return hint("a month ends on its last day, not its first: use .end_time.normalize().")
        return hint("'period_end' should be the last day of that month.")
    return correct("the same record as data/claims.csv: 194 products, 1 to 31 August 2016.")


_L02_LABELS = ("non_factual", "unimportant_factual", "check_worthy_factual")


@exercise
def q02_4(label_5: Any) -> Feedback:
    """A ClaimBuster label for sentence 5, which is not one of the sixteen coded claims.

    A judgement: both factual labels can be argued (see the instructor guide); non_factual cannot.
    """
    if not isinstance(label_5, str):
        return hint(f"expected one of the labels as text, such as {_L02_LABELS[0]!r}, "
                    f"got {type_name(label_5)}.")
    label = label_5.strip()
    if label not in _L02_LABELS:
        near = label.lower().replace("-", "_").replace(" ", "_")
        if near in _L02_LABELS:
            return hint(f"write the label exactly as the course does: {near!r}.")
        return hint(f"{label_5!r} is not a label; choose one of {', '.join(map(repr, _L02_LABELS))}.")
    if label == "non_factual":
        return hint("sentence 5 states something about the past that evidence could support or "
                    "refute (what drove recruitment), so it is factual. Is it worth checking?")
    if label == "check_worthy_factual":
        return correct("check_worthy_factual: a causal claim about recruitment that readers would "
                       "care about; hard to verify, but checkable in principle. Write your reason.")
    return correct("unimportant_factual: defensible if you read it as background to the story. "
                   "Write your reason: a class will disagree, and that is the point.")


# Exercise 5 applies the attribution rule to two claims, with one cue the lesson does not use:
# نشرته, "published it", in c02.
_L02_RULE_CLAIMS = ("c02", "c04")
_L02_RULE_CUES = ("ذكر", "نشرته", "نقلت", "قوله", "مضيفا")
_L02_POINTS_BACK = frozenset({"قوله", "مضيفا"})
_L02_RULE_NAMES = {"هافنجتون بوست": "HuffPost", "لاكومي": "Lakomy"}


def _l02_rule_cases() -> tuple[list[tuple[str, str, int, int]], dict[str, list[tuple[int, int, str]]]]:
    """The cues (claim_id, cue, start, end) and named sources of the exercise, as the solution builds them."""
    claims = data.load("claims").set_index("claim_id")
    views = {claim_id: _text.normalize(claims.loc[claim_id, "claim_ar"]) for claim_id in _L02_RULE_CLAIMS}
    named = {claim_id: sorted((m.start(), m.end(), english) for arabic, english in _L02_RULE_NAMES.items()
                              for m in re.finditer(arabic, view))
             for claim_id, view in views.items()}
    cues = [(claim_id, m.group(), m.start(), m.end()) for claim_id, view in views.items()
            for m in re.finditer("|".join(_L02_RULE_CUES), view)]
    return cues, named


def _l02_apply_rule(cues: list[tuple[str, str, int, int]], named: dict[str, list[tuple[int, int, str]]],
                    backward: Any) -> list[str | None]:
    """The source of each cue: the last one before it if backward(cue), else the first one after it."""
    sources: list[str | None] = []
    for claim_id, cue, start, end in cues:
        if backward(cue):
            before = [name for s, e, name in named[claim_id] if e <= start]
            sources.append(before[-1] if before else None)
        else:
            after = [name for s, e, name in named[claim_id] if s >= end]
            sources.append(after[0] if after else None)
    return sources


@exercise
def q02_5(sources: Any) -> Feedback:
    """The source the attribution rule gives each cue of claims c02 and c04, in order."""
    cues, named = _l02_rule_cases()
    expected = _l02_apply_rule(cues, named, lambda cue: cue in _L02_POINTS_BACK)
    if isinstance(sources, (str, bytes, dict)) or not isinstance(sources, (list, tuple)):
        return hint(f"expected a list with one source name (or None) per cue, got {type_name(sources)}.")
    given = list(sources)
    if len(given) != len(cues):
        return hint(f"there are {len(cues)} cues, so sources should hold {len(cues)} items; "
                    f"you have {len(given)}.")
    if not all(item is None or isinstance(item, str) for item in given):
        return hint("each item should be a source name such as 'HuffPost', or None.")
    if given == expected:
        return correct(f"{', '.join(map(str, expected))}: the new cue نشرته looks forward to "
                       "HuffPost, and قوله and مضيفا look back to Lakomy.")
    if given == _l02_apply_rule(cues, named, lambda cue: False):
        return hint("every cue looked forward: قوله and مضيفا point back, so they take the last "
                    "source named before them.")
    if given == _l02_apply_rule(cues, named, lambda cue: True):
        return hint("every cue looked back: only قوله and مضيفا do; the others take the first "
                    "source named after them.")
    wrong = [f"{cue} ({claim_id})" for (claim_id, cue, _, _), mine, right in zip(cues, given, expected)
             if mine != right]
    return hint(f"not quite for: {', '.join(wrong)}. Compare each cue's position with the sources' "
                "positions in named[claim_id].")


@exercise
def q02_6(unsourced: Any) -> Feedback:
    """Claims with a value and no attribution, as a sorted list of ids."""
    claims = data.load("claims")
    attributed = set(data.load("attributions")["claim_id"])
    with_value = set(claims.loc[claims["value"].notna(), "claim_id"])
    expected = sorted(with_value - attributed)
    if isinstance(unsourced, (str, bytes)) or not hasattr(unsourced, "__iter__"):
        return hint(f"expected a list of claim ids such as ['c01', ...], got {type_name(unsourced)}.")
    given = list(unsourced)
    if not all(isinstance(claim_id, str) for claim_id in given):
        return hint("every item should be a claim id (a str such as 'c08').")
    if sorted(given) == expected:
        if given != expected:
            return hint("the right claims; now sort the list with sorted(...).")
        return correct(f"{', '.join(expected)}: numbers that rest on the article's word alone.")
    if set(given) == set(claims["claim_id"]) - attributed:
        return hint("those are all the unattributed claims; keep only the ones that have a value.")
    if set(given) == with_value:
        return hint("those are all the claims with a value; remove the ones that have an attribution.")
    if set(given) < set(expected):
        return hint("some are missing: take every claim with a value whose id is not in attributions.")
    return hint("not quite: claims whose value is not missing, minus the claim ids of attributions.")


# Exercise 7 teaches the grammar of numbers in words مية, the colloquial spelling of مئة
# ("hundred"). The test sentence, "A hundred thousand visitors arrived, and the shop sold
# three hundred copies" (words the lesson glosses), uses it before a scale word and after a unit.
_L02_TEST_SENTENCE = "وصل مية ألف زائر، وباع المتجر ثلاث مية نسخة"
_L02_EXPECTED_READINGS = [("مية ألف", 100_000.0), ("ثلاث مية", 300.0)]
# The course's table as shipped, to notice a table changed in place during a session.
_L02_COURSE_NUMBER_WORDS = number_words.NUMBER_WORDS


def _l02_readings(rows: list[Any]) -> list[tuple[str, float]]:
    """What the grammar reads in the test sentence with ``rows``, for this call only."""
    found = number_words.read_number_words(_L02_TEST_SENTENCE, extra_words=rows)
    return [(number.raw, number.value) for number in found]


def _l02_describe(readings: list[tuple[str, float]]) -> str:
    """Readings as "مية ألف = 100,000, ثلاث = 3", or "nothing"."""
    return ", ".join(f"{raw} = {value:,.0f}" for raw, value in readings) or "nothing"


@exercise
def q02_7(new_words: Any) -> Feedback:
    """New rows for the grammar, so that مية ("hundred") is read in the test sentence."""
    example = "[('...', 100, number_words.HUNDREDS)]"
    if number_words.NUMBER_WORDS != _L02_COURSE_NUMBER_WORDS:
        return hint("number_words.NUMBER_WORDS was changed in this session; restart the kernel "
                    "(Kernel → Restart) and pass your row in new_words instead.")
    if isinstance(new_words, (str, bytes, dict)) or not isinstance(new_words, (list, tuple)):
        return hint(f"expected a list of rows such as {example}, got {type_name(new_words)}.")
    rows = list(new_words)
    if len(rows) == 3 and isinstance(rows[0], str) and not isinstance(rows[1], (tuple, list)):
        return hint(f"that is one row; put it in a list: [{tuple(rows)!r}] "
                    "(round brackets inside square ones).")
    if not rows:
        return hint(f"the list is empty: add one row such as {example}.")
    try:
        readings = _l02_readings(rows)
    except ValueError as error:
        return hint(f"the grammar refused a row: {str(error).removeprefix('read_number_words: ')}")
    except Exception:
        return hint(f"each row should be a tuple (spellings, value, role), such as {example[1:-1]}.")
    if readings == _L02_EXPECTED_READINGS:
        return correct("مية ألف = 100,000 and ثلاث مية = 300: the grammar now reads مية, "
                       "in a compound and after a unit, without a change to its table.")
    read = f"in the test sentence it read {_l02_describe(readings)}"
    if readings == _l02_readings([]):
        return hint(f"the grammar reads the sentence as before, {_l02_describe(readings)}: "
                    "is the spelling مية, exactly as in the sentence?")
    first = readings[0] if readings else None
    if first is not None and first[0] == "مية ألف" and first[1] != 100_000.0:
        return hint(f"{read}. مية is a hundred: its value is 100.")
    if first == _L02_EXPECTED_READINGS[0]:
        return hint(f"{read}. مية ألف is right; for ثلاث مية (3 × 100) the role must be the "
                    "one مئة has in NUMBER_WORDS, number_words.HUNDREDS.")
    return hint(f"{read}; expected {_l02_describe(_L02_EXPECTED_READINGS)}. Compare your row "
                "with the row of مئة in number_words.NUMBER_WORDS.")
