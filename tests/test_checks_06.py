"""Lesson 06 checks: the solution's answers get ✅, typical wrong answers a specific 💡 hint."""

from __future__ import annotations

import pytest
from conftest import run_check as run

from counterprop import checks, models

# CEP 2018 (cep_2018): 1,348 uploads of 229 known videos; 163,391 views; the 24% of uploads
# live over two hours got 148,590 views, the 76% removed within two hours 14,801.
UPLOADS, VIEWS, LONG_VIEWS, SHORT_VIEWS, SHARE_LONG = 1348, 163_391, 148_590, 14_801, 0.24
P = models.defaults("takedown")
U = P["uploads_per_video"]

RIGHT = {
    "q06_1": LONG_VIEWS / (SHARE_LONG * UPLOADS),
    "q06_2": LONG_VIEWS / VIEWS,
    "q06_3": 1 - (U / 2 - 1) / (U - 1),
    "q06_5": P["views_short"] / (P["views_short"] + P["views_long"]),
}
HALVE_TAIL = models.takedown_views(**{**P, "share_long": P["share_long"] / 2})
BLOCK_HALF = models.takedown_views(**{**P, "share_blocked": 0.5})
WRONG = {
    "q06_1": [(LONG_VIEWS / UPLOADS, "all 1,348"), (LONG_VIEWS / SHARE_LONG, "0.24 × 1,348"),
              (SHORT_VIEWS / (0.76 * UPLOADS), "short-lived")],
    "q06_2": [(0.24, "denominator is views"), (0.76, "removed fast"),
              (SHORT_VIEWS / VIEWS, "removed within two hours"), (90.9, "percentage")],
    "q06_3": [(0.5, "first upload"), (1.0, "more than half"), (60, "percentage")],
    "q06_5": [(0.12, "halving q"), (0.5, "32 times"), (3.04, "percentage")],
}


def test_every_lesson_06_check_is_tested_here():
    assert set(RIGHT) | {"q06_4"} == {n for n in checks.CHECKS if n.startswith("q06_")}


def test_the_right_values_are_cep_arithmetic():
    assert round(RIGHT["q06_1"]) == 459 and round(RIGHT["q06_2"], 2) == 0.91
    assert 0.5 < RIGHT["q06_3"] < 1 and 0 < RIGHT["q06_5"] < 0.05
    assert HALVE_TAIL < BLOCK_HALF < models.takedown_views(**P)


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_the_solution_gets_a_tick(capsys, name):
    assert run(capsys, name, RIGHT[name]).startswith("✅")


def test_the_two_scenarios_get_a_tick(capsys):
    assert run(capsys, "q06_4", HALVE_TAIL, BLOCK_HALF).startswith("✅")


@pytest.mark.parametrize(("name", "answer", "words"),
                         [(n, a, w) for n, cases in sorted(WRONG.items()) for a, w in cases])
def test_typical_wrong_answers_get_a_specific_hint(capsys, name, answer, words):
    out = run(capsys, name, answer)
    assert out.startswith("💡") and words in out, out


@pytest.mark.parametrize(("answers", "words"), [
    ((BLOCK_HALF, HALVE_TAIL), "swapped"),
    ((models.takedown_views(**P), BLOCK_HALF), "baseline"),
    ((123.0, BLOCK_HALF), "share_long to 0.12"),
    ((HALVE_TAIL, 123.0), "share_blocked to 0.5"),
    ((HALVE_TAIL,), "expected two numbers"),
    ((HALVE_TAIL, "x"), "block_half is str"),
])
def test_the_two_scenarios_wrong_answers(capsys, answers, words):
    out = run(capsys, "q06_4", *answers)
    assert out.startswith("💡") and words in out, out


@pytest.mark.parametrize("name", sorted(RIGHT) + ["q06_4"])
def test_untouched_answers_are_not_attempted(capsys, name):
    answers = (..., ...) if name == "q06_4" else (...,)
    assert run(capsys, name, *answers).startswith("⏳ not attempted yet")
