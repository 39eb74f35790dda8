"""The machinery every exercise check shares: :class:`Feedback`, the ``@exercise`` decorator
that makes a check print and never raise, the registry :data:`CHECKS`, and small helpers that
read a learner's answer safely."""

from __future__ import annotations

import functools
import math
import numbers
import os
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from counterprop import models


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

PASSED, HINT, NOT_ATTEMPTED_STATUS = "passed", "hint", "not_attempted"
STATUSES = (PASSED, HINT, NOT_ATTEMPTED_STATUS, "error", "not_reached", "timeout", "missing")
"""Every status a graded exercise can have. A check itself finds the first three; the grader
(``tools/grade.py``) adds ``error`` (a cell of the exercise raised before the check could run),
``not_reached`` (the run stopped earlier), ``timeout`` and ``missing`` (no readable notebook)."""

PREFIXES = {PASSED: "✅ ", HINT: "💡 ", NOT_ATTEMPTED_STATUS: "⏳ "}

GRADING_ENV = "COUNTERPROP_GRADING"
"""When this environment variable is set (the grader sets it in its kernels), each check also
publishes its :class:`Result` as display data of type :data:`RESULT_MIME`."""

RESULT_MIME = "application/vnd.counterprop.check-result+json"


@dataclass(frozen=True)
class Result:
    """One run of a check, in a form a program can read.

    ``check`` is the check's stable id, its function name (``"q05_3"``); ``status`` is
    ``"passed"``, ``"hint"`` or ``"not_attempted"``; ``message`` is the text the learner saw,
    without its leading symbol.
    """

    check: str
    status: str
    message: str

    @property
    def line(self) -> str:
        """The line the learner sees, e.g. ``"✅ that is the article's fingerprint…"``."""
        return PREFIXES[self.status] + self.message


RESULTS: dict[str, Result] = {}
"""The latest result of each check run in this Python session, by check id; what
:func:`progress` reports. Restarting the kernel empties it."""


def exercise(func: Callable[..., Feedback]) -> Callable[..., None]:
    """Turn a function returning :class:`Feedback` into a check that prints and never raises.

    The check's stable id is the function's name (``q05_3``: lesson 05, exercise 3).
    """

    @functools.wraps(func)
    def check(*answers: Any) -> None:
        result = evaluate(func, answers)
        print(result.line)
        RESULTS[result.check] = result
        if os.environ.get(GRADING_ENV):
            _publish(result)

    CHECKS[func.__name__] = check
    return check


def evaluate(func: Callable[..., Feedback], answers: tuple[Any, ...]) -> Result:
    """Run one check function on the learner's answers; never raises."""
    name = getattr(func, "__name__", "check")
    try:
        if any(a is Ellipsis for a in answers):
            return Result(name, NOT_ATTEMPTED_STATUS, NOT_ATTEMPTED.removeprefix("⏳ "))
        feedback = func(*answers)
        if not isinstance(feedback, Feedback):  # a bug in the check itself
            return Result(name, HINT, "this check could not judge the answer; ask your instructor.")
        return Result(name, PASSED if feedback.ok else HINT, feedback.message)
    except Exception as error:  # the promise: a check never raises
        try:
            kind = type(error).__name__
        except Exception:
            kind = "error"
        return Result(
            name,
            HINT,
            f"your answer could not be checked ({kind} while looking at it). "
            "Is it the kind of value the exercise asks for?",
        )


def _run(func: Callable[..., Feedback], answers: tuple[Any, ...]) -> str:
    """The line a check prints for these answers."""
    return evaluate(func, answers).line


def _publish(result: Result) -> None:
    """Attach ``result`` to the running cell's output, for the grader; silent elsewhere."""
    try:
        from IPython import get_ipython
        from IPython.display import display

        if get_ipython() is not None:
            display({RESULT_MIME: asdict(result)}, raw=True)
    except Exception:  # grading must never change what a learner's check does
        pass


def lesson_checks(lesson: str | int) -> list[str]:
    """The ids of one lesson's checks, in exercise order: ``lesson_checks("05")`` → q05_1, …"""
    prefix = f"q{int(lesson):02d}_"
    names = [n for n in CHECKS if n.startswith(prefix) and n[len(prefix):].isdigit()]
    return sorted(names, key=lambda n: int(n[len(prefix):]))


def progress_text(lesson: str | int) -> str:
    """One line on this session's checks for ``lesson``, e.g. "4 of 5 passed; exercise 3: …"."""
    names = lesson_checks(lesson)
    if not names:
        return f"Lesson {lesson} has no checked exercises."
    passed = sum(RESULTS[n].status == PASSED for n in names if n in RESULTS)
    parts = [f"Lesson {int(lesson):02d}: {passed} of {len(names)} passed"]
    for name in names:
        number = name.split("_", 1)[1]
        status = RESULTS[name].status if name in RESULTS else None
        if status == HINT:
            parts.append(f"exercise {number}: read the hint under its check")
        elif status == NOT_ATTEMPTED_STATUS:
            parts.append(f"exercise {number}: not attempted")
        elif status is None:
            parts.append(f"exercise {number}: not checked yet (run its cells)")
    return "; ".join(parts) + "."


def progress(lesson: str | int) -> None:
    """Print :func:`progress_text` for ``lesson``; never raises."""
    try:
        print(progress_text(lesson))
    except Exception:
        print("Your progress could not be counted; run the notebook from the top and try again.")


def whole_number(value: Any) -> int | None:
    """``value`` as an int if it is a whole number (numpy integers and 12.0 included), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real) and float(value).is_integer():
        return int(value)
    return None


def finite_number(value: Any) -> float | None:
    """``value`` as a finite float if it is one number (int, float, numpy scalar), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if math.isfinite(number) else None
    return None


def is_number(value: Any) -> bool:
    """True for ints and floats (numpy's too), False for bools and everything else."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def type_name(value: Any) -> str:
    try:
        return type(value).__name__
    except Exception:  # pragma: no cover - only for very strange objects
        return "an unusual object"




# ---------------------------------------------------------------------------------------
# Lessons 05–07: shared helpers for the what-if checks
# ---------------------------------------------------------------------------------------





def near(value: float, target: float, tolerance: float) -> bool:
    return abs(value - target) <= tolerance


def expect_number(value: Any, what: str) -> Feedback | None:
    """A hint when ``value`` is not one finite number, else None."""
    if finite_number(value) is None:
        return hint(f"expected {what} (one number), got {type_name(value)}.")
    return None


def formula_numbers(model: str, name: str) -> list[float]:
    """The numbers in a derived parameter's formula, e.g. [148590, 0.24, 1348]."""
    table = models.load_parameters(model)
    note = str(table.loc[table["name"] == name, "formula_or_note"].iloc[0])
    formula = re.search(r"formula `([^`]+)`", note).group(1)
    return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", formula)]


def joint_fit(hazard_fast: float) -> tuple[float, float]:
    """a and h_s fitted to Conway et al.'s two points (registry) for ``hazard_fast``."""
    p = models.defaults("survival")
    share_fast, hazard_slow = models.fit_mixture(
        share_gone_early=p["share_gone_2d"],
        share_gone_late=p["share_gone_90d"],
        hazard_fast=hazard_fast,
        early_days=p["fast_window_days"],
        late_days=p["slow_window_days"],
    )
    return float(share_fast), float(hazard_slow)
