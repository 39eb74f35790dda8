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

The checks live in one module per lesson (``lesson00`` … ``lesson09``); the registry,
:class:`Feedback` and the shared helpers live in ``base``.

Progress and grading: each check's stable id is its function name (``q05_3``: lesson 05,
exercise 3). ``progress("05")`` prints how many of a lesson's checks have passed in this session
(the optional last cell of each exercise notebook calls it), and when the grader runs a notebook
(``tools/grade.py``) every check also publishes its :class:`Result` for the grader to read.

Writing a check: decorate a function that takes the learner's answer and returns
``correct(message)`` or ``hint(message)``. The decorator handles ``...`` and any exception.
"""

from counterprop.checks.base import (
    CHECKS,
    STATUSES,
    Feedback,
    Result,
    correct,
    exercise,
    hint,
    lesson_checks,
    progress,
)
from counterprop.checks.lesson00 import *  # noqa: F403
from counterprop.checks.lesson01 import *  # noqa: F403
from counterprop.checks.lesson02 import *  # noqa: F403
from counterprop.checks.lesson03 import *  # noqa: F403
from counterprop.checks.lesson04 import *  # noqa: F403
from counterprop.checks.lesson05 import *  # noqa: F403
from counterprop.checks.lesson06 import *  # noqa: F403
from counterprop.checks.lesson07 import *  # noqa: F403
from counterprop.checks.lesson08 import *  # noqa: F403
from counterprop.checks.lesson09 import *  # noqa: F403

__all__ = ["CHECKS", "STATUSES", "Feedback", "Result", "correct", "exercise", "hint",
           "lesson_checks", "progress"]
__all__ += lesson00.__all__  # noqa: F405
__all__ += lesson01.__all__  # noqa: F405
__all__ += lesson02.__all__  # noqa: F405
__all__ += lesson03.__all__  # noqa: F405
__all__ += lesson04.__all__  # noqa: F405
__all__ += lesson05.__all__  # noqa: F405
__all__ += lesson06.__all__  # noqa: F405
__all__ += lesson07.__all__  # noqa: F405
__all__ += lesson08.__all__  # noqa: F405
__all__ += lesson09.__all__  # noqa: F405
