"""Exercise checks: right answers get ✅, wrong ones a hint, `...` "not attempted", and none raise."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest
from conftest import run_check as run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counterprop import checks, data

# The right answers, computed the way the solution notebooks compute them.
ARTICLE = data.read_article()
SENTENCES = data.load("sentences")
RIGHT = {
    "q00_1": hashlib.sha256((data.DATA_DIR / "article" / "ar.txt").read_bytes()).hexdigest(),
    "q00_2": ARTICLE.count("."),
    "q00_3": len(ARTICLE.split()),
    "q00_4": SENTENCES.loc[SENTENCES["text_raw"].str.contains("تويتر"), "id"].tolist(),
}
WRONG = {
    "q00_1": ("eb97da2c", "64 characters"),
    "q00_2": (len(ARTICLE.split(".")), "empty piece"),
    "q00_3": (len(ARTICLE), "characters, not words"),
    "q00_4": ([8], "missing"),
}


def test_every_lesson_00_check_has_a_right_and_a_wrong_answer_here():
    # Each lesson's checks are tested with right and wrong answers in tests/test_checks_NN.py.
    assert set(RIGHT) == {n for n in checks.CHECKS if n.startswith("q00_")} == set(WRONG)


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_the_right_answer_gets_a_tick(capsys, name):
    assert run(capsys, name, RIGHT[name]).startswith("✅")


@pytest.mark.parametrize("name", sorted(WRONG))
def test_a_typical_wrong_answer_gets_a_specific_hint(capsys, name):
    answer, words = WRONG[name]
    out = run(capsys, name, answer)
    assert out.startswith("💡") and words in out


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_an_untouched_answer_is_not_attempted(capsys, name):
    assert run(capsys, name, ...).startswith("⏳ not attempted yet")


def test_the_right_values_are_the_articles():
    # Independent facts about the article, so the checks cannot silently drift.
    assert RIGHT["q00_1"] == "eb97da2c87ceed2a73e419867f6e804653dc9572510bd55e3683ebad18359e9d"
    assert RIGHT["q00_2"] == 12
    assert RIGHT["q00_4"] == [8, 9]


def test_bytes_digest_gets_the_hexdigest_hint(capsys):
    out = run(capsys, "q00_1", hashlib.sha256(b"x").digest())
    assert ".hexdigest()" in out


class Hostile:
    """An answer whose every operation fails."""

    def __eq__(self, other):
        raise RuntimeError("no comparing")

    def __iter__(self):
        raise RuntimeError("no iterating")

    def __len__(self):
        raise RuntimeError("no len")

    def __str__(self):
        raise RuntimeError("no str")

    __repr__ = __str__
    __hash__ = None


ANYTHING = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(), st.binary(),
    st.lists(st.integers() | st.text(), max_size=20), st.dictionaries(st.text(), st.integers()),
    st.just(...), st.just(Hostile()), st.just(pd.DataFrame({"a": [1, 2]})),
    st.just(np.array([np.nan, 1.0])), st.just(pd.Series(["x"])), st.just(object()),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=ANYTHING, name=st.sampled_from(sorted(checks.CHECKS)))
def test_no_check_ever_raises(answer, name, capsys):
    run(capsys, name, answer)


def test_a_check_that_itself_breaks_still_does_not_raise(capsys):
    @checks.exercise
    def broken(answer):
        raise ZeroDivisionError

    broken(1)
    assert capsys.readouterr().out.startswith("💡 your answer could not be checked (ZeroDivisionError")
    checks.CHECKS.pop("broken")


def test_numpy_whole_numbers_are_accepted(capsys):
    assert run(capsys, "q00_2", np.int64(RIGHT["q00_2"])).startswith("✅")
    assert run(capsys, "q00_3", float(RIGHT["q00_3"])).startswith("✅")
    assert run(capsys, "q00_2", 12.5).startswith("💡 expected a whole number")


def test_a_hash_object_gets_the_hexdigest_hint(capsys):
    assert ".hexdigest()" in run(capsys, "q00_1", hashlib.sha256(b"x"))


def test_twitter_ids_hints_for_the_likely_slips(capsys):
    mask = SENTENCES["text_raw"].str.contains("تويتر")
    assert "one True/False per sentence" in run(capsys, "q00_4", mask)
    assert "keep only its" in run(capsys, "q00_4", SENTENCES.loc[mask])
    assert "row positions" in run(capsys, "q00_4", SENTENCES.index[mask].tolist())
    assert "one True/False per sentence" in run(capsys, "q00_4", mask.tolist())


def test_twitter_ids_that_are_not_whole_numbers_are_not_accepted(capsys):
    # int() would turn 8.7 into 8 and the string "89" into [8, 9]; neither is a list of ids.
    ids = RIGHT["q00_4"]
    assert "whole numbers" in run(capsys, "q00_4", [i + 0.7 for i in ids])
    assert "expected a list" in run(capsys, "q00_4", "".join(str(i) for i in ids))
    assert "expected a list" in run(capsys, "q00_4", {i: True for i in ids})
    assert run(capsys, "q00_4", [float(i) for i in ids]).startswith("✅")
