"""Lesson 05 checks: the solution's answers get ✅, typical wrong answers a specific 💡 hint."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import run_check as run

from counterprop import checks, data, models

P = models.defaults("survival")
P2, P90, H_FAST = P["share_gone_2d"], P["share_gone_90d"], P["hazard_fast"]
H_DAY_2 = -math.log(1 - P2) / 2
H_DAY_90 = -math.log(1 - P90) / 90


def fit(hazard_fast: float) -> tuple[float, float]:
    return models.fit_mixture(share_gone_early=P2, share_gone_late=P90, hazard_fast=hazard_fast)


A, H_SLOW = fit(H_FAST)
DAYS = np.arange(0, 200.0001, 0.1)
LIVE = models.survival_mixture(DAYS, share_fast=A, hazard_fast=H_FAST, hazard_slow=H_SLOW)
SUSPENSIONS = data.load("suspensions").set_index("window_id")
HALF_YEAR = float(SUSPENSIONS.loc["tw_tr_2017h2", "accounts"])
LINEAGE = P["followers"] * P["retention"] ** np.arange(int(P["returns"]) + 1)

# The answers, computed the way solutions/05-what-if-account-survival.ipynb computes them.
RIGHT = {
    "q05_1": H_DAY_90,
    "q05_2": 1 - np.exp(-H_DAY_2 * 90),
    "q05_3": fit(0.5)[0],
    "q05_4": LINEAGE.sum(),
    "q05_5": P["share_before_first_tweet"] * HALF_YEAR,
    "q05_6": float(DAYS[np.argmax(LIVE <= 0.5)]),
}
WRONG = {
    "q05_1": [(-math.log(P90) / 90, "1 - p"), (math.log(1 - P90) / 90, "minus sign"),
              (-math.log10(1 - P90) / 90, "base 10"), (P90 / 90, "straight line"),
              (H_DAY_2, "day-2 point")],
    "q05_2": [(np.exp(-H_DAY_2 * 90), "still live"), (0.63, "Conway observed"),
              (99.99, "percentage")],
    "q05_3": [(A, "default h_f"), (0.30, "published bound"), (fit(0.5)[1], "h_s"),
              (46.8, "percentage"), (0.9, "fit_mixture")],
    "q05_4": [(LINEAGE.sum() - P["followers"], "first account"), (LINEAGE[-1], "last account"),
              (P["followers"] / (1 - P["retention"]), "limit"),
              (LINEAGE[:-1].sum(), "one account short")],
    "q05_5": [(0.74 * 1_210_357, "cumulative"), (0.26 * HALF_YEAR, "26%"),
              (0.93 * HALF_YEAR, "93%"), (0.74, "looks like a share")],
    "q05_6": [(1 / H_SLOW, "slow group only"), (math.log(2) / H_DAY_90, "single exponential"),
              (50, "Alexander")],
}


def test_every_lesson_05_check_is_tested_here():
    assert set(RIGHT) == set(WRONG) == {n for n in checks.CHECKS if n.startswith("q05_")}


def test_the_right_values_are_the_published_arithmetic():
    # methods.md §2.1 and §9: h = 0.011/day from 63% in 90 days; the mixture's median life is
    # under Alexander's 50 days; 74% of 274,460 accounts suspended before their first tweet.
    assert round(RIGHT["q05_1"], 3) == 0.011
    assert RIGHT["q05_2"] > 0.9999
    # the joint fit (methods §2.1 form, both points met): a = 0.337, h_s = 0.0065 at h_f = 1,
    # and a latent a that moves with the assumed h_f
    assert (round(A, 3), round(H_SLOW, 4)) == (0.337, 0.0065)
    assert round(RIGHT["q05_3"], 3) == 0.468
    assert RIGHT["q05_4"] == pytest.approx(350 * (1 - 0.5**11) / (1 - 0.5))
    assert RIGHT["q05_5"] == pytest.approx(0.74 * 274_460)
    assert 40 < RIGHT["q05_6"] < 50


def test_both_readings_of_74_percent_of_those_accounts_get_a_tick(capsys):
    # "93% were flagged by internal, proprietary tools and 74% of those accounts were
    # suspended before their first tweet": of all accounts, or of the flagged 93%
    for answer, other in ((0.74 * HALF_YEAR, "188,883"), (0.74 * 0.93 * HALF_YEAR, "203,100")):
        out = run(capsys, "q05_5", answer)
        assert out.startswith("✅") and other in out, out


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_the_solution_gets_a_tick(capsys, name):
    assert run(capsys, name, RIGHT[name]).startswith("✅")


@pytest.mark.parametrize(("name", "answer", "words"),
                         [(n, a, w) for n, cases in sorted(WRONG.items()) for a, w in cases])
def test_typical_wrong_answers_get_a_specific_hint(capsys, name, answer, words):
    out = run(capsys, name, answer)
    assert out.startswith("💡") and words in out, out


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_untouched_answers_are_not_attempted(capsys, name):
    assert run(capsys, name, ...).startswith("⏳ not attempted yet")


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_a_wrong_type_says_what_was_expected(capsys, name):
    out = run(capsys, name, "0.5")
    assert out.startswith("💡 expected") and "got str" in out
