"""Lesson 02's checks: right answers get ✅, typical wrong ones their specific 💡 hint, `...` "not attempted"."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import run_check as run
from test_checks import Hostile

from counterprop import checks, data, number_words, text

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

# Exercise 1: the solution's number pattern, with ألفا and مليارات added, on its sample.
DIGIT = "[0-9\u0660-\u0669\u06F0-\u06F9]"
NUMBER = f"{DIGIT}+(?:[,\u066C]{DIGIT}{{3}}(?!{DIGIT}))*(?:[.\u066B]{DIGIT}+)?"
TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "0123456789" * 2 + ".,")
MULTIPLIERS = {"ألف": 1_000, "الف": 1_000, "آلاف": 1_000, "الاف": 1_000,
               "مليون": 1_000_000, "ملايين": 1_000_000, "مليار": 1_000_000_000}
SAMPLE = "بلغ العدد ٣٥ ألفا ثم 3 مليارات"


def values_in(phrase, multipliers):
    pattern = re.compile(f"(?P<number>{NUMBER})(?: *(?P<multiplier>{'|'.join(multipliers)})(?!\\w))?")
    return [float(m["number"].translate(TO_ASCII).replace(",", "")) * multipliers.get(m["multiplier"], 1)
            for m in pattern.finditer(phrase)]


VALUES = values_in(SAMPLE, {**MULTIPLIERS, "ألفا": 1_000, "مليارات": 1_000_000_000})

# Exercise 5: the cues and named sources of c02 and c04, and the rule applied to them.
POINTS_BACK = {"قوله", "مضيفا"}
NAMES = {"هافنجتون بوست": "HuffPost", "لاكومي": "Lakomy"}
VIEWS = {cid: text.normalize(CLAIMS.set_index("claim_id").loc[cid, "claim_ar"]) for cid in ["c02", "c04"]}
NAMED = {cid: sorted((m.start(), m.end(), en) for ar, en in NAMES.items() for m in re.finditer(ar, view))
         for cid, view in VIEWS.items()}
CUES = [(cid, m.group(), m.start(), m.end()) for cid, view in VIEWS.items()
        for m in re.finditer("ذكر|نشرته|نقلت|قوله|مضيفا", view)]


def source_for(claim_id, cue, start, end, back=lambda cue: cue in POINTS_BACK):
    if back(cue):
        before = [name for s, e, name in NAMED[claim_id] if e <= start]
        return before[-1] if before else None
    after = [name for s, e, name in NAMED[claim_id] if s >= end]
    return after[0] if after else None


SOURCES = [source_for(*cue) for cue in CUES]

# Exercise 7: one row that teaches the grammar مية, the colloquial spelling of مئة (100).
NEW_WORDS = [("مية", 100, number_words.HUNDREDS)]
TEST_SENTENCE = "وصل مية ألف زائر، وباع المتجر ثلاث مية نسخة"

RIGHT = {
    "q02_1": VALUES,
    "q02_2": round((BEFORE - AFTER) / BEFORE * 100, 1),
    "q02_3": RECORD,
    "q02_4": "check_worthy_factual",
    "q02_5": SOURCES,
    "q02_6": UNSOURCED,
    "q02_7": NEW_WORDS,
}

# (answer, words the specific hint must contain)
WRONG = {
    "q02_1": [
        (values_in(SAMPLE, MULTIPLIERS), "no multiplier was applied"),
        (values_in(SAMPLE, {**MULTIPLIERS, "مليارات": 1_000_000_000}), "add ألفا"),
        (values_in(SAMPLE, {**MULTIPLIERS, "ألفا": 1_000}), "add مليارات"),
        (values_in(SAMPLE, {**MULTIPLIERS, "ألفا": 1_000, "مليارات": 1_000_000}), "not a million"),
        (VALUES[:1], "holds 2 numbers"),
        ("35000", "expected a list of numbers"),
        ([str(v) for v in VALUES], "expected a list of numbers"),
        (tuple(VALUES), None),  # a tuple is fine
        ([np.float64(v) for v in VALUES], None),  # so are numpy numbers
    ],
    "q02_2": [
        (25.5, "what remains"),
        (0.745, "a fraction"),
        (292.3, "starting value"),
        (567, "difference"),
        ("74.5", "expected a number"),
    ],
    "q02_3": [
        ({**RECORD, "value": 761.0}, "baseline"),
        ({**RECORD, "period_start": pd.Timestamp("2015-08-01")}, "baseline's month"),
        ({**RECORD, "period_end": AUGUST_2016.end_time}, "time of day"),
        ({**RECORD, "period_end": pd.Timestamp("2016-08-01")}, "last day"),
        ({**RECORD, "unit": "products"}, "use the unit"),
        ({"value": 194.0}, "needs the key"),
        ([194.0], "dictionary"),
        ({**RECORD, "period_start": "2016-08-01", "period_end": "2016-08-31"}, None),  # strings are fine
    ],
    "q02_4": [
        ("unimportant_factual", None),  # a judgement: defensible too
        (" check_worthy_factual ", None),
        ("non_factual", "it is factual"),
        ("check-worthy factual", "exactly as the course does"),
        ("opinion", "not a label"),
        (2, "expected one of the labels"),
    ],
    "q02_5": [
        ([source_for(*cue, back=lambda cue: False) for cue in CUES], "every cue looked forward"),
        ([source_for(*cue, back=lambda cue: True) for cue in CUES], "every cue looked back"),
        (SOURCES[:-1], "should hold 5 items"),
        (SOURCES[:-1] + ["HuffPost"], "not quite for: مضيفا (c04)"),
        ("HuffPost", "expected a list"),
        ([1, 2, 3, 4, 5], "a source name"),
        (tuple(SOURCES), None),
    ],
    "q02_6": [
        (list(reversed(UNSOURCED)), "sort the list"),
        (sorted(set(CLAIMS["claim_id"]) - set(ATTRIBUTIONS["claim_id"])), "have a value"),
        (sorted(WITH_VALUE), "remove the ones that have an attribution"),
        (UNSOURCED[:2], "some are missing"),
        ("c08", "expected a list"),
    ],
    "q02_7": [
        ([("مية", 1000, number_words.HUNDREDS)], "its value is 100"),
        ([("مية", 10, number_words.HUNDREDS)], "its value is 100"),
        ([("مية", 100, number_words.UNIT)], "number_words.HUNDREDS"),
        ([("مئة", 100, number_words.HUNDREDS)], "is the spelling مية"),
        ([("مائة", 100, number_words.HUNDREDS)], "is the spelling مية"),
        ([("ميت", 100, number_words.HUNDREDS)], "is the spelling مية"),
        ([("مية", 100, "hundred")], "got 'hundred'"),
        ([("مية", 100)], "got ('مية', 100)"),
        ([("مية", "100", number_words.HUNDREDS)], "positive number"),
        (NEW_WORDS[0], "put it in a list"),
        ([], "the list is empty"),
        ("مية", "expected a list of rows"),
        ({"مية": 100}, "expected a list of rows"),
        ([("ميه", 100, number_words.HUNDREDS)], None),  # ة and ه are the same letter here
        (tuple(NEW_WORDS), None),  # a tuple of rows is fine
        ([("مية", 100.0, number_words.HUNDREDS)], None),  # so is 100.0
        ([("مية", 100, "hundreds")], None),  # the role's value, written out
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
    assert RIGHT["q02_1"] == [35_000.0, 3_000_000_000.0]  # 35 thousand, 3 billion
    assert (BEFORE, AFTER) == (761.0, 194.0)
    assert RIGHT["q02_2"] == 74.5  # derived: (761 - 194) / 761 * 100
    assert [cue for _, cue, _, _ in CUES] == ["ذكر", "نشرته", "نقلت", "قوله", "مضيفا"]
    assert RIGHT["q02_5"] == ["HuffPost", "HuffPost", "HuffPost", "Lakomy", "Lakomy"]
    # The rule agrees with the shipped attributions wherever they have a row (not for نشرته).
    shipped = ATTRIBUTIONS[ATTRIBUTIONS["claim_id"].isin(["c02", "c04"])]
    ours = [(cid, cue, name) for (cid, cue, _, _), name in zip(CUES, SOURCES) if cue != "نشرته"]
    assert ours == list(zip(shipped["claim_id"], shipped["cue"], shipped["source_named"]))
    assert RIGHT["q02_6"] == ["c08", "c09", "c14", "c15"]
    c06 = CLAIMS.set_index("claim_id").loc["c06"]
    assert (c06["value"], c06["period_start"], c06["period_end"]) == (
        RECORD["value"], RECORD["period_start"], RECORD["period_end"])


@pytest.mark.parametrize("name", ["q02_1", "q02_4", "q02_5", "q02_7"])
@pytest.mark.parametrize(
    "answer",
    [None, 0, float("nan"), "", [], {}, [None, None], [...], pd.DataFrame({"a": [1]}), Hostile(), [Hostile()]],
    ids=lambda a: type(a).__name__,
)
def test_the_new_checks_answer_odd_input_with_a_hint(capsys, name, answer):
    # Never raise, and say something specific rather than "could not be checked".
    out = run(capsys, name, answer)
    assert out.startswith("💡"), out


def test_the_new_form_is_missing_from_the_course_table():
    # Exercise 7 is worth doing only while the shipped grammar misses مية.
    read = [(n.raw, n.value) for n in number_words.read_number_words(TEST_SENTENCE)]
    assert read == [("ألف", 1000.0), ("ثلاث", 3.0)]
    taught = number_words.read_number_words(TEST_SENTENCE, extra_words=NEW_WORDS)
    assert [(n.raw, n.value) for n in taught] == [("مية ألف", 100_000.0), ("ثلاث مية", 300.0)]


def test_q02_7_leaves_no_state_behind(capsys):
    table = number_words.NUMBER_WORDS
    assert run(capsys, "q02_7", NEW_WORDS).startswith("✅")
    # The right rows were not kept: an empty list and a wrong spelling still fail.
    assert run(capsys, "q02_7", []).startswith("💡")
    assert run(capsys, "q02_7", [("مئة", 100, number_words.HUNDREDS)]).startswith("💡")
    assert number_words.NUMBER_WORDS is table
    assert [n.raw for n in number_words.read_number_words(TEST_SENTENCE)] == ["ألف", "ثلاث"]


def test_q02_7_notices_a_table_changed_in_place(capsys, monkeypatch):
    # A learner who follows the module's docstring and adds the row to the table itself
    # does not pass by sending an empty list: the check reads with the course's table.
    monkeypatch.setattr(
        number_words, "NUMBER_WORDS", number_words.NUMBER_WORDS + tuple(NEW_WORDS))
    out = run(capsys, "q02_7", NEW_WORDS)
    assert out.startswith("💡") and "restart the kernel" in out, out
