"""Lesson 03's checks: right answers get ✅, typical wrong ones their specific 💡 hint, `...` "not attempted"."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import run_check as run

from counterprop import checks, data

# The right answers, computed the way solutions/03-tracing-claims-to-sources.ipynb computes them.
SUSPENSIONS = data.load("suspensions")
ACCOUNTS = SUSPENSIONS.set_index("window_id")["accounts"]
LINKS = data.load("claim_sources")
SOURCES = data.load("sources")


def _december_windows() -> list[str]:
    start, end = pd.Timestamp("2016-12-01"), pd.Timestamp("2016-12-31")
    inside = (SUSPENSIONS["window_start"] < end) & (start < SUSPENSIONS["window_end"])
    return SUSPENSIONS.loc[inside, "window_id"].tolist()


def _period_pairs(inclusive: bool) -> list[tuple[str, str]]:
    periods = SUSPENSIONS[SUSPENSIONS["figure_kind"] == "period"]
    pairs = periods.merge(periods, how="cross", suffixes=("", "_other"))
    pairs = pairs[pairs["window_id"] < pairs["window_id_other"]]
    if inclusive:
        hit = (pairs["window_start"] <= pairs["window_end_other"]) & (pairs["window_start_other"] <= pairs["window_end"])
    else:
        hit = (pairs["window_start"] < pairs["window_end_other"]) & (pairs["window_start_other"] < pairs["window_end"])
    return list(zip(pairs.loc[hit, "window_id"], pairs.loc[hit, "window_id_other"]))


def classify(article_value, source_value, same_window):
    if source_value is None:
        return "unsupported"
    if not same_window:
        return "wrong_date_or_window"
    if article_value == source_value:
        return "exact"
    for step in (10, 100, 1_000, 10_000):
        if article_value == round(source_value / step) * step:
            return "rounded"
    return "unsupported"


def _inside_december() -> list[str]:
    """The typical slip of exercise 2: windows that lie inside December (none do)."""
    start, end = pd.Timestamp("2016-12-01"), pd.Timestamp("2016-12-31")
    inside = (SUSPENSIONS["window_start"] > start) & (SUSPENSIONS["window_end"] < end)
    return SUSPENSIONS.loc[inside, "window_id"].tolist()


def _every_period_pair() -> list[tuple[str, str]]:
    """The typical slip of exercise 3: zipping every pair, without applying shared_day."""
    periods = SUSPENSIONS[SUSPENSIONS["figure_kind"] == "period"]
    pairs = periods.merge(periods, how="cross", suffixes=("", "_other"))
    pairs = pairs[pairs["window_id"] < pairs["window_id_other"]]
    return list(zip(pairs["window_id"], pairs["window_id_other"]))


def _whole_sources_merged() -> pd.DataFrame:
    """The typical slip of exercise 5: merging all of sources, so quote becomes quote_x and quote_y."""
    merged = LINKS[LINKS["claim_id"] == "c05"].merge(SOURCES, on="source_id")
    return merged.sort_values("date")


def _trace() -> pd.DataFrame:
    c05 = LINKS[LINKS["claim_id"] == "c05"]
    merged = c05.merge(SOURCES[["source_id", "kind", "date"]], on="source_id")
    return merged[["source_id", "relation", "kind", "date", "quote"]].sort_values("date")


C03_QUOTE = LINKS.set_index(["claim_id", "source_id"]).loc[("c03", "huffpost_2017"), "quote"]
C03_VERDICT = {
    "verdict": "reworded",
    "quote": "leading propagandists",
    "explanation": "HuffPost says the strikes hit 'leading propagandists'; the Arabic calls them "
                   "preachers (الدعاة) and drops that the counter-campaigns were run independently.",
}


def _c03(**changes):
    return {**C03_VERDICT, **changes}


RIGHT = {
    "q03_1": ACCOUNTS["tw_tr_2016h2_cum"] + ACCOUNTS["tw_tr_2017h1"] + ACCOUNTS["tw_tr_2017h2"],
    "q03_2": _december_windows(),
    "q03_3": _period_pairs(inclusive=True),
    "q03_4": classify,
    "q03_5": _trace(),
    "q03_6": C03_VERDICT,
}


def _checks_window_first(article_value, source_value, same_window):
    if source_value is None:
        return "unsupported"
    return "exact" if article_value == source_value else "unsupported"


def _ignores_none(article_value, source_value, same_window):
    if not same_window:
        return "wrong_date_or_window"
    if article_value == source_value:
        return "exact"
    if article_value == round(source_value, -3):  # TypeError when source_value is None
        return "rounded"
    return "unsupported"


def _no_rounding(article_value, source_value, same_window):
    if source_value is None:
        return "unsupported"
    if not same_window:
        return "wrong_date_or_window"
    return "exact" if article_value == source_value else "unsupported"


def _rounds_down(article_value, source_value, same_window):
    if source_value is None:
        return "unsupported"
    if not same_window:
        return "wrong_date_or_window"
    if article_value == source_value:
        return "exact"
    for step in (10, 100, 1_000, 10_000):
        if article_value == source_value // step * step:  # cuts off instead of rounding
            return "rounded"
    return "unsupported"


def _near_enough(article_value, source_value, same_window):
    if source_value is None:
        return "unsupported"
    if not same_window:
        return "wrong_date_or_window"
    if article_value == source_value:
        return "exact"
    return "rounded" if abs(article_value - source_value) <= 0.01 * source_value else "unsupported"


def _quotes_from_sources() -> pd.DataFrame:
    """A slip of exercise 5: keeping the source's own quote instead of the link's."""
    merged = LINKS[LINKS["claim_id"] == "c05"].merge(SOURCES, on="source_id")
    merged = merged.rename(columns={"quote_y": "quote"})
    return merged[["source_id", "relation", "kind", "date", "quote"]].sort_values("date")


def _untouched(article_value, source_value, same_window):
    """Return the verdict class of a numeric claim."""
    ...


def _edited_but_returns_nothing(article_value, source_value, same_window):
    verdict = "unsupported" if source_value is None else "exact"  # the learner forgot to return it
    assert verdict


# Typical wrong answers, each with words its hint must contain.
WRONG = [
    ("q03_1", int(SUSPENSIONS.loc[SUSPENSIONS["figure_kind"] == "period", "accounts"].sum()), "overlaps"),
    ("q03_1", ACCOUNTS["tw_tr_2016h2"] + ACCOUNTS["tw_tr_2017h1"] + ACCOUNTS["tw_tr_2017h2"], "leave out"),
    ("q03_1", ACCOUNTS["tw_tr_2016h2_cum"] + ACCOUNTS["tw_tr_2017h1"], "30 Jun 2017"),
    ("q03_1", ACCOUNTS["tw_tr_2017h1_cum"] + ACCOUNTS["tw_tr_2017h2_cum"], "cumulative figure already contains"),
    ("q03_1", "1,210,357", "got a string"),
    ("q03_1", ACCOUNTS[["tw_tr_2016h2_cum", "tw_tr_2017h1", "tw_tr_2017h2"]], "add them up with .sum()"),
    ("q03_2", _december_windows() + ["tw_blog_2016_08"], "18 Aug 2016"),
    ("q03_2", _december_windows() + ["tw_tr_2017h1"], "tw_tr_2017h1 does not include"),
    ("q03_2", ["tw_tr_2016h2"], "cumulative windows include December 2016 too"),
    ("q03_2", SUSPENSIONS[SUSPENSIONS["window_id"].isin(_december_windows())], ".tolist()"),
    ("q03_2", SUSPENSIONS["window_id"].isin(_december_windows()), "one True/False per row"),
    ("q03_2", SUSPENSIONS["window_id"].isin(_december_windows()).tolist(), "one True/False per row"),
    ("q03_2", _inside_december(), "share one day with December"),
    ("q03_3", _period_pairs(inclusive=False), "strict rule"),
    ("q03_3", _period_pairs(inclusive=True) + [("tw_tr_2017h1", "tw_tr_2017h1")], "paired with itself"),
    ("q03_3", _period_pairs(inclusive=True) + [(b, a) for a, b in _period_pairs(inclusive=True)], "appear twice"),
    ("q03_3", _every_period_pair(), "keep only the rows where shared_day is True"),
    ("q03_3", pd.Series([True, False]), "one True/False per pair"),
    ("q03_3", ["tw_blog_2016_02", "tw_blog_2016_08"], "a pair of two window ids"),
    ("q03_4", _checks_window_first, "check the window before comparing"),
    ("q03_4", _ignores_none, "source_value is None"),
    ("q03_4", _no_rounding, "rounded to the nearest 1,000"),
    ("q03_4", _edited_but_returns_nothing, "returns None"),
    ("q03_4", _rounds_down, "// always rounds down"),
    ("q03_4", _near_enough, "near is not rounded"),
    ("q03_4", "unsupported", "expected a function"),
    ("q03_5", LINKS[LINKS["claim_id"] == "c05"], "merge with sources"),
    ("q03_5", _trace().sort_values("source_id"), "date order"),
    ("q03_5", LINKS.merge(SOURCES[["source_id", "kind", "date"]], on="source_id"), "claim_id == 'c05'"),
    ("q03_5", _trace().iloc[:3], "your table has 3"),
    ("q03_5", _whole_sources_merged(), "quote_x and quote_y"),
    ("q03_5", _quotes_from_sources(), "each link's own quote"),
    ("q03_5", _trace().assign(relation="supports"), "from links (claim_sources) unchanged"),
    ("q03_5", pd.concat([_trace(), _trace()]).sort_values("date"), "one row each"),
    ("q03_6", _c03(verdict="exact"), "not exact"),
    ("q03_6", _c03(verdict="partly_unsupported"), "adds no cause"),
    ("q03_6", _c03(verdict="rewritten"), "is not the class"),
    ("q03_6", _c03(quote="leading propagandists and aggressive counter-propaganda"),
     "not word for word"),
    ("q03_6", _c03(quote="ISIS' logistical backbone"), "curly apostrophe"),
    ("q03_6", _c03(quote="مقتل الدعاة البارزين"), "quote the source (HuffPost), not the article"),
    ("q03_6", _c03(quote="massive airstrikes"), "not the ones the Arabic changed"),
    ("q03_6", _c03(explanation="words changed"), "eight words or more"),
    ("q03_6", _c03(explanation=C03_QUOTE), "repeats the quote"),
    ("q03_6", _c03(explanation="The Arabic sentence is a little different from the English one."),
     "say which words changed"),
    ("q03_6", _c03(explanation=...), "explanation is still ..."),
    ("q03_6", _c03(quote=42), "should be text"),
    ("q03_6", "reworded", "expected a dict"),
    ("q03_6", {"verdict": "reworded"}, "no key 'quote'"),
]


def test_a_right_c03_explanation_in_other_words_is_accepted(capsys):
    # "clerics" and "preach" name the shift as well as "preachers" does.
    for explanation in ("HuffPost names the targets as propaganda leaders, while the Arabic names "
                        "clerics instead.",
                        "HuffPost says propaganda leaders were hit; the Arabic says people who "
                        "preach were killed."):
        assert run(capsys, "q03_6", _c03(explanation=explanation)).startswith("✅")


def test_every_lesson_03_check_has_a_right_and_a_wrong_answer_here():
    names = {n for n in checks.CHECKS if n.startswith("q03_")}
    assert set(RIGHT) == names == {name for name, _, _ in WRONG}


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_the_right_answer_gets_a_tick(capsys, name):
    assert run(capsys, name, RIGHT[name]).startswith("✅")


@pytest.mark.parametrize(("name", "answer", "words"), WRONG, ids=[f"{n}-{w}" for n, _, w in WRONG])
def test_a_typical_wrong_answer_gets_a_specific_hint(capsys, name, answer, words):
    out = run(capsys, name, answer)
    assert out.startswith("💡") and words in out, out


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_an_untouched_answer_is_not_attempted(capsys, name):
    assert run(capsys, name, ...).startswith("⏳ not attempted yet")


def test_the_right_values_are_twitters_and_the_articles():
    # Independent facts from research/facts.md, so the checks cannot silently drift.
    assert RIGHT["q03_1"] == 1_210_357
    assert set(RIGHT["q03_2"]) == {"tw_tr_2016h2", "tw_tr_2016h2_cum", "tw_tr_2017h1_cum", "tw_tr_2017h2_cum"}
    assert {frozenset(p) for p in RIGHT["q03_3"]} == {
        frozenset({"tw_blog_2016_02", "tw_blog_2016_08"}), frozenset({"tw_blog_2016_08", "tw_tr_2016h2"})}
    assert classify(235_000, 235_000, False) == "wrong_date_or_window"
    assert classify(1_210_000, 1_210_357, True) == "rounded"
    # the imolaoggi link is gone; Clapper's 36,500 is linked through FOX6's report (facts.md, 2026-12-02)
    assert len(RIGHT["q03_5"]) == 7
    assert "leading propagandists" in C03_QUOTE and "independently by Internet users" in C03_QUOTE


def test_a_float_total_and_a_numpy_total_are_both_accepted(capsys):
    assert run(capsys, "q03_1", 1_210_357.0).startswith("✅")
    assert run(capsys, "q03_1", ACCOUNTS.sum() - ACCOUNTS.sum() + RIGHT["q03_1"]).startswith("✅")


def test_a_pairs_table_is_accepted_for_the_touching_windows(capsys):
    pairs = pd.DataFrame(RIGHT["q03_3"], columns=["window_id", "window_id_other"])
    assert run(capsys, "q03_3", pairs).startswith("✅")


def test_a_function_that_raises_gets_a_hint_naming_the_case(capsys):
    out = run(capsys, "q03_4", lambda a, s, w: a > s)
    assert out.startswith("💡") and "raised TypeError" in out
    assert "classify(10000, None, True)" in out


def test_the_untouched_classify_of_the_exercise_copy_is_not_attempted(capsys):
    # Running the untouched exercise notebook passes a function whose body is `...`.
    assert run(capsys, "q03_4", _untouched).startswith("⏳ not attempted yet")


def test_an_untouched_classify_without_readable_source_is_not_attempted(capsys):
    # Built with exec, the function has no source file; its code object still shows an empty body.
    namespace = {}
    exec('def classify(a, s, w):\n    """Doc."""\n    ...\n', namespace)
    assert run(capsys, "q03_4", namespace["classify"]).startswith("⏳ not attempted yet")
    exec("def classify(a, s, w):\n    return None if s else None\n", namespace)
    assert "returns None" in run(capsys, "q03_4", namespace["classify"])


def test_the_inside_december_slip_is_what_the_specific_hint_expects():
    # No window lies inside December, so the slip gives an empty list: every row was tested.
    assert _inside_december() == []


def test_a_numpy_mask_for_december_gets_the_mask_hint(capsys):
    mask = SUSPENSIONS["window_id"].isin(_december_windows()).to_numpy()
    assert "one True/False per row" in run(capsys, "q03_2", mask)


@pytest.mark.parametrize(("name", "answer"), [
    ("q03_2", ["\n"]),
    ("q03_2", ["tw_tr_2016h2", "not\nan id"]),
    ("q03_4", lambda a, s, w: pd.DataFrame({"a": [1, 2]})),
])
def test_a_hint_stays_on_one_line_whatever_the_answer_holds(capsys, name, answer):
    assert run(capsys, name, answer).startswith("💡")


def test_the_untouched_verdict_of_the_exercise_copy_is_not_attempted(capsys):
    # The exercise copy builds the dict from three names that are still `...`.
    untouched = {"verdict": ..., "quote": ..., "explanation": ...}
    assert run(capsys, "q03_6", untouched).startswith("⏳ not attempted yet")


@pytest.mark.parametrize("quote", [C03_QUOTE, "conducted independently by Internet users",
                                   "  leading propagandists ", "“leading propagandists”"])
def test_any_exact_quote_that_shows_the_shift_is_accepted(capsys, quote):
    assert run(capsys, "q03_6", _c03(quote=quote)).startswith("✅")


@pytest.mark.parametrize("answer", [None, {"verdict": None, "quote": None, "explanation": None},
                                    {"verdict": float("nan"), "quote": [], "explanation": {}},
                                    _c03(verdict="Reworded\n")])
def test_the_verdict_check_never_raises(capsys, answer):
    assert run(capsys, "q03_6", answer)[0] in "✅💡⏳"
