"""No exercise notebook gives its answers away in its own text.

An exercise notebook is generated from its solution: answer code becomes ``...``, but markdown
is kept. A markdown cell that already holds a passing answer (say, a ``Figure:`` description
that an exercise asks the learner to write) would let a learner copy it. So each markdown cell
of each generated exercise notebook is handed to every check of its lesson, as the answer to
every argument, and no check may say ✅.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import re

import make_exercises
import nbformat
import pytest
from conftest import ROOT

from counterprop import checks

GENERATED = {path.stem: nbformat.reads(text, as_version=4)
             for path, text in make_exercises.generated(ROOT).items()}


def _feedback(check, cell_text: str) -> str:
    """What ``check`` prints when every argument it takes is ``cell_text``."""
    target = getattr(check, "__wrapped__", check)
    parameters = [p for p in inspect.signature(target).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                  and p.default is p.empty]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        check(*[cell_text] * max(1, len(parameters)))
    return printed.getvalue()


@pytest.mark.parametrize("stem", sorted(GENERATED))
def test_no_markdown_cell_of_an_exercise_notebook_passes_a_check(stem):
    number = stem[:2]
    lesson_checks = {name: check for name, check in checks.CHECKS.items()
                     if re.fullmatch(rf"q{number}_\d+", name)}
    assert lesson_checks, f"no checks found for lesson {number}"
    leaks = []
    for index, cell in enumerate(GENERATED[stem].cells):
        if cell.cell_type != "markdown":
            continue
        for name, check in sorted(lesson_checks.items()):
            if "✅" in _feedback(check, cell.source):
                leaks.append(f"cell {index} passes {name}: {cell.source[:60]!r}…")
    assert not leaks, leaks


def test_the_leak_finder_finds_a_leak():
    # The description exercise 3 of lesson 04 asks for, placed in a markdown cell, must be found.
    description = (
        "Figure: A bar chart of the accounts Twitter suspended in three half-years, from its "
        "transparency reports; the y-axis counts accounts and starts at zero. The bars fall "
        "from 376,890 (July to December 2016) to 299,649 (January to June 2017) and 274,460 "
        "(July to December 2017).")
    assert "✅" in _feedback(checks.CHECKS["q04_3"], description)
    assert "✅" not in _feedback(checks.CHECKS["q04_3"], "Figure: your description here.")
