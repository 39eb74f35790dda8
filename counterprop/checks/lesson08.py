"""Checks for lesson 08, Reading the message."""

from __future__ import annotations

from typing import Any

import pandas as pd

from counterprop import data
from counterprop.checks.base import (
    Feedback,
    correct,
    exercise,
    finite_number,
    hint,
    type_name,
    whole_number,
)

__all__ = ["q08_1", "q08_2", "q08_3", "q08_4"]


_Q08_SENTENCES = (5, 11)
"""The two sentences learners code themselves in exercise 2."""


def _q08_enum(table: str, field: str) -> list[str]:
    """The allowed values of a field, read from data/datapackage.json."""
    for resource in data.descriptor()["resources"]:
        if resource["name"] == table:
            for item in resource["schema"]["fields"]:
                if item["name"] == field:
                    return [str(v) for v in item["constraints"]["enum"]]
    raise KeyError(f"{table}.{field}")  # pragma: no cover - the package describes both


def krippendorff_alpha_nominal(coder_a: list[str], coder_b: list[str]) -> float:
    """Krippendorff's alpha for two coders, nominal codes, no missing values.

    alpha = 1 − D_o / D_e, where D_o is the share of units the two coders code differently
    and D_e the chance that two codes drawn (without replacement) from both coders' pooled
    codes differ. Returns NaN when D_e is 0 (every code the same: nothing to correct for).

    >>> round(krippendorff_alpha_nominal(["a", "a", "b"], ["a", "b", "b"]), 3)
    0.444
    """
    if len(coder_a) != len(coder_b) or not coder_a:
        raise ValueError(
            f"both coders must code the same units, got {len(coder_a)} and {len(coder_b)}"
        )
    pairs = pd.DataFrame({"a": list(coder_a), "b": list(coder_b)})
    observed = float((pairs["a"] != pairs["b"]).mean())
    pooled = pd.concat([pairs["a"], pairs["b"]]).value_counts()
    n = int(pooled.sum())
    expected = 1.0 - float((pooled * (pooled - 1)).sum()) / (n * (n - 1))
    return float("nan") if expected == 0 else 1.0 - observed / expected


@exercise
def q08_1(n_ground: Any) -> Feedback:
    """How many coded sentences bear on the ground of one of Winter's themes."""
    frames = data.load("frames")
    expected = int((frames["ground_theme"] != "none").sum())
    given = whole_number(n_ground)
    if given is None:
        return hint(f"expected a whole number (int), got {type_name(n_ground)}.")
    if given == expected:
        return correct(
            f"{expected} of the {len(frames)} coded sentences bear on a theme's ground (losing "
            "territory, the battlefield), and not one describes a message's theme."
        )
    if given == int((frames["message_theme"] != "none").sum()):
        return hint("that counts the message_theme column: sentences that describe a message. "
                    "Count the ground_theme column instead.")
    if given == len(frames) - expected:
        return hint("those are the sentences that bear on no theme's ground. Count the rows whose "
                    "ground_theme is not 'none'.")
    if given == len(frames):
        return hint("that is every coded sentence; keep only the rows whose ground_theme is not "
                    "'none'.")
    return hint(f"{given} is not it. Try (frames['ground_theme'] != 'none').sum().")


def _q08_codes(answer: Any, name: str) -> dict[int, tuple[Any, Any]] | str:
    """Normalise a learner's codes to {sentence_id: (theme, appeal)}, or say what is wrong."""
    if not isinstance(answer, dict):
        return (f"{name} should be a dict like {{5: ('theme', 'appeal'), "
                f"11: ('theme', 'appeal')}}, got {type_name(answer)}.")
    codes: dict[int, tuple[Any, Any]] = {}
    for key, value in answer.items():
        sentence = whole_number(key)
        if sentence is None and isinstance(key, str) and key.strip().isdigit():
            sentence = int(key)
        if sentence is None:
            return f"the keys of {name} should be the sentence ids 5 and 11, got {key!r}."
        if isinstance(value, str) or not hasattr(value, "__len__") or len(value) != 2:
            return (f"{name}: the value for sentence {sentence} should be a pair (theme, appeal), "
                    f"e.g. ('none', 'none'), got {value!r}.")
        codes[sentence] = (value[0], value[1])
    if set(codes) != set(_Q08_SENTENCES):
        return f"{name}: code exactly sentences 5 and 11; you gave {sorted(codes)}."
    return codes


def _q08_labels(sentence: int, theme: Any, appeal: Any, name: str) -> tuple[str, str] | str:
    """A (theme, appeal) pair in the course's labels, or what is wrong with it."""
    themes = _q08_enum("frames", "message_theme")
    appeals = _q08_enum("frames", "message_appeal")
    if not isinstance(theme, str) or not isinstance(appeal, str):
        return f"{name}, sentence {sentence}: write both codes as text, e.g. ('none', 'none')."
    theme, appeal = theme.strip().lower(), appeal.strip().lower()
    if theme.replace(" ", "_").replace("-", "_") in appeals and theme != "none":
        return (f"{name}, sentence {sentence}: the pair is the wrong way round. Put Winter's theme "
                "first, Ingram's appeal second.")
    if theme not in themes:
        return (f"{name}, sentence {sentence}: {theme!r} is not one of Winter's labels: "
                f"{', '.join(themes)}.")
    if appeal not in appeals:
        fixed = appeal.replace(" ", "_").replace("-", "_")
        if fixed in appeals:
            return (f"{name}, sentence {sentence}: write {fixed!r}, with an underscore, as the "
                    "course's labels do.")
        return (f"{name}, sentence {sentence}: {appeal!r} is not one of Ingram's labels: "
                f"{', '.join(appeals)}.")
    return theme, appeal


@exercise
def q08_2(message_codes: Any, ground_codes: Any = ...) -> Feedback:
    """Two records for sentences 5 and 11: the message each describes, and the ground it
    bears on."""
    frames = data.load("frames").set_index("sentence_id")
    checked: dict[str, dict[int, tuple[str, str]]] = {}
    for name, answer in (("message_codes", message_codes), ("ground_codes", ground_codes)):
        codes = _q08_codes(answer, name)
        if isinstance(codes, str):
            return hint(codes)
        checked[name] = {}
        for sentence in _Q08_SENTENCES:
            labels = _q08_labels(sentence, *codes[sentence], name)
            if isinstance(labels, str):
                return hint(labels)
            checked[name][sentence] = labels
    for sentence in _Q08_SENTENCES:
        given = checked["message_codes"][sentence]
        want = tuple(str(frames.loc[sentence, c]) for c in ("message_theme", "message_appeal"))
        ground = tuple(str(frames.loc[sentence, c]) for c in ("ground_theme", "ground_appeal"))
        if given != want:
            if given == ground and ground != ("none", "none"):
                return hint(f"message_codes, sentence {sentence}: {given} is what the sentence "
                            "bears on, not a message it describes. Put it in ground_codes; in "
                            "message_codes code what the sentence says: no message is described.")
            if sentence == 5:
                return hint("message_codes, sentence 5 says propaganda helped recruit foreign "
                            "fighters, but not what it said or offered. Code what the sentence "
                            "says, not what you know about recruitment.")
            return hint(f"message_codes, sentence {sentence}: does the sentence describe a "
                        "message at all? If not, both codes are 'none'.")
    given = checked["ground_codes"][11]
    theme, appeal = (str(frames.loc[11, c]) for c in ("ground_theme", "ground_appeal"))
    if given[1] != appeal:
        return hint("ground_codes, sentence 11: halving fighters' wages cuts their livelihood, "
                    "one of Ingram's pragmatic factors. Which appeal rests on pragmatic factors?")
    if given[0] != theme:
        return hint("ground_codes, sentence 11: coalition strikes killing fighters are the ground "
                    "of which of Winter's themes? Think of the battlefield.")
    want5 = tuple(str(frames.loc[5, c]) for c in ("ground_theme", "ground_appeal"))
    if checked["ground_codes"][5] != want5:
        return hint("ground_codes, sentence 5: recruiting is the propaganda's purpose. Does the "
                    "sentence mention territory, the battlefield, wages or any other ground a "
                    "theme depicts? If not, both codes are 'none'.")
    return correct(
        "both records match the course's coding. Sentence 5 names a purpose, not a message, and "
        "bears on no ground; sentence 11 describes no message either (none, none), but its strikes "
        "and halved wages bear on the 'war' theme's ground and a rational-choice appeal."
    )


@exercise
def q08_3(my_ground: Any, my_alpha: Any = ...) -> Feedback:
    """Krippendorff's alpha between the learner's ground themes and the course's, by hand."""
    frames = data.load("frames").set_index("sentence_id")
    themes = _q08_enum("frames", "ground_theme")
    if not isinstance(my_ground, dict) or len(my_ground) < 2:
        return hint("my_ground should be a dict of at least two sentences, like "
                    "{1: 'utopia', 2: 'none', ...}.")
    mine, course = [], []
    for key, theme in my_ground.items():
        sentence = whole_number(key)
        if sentence is None or sentence not in frames.index:
            return hint(f"{key!r} is not a coded sentence id; use ids from frames, e.g. "
                        f"{list(frames.index)[:4]}.")
        if not isinstance(theme, str) or theme.strip().lower() not in themes:
            return hint(f"sentence {sentence}: {theme!r} is not one of Winter's labels: "
                        f"{', '.join(themes)}.")
        mine.append(theme.strip().lower())
        course.append(str(frames.loc[sentence, "ground_theme"]))
    expected = krippendorff_alpha_nominal(mine, course)
    agreement = sum(a == b for a, b in zip(mine, course)) / len(mine)
    given = finite_number(my_alpha)
    if expected != expected:  # NaN: every code identical
        return hint("every code, yours and the table's, is the same, so chance agreement is "
                    "certain and alpha is undefined. Add sentences with different codes.")
    if given is None:
        return hint(f"my_alpha should be a number, got {type_name(my_alpha)}.")
    if abs(given - expected) <= 0.005:
        meaning = ("perfect agreement." if expected > 0.999 else
                   "better than chance, but look at the sentences you coded differently: "
                   "is the rule unclear there?" if expected > 0 else
                   "no better than chance: the rule, or your reading of it, needs work.")
        return correct(f"alpha = {expected:.3f} on {len(mine)} sentences (raw agreement "
                       f"{agreement:.0%}): {meaning}")
    if abs(given - agreement) <= 0.005:
        return hint("that is the raw agreement (the share of sentences coded alike). Alpha "
                    "corrects it for chance: 1 − observed disagreement / expected disagreement.")
    if abs(given - (1 - agreement)) <= 0.005:
        return hint("that is the observed disagreement D_o. Divide it by the expected "
                    "disagreement D_e and take the result from 1.")
    return hint(f"not quite: alpha for these codes is not {given:.3f}. Put your codes and the "
                "table's for the same sentences side by side, then use the lesson's three lines.")


@exercise
def q08_4(low_alpha_means: Any) -> Feedback:
    """What a low agreement statistic says about a coding scheme, in the learner's words."""
    if not isinstance(low_alpha_means, str) or len(low_alpha_means.split()) < 8:
        return hint("write one or two full sentences (at least 8 words) in low_alpha_means.")
    text = low_alpha_means.lower()
    # Specific ideas, not topic words: a sentence that merely mentions a "scheme" and "trust"
    # (as the lesson's own prose does) is not yet an answer.
    about_rule = any(w in text for w in ("ambigu", "unclear", "vague", "two ways", "differently",
                                         "more than one way", "different readings", "disagree"))
    about_use = any(w in text for w in ("rewrite", "re-write", "revise", "clarif", "split",
                                        "train", "recode", "re-code", "code again", "measure again",
                                        "sharpen", "reword"))
    if not about_rule:
        return hint("say what a low value tells you about the coding rule itself, not only about "
                    "the coders: could two careful people read it differently?")
    if not about_use:
        return hint("add what you would do next: rewrite or split the rule, code again and "
                    "measure again, and in the meantime not rest conclusions on the codes.")
    return correct("yes: low agreement means the scheme, not just a coder, is unreliable; fix "
                   "the rule, re-code, re-measure, and do not draw conclusions from the codes "
                   "until then.")
