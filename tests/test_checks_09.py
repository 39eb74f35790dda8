"""Lesson 09's checks: right answers get ✅, typical wrong ones their specific 💡 hint, `...` "not attempted"."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import run_check as run

from counterprop import checks, data, models

# The right answers, computed the way solutions/09-choosing-a-response.ipynb computes them.
RESPONSES = data.load("responses")
PUBLISHED = data.load("funnel").set_index(["campaign", "stage"])["value"]
ADL_CTR = PUBLISHED["adl_moonshot_us", "clicks"] / PUBLISHED["adl_moonshot_us", "impressions"]
WEIGHTS = {"evidence": 1, "reach": 4, "speed": 1, "cost": 1, "backlash": 1, "displacement": 0,
           "harm": 1}
DEFENCE = ("Reach counts four times: only platform-wide removal acts on the whole audience, while "
           "the Redirect ads reach only people who search with chosen keywords.")
GOAL = ("Within 12 months, cut the median time that newly created pro-IS accounts stay live on "
        "the two largest platforms in the region by half.")
MEASURES = ["Account lifetimes and followers regained on return",
            "Attitude or behaviour change among the audience: unknown, and said so in every report"]

RIGHT = {
    "q09_1": ((RESPONSES["response_type"] == "military").sum(),),
    "q09_2": (ADL_CTR,),
    "q09_3": (WEIGHTS, DEFENCE),
    "q09_4": (12, WEIGHTS),
    "q09_5": (GOAL, MEASURES),
}
WRONG = {
    "q09_1": [
        ((len(RESPONSES),), "every response"),
        (((RESPONSES["response_type"] == "disruption").sum(),), "disruption rows"),
        (((RESPONSES["ingram_tier"] == "tier_1").sum(),), "messaging (Tier 1)"),
    ],
    "q09_2": [
        ((100 * ADL_CTR,), "percentage"),
        ((PUBLISHED["redirect_pilot", "clicks"] / PUBLISHED["adl_moonshot_us", "impressions"],),
         "two different campaigns"),
        ((PUBLISHED["adl_moonshot_us", "clicks"] / PUBLISHED["redirect_pilot", "clicks"],),
         "two different campaigns"),
        ((1 / ADL_CTR,), "upside down"),
    ],
    "q09_3": [
        (({k: 1 for k in WEIGHTS}, DEFENCE), "default equal weights"),
        ((WEIGHTS, "Evidence matters."), "at least 8 words"),
        (({**WEIGHTS, "reach": 1, "displacement": 4}, DEFENCE), "Low displacement"),
        (({"evidence": 2}, DEFENCE), "missing: reach"),
        (({**WEIGHTS, "harm": "x"}, DEFENCE), "weight of harm"),
        (({k: 0 for k in WEIGHTS}, DEFENCE), "nothing counts"),
        (({**WEIGHTS, "reach": 9}, DEFENCE), "from 0 to 5"),
        ((WEIGHTS,), "write your defence too"),
    ],
    "q09_4": [
        ((2, WEIGHTS), "flips only"),
        ((57, WEIGHTS), "every change"),
        ((45, WEIGHTS), "leave the leader alone"),
        ((7, WEIGHTS), "not quite"),
        (("12", WEIGHTS), "whole number"),
        ((12, {"evidence": 1}), "one weight per criterion"),
        ((12, {**WEIGHTS, "reach": -1}), "at least 0"),
    ],
    "q09_5": [
        (("Reduce propaganda.", MEASURES), "at least 8 words"),
        (("Reduce the appeal of the group's propaganda among young people online", MEASURES),
         "add a number"),
        ((GOAL, ["clicks per week", "minutes watched"]), "stop at reach"),
        ((GOAL, ["survey of attitudes", "interviews with former supporters"]), "reach measure"),
        ((GOAL, "clicks"), "list of short texts"),
        ((GOAL,), "write your measures too"),
    ],
}


def test_every_lesson_09_check_has_a_right_and_a_wrong_answer_here():
    assert set(RIGHT) == {n for n in checks.CHECKS if n.startswith("q09_")} == set(WRONG)


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_the_right_answer_gets_a_tick(capsys, name):
    assert run(capsys, name, *RIGHT[name]).startswith("✅")


@pytest.mark.parametrize(
    ("name", "answers", "words"),
    [(name, answers, words) for name, cases in sorted(WRONG.items()) for answers, words in cases],
)
def test_a_typical_wrong_answer_gets_a_specific_hint(capsys, name, answers, words):
    out = run(capsys, name, *answers)
    assert out.startswith("💡") and words in out, out


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_an_untouched_answer_is_not_attempted(capsys, name):
    answers = RIGHT[name]
    assert run(capsys, name, *([...] * len(answers))).startswith("⏳ not attempted yet")


def test_the_right_values_are_the_tables():
    # Independent facts, so the checks cannot silently drift with the tables.
    assert RIGHT["q09_1"][0] == 4
    assert round(RIGHT["q09_2"][0], 4) == round(4_000 / 175_000, 4)
    # the fragile-score count of the solution's weighting, re-ranked one changed table at a time
    scores, _ = models.weighing_inputs()
    vector = [WEIGHTS[c] for c in scores.columns]
    before = scores.index[models.rank_options(scores, vector) == 1].tolist()
    moved = 0
    for option in scores.index:
        for criterion in scores.columns:
            for step in (-1, 1):
                value = scores.loc[option, criterion] + step
                if 1 <= value <= 5:
                    changed = scores.copy()
                    changed.loc[option, criterion] = value
                    moved += scores.index[models.rank_options(changed, vector) == 1].tolist() != before
    assert moved == RIGHT["q09_4"][0] == 12


def test_rounded_rates_are_accepted_and_the_bounds_are_named(capsys):
    out = run(capsys, "q09_2", 0.023)
    assert out.startswith("✅") and "ratio is neither a lower nor an upper bound" in out


def test_the_weighting_check_names_the_leader_the_model_gives(capsys):
    out = run(capsys, "q09_3", WEIGHTS, DEFENCE)
    scores, _ = models.weighing_inputs()
    ranks = models.rank_options(scores, list(WEIGHTS.values()))
    first = data.load("options").set_index("option_id").loc[scores.index[ranks == 1][0], "option"]
    assert first in out
