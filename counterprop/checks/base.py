"""The machinery every exercise check shares: :class:`Feedback`, the ``@exercise`` decorator
that makes a check print and never raise, the registry :data:`CHECKS`, and small helpers that
read a learner's answer safely."""

from __future__ import annotations

import functools
import math
import numbers
import re
from collections.abc import Callable
from dataclasses import dataclass
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
