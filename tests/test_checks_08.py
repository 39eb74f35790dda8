"""Lesson 08's checks: right answers get ✅, typical wrong ones their specific 💡 hint, `...` "not attempted"."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import run_check as run

from counterprop import checks, data, models

# The right answers, computed the way solutions/08-strategy-lab.ipynb computes them.
RESPONSES = data.load("responses")
FRAMES = data.load("frames").set_index("sentence_id")
PUBLISHED = data.load("funnel").set_index(["campaign", "stage"])["value"]
ADL_CTR = PUBLISHED["adl_moonshot_us", "clicks"] / PUBLISHED["adl_moonshot_us", "impressions"]
WEIGHTS = {"evidence": 2, "reach": 1, "speed": 1, "cost": 1, "backlash": 1, "displacement": 1}
DEFENCE = ("Evidence strength counts double: only suspensions have independent measurements of "
           "their effect (Conway et al. 2017), while RAND did not assess whether the Redirect "
           "videos changed attitudes.")
GOAL = ("Within 12 months, cut the median time that newly created pro-IS accounts stay live on "
        "the two largest platforms in the region by half.")
MEASURES = ["Account lifetimes and followers regained on return",
            "Attitude or behaviour change among the audience: unknown, and said so in every report"]

RIGHT = {
    "q08_1": ((RESPONSES["response_type"] == "military").sum(),),
    "q08_2": ({5: tuple(FRAMES.loc[5, ["winter_theme", "ingram_appeal"]]),
               11: tuple(FRAMES.loc[11, ["winter_theme", "ingram_appeal"]])},),
    "q08_3": (ADL_CTR,),
    "q08_4": (WEIGHTS, DEFENCE),
    "q08_5": (GOAL, MEASURES),
}
WRONG = {
    "q08_1": [
        ((len(RESPONSES),), "every response"),
        (((RESPONSES["response_type"] == "disruption").sum(),), "disruption rows"),
        (((RESPONSES["ingram_tier"] == "tier_1").sum(),), "messaging (Tier 1)"),
    ],
    "q08_2": [
        (({5: ("belonging", "identity_choice"), 11: ("war", "rational_choice")},),
         "not what you know"),
        (({5: ("none", "none"), 11: ("war", "none")},), "livelihood"),
        (({5: ("none", "none"), 11: ("none", "rational_choice")},), "battlefield"),
        (({5: ("none", "none"), 11: ("war", "rational choice")},), "underscore"),
        (({5: ("none", "none"), 11: ("rational_choice", "war")},), "wrong way round"),
        (({5: ("none", "none")},), "exactly sentences 5 and 11"),
        (({5: ("hope", "none"), 11: ("war", "rational_choice")},), "not one of Winter's labels"),
    ],
    "q08_3": [
        ((100 * ADL_CTR,), "percentage"),
        ((PUBLISHED["redirect_pilot", "clicks"] / PUBLISHED["adl_moonshot_us", "impressions"],),
         "two different campaigns"),
        ((PUBLISHED["adl_moonshot_us", "clicks"] / PUBLISHED["redirect_pilot", "clicks"],),
         "two different campaigns"),
        ((1 / ADL_CTR,), "upside down"),
    ],
    "q08_4": [
        (({k: 1 for k in WEIGHTS}, DEFENCE), "default equal weights"),
        ((WEIGHTS, "Evidence matters."), "at least 8 words"),
        (({**WEIGHTS, "evidence": 1, "displacement": 3}, DEFENCE), "Low displacement"),
        (({"evidence": 2}, DEFENCE), "missing: reach"),
        (({k: 0 for k in WEIGHTS}, DEFENCE), "nothing counts"),
        (({**WEIGHTS, "evidence": 9}, DEFENCE), "from 0 to 5"),
        ((WEIGHTS,), "write your defence too"),
    ],
    "q08_5": [
        (("Reduce propaganda.", MEASURES), "at least 8 words"),
        (("Reduce the appeal of the group's propaganda among young people online", MEASURES),
         "add a number"),
        ((GOAL, ["clicks per week", "minutes watched"]), "stop at reach"),
        ((GOAL, ["survey of attitudes", "interviews with former supporters"]), "reach measure"),
        ((GOAL, "clicks"), "list of short texts"),
        ((GOAL,), "write your measures too"),
    ],
}


def test_every_lesson_08_check_has_a_right_and_a_wrong_answer_here():
    assert set(RIGHT) == {n for n in checks.CHECKS if n.startswith("q08_")} == set(WRONG)


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
    assert RIGHT["q08_1"][0] == 4
    assert RIGHT["q08_2"][0] == {5: ("none", "none"), 11: ("war", "rational_choice")}
    assert round(RIGHT["q08_3"][0], 4) == round(4_000 / 175_000, 4)


def test_codes_as_a_table_and_rounded_rates_are_accepted(capsys):
    table = pd.DataFrame({"sentence_id": [5, 11], "winter_theme": ["none", "war"],
                          "ingram_appeal": ["none", "rational_choice"]})
    assert run(capsys, "q08_2", table).startswith("✅")
    assert run(capsys, "q08_3", 0.023).startswith("✅")


def test_the_weighting_check_names_the_leader_the_model_gives(capsys):
    out = run(capsys, "q08_4", WEIGHTS, DEFENCE)
    scores, _ = models.weighing_inputs()
    ranks = models.rank_options(scores, list(WEIGHTS.values()))
    first = data.load("options").set_index("option_id").loc[scores.index[ranks == 1][0], "option"]
    assert first in out
