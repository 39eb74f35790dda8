"""Lesson 07 checks: the solution's answers get ✅, typical wrong answers a specific 💡 hint."""

from __future__ import annotations

import pytest
from conftest import run_check as run

from counterprop import checks, models

PRODUCTION = models.defaults("production")
SURVIVAL = models.defaults("survival")
REACH = models.defaults("reach")
A, H_SLOW = models.fit_mixture(share_gone_early=SURVIVAL["share_gone_2d"],
                               share_gone_late=SURVIVAL["share_gone_90d"],
                               hazard_fast=SURVIVAL["hazard_fast"])
LEVERS = ("P0", "territory", "epsilon", "k", "F", "horizon_days", "o", "d")


def monthly_exposures(**p: float) -> float:
    products = models.production_index(P0=p["P0"], territory=p["territory"], epsilon=p["epsilon"],
                                       operatives=1, mu=0, budget=1, beta=0)
    s = models.survival_share(share_fast=A, hazard_fast=SURVIVAL["hazard_fast"],
                              hazard_slow=H_SLOW, horizon_days=p["horizon_days"])
    return models.reach(P=products, s=s, **{n: p[n] for n in ("k", "F", "o", "d")})


EVERYTHING = {**PRODUCTION, **REACH, **SURVIVAL}
LIMITS = {**models.ranges("production"), **models.ranges("reach"), **models.ranges("survival")}
PARAMS = {n: EVERYTHING[n] for n in LEVERS}
BOUNDS = {n: LIMITS[n] for n in LEVERS}
TABLE = models.sensitivity(monthly_exposures, PARAMS, BOUNDS)

RIGHT = {
    "q07_1": models.production_index(**PRODUCTION),
    "q07_2": models.survival_share(share_fast=A,
                                   hazard_fast=SURVIVAL["hazard_fast"], hazard_slow=H_SLOW,
                                   horizon_days=SURVIVAL["horizon_days"]),
    "q07_3": 1 - (1 - REACH["o"]) / 2,
    "q07_4": PRODUCTION["territory"] * 0.5 ** (1 / PRODUCTION["epsilon"]),
    "q07_5": TABLE.loc[0, "parameter"],
}
WRONG = {
    "q07_1": [(700 * 0.11, "T**epsilon, not P0 * T"), (700, "baseline P0"),
              (0.11**0.44, "alone")],
    "q07_2": [(1 - 0.63, "still live at day 90"), (0.70, "first two days")],
    "q07_3": [(0.4, "(1 - o)"), (90, "percentage")],
    "q07_4": [(0.055, "not by 0.5")],
    "q07_5": [(TABLE.loc[1, "parameter"], "number 2"), ("K", "case-sensitive"), ("zz", "column"),
              (3, "as a string")],
}


def test_every_lesson_07_check_is_tested_here():
    assert set(RIGHT) == set(WRONG) == {n for n in checks.CHECKS if n.startswith("q07_")}


def test_the_right_values():
    assert round(RIGHT["q07_1"]) == 265 and round(RIGHT["q07_2"], 2) == 0.51
    assert RIGHT["q07_3"] == pytest.approx(0.9) and RIGHT["q07_5"] == "k"
    base = monthly_exposures(**PARAMS)
    assert monthly_exposures(**{**PARAMS, "o": RIGHT["q07_3"]}) == pytest.approx(base / 2)
    assert monthly_exposures(**{**PARAMS, "territory": RIGHT["q07_4"]}) == pytest.approx(base / 2)


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
