"""Checks for lesson 02, From text to claims."""

from __future__ import annotations

from numbers import Integral
from typing import Any

import pandas as pd

from counterprop import data
from counterprop import text as _text
from counterprop.checks.base import Feedback, correct, exercise, hint, is_number, type_name

__all__ = ["q02_1", "q02_2", "q02_3", "q02_4", "q02_5"]


_L02_MULTIPLIER_PHRASE = "حذف١٢٥ ألف حساب"


@exercise
def q02_1(value: Any) -> Feedback:
    """The value of the phrase حذف١٢٥ ألف حساب, multiplier applied."""
    expected = float(_text.find_numbers(_L02_MULTIPLIER_PHRASE)["value"].iloc[0])
    if isinstance(value, str):
        return hint("that is text; take the 'value' column of text.find_numbers(...), a number.")
    if not is_number(value):
        return hint(f"expected a number, got {type_name(value)}. Take one cell: [\"value\"].iloc[0].")
    if float(value) == expected:
        return correct(f"{expected:,.0f}: find_numbers applied the multiplier ألف (thousand).")
    if float(value) == expected / 1000:
        return hint("that ignores the multiplier ألف ('thousand'); read the value column of "
                    "text.find_numbers, which applies it.")
    return hint(f"{value} is not it. Try text.find_numbers(\"{_L02_MULTIPLIER_PHRASE}\")[\"value\"].iloc[0].")


@exercise
def q02_2(n_counts: Any) -> Feedback:
    """How many of the article's numbers are counts."""
    kinds = data.load("numbers")["kind"]
    expected = int((kinds == "count").sum())
    if isinstance(n_counts, bool) or not isinstance(n_counts, Integral):
        return hint(f"expected a whole number (int), got {type_name(n_counts)}.")
    if n_counts == expected:
        return correct(f"{expected} counts; the other {len(kinds) - expected} numbers are years and a percentage.")
    if n_counts == len(kinds):
        return hint("that is every number; keep only the rows whose kind is 'count'.")
    if n_counts == int((kinds != "year").sum()):
        return hint("50% is a percentage, not a count: keep kind == 'count' only.")
    if n_counts == int((kinds != "percent").sum()):
        return hint("years are not counts: keep kind == 'count' only.")
    return hint(f"{n_counts} is not it. Try (numbers['kind'] == 'count').sum().")


def _l02_c06_values() -> tuple[float, float]:
    """The two counts of claim c06's sentence, in reading order (before, after)."""
    numbers = data.load("numbers")
    claim = data.load("claims").set_index("claim_id").loc["c06"]
    counts = numbers[(numbers["sentence_id"] == claim["sentence_id"]) & (numbers["kind"] == "count")]
    before, after = (float(v) for v in counts["value"])
    return before, after


@exercise
def q02_3(fall_pct: Any) -> Feedback:
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
def q02_4(record: Any) -> Feedback:
    """Claim c06 coded as {"value", "unit", "period_start", "period_end"}."""
    claim = data.load("claims").set_index("claim_id").loc["c06"]
    if not isinstance(record, dict):
        return hint(f"expected a dictionary {{'value': ..., 'unit': ..., ...}}, got {type_name(record)}.")
    missing = [key for key in ("value", "unit", "period_start", "period_end") if key not in record]
    if missing:
        return hint(f"the record needs the key(s) {', '.join(repr(k) for k in missing)}.")
    before, after = _l02_c06_values()
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


@exercise
def q02_5(unsourced: Any) -> Feedback:
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
