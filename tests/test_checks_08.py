"""Lesson 08's checks: right answers get ✅, typical wrong ones their specific 💡 hint, `...` "not attempted"."""

from __future__ import annotations

import krippendorff
import pytest
from conftest import run_check as run

from counterprop import checks, data
from counterprop.checks.lesson08 import krippendorff_alpha_nominal

# The right answers, computed the way solutions/08-reading-the-message.ipynb computes them.
FRAMES = data.load("frames").set_index("sentence_id")
MESSAGE = {5: ("none", "none"), 11: ("none", "none")}
GROUND = {5: ("none", "none"), 11: ("war", "rational_choice")}
MY_GROUND = {1: "utopia", 2: "none", 4: "war", 5: "none", 7: "none", 10: "war", 11: "war"}
COURSE = [FRAMES.loc[s, "ground_theme"] for s in MY_GROUND]
MY_ALPHA = krippendorff.alpha(reliability_data=[list(MY_GROUND.values()), COURSE],
                              level_of_measurement="nominal")
LOW = ("The rule can be read in two ways, so the codes depend on the reader; we should split or "
       "rewrite the rule, code again alone and measure again.")

RIGHT = {
    "q08_1": ((FRAMES["ground_theme"] != "none").sum(),),
    "q08_2": (MESSAGE, GROUND),
    "q08_3": (MY_GROUND, MY_ALPHA),
    "q08_4": (LOW,),
}
WRONG = {
    "q08_1": [
        ((len(FRAMES),), "every coded sentence"),
        ((0,), "message_theme column"),
        ((len(FRAMES) - 3,), "bear on no theme's ground"),
        (("3",), "expected a whole number"),
    ],
    "q08_2": [
        (({5: ("none", "none"), 11: ("war", "rational_choice")}, GROUND), "bears on, not a message"),
        (({5: ("belonging", "identity_choice"), 11: ("none", "none")}, GROUND), "not what you know"),
        ((MESSAGE, {5: ("none", "none"), 11: ("war", "none")}), "livelihood"),
        ((MESSAGE, {5: ("none", "none"), 11: ("none", "rational_choice")}), "battlefield"),
        ((MESSAGE, {5: ("war", "none"), 11: ("war", "rational_choice")}), "purpose"),
        ((MESSAGE, {5: ("none", "none"), 11: ("war", "rational choice")}), "underscore"),
        ((MESSAGE, {5: ("none", "none"), 11: ("rational_choice", "war")}), "wrong way round"),
        (({5: ("none", "none")}, GROUND), "exactly sentences 5 and 11"),
        (({5: ("hope", "none"), 11: ("none", "none")}, GROUND), "not one of Winter's labels"),
        (("war", GROUND), "should be a dict"),
    ],
    "q08_3": [
        ((MY_GROUND, 6 / 7), "raw agreement"),
        ((MY_GROUND, 1 / 7), "observed disagreement"),
        ((MY_GROUND, 0.5), "not quite"),
        (({1: "utopia", 99: "war"}, 0.5), "not a coded sentence id"),
        (({1: "utopia", 2: "hope"}, 0.5), "not one of Winter's labels"),
        (({1: "utopia"}, 1.0), "at least two sentences"),
        (({2: "none", 3: "none"}, 1.0), "alpha is undefined"),
        ((MY_GROUND, "0.78"), "should be a number"),
    ],
    "q08_4": [
        (("It is low.",), "at least 8 words"),
        (("The coders were tired that day and made a lot of silly mistakes.",), "coding rule itself"),
        (("The rule is ambiguous and two careful people would read it differently.",), "what you would do next"),
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
    assert RIGHT["q08_1"][0] == 3
    assert {s: tuple(FRAMES.loc[s, ["message_theme", "message_appeal"]]) for s in (5, 11)} == MESSAGE
    assert {s: tuple(FRAMES.loc[s, ["ground_theme", "ground_appeal"]]) for s in (5, 11)} == GROUND
    # one disagreement (sentence 4) in seven: pooled utopia 2, none 7, war 5 of n = 14
    by_formula = 1 - (1 / 7) / ((14**2 - (2**2 + 7**2 + 5**2)) / (14 * 13))
    assert MY_ALPHA == pytest.approx(by_formula) and round(by_formula, 3) == 0.78


@pytest.mark.parametrize("pair", [
    (["a", "a", "b", "c"], ["a", "b", "b", "c"]),
    (["x"] * 5 + ["y"], ["x"] * 6),
    (["none", "war", "war"], ["war", "none", "none"]),
])
def test_the_hand_alpha_equals_the_library(pair):
    a, b = pair
    assert krippendorff_alpha_nominal(a, b) == pytest.approx(
        krippendorff.alpha(reliability_data=[a, b], level_of_measurement="nominal"))


def test_the_hand_alpha_names_bad_input():
    with pytest.raises(ValueError, match="both coders must code the same units, got 2 and 1"):
        krippendorff_alpha_nominal(["a", "b"], ["a"])


def test_the_agreement_check_judges_the_learners_own_codes(capsys):
    # Any codes are fine: the check recomputes alpha from them, never from a fixed answer.
    codes = {1: "none", 2: "none", 4: "none", 10: "war", 11: "utopia"}
    course = [FRAMES.loc[s, "ground_theme"] for s in codes]
    alpha = krippendorff.alpha(reliability_data=[list(codes.values()), course],
                               level_of_measurement="nominal")
    out = run(capsys, "q08_3", codes, alpha)
    assert out.startswith("✅") and f"{alpha:.3f}" in out
    assert run(capsys, "q08_3", codes, alpha + 0.1).startswith("💡")
