"""Checks for lesson 03, Tracing claims to sources."""

from __future__ import annotations

import ast
import dis
import functools
import inspect
import textwrap
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from counterprop import data
from counterprop.checks.base import (
    CHECKS,
    Feedback,
    correct,
    exercise,
    hint,
    type_name,
    whole_number,
)

__all__ = ["q03_1", "q03_2", "q03_3", "q03_4", "q03_5", "q03_6"]


def _l03_period_pairs(inclusive: bool | None) -> set[frozenset[str]]:
    """Pairs of overlapping *period* windows of Twitter's suspensions, each pair once.

    ``inclusive=False`` is the lesson's rule (start < other_end and other_start < end): windows
    that only touch on one day do not overlap. ``inclusive=True`` counts a shared day.
    ``inclusive=None`` applies no rule: every pair of period windows.
    """
    suspensions = data.load("suspensions")
    periods = suspensions[suspensions["figure_kind"] == "period"]
    pairs = periods.merge(periods, how="cross", suffixes=("", "_other"))
    pairs = pairs[pairs["window_id"] < pairs["window_id_other"]]
    if inclusive is None:
        hit = pairs["window_id"] == pairs["window_id"]
    elif inclusive:
        hit = (pairs["window_start"] <= pairs["window_end_other"]) & (
            pairs["window_start_other"] <= pairs["window_end"])
    else:
        hit = (pairs["window_start"] < pairs["window_end_other"]) & (
            pairs["window_start_other"] < pairs["window_end"])
    return {frozenset(p) for p in zip(pairs.loc[hit, "window_id"], pairs.loc[hit, "window_id_other"])}


def _l03_body_is_empty(func: Any) -> bool:
    """True for a function whose body is still the exercise copy's ``...`` (or only a docstring,
    ``...`` and ``pass``): the learner has not written anything in it yet."""

    if not inspect.isfunction(func):
        return False
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError, ValueError):
        tree = None
    if tree is not None and tree.body and isinstance(tree.body[0], (ast.FunctionDef, ast.AsyncFunctionDef)):
        body = tree.body[0].body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            body = body[1:]  # the docstring
        return all(isinstance(statement, ast.Pass) or (
            isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
            and statement.value.value is Ellipsis) for statement in body)
    # No source to read (a function built with exec, say): an empty body compiles to "return None".
    steps = [(i.opname, i.argval) for i in dis.get_instructions(func)
             if i.opname not in {"RESUME", "NOP", "CACHE"}]
    return not func.__code__.co_names and steps in (
        [("RETURN_CONST", None)], [("LOAD_CONST", None), ("RETURN_VALUE", None)])


def _l03_untouched_function_is_not_attempted(check: Callable[..., None]) -> Callable[..., None]:
    """Treat a function answer whose body is still ``...`` like the answer ``...`` itself."""

    @functools.wraps(check)
    def wrapped(*answers: Any) -> None:
        try:
            answers = tuple(... if _l03_body_is_empty(answer) else answer for answer in answers)
        except Exception:  # a check never raises: judge the answers as given
            pass
        check(*answers)

    CHECKS[check.__name__] = wrapped
    return wrapped


@exercise
def q03_1(total_2017: Any) -> Feedback:
    """Twitter's transparency-report total to 31 Dec 2017, recomputed from the table."""

    suspensions = data.load("suspensions")
    reports = suspensions[suspensions["channel"] == "transparency_report"]
    cumulative = reports[reports["figure_kind"] == "cumulative"].sort_values("window_end")
    expected = int(cumulative["accounts"].iloc[-1])
    to_june_2017 = int(cumulative["accounts"].iloc[-2])
    half_years = int(reports.loc[reports["figure_kind"] == "period", "accounts"].sum())
    every_period = int(suspensions.loc[suspensions["figure_kind"] == "period", "accounts"].sum())
    if isinstance(total_2017, str):
        return hint("expected a number, got a string: add the values of the 'accounts' column.")
    if isinstance(total_2017, pd.Series):
        return hint("that is a column of numbers (a Series), not one total: add them up with .sum().")
    value = whole_number(total_2017)
    if value is None:
        return hint(f"expected a whole number of accounts, got {type_name(total_2017)}.")
    if value == expected:
        return correct(f"{expected:,} accounts from 1 Aug 2015 to 31 Dec 2017: exactly Twitter's own "
                       "cumulative figure.")
    if value == every_period:
        return hint("that adds every period figure, blog posts included: the blog window of Feb–Aug "
                    "2016 overlaps the H2 2016 report, and the blog series starts in mid-2015. Use "
                    "only the transparency reports.")
    if value == half_years:
        return hint("close: the three half-years leave out 1 Aug 2015–30 Jun 2016. Start from the "
                    "cumulative figure to 31 Dec 2016 (tw_tr_2016h2_cum), not from the H2 2016 half-year.")
    if value == to_june_2017:
        return hint("that is the total to 30 Jun 2017; add the second half of 2017 (tw_tr_2017h2).")
    if value > expected:
        return hint("too big: a cumulative figure already contains every earlier window, so never add "
                    "one cumulative figure to another, or a cumulative figure to a half-year it contains.")
    return hint(f"{value:,} is not it. Add tw_tr_2017h1 and tw_tr_2017h2 to tw_tr_2016h2_cum.")


@exercise
def q03_2(december_windows: Any) -> Feedback:
    """The window_id of every suspensions row whose window includes a day of December 2016."""

    suspensions = data.load("suspensions")
    first, last = pd.Timestamp("2016-12-01"), pd.Timestamp("2016-12-31")
    starts, ends = suspensions["window_start"], suspensions["window_end"]
    # The course's overlap rule (strict <): a window that only shares a boundary day with
    # December does not include it.
    expected = set(suspensions.loc[(starts < last) & (first < ends), "window_id"])
    periods = set(suspensions.loc[suspensions["figure_kind"] == "period", "window_id"])
    # The typical slip: windows that lie *inside* December instead of sharing a day with it.
    within = [set(suspensions.loc[(starts > first) & (ends < last), "window_id"]),
              set(suspensions.loc[(starts >= first) & (ends <= last), "window_id"])]
    mask_hint = ("that is one True/False per row; use it to pick the ids: "
                 "suspensions.loc[mask, \"window_id\"].tolist().")
    if isinstance(december_windows, pd.DataFrame):
        return hint("that is a table; keep only its window_id column, as a list: .tolist().")
    if isinstance(december_windows, pd.Series) and pd.api.types.is_bool_dtype(december_windows):
        return hint(mask_hint)
    if isinstance(december_windows, (str, bytes)) or not hasattr(december_windows, "__iter__"):
        return hint(f"expected a list of window ids, got {type_name(december_windows)}.")
    items = list(december_windows)
    if items and all(isinstance(item, (bool, np.bool_)) for item in items):
        return hint(mask_hint)
    given = {str(item) for item in items}
    if given == expected:
        return correct(f"{len(expected)} windows include December 2016, and the 235,000 window "
                       "(tw_blog_2016_08) is not one of them.")
    if "tw_blog_2016_08" in given:
        return hint("tw_blog_2016_08 ended on 18 Aug 2016, before December began: a window must "
                    "end after 1 Dec 2016 to include it.")
    if given - expected:
        known = set(suspensions["window_id"])
        extra = sorted(item if item in known else repr(item) for item in given - expected)
        verb = "does" if len(extra) == 1 else "do"
        return hint(f"{', '.join(extra)} {verb} not include December 2016: a window must start "
                    "before 31 Dec 2016 and end after 1 Dec 2016.")
    if given == expected & periods:
        return hint("the cumulative windows include December 2016 too: their running totals run "
                    "from 1 Aug 2015 across it.")
    if given in within:
        return hint("that keeps windows that lie inside December. A window only needs to share one "
                    "day with December: window_start < december_end and december_start < window_end.")
    return hint(f"{len(expected - given)} window(s) missing: test every row of suspensions, "
                "period and cumulative.")


@exercise
def q03_3(touching_pairs: Any) -> Feedback:
    """Pairs of period windows that overlap when a shared day counts (<=)."""

    expected = _l03_period_pairs(inclusive=True)
    strict = _l03_period_pairs(inclusive=False)
    every_pair = _l03_period_pairs(inclusive=None)
    period_ids = set().union(*every_pair)
    if isinstance(touching_pairs, pd.DataFrame):
        if {"window_id", "window_id_other"} <= set(touching_pairs.columns):
            touching_pairs = list(zip(touching_pairs["window_id"], touching_pairs["window_id_other"]))
        else:
            return hint("expected a list of (window_id, window_id_other) tuples: "
                        "list(zip(...)) of the two id columns.")
    if isinstance(touching_pairs, pd.Series) and pd.api.types.is_bool_dtype(touching_pairs):
        return hint("that is one True/False per pair; use it to pick the ids: "
                    "list(zip(pairs.loc[shared_day, \"window_id\"], pairs.loc[shared_day, \"window_id_other\"])).")
    if isinstance(touching_pairs, (str, bytes)) or not hasattr(touching_pairs, "__iter__"):
        return hint(f"expected a list of (window_id, window_id_other) tuples, got "
                    f"{type_name(touching_pairs)}.")
    if any(isinstance(pair, (str, bytes)) or not hasattr(pair, "__iter__") for pair in touching_pairs):
        return hint("each item should be a pair of two window ids, like ('tw_blog_2016_02', 'tw_blog_2016_08').")
    listed = [tuple(str(i) for i in pair) for pair in touching_pairs]
    if any(len(pair) != 2 for pair in listed):
        return hint("each item should be a pair of two window ids, like ('tw_blog_2016_02', 'tw_blog_2016_08').")
    given = {frozenset(pair) for pair in listed}
    if any(len(pair) == 1 for pair in given):
        return hint("a window paired with itself always overlaps: keep the rows where "
                    "window_id < window_id_other.")
    if len(listed) > len(given):
        return hint("some pairs appear twice, as (A, B) and (B, A): keep the rows where "
                    "window_id < window_id_other.")
    if given == expected:
        return correct(f"{len(expected)} pairs: the two blog windows share 5 Feb 2016, the day of the "
                       "February post, and the Feb–Aug 2016 blog window overlaps H2 2016.")
    if given == strict:
        return hint("that is the lesson's strict rule (<), which gives one pair. Use <= so that two "
                    "windows sharing a day count as overlapping.")
    shared_day_hint = ("too many pairs: keep only the rows where shared_day is True "
                       "(pairs.loc[shared_day, ...]).")
    if given == every_pair:
        return hint(shared_day_hint)
    if len(given) > len(expected):
        if any(window_id not in period_ids for pair in given for window_id in pair):
            return hint("too many pairs: use only the period windows (figure_kind == 'period'); a "
                        "cumulative window contains the windows before it.")
        return hint(shared_day_hint)
    return hint("not quite: cross-merge the period windows with themselves, keep window_id < "
                "window_id_other, then apply the <= rule.")


@_l03_untouched_function_is_not_attempted
@exercise
def q03_4(classify: Any) -> Feedback:
    """A function classify(article_value, source_value, same_window) -> verdict class.

    A function whose body is still the exercise copy's ``...`` is "not attempted yet".
    """
    if not callable(classify):
        return hint(f"expected a function (def classify(...): ...), got {type_name(classify)}.")
    verdicts = data.load("verdicts").set_index("claim_id")
    suspensions = data.load("suspensions").set_index("window_id")
    estimates = data.load("official_estimates").set_index("estimate_id")
    c08 = int(verdicts.loc["c08", "corrected_value"])
    c09 = int(verdicts.loc["c09", "corrected_value"])
    total = int(suspensions.loc["tw_tr_2017h2_cum", "accounts"])
    to_june_2017 = int(suspensions.loc["tw_tr_2017h1_cum", "accounts"])
    blinken = int(estimates.loc["fk_2015_06_03", "value_low"])
    macfarland = int(estimates.loc["fk_2016_08_10", "value_low"])
    cases = [
        ((c08, c08, True), "exact",
         "the same figure for the same window is 'exact'."),
        ((c09, c09, False), "wrong_date_or_window",
         "check the window before comparing the values: a right figure for the wrong window is "
         "'wrong_date_or_window'."),
        ((10_000, None, True), "unsupported",
         "when source_value is None no source gives the figure: test `source_value is None` first "
         "and return 'unsupported'."),
        ((round(total, -3), total, True), "rounded",
         f"{total:,} rounded to the nearest 1,000 is {round(total, -3):,}, so that claim is 'rounded'. "
         "Try round(source_value / step) * step for step in 10, 100, 1000, 10000."),
        ((round(to_june_2017, -3), to_june_2017, True), "rounded",
         f"{to_june_2017:,} rounded to the nearest 1,000 is {round(to_june_2017, -3):,}: round to the "
         "nearest step, up or down, with round(source_value / step) * step; // always rounds down."),
        ((round(total, -2) - 100, total, True), "unsupported",
         f"{round(total, -2) - 100:,} is near {total:,} but is not it rounded to 10, 100, 1,000 or "
         "10,000: by these rules, near is not rounded, so it is 'unsupported'."),
        ((blinken, macfarland, True), "unsupported",
         f"{blinken:,} is not {macfarland:,} rounded to any step, so the source does not support it: "
         "'unsupported'."),
    ]
    answers = []
    for args, expected, advice in cases:
        try:
            answers.append(classify(*args))
        except Exception as error:
            return hint(f"classify{args} raised {type(error).__name__}: {advice}")
    if all(answer is None for answer in answers):
        return hint("your function returns None: every path through it should end in a return "
                    "of a verdict class, such as return \"exact\".")
    for (args, expected, advice), answer in zip(cases, answers):
        if not (isinstance(answer, str) and answer == expected):
            shown = repr(answer) if isinstance(answer, str) else f"a {type_name(answer)}"
            return hint(f"classify{args} gave {shown}, expected {expected!r}: {advice}")
    return correct("your function gives the right class in all seven test cases, including the "
                   "article's 235,000 'in December 2016' (wrong_date_or_window).")


@exercise
def q03_5(trace: Any) -> Feedback:
    """The provenance of claim c05: its sources, with relation, kind, date and quote, by date."""

    if not isinstance(trace, pd.DataFrame):
        return hint(f"expected a DataFrame, got {type_name(trace)}.")
    links = data.load("claim_sources")
    sources = data.load("sources")
    expected = set(links.loc[links["claim_id"] == "c05", "source_id"])
    needed = ["source_id", "relation", "kind", "date", "quote"]
    missing = [c for c in needed if c not in trace.columns]
    if {"kind", "date"} & set(missing):
        return hint("kind and date live in sources: merge with sources on 'source_id' to bring them in.")
    if "quote" in missing and {"quote_x", "quote_y"} <= set(trace.columns):
        return hint("both tables have a quote column, so pandas renamed them quote_x and quote_y; "
                    "merge only sources[[\"source_id\", \"kind\", \"date\"]].")
    if missing:
        return hint(f"missing column(s): {', '.join(missing)}.")
    given = set(trace["source_id"].astype(str))
    if given != expected:
        if given > expected:
            return hint("too many rows: keep only the links where claim_id == 'c05'.")
        return hint(f"c05 has {len(expected)} linked sources in claim_sources; your table has "
                    f"{len(given & expected)} of them.")
    c05_rows = links.loc[links["claim_id"] == "c05", ["source_id", "relation", "quote"]]
    if len(trace) != len(c05_rows):
        return hint(f"c05 has {len(c05_rows)} links, one row each; your table has {len(trace)} rows.")
    expected_rows = set(c05_rows.astype(str).itertuples(index=False, name=None))
    if set(trace[["source_id", "relation", "quote"]].astype(str).itertuples(index=False, name=None)) \
            != expected_rows:
        return hint("relation and quote should come from links (claim_sources) unchanged: each link's "
                    "own quote, not the source's quote from sources.")
    dates = [str(d) for d in trace["date"]]
    if dates != sorted(dates):
        return hint("the rows are not in date order: .sort_values('date').")
    c05 = links[links["claim_id"] == "c05"]
    source_dates = sources.set_index("source_id")["date"]
    when = " and ".join(sorted(source_dates[c05.loc[c05["relation"] == "supports", "source_id"]]))
    huffpost = source_dates["huffpost_2017"]
    return correct(f"{len(expected)} sources. The ones that support 40,000 are dated {when}; "
                   f"HuffPost's story is of {huffpost}. Is any of them shown to be earlier?")


_L03_VERDICT_KEYS = ("verdict", "quote", "explanation")
_L03_SHIFTED_WORDS = ("propagandists", "independently", "Internet users")
_L03_ABOUT_THE_SHIFT = ("propagandist", "preach", "cleric", "الدعاة", "independent",
                        "internet user", "users", "volunteer", "religious", "drop", "omit", "leave",
                        "left out")


def _l03_unfilled_verdict_is_not_attempted(check: Callable[..., None]) -> Callable[..., None]:
    """Treat a verdict dict whose values are all still ``...`` like the answer ``...``."""

    @functools.wraps(check)
    def wrapped(answer: Any = ..., *more: Any) -> None:
        try:
            if isinstance(answer, dict) and answer and all(v is Ellipsis for v in answer.values()):
                answer = ...
        except Exception:  # a check never raises: judge the answer as given
            pass
        check(answer, *more)

    CHECKS[check.__name__] = wrapped
    return wrapped


def _l03_words(text: str) -> str:
    return " ".join(text.split())


@_l03_unfilled_verdict_is_not_attempted
@exercise
def q03_6(my_verdict: Any) -> Feedback:
    """A ``reworded`` verdict for claim c03: its class, an exact quote and an explanation."""

    if not isinstance(my_verdict, dict):
        return hint(f"expected a dict with the keys verdict, quote and explanation, got "
                    f"{type_name(my_verdict)}.")
    missing = [k for k in _L03_VERDICT_KEYS if k not in my_verdict]
    if missing:
        return hint(f"the dict has no key {missing[0]!r}: keep the three keys verdict, quote and "
                    "explanation.")
    unfilled = [k for k in _L03_VERDICT_KEYS if my_verdict[k] is Ellipsis]
    if unfilled:
        return hint(f"{unfilled[0]} is still ...: fill in all three parts.")
    verdict, quote, explanation = (my_verdict[k] for k in _L03_VERDICT_KEYS)
    for key, value in zip(_L03_VERDICT_KEYS, (verdict, quote, explanation), strict=True):
        if not isinstance(value, str):
            return hint(f"{key} should be text (a string in quotes), got {type_name(value)}.")
    verdict = verdict.strip().strip("'\"`").lower()
    if verdict != "reworded":
        if verdict == "exact":
            return hint("not exact: the Arabic's الدعاة ('preachers') is not HuffPost's 'leading "
                        "propagandists', and it drops who ran the counter-campaigns. A shifted "
                        "meaning is 'reworded' (rule 6).")
        if verdict in ("partly_unsupported", "unsupported", "unconfirmed"):
            return hint(f"not {verdict}: HuffPost's own words were read and support the core of "
                        "c03, and the Arabic adds no cause; it changes the meaning of some words. "
                        "That is 'reworded' (rule 6).")
        return hint(f"{verdict!r} is not the class: by the rules, a claim whose words shift the "
                    "source's meaning is 'reworded'.")
    links = data.load("claim_sources")
    c03_quotes = [_l03_words(q) for q in links.loc[links["claim_id"] == "c03", "quote"]]
    said = _l03_words(quote.strip().strip('"“”'))
    if not said:
        return hint("quote is empty: copy the source's words that show the shift.")
    if not any(said in q for q in c03_quotes):
        if any(ch in said for ch in "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"):
            return hint("that quote is Arabic: quote the source (HuffPost), not the article, word for "
                        "word from links.")
        if any(said.replace("'", "’") in q for q in c03_quotes):
            return hint("nearly: HuffPost writes a curly apostrophe (’), not a straight one ('). "
                        "Copy the words from the links table rather than retyping them.")
        return hint("that quote is not word for word in any source of c03: copy it from the "
                    "links table (claim_id == 'c03'), without changing a word.")
    if not any(word.lower() in said.lower() for word in _L03_SHIFTED_WORDS):
        return hint("those words are in the source, but they are not the ones the Arabic changed: "
                    "quote 'leading propagandists' or 'conducted independently by Internet users'.")
    text = _l03_words(explanation)
    if len(text.split()) < 8:
        return hint("write the explanation as a sentence or two (eight words or more): what the "
                    "source says, and what the Arabic says instead.")
    if text.lower() in " ".join(c03_quotes).lower():
        return hint("the explanation repeats the quote: say in your own words what changed.")
    if not any(word in text.lower() for word in _L03_ABOUT_THE_SHIFT):
        return hint("say which words changed: 'propagandists' against الدعاة ('preachers'), or the "
                    "counter-campaigns run independently by Internet users.")
    return correct("a reworded verdict resting on the source's exact words, explained in yours. "
                   "That is a row of verdicts.csv.")
