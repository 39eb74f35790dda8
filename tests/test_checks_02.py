"""Lesson 02's checks: right answers get ✅, typical wrong ones their specific 💡 hint, `...` "not attempted"."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import run_check as run

from counterprop import checks, data, text

# The right answers, computed the way solutions/02-from-text-to-claims.ipynb computes them.
NUMBERS = data.load("numbers")
CLAIMS = data.load("claims")
ATTRIBUTIONS = data.load("attributions")
BEFORE, AFTER = NUMBERS.loc[(NUMBERS["sentence_id"] == 7) & (NUMBERS["kind"] == "count"), "value"]
AUGUST_2016 = pd.Period("2016-08", freq="M")
RECORD = {
    "value": 194.0,
    "unit": "propaganda products per month",
    "period_start": AUGUST_2016.start_time,
    "period_end": AUGUST_2016.end_time.normalize(),
}
WITH_VALUE = CLAIMS.loc[CLAIMS["value"].notna(), "claim_id"]
UNSOURCED = sorted(set(WITH_VALUE) - set(ATTRIBUTIONS["claim_id"]))

RIGHT = {
    "q02_1": text.find_numbers("حذف١٢٥ ألف حساب")["value"].iloc[0],
    "q02_2": int((NUMBERS["kind"] == "count").sum()),
    "q02_3": round((BEFORE - AFTER) / BEFORE * 100, 1),
    "q02_4": RECORD,
    "q02_5": UNSOURCED,
}

# (answer, words the specific hint must contain)
WRONG = {
    "q02_1": [(125, "ignores the multiplier"), ("125000", "that is text"), ([125000], "expected a number")],
    "q02_2": [(13, "every number"), (7, "50% is a percentage"), (12, "years are not counts"), (6.0, "whole number")],
    "q02_3": [
        (25.5, "what remains"),
        (0.745, "a fraction"),
        (292.3, "starting value"),
        (567, "difference"),
        ("74.5", "expected a number"),
    ],
    "q02_4": [
        ({**RECORD, "value": 761.0}, "baseline"),
        ({**RECORD, "period_start": pd.Timestamp("2015-08-01")}, "baseline's month"),
        ({**RECORD, "period_end": AUGUST_2016.end_time}, "time of day"),
        ({**RECORD, "period_end": pd.Timestamp("2016-08-01")}, "last day"),
        ({**RECORD, "unit": "products"}, "use the unit"),
        ({"value": 194.0}, "needs the key"),
        ([194.0], "dictionary"),
        ({**RECORD, "period_start": "2016-08-01", "period_end": "2016-08-31"}, None),  # strings are fine
    ],
    "q02_5": [
        (list(reversed(UNSOURCED)), "sort the list"),
        (sorted(set(CLAIMS["claim_id"]) - set(ATTRIBUTIONS["claim_id"])), "have a value"),
        (sorted(WITH_VALUE), "remove the ones that have an attribution"),
        (UNSOURCED[:2], "some are missing"),
        ("c08", "expected a list"),
    ],
}


def test_every_lesson_02_check_has_right_and_wrong_answers_here():
    assert set(RIGHT) == {n for n in checks.CHECKS if n.startswith("q02_")} == set(WRONG)


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_the_right_answer_gets_a_tick(capsys, name):
    assert run(capsys, name, RIGHT[name]).startswith("✅")


@pytest.mark.parametrize(
    ("name", "answer", "words"),
    [(name, answer, words) for name, cases in WRONG.items() for answer, words in cases],
)
def test_a_typical_wrong_answer_gets_its_specific_hint(capsys, name, answer, words):
    out = run(capsys, name, answer)
    if words is None:  # an equivalent form of the right answer
        assert out.startswith("✅"), out
    else:
        assert out.startswith("💡") and words in out, out


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_an_untouched_answer_is_not_attempted(capsys, name):
    assert run(capsys, name, ...).startswith("⏳ not attempted yet")


def test_the_right_values_are_the_articles():
    # Independent facts about the article, so the checks cannot silently drift.
    assert RIGHT["q02_1"] == 125_000.0
    assert RIGHT["q02_2"] == 6
    assert (BEFORE, AFTER) == (761.0, 194.0)
    assert RIGHT["q02_3"] == 74.5  # derived: (761 - 194) / 761 * 100
    assert RIGHT["q02_5"] == ["c08", "c09", "c14", "c15"]
    c06 = CLAIMS.set_index("claim_id").loc["c06"]
    assert (c06["value"], c06["period_start"], c06["period_end"]) == (
        RECORD["value"], RECORD["period_start"], RECORD["period_end"])
