"""Checks for lesson 09, Choosing a response."""

from __future__ import annotations

import re
from numbers import Integral
from typing import Any

from counterprop import data, models
from counterprop.checks.base import (
    Feedback,
    correct,
    exercise,
    finite_number,
    hint,
    type_name,
    whole_number,
)

__all__ = ["q09_1", "q09_2", "q09_3", "q09_4", "q09_5"]


_Q09_OUTCOME_WORDS = re.compile(
    r"\b(attitudes?|behaviou?rs?|beliefs?|intentions?|surveys?|interviews?|outcomes?|effects?"
    r"|impacts?|control group|comparison group|unknown|not measured|evaluat\w*)\b"
)
"""Words that show a measure reaches past exposure, or admits that it cannot."""
_Q09_REACH_WORDS = re.compile(
    r"\b(impressions?|clicks?|click-through|ctr|views?|viewers?|minutes?|watch\w*|reach"
    r"|followers?|shares?|engagement)\b"
)
"""Words of exposure measures: what people saw, clicked or watched."""


def _q09_whole(value: Any) -> int | None:
    """``value`` as an int if it is a whole number (not a bool), else None."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        return None
    return int(value)


@exercise
def q09_1(n_military: Any) -> Feedback:
    """How many of the responses the article names are military action, not communication."""
    responses = data.load("responses")
    kinds = responses["response_type"].value_counts()
    expected = int(kinds.get("military", 0))
    given = _q09_whole(n_military)
    if given is None:
        return hint(f"expected a whole number (int), got {type_name(n_military)}.")
    if given == expected:
        return correct(
            f"{expected} of the {len(responses)} responses are military action (airstrikes and "
            "killings): the article credits them for the decline, yet they are not "
            "counter-propaganda."
        )
    if given == len(responses):
        return hint("that is every response in the table; keep only the rows whose "
                    "response_type is 'military'.")
    if given == int(kinds.get("disruption", 0)):
        return hint("those are the disruption rows (platforms removing accounts and material). "
                    "Count the rows whose response_type is 'military'.")
    if given == int((responses["ingram_tier"] == "tier_1").sum()):
        return hint("those are the messaging (Tier 1) rows. Count the rows whose response_type "
                    "is 'military'.")
    return hint(f"{given} is not it. Try (responses['response_type'] == 'military').sum().")


@exercise
def q09_2(ctr: Any) -> Feedback:
    """The click-through rate of the ADL/Moonshot US campaign, from data/funnel.csv."""
    funnel = data.load("funnel").set_index(["campaign", "stage"])["value"]
    impressions = float(funnel["adl_moonshot_us", "impressions"])
    clicks = float(funnel["adl_moonshot_us", "clicks"])
    viewers = float(funnel["redirect_pilot", "clicks"])
    expected = clicks / impressions
    given = finite_number(ctr)
    if given is None:
        return hint(f"expected a number such as 0.05, got {type_name(ctr)}.")
    if abs(given - expected) <= 0.0005:
        return correct(
            f"{clicks:,.0f} / {impressions:,.0f} = {expected:.4f}, about 2.3 clicks per 100 "
            "impressions. Both counts are lower bounds ('over'), so their ratio is neither a lower "
            "nor an upper bound: the true rate could be a little higher or a little lower."
        )
    if abs(given - 100 * expected) <= 0.05:
        return hint("that is a percentage. Give the rate as a share: clicks / impressions, "
                    "without multiplying by 100.")
    if abs(given - viewers / impressions) <= 0.01:
        return hint("you divided the Redirect pilot's viewers by the US campaign's impressions: "
                    "two different campaigns. Take both numbers from the adl_moonshot_us rows.")
    if abs(given - clicks / viewers) <= 0.001:
        return hint("you divided the US campaign's clicks by the Redirect pilot's viewers: two "
                    "different campaigns. Divide clicks by impressions, both adl_moonshot_us.")
    if abs(given - impressions / clicks) <= 0.5:
        return hint("upside down: the rate is clicks / impressions.")
    return hint("not quite. Take the adl_moonshot_us rows of the funnel table and divide its "
                "clicks by its impressions.")


@exercise
def q09_3(my_weights: Any, my_defence: Any = ...) -> Feedback:
    """A weighting of the seven criteria, with one or two sentences defending it."""
    if my_defence is Ellipsis:
        return hint("write your defence too: my_defence = '...' (one or two sentences).")
    scores, defaults = models.weighing_inputs()
    criteria = data.load("criteria").set_index("criterion_id")
    if hasattr(my_weights, "to_dict") and not isinstance(my_weights, dict):
        my_weights = my_weights.to_dict()
    if not isinstance(my_weights, dict):
        return hint(f"expected a dict of weights like {{'evidence': 2, 'reach': 1, ...}}, got "
                    f"{type_name(my_weights)}.")
    names = list(defaults.index)
    missing = [name for name in names if name not in my_weights]
    extra = [str(name) for name in my_weights if name not in names]
    if missing or extra:
        return hint("give one weight for each criterion id: " + ", ".join(names)
                    + (f"; missing: {', '.join(missing)}" if missing else "")
                    + (f"; not a criterion: {', '.join(extra)}" if extra else "") + ".")
    weights = {}
    for name in names:
        value = finite_number(my_weights[name])
        low, high = float(criteria.loc[name, "min_weight"]), float(criteria.loc[name, "max_weight"])
        if value is None or not low <= value <= high:
            return hint(f"the weight of {name} must be a number from {low:g} to {high:g}, got "
                        f"{my_weights[name]!r}.")
        weights[name] = value
    vector = [weights[name] for name in names]
    if sum(vector) == 0:
        return hint("every weight is 0, so nothing counts: give at least one criterion a weight.")
    changes = {name: abs(weights[name] - float(defaults[name])) for name in names}
    if max(changes.values()) == 0:
        return hint("these are the default equal weights. Change at least one, then defend "
                    "the change.")
    if not isinstance(my_defence, str) or len(my_defence.split()) < 8:
        return hint("write a defence of one or two full sentences (at least 8 words) in "
                    "my_defence.")
    most = max(names, key=lambda name: changes[name])
    label = str(criteria.loc[most, "criterion"])
    words = {most.lower()} | {w.lower() for w in re.findall(r"[A-Za-z]{4,}", label)}
    words -= {"risk", "with", "from"}
    if not any(word in my_defence.lower() for word in words):
        return hint(f"you changed '{label}' ({most}) the most: say in your defence why that "
                    "criterion deserves its weight.")
    values = models.weighted_scores(scores, vector)
    ranks = models.rank_options(scores, vector)
    options = data.load("options").set_index("option_id")["option"]
    first = [str(options[o]) for o, rank in zip(scores.index, ranks) if rank == 1]
    best = float(max(values))
    return correct(
        f"with your weights {' and '.join(first)} come{'s' if len(first) == 1 else ''} first "
        f"({best:.2f} of 5), and your defence speaks to {label.lower()}. Now check: which "
        "published fact would you cite for it, and what would change your mind?"
    )


@exercise
def q09_4(n_fragile: Any, my_weights: Any = ...) -> Feedback:
    """How many single-score changes of ±1 tie or flip the leader under the learner's weights."""
    scores, defaults = models.weighing_inputs()
    if hasattr(my_weights, "to_dict") and not isinstance(my_weights, dict):
        my_weights = my_weights.to_dict()
    if not isinstance(my_weights, dict) or set(my_weights) != set(defaults.index):
        return hint("my_weights should be your dict from exercise 3, one weight per criterion: "
                    + ", ".join(defaults.index) + ".")
    vector = [finite_number(my_weights[name]) for name in defaults.index]
    if any(v is None or v < 0 for v in vector) or sum(vector) <= 0:
        return hint("every weight should be a number of at least 0, and not all 0: fix "
                    "exercise 3 first.")
    given = whole_number(n_fragile)
    if given is None:
        return hint(f"expected a whole number (int), got {type_name(n_fragile)}.")
    table = models.score_flips(scores, vector, low=1, high=5, step=1)
    flips = int((table["effect"] == "flip").sum())
    ties = int((table["effect"] == "tie").sum())
    if given == flips + ties:
        verdict = ("no single judgement moves the top of your ranking: robust, but ask whether it "
                   "is robust because several criteria reward the same thing"
                   if given == 0 else
                   f"{flips} flip{'s' if flips != 1 else ''} and "
                   f"{ties} tie{'s' if ties != 1 else ''}: "
                   "one score one point off changes your recommendation, so say which scores "
                   "you are least sure of")
        return correct(f"{given} of the {len(table)} single-score changes of ±1; {verdict}.")
    if given == flips:
        return hint("those are the flips only; count the ties too (effect 'tie').")
    if given == len(table):
        return hint("that is every change in the table; keep the rows whose effect is not 'none'.")
    if given == len(table) - flips - ties:
        return hint("those are the changes that leave the leader alone; count the others.")
    return hint("not quite. Try models.score_flips(scores, [my_weights[c] for c in "
                "scores.columns], low=1, high=5, step=1), then count the rows whose effect is "
                "not 'none'.")


@exercise
def q09_5(memo_goal: Any, memo_measures: Any = ...) -> Feedback:
    """The memo's goal (one sentence) and its measures (a list of at least two)."""
    if memo_measures is Ellipsis:
        return hint("write your measures too: memo_measures = ['...', '...'].")
    if not isinstance(memo_goal, str) or not memo_goal.strip():
        return hint(f"memo_goal should be a sentence of text, got {type_name(memo_goal)}.")
    if len(memo_goal.split()) < 8:
        return hint("a goal needs who, what and by when: write one full sentence of at least "
                    "8 words.")
    if not re.search(r"\d", memo_goal):
        return hint("make the goal measurable: add a number, for how much or by when (e.g. "
                    "'within 12 months').")
    if isinstance(memo_measures, str) or not isinstance(memo_measures, (list, tuple)):
        return hint(f"memo_measures should be a list of short texts, got "
                    f"{type_name(memo_measures)}.")
    if len(memo_measures) < 2 or not all(isinstance(m, str) and m.strip() for m in memo_measures):
        return hint("give at least two measures, each a short text.")
    text = " ".join(memo_measures).lower()
    outcome = bool(_Q09_OUTCOME_WORDS.search(text))
    reach = bool(_Q09_REACH_WORDS.search(text))
    if not outcome:
        return hint("your measures stop at reach (what people saw or clicked). Add how you "
                    "would learn about attitude or behaviour change, or say plainly that it is "
                    "unknown, as the funnel's last stage is.")
    if not reach:
        return hint("add at least one reach measure (impressions, clicks, minutes watched): "
                    "they are what you can count for sure.")
    return correct(
        "a measurable goal, and measures that go past reach to outcomes. Compare them with "
        "the worked example, and say which stage you cannot measure yet."
    )
