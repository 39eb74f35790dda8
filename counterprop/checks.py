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

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from counterprop import data

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
    if not isinstance(digest, str):
        return hint(f"expected a hex string such as 'eb97…', got {_type_name(digest)}.")
    expected = data.recorded_article_sha256()
    if digest.strip().lower() == expected:
        return correct("that is the article's fingerprint, and it matches the recorded one.")
    if digest.strip().lower() == hashlib.sha256(data.read_article().strip().encode()).hexdigest():
        return hint("close: you hashed the text after .strip(). Hash the file's bytes unchanged.")
    if len(digest.strip()) != 64:
        return hint(f"a sha256 hex digest has 64 characters; yours has {len(digest.strip())}.")
    return hint("not the article's digest. Read the file in binary mode ('rb') and hash all of it.")


@exercise
def q00_2(n_sentences: Any) -> Feedback:
    """The number of sentences in the article."""
    expected = len(data.load("sentences"))
    if isinstance(n_sentences, bool) or not isinstance(n_sentences, int):
        return hint(f"expected a whole number (int), got {_type_name(n_sentences)}.")
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
    if isinstance(n_words, bool) or not isinstance(n_words, int):
        return hint(f"expected a whole number (int), got {_type_name(n_words)}.")
    if n_words == expected:
        return correct(f"{expected} tokens. Glued forms such as من761 count as one token here.")
    if n_words == len(article.split(" ")):
        return hint("close: split() without an argument handles every kind of whitespace.")
    if n_words == len(article):
        return hint("that is the number of characters, not words.")
    return hint(f"{n_words} is not it. Try len(article.split()).")


@exercise
def q00_4(sentence_ids: Any) -> Feedback:
    """The ids of the sentences that mention Twitter (تويتر), as a list of ints."""
    sentences = data.load("sentences")
    expected = sorted(int(i) for i in sentences.loc[sentences["text_raw"].str.contains("تويتر"), "id"])
    try:
        given = sorted(int(i) for i in sentence_ids)
    except TypeError:
        return hint(f"expected a list of sentence ids, got {_type_name(sentence_ids)}.")
    if given == expected:
        return correct(f"sentences {expected} name Twitter (تويتر, 'tuwītar').")
    if set(given) < set(expected):
        return hint("some are missing: search every sentence's text_raw for 'تويتر'.")
    return hint("not quite: keep the ids of sentences whose text_raw contains 'تويتر'.")
