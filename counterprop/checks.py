"""Friendly feedback for the exercises.

In an exercise notebook each answer is followed by a check cell::

    from counterprop import checks as check
    n_sentences = ...          # your answer replaces the ...
    check.q00_2(n_sentences)

A check prints one line and returns nothing:

- ``✅ ...`` when the answer is right;
- ``💡 ...`` with a specific hint when it is not;
- ``⏳ not attempted yet`` while the answer is still ``...``.

A check **never raises**, whatever it is given (``...``, ``None``, a string, a DataFrame of the
wrong shape, an object whose comparison fails), so "Run All" on an untouched exercise notebook
always finishes. Expected values are computed from the course data, not typed in by hand.

Writing a check: decorate a function that takes the learner's answer and returns
``correct(message)`` or ``hint(message)``. The decorator handles ``...`` and any exception.
"""

from __future__ import annotations

import ast
import dis
import functools
import hashlib
import inspect
import math
import numbers
import re
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any

import numpy as np
import pandas as pd

from counterprop import data, models
from counterprop import text as _text

__all__ = ["CHECKS", "correct", "exercise", "hint"]


@dataclass(frozen=True)
class Feedback:
    """The outcome of one check: right or not, and the message shown to the learner."""

    ok: bool
    message: str


def correct(message: str = "Correct!") -> Feedback:
    """Feedback for a right answer."""
    return Feedback(True, message)


def hint(message: str) -> Feedback:
    """Feedback for a wrong answer: say what to look at, kindly and specifically."""
    return Feedback(False, message)


NOT_ATTEMPTED = "⏳ not attempted yet: replace the ... with your answer, then run this cell again."

CHECKS: dict[str, Callable[..., None]] = {}
"""Every exercise check by name, e.g. ``CHECKS["q00_1"]`` (used by the tests)."""


def exercise(func: Callable[..., Feedback]) -> Callable[..., None]:
    """Turn a function returning :class:`Feedback` into a check that prints and never raises."""

    @functools.wraps(func)
    def check(*answers: Any) -> None:
        print(_run(func, answers))

    CHECKS[func.__name__] = check
    return check


def _run(func: Callable[..., Feedback], answers: tuple[Any, ...]) -> str:
    try:
        if any(a is Ellipsis for a in answers):
            return NOT_ATTEMPTED
        feedback = func(*answers)
        if not isinstance(feedback, Feedback):  # a bug in the check itself
            return "💡 this check could not judge the answer; ask your instructor."
        return ("✅ " if feedback.ok else "💡 ") + feedback.message
    except Exception as error:  # the promise: a check never raises
        try:
            kind = type(error).__name__
        except Exception:
            kind = "error"
        return (
            f"💡 your answer could not be checked ({kind} while looking at it). "
            "Is it the kind of value the exercise asks for?"
        )


def _whole_number(value: Any) -> int | None:
    """``value`` as an int if it is a whole number (numpy integers and 12.0 included), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real) and float(value).is_integer():
        return int(value)
    return None


def _finite_number(value: Any) -> float | None:
    """``value`` as a finite float if it is one number (int, float, numpy scalar), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if math.isfinite(number) else None
    return None


def _type_name(value: Any) -> str:
    try:
        return type(value).__name__
    except Exception:  # pragma: no cover - only for very strange objects
        return "an unusual object"


# ---------------------------------------------------------------------------------------
# Lesson 00: Welcome
# ---------------------------------------------------------------------------------------


@exercise
def q00_1(digest: Any) -> Feedback:
    """The article's sha256, as a hex string."""
    if isinstance(digest, bytes):
        return hint("that is the raw digest in bytes; call .hexdigest() instead of .digest().")
    if hasattr(digest, "hexdigest") and not isinstance(digest, str):
        return hint("that is the hash object itself; call .hexdigest() on it to get the text.")
    if not isinstance(digest, str):
        return hint(f"expected a hex string such as 'eb97…', got {_type_name(digest)}.")
    expected = data.recorded_article_sha256()
    if digest.strip().lower() == expected:
        return correct("that is the article's fingerprint, and it matches the recorded one.")
    if digest.strip().lower() == hashlib.sha256(data.read_article().strip().encode()).hexdigest():
        return hint("close: you hashed the text after .strip(). Hash the file's bytes unchanged.")
    if len(digest.strip()) != 64:
        return hint(f"a sha256 hex digest has 64 characters; yours has {len(digest.strip())}.")
    return hint("not the article's digest. Hash article_path.read_bytes(): the file's bytes, unchanged.")


@exercise
def q00_2(n_sentences: Any) -> Feedback:
    """The number of sentences in the article."""
    expected = len(data.load("sentences"))
    n_sentences = _whole_number(n_sentences) if _whole_number(n_sentences) is not None else n_sentences
    if not isinstance(n_sentences, int) or isinstance(n_sentences, bool):
        return hint(f"expected a whole number such as 7, got {_type_name(n_sentences)}.")
    if n_sentences == expected:
        return correct(f"{expected} sentences, each ending with a full stop.")
    if n_sentences == expected + 1:
        return hint("one too many: splitting on '.' leaves an empty piece after the last full stop.")
    return hint(f"{n_sentences} is not it. Count the full stops '.' in the article.")


@exercise
def q00_3(n_words: Any) -> Feedback:
    """The number of words, counted as whitespace-separated tokens."""
    article = data.read_article()
    expected = len(article.split())
    n_words = _whole_number(n_words) if _whole_number(n_words) is not None else n_words
    if not isinstance(n_words, int) or isinstance(n_words, bool):
        return hint(f"expected a whole number such as 7, got {_type_name(n_words)}.")
    if n_words == expected:
        return correct(f"{expected} words, counted as pieces between whitespace (often called "
                       "tokens). Glued forms such as من761 count as one word here.")
    if n_words == len(article.split(" ")):
        return hint("close: split() without an argument handles every kind of whitespace.")
    if n_words == len(article):
        return hint("that is the number of characters, not words.")
    return hint(f"{n_words} is not it. Try len(article.split()).")


@exercise
def q00_4(sentence_ids: Any) -> Feedback:
    """The ids of the sentences that mention Twitter (تويتر), as a list of ints."""
    sentences = data.load("sentences")
    mask = sentences["text_raw"].str.contains("تويتر")
    expected = sorted(int(i) for i in sentences.loc[mask, "id"])
    if isinstance(sentence_ids, pd.DataFrame):
        return hint('that is a table; keep only its "id" column, as a list: ….loc[mask, "id"].tolist().')
    if isinstance(sentence_ids, pd.Series) and sentence_ids.dtype == bool:
        return hint('that is one True/False per sentence; use it to pick the ids: '
                    'sentences.loc[mask, "id"].tolist().')
    try:
        given = sorted(int(i) for i in sentence_ids)
    except TypeError:
        return hint(f"expected a list of sentence ids, got {_type_name(sentence_ids)}.")
    if given == expected:
        return correct(f"sentences {expected} name Twitter (تويتر, Tuwītar).")
    if given == [i - 1 for i in expected]:
        return hint('those look like row positions, which count from 0; use the "id" column.')
    if set(given) < set(expected):
        return hint("some are missing: search every sentence's text_raw for 'تويتر'.")
    return hint("not quite: keep the ids of sentences whose text_raw contains 'تويتر'.")


# ---------------------------------------------------------------------------------------
# Lesson 03: Tracing claims to sources
# ---------------------------------------------------------------------------------------


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
    value = _whole_number(total_2017)
    if value is None:
        return hint(f"expected a whole number of accounts, got {_type_name(total_2017)}.")
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
    expected = set(suspensions.loc[(starts <= last) & (ends >= first), "window_id"])
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
        return hint(f"expected a list of window ids, got {_type_name(december_windows)}.")
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
    if isinstance(touching_pairs, (str, bytes)) or not hasattr(touching_pairs, "__iter__"):
        return hint(f"expected a list of (window_id, window_id_other) tuples, got "
                    f"{_type_name(touching_pairs)}.")
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
        return hint(f"expected a function (def classify(...): ...), got {_type_name(classify)}.")
    verdicts = data.load("verdicts").set_index("claim_id")
    suspensions = data.load("suspensions").set_index("window_id")
    estimates = data.load("official_estimates").set_index("estimate_id")
    c08 = int(verdicts.loc["c08", "corrected_value"])
    c09 = int(verdicts.loc["c09", "corrected_value"])
    total = int(suspensions.loc["tw_tr_2017h2_cum", "accounts"])
    blinken = int(estimates.loc["fk_2015_06_03", "value_low"])
    macfarland = int(estimates.loc["fk_2016_08_10", "value_low"])
    cases = [
        ((c08, c08, True), "exact",
         "the same figure for the same window is 'exact'."),
        ((c09, c09, False), "wrong_date_or_window",
         "check the window before comparing the values: a right figure for the wrong window is "
         "'wrong_date_or_window'."),
        ((761, None, True), "unsupported",
         "when source_value is None no source gives the figure: test `source_value is None` first "
         "and return 'unsupported'."),
        ((round(total, -3), total, True), "rounded",
         f"{total:,} rounded to the nearest 1,000 is {round(total, -3):,}, so that claim is 'rounded'. "
         "Try round(source_value / step) * step for step in 10, 100, 1000, 10000."),
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
            shown = repr(answer) if isinstance(answer, str) else f"a {_type_name(answer)}"
            return hint(f"classify{args} gave {shown}, expected {expected!r}: {advice}")
    return correct("your function gives the right class in all five test cases, including the "
                   "article's 235,000 'in December 2016' (wrong_date_or_window).")


@exercise
def q03_5(trace: Any) -> Feedback:
    """The provenance of claim c05: its sources, with relation, kind, date and quote, by date."""

    if not isinstance(trace, pd.DataFrame):
        return hint(f"expected a DataFrame, got {_type_name(trace)}.")
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
    dates = [str(d) for d in trace["date"]]
    if dates != sorted(dates):
        return hint("the rows are not in date order: .sort_values('date').")
    c05 = links[links["claim_id"] == "c05"]
    source_dates = sources.set_index("source_id")["date"]
    when = " and ".join(sorted(source_dates[c05.loc[c05["relation"] == "supports", "source_id"]]))
    huffpost = source_dates["huffpost_2017"]
    return correct(f"{len(expected)} sources. The ones that support 40,000 are dated {when}; "
                   f"HuffPost's story is of {huffpost}. Is any of them shown to be earlier?")


# ---------------------------------------------------------------------------------------
# Lesson 01: The raw article
# ---------------------------------------------------------------------------------------



# An Arabic letter and a digit of any family touching, in either order (lesson 01).
_L01_LETTER_DIGIT = re.compile(
    "[\u0621-\u064a][0-9\u0660-\u0669\u06f0-\u06f9]|[0-9\u0660-\u0669\u06f0-\u06f9][\u0621-\u064a]"
)


def _l01_is_number(value: Any) -> bool:
    """True for ints and floats (numpy's too), False for bools and everything else."""
    return isinstance(value, Real) and not isinstance(value, bool)


def _l01_words(word: str, view: str) -> int:
    """How many times ``word`` occurs in ``view`` as a whole word."""
    return len(re.findall(rf"\b{re.escape(word)}\b", view))


@exercise
def q01_1(last_letter: Any) -> Feedback:
    """The Unicode name of the last letter of the article's spelling علي."""
    article_spelling = re.search(r"\bعلي\b", data.read_article()).group()
    expected = unicodedata.name(article_spelling[-1])
    if not isinstance(last_letter, str):
        return hint(f"expected a name such as 'ARABIC LETTER ...' (a str), got {_type_name(last_letter)}.")
    answer = last_letter.strip().upper()
    if answer == expected:
        return correct(f"{expected}: the article types ي (U+064A), the letter that also ends the name Ali.")
    if answer == unicodedata.name("ى"):
        return hint("that is ى, the last letter of the standard spelling على. "
                    "The article types another letter: look at \"علي\"[-1].")
    if len(answer) == 1:
        return hint("that is the character itself; unicodedata.name(...) gives its name.")
    if answer.startswith("U+"):
        return hint("that is the code point; the exercise asks for the name, from unicodedata.name(...).")
    if answer == unicodedata.name(article_spelling[0]):
        return hint("that is the first letter, ع; the last character of a string is [-1].")
    return hint("not that one. Try unicodedata.name(\"علي\"[-1]).")


_L01_ACCOUNTS_TEXT = "٢٣٥٬٠٠٠"


@exercise
def q01_2(accounts: Any) -> Feedback:
    """The integer value of ٢٣٥٬٠٠٠ (Arabic-Indic digits, Arabic thousands separator)."""
    expected = int(_text.to_ascii_digits(_L01_ACCOUNTS_TEXT).replace(",", ""))
    if isinstance(accounts, str):
        return hint("that is still text; turn it into a number with int(...).")
    if not _l01_is_number(accounts):
        return hint(f"expected a whole number (int), got {_type_name(accounts)}.")
    if accounts == expected:
        if isinstance(accounts, Integral):
            return correct(f"{expected:,}: Python reads Arabic-Indic digits once the ٬ is gone.")
        return hint("the right value, but as a float; the exercise asks for an int.")
    if accounts == expected // 1000:
        return hint("that is only the part before the separator ٬; remove the separator, "
                    "don't split on it.")
    return hint(f"{accounts} is not it. Remove '٬' with .replace('٬', ''), then call int(...).")


@exercise
def q01_3(n_ila: Any) -> Feedback:
    """How many words of the normalised article, glued digits split, equal the normalised إلى."""
    article = data.read_article()
    view = _text.normalize(article)
    query = _text.normalize("إلى")
    expected = _l01_words(query, _text.split_glued_digits(view))
    if isinstance(n_ila, bool) or not isinstance(n_ila, Integral):
        return hint(f"expected a whole number (int), got {_type_name(n_ila)}.")
    if n_ila == expected:
        return correct(f"{expected}: the view merges الي and إلي, so one query finds both.")
    if n_ila == 0:
        return hint("normalise the query too: text.normalize('إلى') is 'الي'.")
    if n_ila == _l01_words(query, view):
        return hint("one is missing: الي194 is glued to a number, and \\b sees no word boundary "
                    "between a letter and a digit. Split glued digits first (text.split_glued_digits).")
    split_raw = _text.split_glued_digits(article)
    if n_ila in {_l01_words(w, a) for w in ("الي", "إلي") for a in (article, split_raw)}:
        return hint("that counts one spelling of the raw text only; count in the normalised view, "
                    "where الي and إلي become one word.")
    if n_ila == view.count(query):
        return hint("that counts substrings too (الي is inside words such as حاليا); "
                    "count whole words with \\b...\\b.")
    return hint(f"{n_ila} is not it. Normalise, split glued digits, then count whole words.")


@exercise
def q01_4(glued: Any) -> Feedback:
    """The whitespace tokens of the article in which an Arabic letter and a digit touch."""
    tokens = data.read_article().split()
    expected = [token for token in tokens if _L01_LETTER_DIGIT.search(token)]
    if isinstance(glued, (str, bytes)) or not hasattr(glued, "__iter__"):
        return hint(f"expected a list of tokens (str), got {_type_name(glued)}.")
    given = list(glued)
    if not all(isinstance(token, str) for token in given):
        return hint("every item of the list should be a token (a str) from article.split().")
    if Counter(given) == Counter(expected):
        return correct(f"all {len(expected)} glued tokens: every number in the article is glued to a word.")
    if set(given) == set(expected):
        return hint("some tokens appear twice in the article (عام2016); keep every token, "
                    "duplicates too: use a list, not a set.")
    if all(re.fullmatch("[0-9%.]+", token) for token in given) and given:
        return hint("keep the whole tokens (such as عام2016), not only their digits.")
    missing = Counter(expected) - Counter(given)
    if missing and all(not token[-1].isalnum() for token in missing):
        return hint("you missed the tokens that end with punctuation (a full stop, %): search inside "
                    "each token with re.search, don't require the whole token to match.")
    if Counter(given) - Counter(expected):
        return hint("your list has tokens without a letter-digit contact; keep only tokens where an "
                    "Arabic letter and a digit touch.")
    return hint(f"{len(given)} tokens; the article has {len(expected)}. Check each token with re.search.")


@exercise
def q01_5(spans: Any, sample: Any = None) -> Feedback:
    """(start, end) pairs of the sentences of the exercise's sample text."""
    if not isinstance(sample, str):
        return hint("call the check with both values: check.q01_5(spans, sample).")
    sentences = _text.split_sentences(sample)
    expected = list(zip(sentences["start"].tolist(), sentences["end"].tolist()))
    if isinstance(spans, (str, bytes)) or not hasattr(spans, "__iter__"):
        return hint(f"expected a list of (start, end) pairs, got {_type_name(spans)}.")
    try:
        given = [(int(start), int(end)) for start, end in spans]
    except (TypeError, ValueError):
        return hint("each item should be a pair of two whole numbers: (start, end).")
    if given == expected:
        return correct(f"{len(expected)} sentences, each sliced back exactly by sample[start:end].")
    decimal = re.search(r"[0-9]\.[0-9]", sample)
    if decimal and any(end == decimal.start() + 2 for _, end in given):
        return hint("a full stop between two digits (3.5) is a decimal point, not the end of a sentence.")
    if len(given) < len(expected):
        return hint("some sentences are missing: the Arabic question mark ؟ and ! end sentences too.")
    if [end for _, end in given] == [end for _, end in expected]:
        return hint("the ends are right; each start should skip the space before the sentence.")
    if [end + 1 for _, end in given] == [end for _, end in expected]:
        return hint("include the end mark: end is the position just after it (mark.end()).")
    return hint("not quite. Check that sample[start:end] gives each sentence with its end mark.")


# ---------------------------------------------------------------------------------------
# Lesson 02: From text to claims
# ---------------------------------------------------------------------------------------

_L02_MULTIPLIER_PHRASE = "حذف١٢٥ ألف حساب"


@exercise
def q02_1(value: Any) -> Feedback:
    """The value of the phrase حذف١٢٥ ألف حساب, multiplier applied."""
    expected = float(_text.find_numbers(_L02_MULTIPLIER_PHRASE)["value"].iloc[0])
    if isinstance(value, str):
        return hint("that is text; take the 'value' column of text.find_numbers(...), a number.")
    if not _l01_is_number(value):
        return hint(f"expected a number, got {_type_name(value)}. Take one cell: [\"value\"].iloc[0].")
    if float(value) == expected:
        return correct(f"{expected:,.0f}: find_numbers applied the multiplier ألف (thousand).")
    if float(value) == expected / 1000:
        return hint("that ignores the multiplier ألف ('thousand'); read the value column of "
                    "text.find_numbers, which applies it.")
    return hint(f"{value} is not it. Try text.find_numbers(\"{_L02_MULTIPLIER_PHRASE}\")[\"value\"].iloc[0].")


@exercise
def q02_2(n_counts: Any) -> Feedback:
    """How many of the article's numbers are counts."""
    kinds = data.load("numbers")["kind"]
    expected = int((kinds == "count").sum())
    if isinstance(n_counts, bool) or not isinstance(n_counts, Integral):
        return hint(f"expected a whole number (int), got {_type_name(n_counts)}.")
    if n_counts == expected:
        return correct(f"{expected} counts; the other {len(kinds) - expected} numbers are years and a percentage.")
    if n_counts == len(kinds):
        return hint("that is every number; keep only the rows whose kind is 'count'.")
    if n_counts == int((kinds != "year").sum()):
        return hint("50% is a percentage, not a count: keep kind == 'count' only.")
    if n_counts == int((kinds != "percent").sum()):
        return hint("years are not counts: keep kind == 'count' only.")
    return hint(f"{n_counts} is not it. Try (numbers['kind'] == 'count').sum().")


def _l02_c06_values() -> tuple[float, float]:
    """The two counts of claim c06's sentence, in reading order (before, after)."""
    numbers = data.load("numbers")
    claim = data.load("claims").set_index("claim_id").loc["c06"]
    counts = numbers[(numbers["sentence_id"] == claim["sentence_id"]) & (numbers["kind"] == "count")]
    before, after = (float(v) for v in counts["value"])
    return before, after


@exercise
def q02_3(fall_pct: Any) -> Feedback:
    """The fall from 761 to 194 as a percentage of 761, rounded to one decimal."""
    before, after = _l02_c06_values()
    expected = round((before - after) / before * 100, 1)
    if not _l01_is_number(fall_pct):
        return hint(f"expected a number such as 12.3, got {_type_name(fall_pct)}.")
    answer = float(fall_pct)
    if abs(answer - expected) < 0.051:
        return correct(f"a fall of {expected}% (derived: (761 - 194) / 761 × 100).")
    if abs(answer - expected / 100) < 0.001:
        return hint("that is a fraction; as a percentage, multiply by 100.")
    if abs(answer - after / before * 100) < 0.051:
        return hint("that is what remains (194 / 761); the fall is 100 minus that.")
    if abs(answer - (before - after) / after * 100) < 0.051:
        return hint("divide by the starting value, 761 (August 2015), not by 194.")
    if abs(answer - (before - after)) < 0.5:
        return hint("that is the difference in products; divide it by 761 and multiply by 100.")
    return hint(f"{fall_pct} is not it. Compute (before - after) / before * 100, then round(..., 1).")


def _l02_as_timestamp(value: Any) -> Any:
    """A pandas Timestamp for a date-like value, or None."""

    if value is None:
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(stamp) else stamp


@exercise
def q02_4(record: Any) -> Feedback:
    """Claim c06 coded as {"value", "unit", "period_start", "period_end"}."""
    claim = data.load("claims").set_index("claim_id").loc["c06"]
    if not isinstance(record, dict):
        return hint(f"expected a dictionary {{'value': ..., 'unit': ..., ...}}, got {_type_name(record)}.")
    missing = [key for key in ("value", "unit", "period_start", "period_end") if key not in record]
    if missing:
        return hint(f"the record needs the key(s) {', '.join(repr(k) for k in missing)}.")
    before, after = _l02_c06_values()
    value = record["value"]
    if not _l01_is_number(value):
        return hint(f"'value' should be a number, got {_type_name(value)}.")
    if float(value) == before:
        return hint("761 is the baseline (August 2015); a change claim keeps its latest value.")
    if float(value) != float(claim["value"]):
        return hint(f"'value' {value} is not the claim's latest figure; look at the numbers of sentence 7.")
    if record["unit"] != claim["unit"]:
        return hint(f"use the unit {claim['unit']!r}.")
    start, end = _l02_as_timestamp(record["period_start"]), _l02_as_timestamp(record["period_end"])
    if start is None or end is None:
        return hint("the periods should be dates, e.g. pd.Period('2016-08', freq='M').start_time.")
    if start != claim["period_start"]:
        if start.year == claim["period_start"].year - 1:
            return hint("that is the baseline's month (August 2015); the period is the latest value's month.")
        return hint("'period_start' should be the first day of the month of the latest value.")
    if end != claim["period_end"]:
        if end.normalize() == claim["period_end"]:
            return hint("right day, but with a time of day; .normalize() keeps the date only.")
        if end == claim["period_start"]:
            return hint("a month ends on its last day, not its first: use .end_time.normalize().")
        return hint("'period_end' should be the last day of that month.")
    return correct("the same record as data/claims.csv: 194 products, 1 to 31 August 2016.")


@exercise
def q02_5(unsourced: Any) -> Feedback:
    """Claims with a value and no attribution, as a sorted list of ids."""
    claims = data.load("claims")
    attributed = set(data.load("attributions")["claim_id"])
    with_value = set(claims.loc[claims["value"].notna(), "claim_id"])
    expected = sorted(with_value - attributed)
    if isinstance(unsourced, (str, bytes)) or not hasattr(unsourced, "__iter__"):
        return hint(f"expected a list of claim ids such as ['c01', ...], got {_type_name(unsourced)}.")
    given = list(unsourced)
    if not all(isinstance(claim_id, str) for claim_id in given):
        return hint("every item should be a claim id (a str such as 'c08').")
    if sorted(given) == expected:
        if given != expected:
            return hint("the right claims; now sort the list with sorted(...).")
        return correct(f"{', '.join(expected)}: numbers that rest on the article's word alone.")
    if set(given) == set(claims["claim_id"]) - attributed:
        return hint("those are all the unattributed claims; keep only the ones that have a value.")
    if set(given) == with_value:
        return hint("those are all the claims with a value; remove the ones that have an attribution.")
    if set(given) < set(expected):
        return hint("some are missing: take every claim with a value whose id is not in attributions.")
    return hint("not quite: claims whose value is not missing, minus the claim ids of attributions.")


# ---------------------------------------------------------------------------------------
# Lesson 04: Charts that tell the truth
# ---------------------------------------------------------------------------------------
# Chart checks read the matplotlib Axes the learner drew on (bars, lines, points, limits,
# title). matplotlib is imported inside the helpers, so lessons without charts never load it.


def _axes_or_hint(ax: Any) -> tuple[Any, Feedback | None]:
    """``(ax, None)`` for one matplotlib Axes, else ``(None, hint)`` saying what was expected."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(ax, Axes):
        return ax, None
    if isinstance(ax, Figure):
        return None, hint("that is the whole Figure; pass the Axes you drew on, `ax` "
                          "(or `fig.axes[0]`).")
    if isinstance(ax, (list, tuple)) or type(ax).__name__ == "ndarray":
        return None, hint("pass one Axes (`ax`), not a collection of them.")
    return None, hint(f"expected the matplotlib Axes your chart is drawn on (`ax`), "
                      f"got {_type_name(ax)}.")


def _nothing_drawn(ax: Any) -> bool:
    return not (ax.lines or ax.collections or ax.patches or ax.containers or ax.texts)


NOTHING_DRAWN = ("nothing is drawn on this Axes yet: draw your chart on `ax` (seaborn: `ax=ax`), "
                 "then run this cell again.")


def _bar_values(ax: Any) -> tuple[list[float], str]:
    """The lengths of the bars on ``ax`` in drawing order, and their orientation."""
    from matplotlib.container import BarContainer

    bars, orientation = [], "vertical"
    for container in ax.containers:
        if isinstance(container, BarContainer):
            orientation = getattr(container, "orientation", None) or "vertical"
            for bar in container:
                bars.append(bar.get_height() if orientation == "vertical" else bar.get_width())
    return bars, orientation


def _all_titles(ax: Any) -> dict[str, str]:
    """The Axes' titles by location, the empty ones left out."""
    titles = {loc: ax.get_title(loc) for loc in ("left", "center", "right")}
    return {loc: t for loc, t in titles.items() if isinstance(t, str) and t.strip()}


def _title_text(ax: Any) -> str:
    titles = " ".join(_all_titles(ax).values()).strip()
    if not titles and getattr(ax.figure, "_suptitle", None) is not None:
        titles = ax.figure._suptitle.get_text().strip()
    return titles


def _starts_at_zero(low: float, high: float) -> bool:
    return abs(low) <= 1e-9 * max(abs(high), 1.0)


def _half_year_figures() -> list[int]:
    suspensions = data.load("suspensions")
    rows = suspensions[(suspensions["channel"] == "transparency_report")
                       & (suspensions["figure_kind"] == "period")].sort_values("window_start")
    return [int(v) for v in rows["accounts"]]


@exercise
def q04_1(ax: Any) -> Feedback:
    """Bars of Twitter's transparency-report half-years, in date order, from zero, with a title."""
    ax, problem = _axes_or_hint(ax)
    if problem:
        return problem
    expected = _half_year_figures()
    values, orientation = _bar_values(ax)
    if not values:
        return hint(NOTHING_DRAWN if _nothing_drawn(ax) else
                    "no bars found on this Axes: draw them with sns.barplot(..., ax=ax) or ax.bar.")
    given = [round(float(v)) for v in values]
    suspensions = data.load("suspensions")
    if len(given) == len(expected) + 2:
        return hint(f"{len(given)} bars: the two blog figures are in there too. Their windows "
                    "overlap the reports' windows; keep only channel == 'transparency_report'.")
    if len(given) == 2 * len(expected):
        return hint(f"{len(given)} bars: you kept the cumulative rows too. They are running "
                    "totals, not half-years; keep figure_kind == 'period'.")
    if len(given) == len(suspensions):
        return hint(f"{len(given)} bars: that is every row of the table. Keep the "
                    "transparency report's period rows only.")
    if len(given) != len(expected):
        return hint(f"expected {len(expected)} bars, one per half-year; found {len(given)}.")
    if sorted(given) == sorted(expected) and given != expected:
        return hint("the right three figures, but not in date order: sort the rows by "
                    "window_start before drawing.")
    if given != expected:
        return hint("three bars, but their lengths are not the accounts figures of the "
                    "half-years: plot the accounts column.")
    low, high = ax.get_ylim() if orientation == "vertical" else ax.get_xlim()
    if not _starts_at_zero(min(low, high), max(low, high)):
        return hint(f"the value axis starts at {min(low, high):,.0f}: bars are read by their "
                    "length, so start it at zero (ax.set_ylim(bottom=0)).")
    if not _title_text(ax):
        return hint("add a title that states what happened, e.g. how the last half-year "
                    "compares with the first (ax.set_title(...)).")
    first, last = expected[0], expected[-1]
    return correct(f"{first:,} → {expected[1]:,} → {last:,} on an axis from zero: a fall of "
                   f"1 − {last:,}/{first:,} = {1 - last / first:.0%} in a year (derived).")


def _line_values(ax: Any) -> list[list[float]]:
    """The finite y-values of every line on ``ax`` that joins two or more points."""

    lines = []
    for line in ax.get_lines():
        y = np.asarray(line.get_ydata(), dtype=float).ravel()
        y = y[np.isfinite(y)]
        if len(y) >= 2:
            lines.append([float(v) for v in y])
    return lines


@exercise
def q04_2(ax: Any) -> Feedback:
    """One line per production series, each joining only that series' own counts."""
    from collections import Counter

    ax, problem = _axes_or_hint(ax)
    if problem:
        return problem
    production = data.load("production")
    counts = {sid: frozenset(int(c) for c in rows["count"])
              for sid, rows in production.groupby("series_id", sort=True)}
    sizes = production["series_id"].value_counts()
    expected = Counter(counts[sid] for sid in counts if sizes[sid] >= 2)
    lines = _line_values(ax)
    if not lines:
        return hint(NOTHING_DRAWN if _nothing_drawn(ax) else
                    "no line joins two points yet: draw one line per series_id.")
    every_count = frozenset().union(*counts.values())
    found = []
    for values in lines:
        as_ints = frozenset(round(v) for v in values)
        if not all(abs(v - round(v)) < 1e-6 for v in values) or not as_ints <= every_count:
            return hint("a line shows values that are not counts from the table: plot the "
                        "count column itself against period_start.")
        if not any(as_ints <= series for series in counts.values()):
            return hint("a line still joins counts from different series: that is the splice. "
                        "Draw each series_id separately (hue='series_id' in seaborn).")
        found.append(as_ints)
    found_counts = Counter(found)
    if found_counts == expected:
        return correct(f"{sum(expected.values())} separate lines, each from one study. "
                       "Every one of them falls.")
    missing = expected - found_counts
    if missing:
        names = sorted(sid for sid, values in counts.items() if values in missing)
        return hint(f"{sum(found_counts.values())} lines, but some series with two counts have "
                    f"no line of their own (look for: {', '.join(names)}).")
    return hint("some series is drawn more than once; draw each series_id once.")


def _numbers_in(text: str) -> list[float]:
    """Numbers written in ``text``: '376,890', '377 thousand', '0.3 million', '275k'."""

    scale = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6}
    numbers = []
    for match in re.finditer(r"(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|k\b|m\b)?", text.lower()):
        try:
            value = float(match[1].rstrip(",").replace(",", ""))
        except ValueError:
            continue
        numbers.append(value * scale.get(match[2] or "", 1.0))
    return numbers


@exercise
def q04_3(description: Any) -> Feedback:
    """A Figure: description of the half-year bars: what, axes, the three numbers, the finding."""
    if not isinstance(description, str):
        return hint(f"expected the description as a string in quotes, got {_type_name(description)}.")
    text = description.strip()
    lower = text.lower()
    if not lower.startswith("figure:"):
        return hint("start with 'Figure:'. Readers (and the course's lint) look for it.")
    words = len(text.split())
    if words < 25:
        return hint(f"only {words} words: say what is plotted, what the axis shows, the three "
                    "numbers and the finding (40 to 80 words is typical).")
    numbers = _numbers_in(text)
    missing = [v for v in _half_year_figures()
               if not any(abs(n - v) <= 0.01 * v for n in numbers)]
    if missing:
        return hint("give all three figures (rounding such as '377,000' is fine); missing: "
                    + ", ".join(f"{v:,}" for v in missing) + ".")
    if "suspen" not in lower:
        return hint("say what is counted: accounts that Twitter suspended.")
    if not any(w in lower for w in ("axis", "axes", "bar", "scale")):
        return hint("describe the chart itself: what kind of chart it is and what its axis "
                    "shows (and that it starts at zero).")
    falls = ("fell", "fall", "declin", "decreas", "down", "drop", "lower", "fewer", "shrank",
             "less", "shorter")
    if not any(w in lower for w in falls):
        return hint("state the finding: what happened from the first half-year to the last?")
    return correct("what, how, the numbers and the finding: a reader who cannot see the chart "
                   "can follow it.")


_ARABIC_LETTER = ("\u0621", "\u064a")
_PRESENTATION_FORMS = (("\ufb50", "\ufdff"), ("\ufe70", "\ufeff"))


def _has(text: str, ranges: tuple[tuple[str, str], ...]) -> bool:
    return any(low <= ch <= high for ch in text for low, high in ranges)


@exercise
def q04_4(ax: Any) -> Feedback:
    """An Arabic title containing تويتر, passed as a plain string, on the right."""
    ax, problem = _axes_or_hint(ax)
    if problem:
        return problem
    titles = _all_titles(ax)
    title = " ".join(titles.values())
    if not title:
        return hint("the title is still empty: ax.set_title('…', loc='right') with your "
                    "Arabic sentence.")
    if _has(title, _PRESENTATION_FORMS):
        return hint("the title holds Arabic presentation forms, the output of arabic_reshaper. "
                    "matplotlib 3.11 shapes Arabic itself and draws such text backwards: pass "
                    "the plain string.")
    if not _has(title, (_ARABIC_LETTER,)):
        return hint("the title has no Arabic letters yet; write it in Arabic, with the word تويتر.")
    if "تويتر" not in title:
        if "رتيوت" in title:
            return hint("تويتر is stored reversed (رتيوت), as python-bidi's get_display does. "
                        "Keep the string in reading order; matplotlib lays it out right to left.")
        return hint("the title should contain the word تويتر (Twitter).")
    if "right" not in titles:
        return hint("almost: Arabic reads from the right, so put the title there with "
                    "ax.set_title(..., loc='right').")
    return correct("a plain Arabic string on the right: matplotlib joins its letters and lays "
                   "it out from right to left.")


def _points_and_markers(ax: Any) -> tuple[list[tuple[float, float]], set]:
    """Every plotted point (scatter offsets and line markers) and the set of marker shapes."""
    from matplotlib.collections import PathCollection

    points, shapes = [], set()
    for collection in ax.collections:
        if not isinstance(collection, PathCollection):
            continue
        offsets = np.asarray(collection.get_offsets(), dtype=float).reshape(-1, 2)
        keep = np.isfinite(offsets).all(axis=1)
        points += [(float(x), float(y)) for x, y in offsets[keep]]
        paths = collection.get_paths()
        if keep.any():
            shapes |= {("path", tuple(np.round(p.vertices, 2).ravel())) for p in paths}
    for line in ax.get_lines():
        marker = line.get_marker()
        if marker in (None, "", " ", "None", "none"):
            continue
        x = np.asarray(line.get_xdata(), dtype=float).ravel()
        y = np.asarray(line.get_ydata(), dtype=float).ravel()
        keep = np.isfinite(x) & np.isfinite(y)
        points += [(float(a), float(b)) for a, b in zip(x[keep], y[keep], strict=True)]
        if keep.any():
            shapes.add(("marker", str(marker)))
    return points, shapes


@exercise
def q04_5(ax: Any) -> Feedback:
    """The dated fighters-killed claims, qualifiers as marker shapes, y from zero, a title."""
    from collections import Counter

    ax, problem = _axes_or_hint(ax)
    if problem:
        return problem
    estimates = data.load("official_estimates")
    killed = estimates[estimates["metric"] == "fighters_killed_cumulative"]
    dated = killed[killed["date_precision"] != "unknown"]
    expected = Counter(int(v) for v in dated["value_low"])
    ranges = Counter(int(h) for lo, h in zip(dated["value_low"], dated["value_high"], strict=True)
                     if h != lo)
    points, shapes = _points_and_markers(ax)
    if not points:
        return hint(NOTHING_DRAWN if _nothing_drawn(ax) else
                    "no points found: draw one marker per claim (sns.scatterplot or ax.plot with "
                    "a marker).")
    given = Counter(round(y) for _, y in points)
    if len(points) == len(estimates):
        return hint("that is every estimate, foreign fighters included: keep metric == "
                    "'fighters_killed_cumulative'.")
    if given == expected + Counter(int(v) for v in killed.loc[
            killed["date_precision"] == "unknown", "value_low"]):
        return hint("one point too many: the 'some 20,000' claim has no date. It cannot go on a "
                    "time axis; leave it out and say so in the description.")
    if given != expected and given != expected + ranges:
        return hint(f"expected {sum(expected.values())} points, one per dated claim at its "
                    f"value_low; found {len(points)} with other values.")
    if len(shapes) < 2:
        return hint("every point has the same marker: show the qualifiers with marker shapes "
                    "(style= in seaborn, with markers=charts.MARKER), not with colour alone.")
    low, high = ax.get_ylim()
    if not _starts_at_zero(min(low, high), max(low, high)):
        return hint(f"the y-axis starts at {min(low, high):,.0f}; start it at zero so the "
                    "claims can be compared by height (ax.set_ylim(bottom=0)).")
    if not _title_text(ax):
        return hint("add a title that states your finding (ax.set_title(...)).")
    return correct(f"{sum(expected.values())} dated claims with their qualifiers as shapes. "
                   "Check that your title says only what the chart shows.")


# ---------------------------------------------------------------------------------------
# Lesson 08: Strategy lab
# ---------------------------------------------------------------------------------------



_Q08_SENTENCES = (5, 11)
"""The two sentences learners code themselves in exercise 2."""

_Q08_OUTCOME_WORDS = re.compile(
    r"\b(attitudes?|behaviou?rs?|beliefs?|intentions?|surveys?|interviews?|outcomes?|effects?"
    r"|impacts?|control group|comparison group|unknown|not measured|evaluat\w*)\b"
)
"""Words that show a measure reaches past exposure, or admits that it cannot."""
_Q08_REACH_WORDS = re.compile(
    r"\b(impressions?|clicks?|click-through|ctr|views?|viewers?|minutes?|watch\w*|reach"
    r"|followers?|shares?|engagement)\b"
)
"""Words of exposure measures: what people saw, clicked or watched."""


def _q08_enum(table: str, field: str) -> list[str]:
    """The allowed values of a field, read from data/datapackage.json."""
    for resource in data.descriptor()["resources"]:
        if resource["name"] == table:
            for item in resource["schema"]["fields"]:
                if item["name"] == field:
                    return [str(v) for v in item["constraints"]["enum"]]
    raise KeyError(f"{table}.{field}")  # pragma: no cover - the package describes both


def _q08_whole(value: Any) -> int | None:
    """``value`` as an int if it is a whole number (not a bool), else None."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        return None
    return int(value)


@exercise
def q08_1(n_military: Any) -> Feedback:
    """How many of the responses the article names are military action, not communication."""
    responses = data.load("responses")
    kinds = responses["response_type"].value_counts()
    expected = int(kinds.get("military", 0))
    given = _q08_whole(n_military)
    if given is None:
        return hint(f"expected a whole number (int), got {_type_name(n_military)}.")
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


def _q08_codes(answer: Any) -> dict[int, tuple[Any, Any]] | str:
    """Normalise a learner's codes to {sentence_id: (theme, appeal)}, or say what is wrong."""
    if hasattr(answer, "columns") and hasattr(answer, "itertuples"):
        needed = {"sentence_id", "winter_theme", "ingram_appeal"}
        if not needed <= set(answer.columns):
            return ("a table needs the columns sentence_id, winter_theme and ingram_appeal; "
                    "or give a dict like {5: ('theme', 'appeal'), 11: ('theme', 'appeal')}.")
        answer = {row.sentence_id: (row.winter_theme, row.ingram_appeal)
                  for row in answer.itertuples(index=False)}
    if not isinstance(answer, dict):
        return (f"expected a dict like {{5: ('theme', 'appeal'), 11: ('theme', 'appeal')}}, "
                f"got {_type_name(answer)}.")
    codes: dict[int, tuple[Any, Any]] = {}
    for key, value in answer.items():
        sentence = _q08_whole(key)
        if sentence is None and isinstance(key, str) and key.strip().isdigit():
            sentence = int(key)
        if sentence is None:
            return f"the keys should be the sentence ids 5 and 11 (whole numbers), got {key!r}."
        if isinstance(value, str) or not hasattr(value, "__len__") or len(value) != 2:
            return (f"the value for sentence {sentence} should be a pair (theme, appeal), "
                    f"e.g. ('none', 'none'), got {value!r}.")
        codes[sentence] = (value[0], value[1])
    if set(codes) != set(_Q08_SENTENCES):
        return f"code exactly sentences 5 and 11; you gave {sorted(codes)}."
    return codes


@exercise
def q08_2(my_codes: Any) -> Feedback:
    """Winter's theme and Ingram's appeal for sentences 5 and 11, as the course codes them."""
    codes = _q08_codes(my_codes)
    if isinstance(codes, str):
        return hint(codes)
    themes = _q08_enum("frames", "winter_theme")
    appeals = _q08_enum("frames", "ingram_appeal")
    frames = data.load("frames").set_index("sentence_id")
    for sentence in _Q08_SENTENCES:
        theme, appeal = codes[sentence]
        if not isinstance(theme, str) or not isinstance(appeal, str):
            return hint(f"sentence {sentence}: write both codes as text, e.g. ('none', 'none').")
        theme, appeal = theme.strip().lower(), appeal.strip().lower()
        if theme in appeals and appeal in themes and theme != "none":
            return hint(f"sentence {sentence}: the pair is the wrong way round. Put Winter's "
                        "theme first, Ingram's appeal second.")
        if theme.replace(" ", "_").replace("-", "_") in appeals and theme not in themes:
            return hint(f"sentence {sentence}: {theme!r} is an appeal, not a theme. Put "
                        "Winter's theme first, Ingram's appeal second.")
        if theme not in themes:
            return hint(f"sentence {sentence}: {theme!r} is not one of Winter's labels: "
                        f"{', '.join(themes)}.")
        if appeal not in appeals:
            fixed = appeal.replace(" ", "_").replace("-", "_")
            if fixed in appeals:
                return hint(f"sentence {sentence}: write {fixed!r}, with an underscore, as the "
                            "course's labels do.")
            return hint(f"sentence {sentence}: {appeal!r} is not one of Ingram's labels: "
                        f"{', '.join(appeals)}.")
        want_theme = str(frames.loc[sentence, "winter_theme"])
        want_appeal = str(frames.loc[sentence, "ingram_appeal"])
        if sentence == 5 and (theme, appeal) != (want_theme, want_appeal):
            return hint("sentence 5 says propaganda helped recruit foreign fighters, but not "
                        "what it said or offered. Code what the sentence says, not what you know "
                        "about recruitment: which theme or appeal recruited is not said.")
        if sentence == 11 and appeal != want_appeal:
            return hint("sentence 11: halving fighters' wages cuts their livelihood, one of "
                        "Ingram's pragmatic factors. Which appeal rests on pragmatic factors?")
        if sentence == 11 and theme != want_theme:
            return hint("sentence 11: coalition strikes killing about 10,000 fighters are the "
                        "ground of which of Winter's themes? Think of the battlefield.")
    return correct(
        "both match the course's coding: sentence 5 names a purpose, not a message "
        "(none, none); sentence 11's strikes and halved wages bear on the 'war' theme and on a "
        "rational-choice appeal. Coders can disagree; a good code names the sentence's words."
    )


@exercise
def q08_3(ctr: Any) -> Feedback:
    """The click-through rate of the ADL/Moonshot US campaign, from data/funnel.csv."""
    funnel = data.load("funnel").set_index(["campaign", "stage"])["value"]
    impressions = float(funnel["adl_moonshot_us", "impressions"])
    clicks = float(funnel["adl_moonshot_us", "clicks"])
    viewers = float(funnel["redirect_pilot", "clicks"])
    expected = clicks / impressions
    given = _finite_number(ctr)
    if given is None:
        return hint(f"expected a number such as 0.05, got {_type_name(ctr)}.")
    if abs(given - expected) <= 0.0005:
        return correct(
            f"{clicks:,.0f} / {impressions:,.0f} = {expected:.4f}, about 2.3 clicks per 100 "
            "impressions. Both counts are lower bounds ('over'), so the rate is approximate."
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
def q08_4(my_weights: Any, my_defence: Any = ...) -> Feedback:
    """A weighting of the six criteria, with one or two sentences defending it."""
    if my_defence is Ellipsis:
        return hint("write your defence too: my_defence = '...' (one or two sentences).")
    scores, defaults = models.weighing_inputs()
    criteria = data.load("criteria").set_index("criterion_id")
    if hasattr(my_weights, "to_dict") and not isinstance(my_weights, dict):
        my_weights = my_weights.to_dict()
    if not isinstance(my_weights, dict):
        return hint(f"expected a dict of weights like {{'evidence': 2, 'reach': 1, ...}}, got "
                    f"{_type_name(my_weights)}.")
    names = list(defaults.index)
    missing = [name for name in names if name not in my_weights]
    extra = [str(name) for name in my_weights if name not in names]
    if missing or extra:
        return hint("give one weight for each criterion id: " + ", ".join(names)
                    + (f"; missing: {', '.join(missing)}" if missing else "")
                    + (f"; not a criterion: {', '.join(extra)}" if extra else "") + ".")
    weights = {}
    for name in names:
        value = _finite_number(my_weights[name])
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
def q08_5(memo_goal: Any, memo_measures: Any = ...) -> Feedback:
    """The memo's goal (one sentence) and its measures (a list of at least two)."""
    if memo_measures is Ellipsis:
        return hint("write your measures too: memo_measures = ['...', '...'].")
    if not isinstance(memo_goal, str) or not memo_goal.strip():
        return hint(f"memo_goal should be a sentence of text, got {_type_name(memo_goal)}.")
    if len(memo_goal.split()) < 8:
        return hint("a goal needs who, what and by when: write one full sentence of at least "
                    "8 words.")
    if not re.search(r"\d", memo_goal):
        return hint("make the goal measurable: add a number, for how much or by when (e.g. "
                    "'within 12 months').")
    if isinstance(memo_measures, str) or not isinstance(memo_measures, (list, tuple)):
        return hint(f"memo_measures should be a list of short texts, got "
                    f"{_type_name(memo_measures)}.")
    if len(memo_measures) < 2 or not all(isinstance(m, str) and m.strip() for m in memo_measures):
        return hint("give at least two measures, each a short text.")
    text = " ".join(memo_measures).lower()
    outcome = bool(_Q08_OUTCOME_WORDS.search(text))
    reach = bool(_Q08_REACH_WORDS.search(text))
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


# ---------------------------------------------------------------------------------------
# Lessons 05–07: shared helpers for the what-if checks
# ---------------------------------------------------------------------------------------





def _wif_near(value: float, target: float, tolerance: float) -> bool:
    return abs(value - target) <= tolerance


def _wif_expect_number(value: Any, what: str) -> Feedback | None:
    """A hint when ``value`` is not one finite number, else None."""
    if _finite_number(value) is None:
        return hint(f"expected {what} (one number), got {_type_name(value)}.")
    return None


def _wif_formula_numbers(model: str, name: str) -> list[float]:
    """The numbers in a derived parameter's formula, e.g. [148590, 0.24, 1348]."""
    table = models.load_parameters(model)
    note = str(table.loc[table["name"] == name, "formula_or_note"].iloc[0])
    formula = re.search(r"formula `([^`]+)`", note).group(1)
    return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", formula)]


def _wif_slow_hazard(share_fast: float, hazard_fast: float) -> float:
    p = models.defaults("survival")
    return models.fit_slow_hazard(
        share_fast=share_fast,
        share_gone_90d=p["share_gone_90d"],
        hazard_fast=hazard_fast,
        days=p["slow_window_days"],
    )


# ---------------------------------------------------------------------------------------
# Lesson 05: What-if I: account survival
# ---------------------------------------------------------------------------------------


@exercise
def q05_1(hazard: Any) -> Feedback:
    """The constant hazard that removes 63% of accounts in 90 days (Conway et al. 2017)."""
    problem = _wif_expect_number(hazard, "a hazard per day")
    if problem:
        return problem
    h = _finite_number(hazard)
    p = models.defaults("survival")
    share, days = p["share_gone_90d"], p["slow_window_days"]
    expected = models.fit_single_hazard(share_gone=share, days=days)
    if _wif_near(h, expected, 5e-5):
        return correct(
            f"h = {expected:.4f} per day: one account in {1 / expected:.0f} goes each day."
        )
    if h < 0:
        return hint("a hazard is a rate of removal, so it is positive: check the minus sign.")
    if _wif_near(h, -math.log(share) / days, 5e-5):
        return hint("you used ln(p); the exponential describes the share still live, 1 - p.")
    if _wif_near(h, -math.log10(1 - share) / days, 5e-5):
        return hint("that is log base 10; np.log is the natural logarithm the formula needs.")
    if _wif_near(h, share / days, 5e-5):
        return hint("63% / 90 days assumes a straight line; the exponential needs -ln(1 - p) / t.")
    if _wif_near(h, models.fit_single_hazard(share_gone=p["share_fast"], days=2), 5e-4):
        return hint("that is the rate from the day-2 point; this exercise uses 63% by day 90.")
    return hint("not quite: use h = -ln(1 - p) / t with p = 0.63 and t = 90 days.")


@exercise
def q05_2(gone_by_day_90: Any) -> Feedback:
    """Share gone by day 90 if every account had the rate fitted to the day-2 point."""
    problem = _wif_expect_number(gone_by_day_90, "a share between 0 and 1")
    if problem:
        return problem
    value = _finite_number(gone_by_day_90)
    p = models.defaults("survival")
    rate = models.fit_single_hazard(share_gone=p["share_fast"], days=2)
    live = models.survival_single(p["slow_window_days"], hazard=rate)
    if _wif_near(value, 1 - live, 1e-6):
        return correct(
            f"{1 - live:.7f}: practically every account gone by day 90, against the 63% Conway "
            "observed. One rate cannot fit both points."
        )
    if _wif_near(value, live, 1e-6):
        return hint("that is the share still live (S(90)); the question asks for the share gone.")
    if _wif_near(value, p["share_gone_90d"], 1e-6):
        return hint("0.63 is what Conway observed; compute what the day-2 rate predicts instead.")
    if value > 1.5:
        return hint("give a share between 0 and 1, not a percentage.")
    return hint("use the day-2 rate h = -ln(1 - 0.30) / 2, then 1 - exp(-h * 90).")


@exercise
def q05_3(hazard_fast: Any) -> Feedback:
    """The smallest h_f (registry grid, step 0.01) at which the mixture loses 30% by day 2."""
    problem = _wif_expect_number(hazard_fast, "a hazard per day")
    if problem:
        return problem
    h = _finite_number(hazard_fast)
    p = models.defaults("survival")
    low, high = models.ranges("survival")["hazard_fast"]
    grid = np.round(np.arange(low, high + 1e-9, 0.01), 2)

    def gone_by_day_2(rate: float) -> float:
        return 1 - models.survival_mixture(
            2, share_fast=p["share_fast"], hazard_fast=rate,
            hazard_slow=_wif_slow_hazard(p["share_fast"], rate),
        )

    needed = next(float(r) for r in grid if gone_by_day_2(r) >= p["share_fast"])
    if _wif_near(h, needed, 0.0051):
        return correct(
            f"h_f = {needed:.2f} per day: only a fast group that loses "
            f"{1 - math.exp(-2 * needed):.0%} "
            "of its members in two days makes the mixture lose 30% by day 2. An assumption, "
            "not a measurement."
        )
    if _wif_near(h, p["hazard_fast"], 1e-9):
        return hint(f"at the default h_f = 1.0 the mixture loses {gone_by_day_2(1.0):.3f} by "
                    "day 2: not yet 0.30.")
    if not low <= h <= high:
        return hint(f"the registry's range for h_f is {low:g} to {high:g} per day; the answer is "
                    "a value of that grid.")
    if gone_by_day_2(h) >= p["share_fast"]:
        return hint(f"h_f = {h:.2f} works, but it is not the smallest value that does; keep the "
                    "first one in the grid.")
    return hint("too small: the mixture loses less than 0.30 by day 2 at that rate. Test each "
                "value of the grid in order and keep the first one that reaches 0.30.")


@exercise
def q05_4(total: Any) -> Feedback:
    """Followers over a lineage: the first account and 10 returns, F = 350, r = 0.5."""
    problem = _wif_expect_number(total, "a number of followers")
    if problem:
        return problem
    value = _finite_number(total)
    p = models.defaults("survival")
    f0, r, n = p["followers"], p["retention"], int(p["returns"])
    lineage = models.followers_by_return(followers=f0, retention=r, returns=n)
    expected = float(lineage.sum())
    if _wif_near(value, expected, 0.05):
        return correct(
            f"{expected:.1f} followers over {n + 1} accounts: never more than F / (1 - r) = "
            f"{f0 / (1 - r):.0f}, however many times the user comes back."
        )
    if _wif_near(value, expected - f0, 0.05):
        return hint("you left out the first account (k = 0); the lineage starts with it.")
    if _wif_near(value, float(lineage[-1]), 0.01):
        return hint("that is the last account only; add up all the accounts of the lineage.")
    if _wif_near(value, f0 / (1 - r), 0.05):
        return hint(f"{f0 / (1 - r):.0f} is the limit for endless returns; stop after {n} returns.")
    if _wif_near(value, float(lineage[:-1].sum()), 0.05):
        return hint(f"one account short: the original plus {n} returns makes {n + 1} accounts.")
    return hint("add F * r**k for k = 0, 1, ..., 10, e.g. with "
                "models.followers_by_return(...).sum().")


@exercise
def q05_5(accounts: Any) -> Feedback:
    """Accounts suspended before their first tweet in Jul–Dec 2017 (Twitter: 74% of 274,460)."""
    problem = _wif_expect_number(accounts, "a number of accounts")
    if problem:
        return problem
    value = _finite_number(accounts)
    suspensions = data.load("suspensions").set_index("window_id")
    half_year = float(suspensions.loc["tw_tr_2017h2", "accounts"])
    cumulative = float(suspensions.loc["tw_tr_2017h2_cum", "accounts"])
    share = models.defaults("survival")["share_before_first_tweet"]
    expected = share * half_year
    if _wif_near(value, expected, 1.0):
        return correct(
            f"about {expected:,.0f} accounts no study that samples tweets could ever see: "
            "a reason why published suspension shares are lower bounds."
        )
    if _wif_near(value, share * cumulative, 1.0):
        return hint("that uses the cumulative 1,210,357 since August 2015; the 74% is of the "
                    "274,460 suspended in July–December 2017.")
    if _wif_near(value, (1 - share) * half_year, 1.0):
        return hint("that is the 26% suspended after they had tweeted; the question asks for "
                    "the 74%.")
    if _wif_near(value, 0.93 * half_year, 1.0):
        return hint("93% is the share flagged by Twitter's own tools; use the 74% before the "
                    "first tweet.")
    if value <= 1:
        return hint("that looks like a share; multiply it by the number of accounts suspended.")
    return hint("find the row tw_tr_2017h2 in data.load('suspensions') and multiply its accounts "
                "by the registry's share_before_first_tweet.")


@exercise
def q05_6(median_days: Any) -> Feedback:
    """Median account life in the default mixture: the day when S(t) falls to one half."""
    problem = _wif_expect_number(median_days, "a number of days")
    if problem:
        return problem
    value = _finite_number(median_days)
    p = models.defaults("survival")
    a, h_f = p["share_fast"], p["hazard_fast"]
    h_s = _wif_slow_hazard(a, h_f)
    days = np.arange(0, 200.0001, 0.1)
    live = models.survival_mixture(days, share_fast=a, hazard_fast=h_f, hazard_slow=h_s)
    expected = float(days[np.argmax(live <= 0.5)])
    if _wif_near(value, expected, 0.35):
        return correct(
            f"about {expected:.1f} days: consistent with Alexander (2017), 'Most accounts lasted "
            "fewer than 50 days', a different data set."
        )
    if _wif_near(value, 1 / h_s, 1.0):
        return hint("1/h_s is the mean life of the slow group only; find when the whole mixture "
                    "S(t) drops to 0.5.")
    single = models.fit_single_hazard(
        share_gone=p["share_gone_90d"], days=p["slow_window_days"]
    )
    if _wif_near(value, math.log(2) / single, 1.0):
        return hint("that is the median of the single exponential fitted to day 90; use the "
                    "mixture.")
    if _wif_near(value, 50, 1e-9):
        return hint("50 days is Alexander's statement; compute the mixture's own median to "
                    "compare.")
    return hint("evaluate the mixture on a fine grid of days and take the first day where it is "
                "at most 0.5.")


# ---------------------------------------------------------------------------------------
# Lesson 06: What-if II: takedown speed
# ---------------------------------------------------------------------------------------


@exercise
def q06_1(views_long: Any) -> Feedback:
    """Views per upload that stayed live over two hours (CEP 2018)."""
    problem = _wif_expect_number(views_long, "views per upload")
    if problem:
        return problem
    value = _finite_number(views_long)
    long_views, share_long, uploads = _wif_formula_numbers("takedown", "views_long")
    expected = long_views / (share_long * uploads)
    if _wif_near(value, expected, 0.5):
        return correct(f"{expected:.0f} views per long-lived upload, against about 14 for one "
                       "removed within two hours.")
    if _wif_near(value, long_views / uploads, 0.5):
        return hint("you divided by all 1,348 uploads; only 24% of them stayed up over two hours.")
    if _wif_near(value, long_views / share_long, 1.0):
        return hint("0.24 is a share: divide by the number of long-lived uploads, 0.24 × 1,348.")
    short_views, short_share, _ = _wif_formula_numbers("takedown", "views_short")
    if _wif_near(value, short_views / (short_share * uploads), 0.1):
        return hint("that is the short-lived uploads' figure; use the 148,590 views of the 24%.")
    return hint("divide the 148,590 views by the number of uploads that lived over two hours.")


@exercise
def q06_2(share: Any) -> Feedback:
    """Share of all views that came from uploads live over two hours."""
    problem = _wif_expect_number(share, "a share between 0 and 1")
    if problem:
        return problem
    value = _finite_number(share)
    p = models.defaults("takedown")
    expected = models.share_of_views_from_long(
        share_long=p["share_long"], views_short=p["views_short"], views_long=p["views_long"]
    )
    if _wif_near(value, expected, 0.0025):
        return correct(
            f"{expected:.0%} of the views came from {p['share_long']:.0%} of the uploads."
        )
    if _wif_near(value, p["share_long"], 1e-6):
        return hint("0.24 is a share of uploads; the question's denominator is views.")
    if _wif_near(value, 1 - p["share_long"], 1e-6):
        return hint("0.76 is the share of uploads removed fast; the question is about views.")
    if _wif_near(value, 1 - expected, 0.0025):
        return hint("that is the share of views from the uploads removed within two hours.")
    if 1 < value <= 100:
        return hint("give a share between 0 and 1, not a percentage.")
    return hint("divide the long-lived uploads' views (148,590) by all views (163,391).")


@exercise
def q06_3(share_blocked: Any) -> Feedback:
    """The share of re-uploads to block so that views per known video halve."""
    problem = _wif_expect_number(share_blocked, "a share between 0 and 1")
    if problem:
        return problem
    value = _finite_number(share_blocked)
    u = models.defaults("takedown")["uploads_per_video"]
    expected = 1 - (u / 2 - 1) / (u - 1)
    if _wif_near(value, expected, 0.011):
        return correct(f"b ≈ {expected:.2f}: more than half, because the first upload of each "
                       "video is never blocked.")
    if _wif_near(value, 0.5, 1e-9):
        return hint("blocking half of the re-uploads leaves the first upload untouched, so views "
                    "fall by less than half. Try larger values.")
    if _wif_near(value, 1.0, 1e-9):
        return hint("blocking every re-upload leaves one upload of 5.9: that cuts views by more "
                    "than half. Look for the value in between.")
    if 1 < value <= 100:
        return hint("give a share between 0 and 1, not a percentage.")
    return hint("solve 1 + (U - 1)(1 - b) = U / 2 for b, or try values of b in the model.")


@exercise
def q06_4(halve_tail: Any, block_half: Any = None) -> Feedback:
    """Views per known video in two scenarios: q halved, and half of re-uploads blocked."""
    for value, what in ((halve_tail, "halve_tail"), (block_half, "block_half")):
        if _finite_number(value) is None:
            return hint(f"expected two numbers, halve_tail and block_half; {what} is "
                        f"{_type_name(value)}.")
    a, b = _finite_number(halve_tail), _finite_number(block_half)
    p = models.defaults("takedown")
    want_a = models.takedown_views(**{**p, "share_long": p["share_long"] / 2})
    want_b = models.takedown_views(**{**p, "share_blocked": 0.5})
    base = models.takedown_views(**p)
    ok_a, ok_b = _wif_near(a, want_a, 0.5), _wif_near(b, want_b, 0.5)
    if ok_a and ok_b:
        return correct(f"{want_a:,.0f} against {want_b:,.0f} views per video (from {base:,.0f}): "
                       "halving the long tail does a little more, and assumes nothing about "
                       "hash matching.")
    if _wif_near(a, want_b, 0.5) and _wif_near(b, want_a, 0.5):
        return hint("the two numbers are swapped.")
    if _wif_near(a, base, 0.5) or _wif_near(b, base, 0.5):
        return hint(f"{base:,.0f} is the baseline: change one parameter in each scenario.")
    if not ok_a:
        return hint("halve_tail: set share_long to 0.12 (half of 0.24), everything else at the "
                    "defaults.")
    return hint("block_half: set share_blocked to 0.5, everything else at the defaults.")


@exercise
def q06_5(share_long: Any) -> Feedback:
    """The share of long-lived uploads at which they bring exactly half of the views."""
    problem = _wif_expect_number(share_long, "a share between 0 and 1")
    if problem:
        return problem
    value = _finite_number(share_long)
    p = models.defaults("takedown")
    expected = p["views_short"] / (p["views_short"] + p["views_long"])
    if _wif_near(value, expected, 0.0015):
        return correct(f"q ≈ {expected:.3f}: only when about 3 uploads in 100 survive two hours "
                       "does the long tail stop dominating the views.")
    if _wif_near(value, p["share_long"] / 2, 1e-9):
        return hint("halving q to 0.12 still leaves the long-lived uploads most of the views.")
    if _wif_near(value, 0.5, 1e-9):
        return hint("with half the uploads long-lived, they would bring far more than half the "
                    "views: each gets about 32 times more views.")
    if 1 < value <= 100:
        return hint("give a share between 0 and 1, not a percentage.")
    return hint("solve q·v_l = (1 - q)·v_s for q, or search a grid of q with "
                "models.share_of_views_from_long.")


# ---------------------------------------------------------------------------------------
# Lesson 07: What-if III: reach
# ---------------------------------------------------------------------------------------


def _wif_reach_parts() -> dict[str, float]:
    """P, s and R at the registry defaults, computed as lesson 07 does."""
    production = models.defaults("production")
    survival = models.defaults("survival")
    products = models.production_index(**production)
    h_s = _wif_slow_hazard(survival["share_fast"], survival["hazard_fast"])
    realised = models.survival_share(
        share_fast=survival["share_fast"], hazard_fast=survival["hazard_fast"],
        hazard_slow=h_s, horizon_days=survival["horizon_days"],
    )
    total = models.reach(P=products, s=realised, **models.defaults("reach"))
    return {"P": products, "s": realised, "R": total}


def _wif_reach_sensitivity() -> Any:
    """Lesson 07's one-at-a-time sensitivity of monthly reach (the tornado chart's table).

    share_fast is varied up to the 90-day share (0.63): a larger share caught fast would
    need more than 63% gone by day 90.
    """
    production = models.defaults("production")
    survival = models.defaults("survival")
    reach_defaults = models.defaults("reach")
    levers = ("territory", "epsilon", "operatives", "mu", "budget", "beta")

    def monthly_reach(**p: float) -> float:
        products = models.production_index(P0=production["P0"], **{n: p[n] for n in levers})
        h_s = models.fit_slow_hazard(
            share_fast=p["share_fast"], share_gone_90d=p["share_gone_90d"],
            hazard_fast=survival["hazard_fast"],
        )
        realised = models.survival_share(
            share_fast=p["share_fast"], hazard_fast=survival["hazard_fast"],
            hazard_slow=h_s, horizon_days=p["horizon_days"],
        )
        return models.reach(P=products, s=realised, **{n: p[n] for n in ("k", "F", "o", "d")})

    survival_levers = ("share_fast", "share_gone_90d", "horizon_days")
    params = {**{n: production[n] for n in levers}, **reach_defaults,
              **{n: survival[n] for n in survival_levers}}
    bounds = {**{n: models.ranges("production")[n] for n in levers},
              **models.ranges("reach"),
              **{n: models.ranges("survival")[n] for n in survival_levers}}
    bounds["share_fast"] = (bounds["share_fast"][0], survival["share_gone_90d"])
    return models.sensitivity(monthly_reach, params, bounds)


@exercise
def q07_1(products: Any) -> Feedback:
    """Products per month at the registry defaults: P = P0 · T^ε (μ = β = 0)."""
    problem = _wif_expect_number(products, "products per month")
    if problem:
        return problem
    value = _finite_number(products)
    p = models.defaults("production")
    expected = _wif_reach_parts()["P"]
    if _wif_near(value, expected, 0.5):
        return correct(f"P ≈ {expected:.0f} products a month: {p['P0']:.0f} × "
                       f"{p['territory']}^{p['epsilon']}.")
    if _wif_near(value, p["P0"] * p["territory"], 0.5):
        return hint("territory enters with its elasticity: P0 * T**epsilon, not P0 * T.")
    if _wif_near(value, p["P0"], 1e-9):
        return hint("700 is the baseline P0; apply the territory term.")
    if _wif_near(value, p["territory"] ** p["epsilon"], 1e-3):
        return hint("that is T**epsilon alone; multiply it by P0.")
    return hint("use models.production_index(**models.defaults('production')).")


@exercise
def q07_2(share: Any) -> Feedback:
    """The survival factor s at the defaults: mean share of accounts live over 90 days."""
    problem = _wif_expect_number(share, "a share between 0 and 1")
    if problem:
        return problem
    value = _finite_number(share)
    expected = _wif_reach_parts()["s"]
    p = models.defaults("survival")
    if _wif_near(value, expected, 0.001):
        return correct(f"s ≈ {expected:.2f}: over three months an account is live about half of "
                       "the time.")
    if _wif_near(value, 1 - p["share_gone_90d"], 1e-6):
        return hint("0.37 is the share still live at day 90; s averages S(t) over the whole "
                    "window, from day 0 to day 90.")
    if _wif_near(value, 1 - p["share_fast"], 1e-6):
        return hint("0.70 is the share that survives the first two days; s averages over 90 days.")
    return hint("use models.survival_share(...) with h_s from models.fit_slow_hazard(...) and "
                "horizon_days = 90.")


@exercise
def q07_3(overlap: Any) -> Feedback:
    """The overlap o that halves reach, all else at the defaults."""
    problem = _wif_expect_number(overlap, "a share between 0 and 1")
    if problem:
        return problem
    value = _finite_number(overlap)
    o = models.defaults("reach")["o"]
    expected = 1 - (1 - o) / 2
    if _wif_near(value, expected, 0.005):
        return correct(f"o = {expected:.2f}: (1 - o) falls from {1 - o:.1f} to {1 - expected:.1f}. "
                       "Near full overlap, small changes of o move reach a lot.")
    if _wif_near(value, o / 2, 1e-9):
        return hint("halving o raises reach: the formula uses (1 - o), the share not yet reached.")
    if 1 < value <= 100:
        return hint("give a share between 0 and 1, not a percentage.")
    return hint("reach is proportional to (1 - o); find o where (1 - o) is half of 0.2.")


@exercise
def q07_4(territory: Any) -> Feedback:
    """The territory share that halves P (and so R), with ε = 0.44."""
    problem = _wif_expect_number(territory, "a share of territory between 0 and 1")
    if problem:
        return problem
    value = _finite_number(territory)
    p = models.defaults("production")
    expected = p["territory"] * 0.5 ** (1 / p["epsilon"])
    if _wif_near(value, expected, 0.0005):
        return correct(f"T ≈ {expected:.3f}: with ε = {p['epsilon']}, territory must fall to "
                       "about "
                       f"a fifth of its value ({expected / p['territory']:.2f}) to halve output.")
    if _wif_near(value, p["territory"] / 2, 1e-9):
        return hint(f"halving T multiplies P by 0.5**{p['epsilon']} = {0.5 ** p['epsilon']:.2f}, "
                    "not by 0.5.")
    return hint("solve (T / 0.11)**0.44 = 0.5 for T.")


@exercise
def q07_5(parameter: Any) -> Feedback:
    """The name of the parameter with the largest swing in the tornado table."""
    if not isinstance(parameter, str):
        return hint("expected a parameter name as a string such as 'o', got "
                    f"{_type_name(parameter)}.")
    table = _wif_reach_sensitivity()
    order = table["parameter"].tolist()
    answer = parameter.strip()
    if answer == order[0]:
        return correct(f"'{order[0]}', accounts sharing each product, an illustrative assumption "
                       "with no published value: the biggest lever is the least known.")
    if answer in order:
        return hint(f"'{answer}' comes number {order.index(answer) + 1} of {len(order)}; sort the "
                    "table by swing, largest first.")
    if answer.lower() in order:
        return hint("names are case-sensitive; copy the name from the parameter column.")
    return hint("use a name from the table's parameter column, e.g. 'territory'.")
