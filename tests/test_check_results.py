"""Structured check results: stable ids, one status per run, and the learner's progress line."""

from __future__ import annotations

import re

import make_exercises
import pytest
from conftest import notebooks, read, run_check

from counterprop import checks
from counterprop.checks import base


@pytest.fixture
def session(monkeypatch) -> dict:
    """A fresh record of this session's check results."""
    results: dict = {}
    monkeypatch.setattr(base, "RESULTS", results)
    return results


def test_every_check_has_a_stable_id_its_function_name():
    for name, check in checks.CHECKS.items():
        assert re.fullmatch(r"q\d{2}_\d+", name), name
        assert check.__name__ == name and getattr(checks, name) is check


def test_lesson_checks_come_in_exercise_order():
    for lesson in {name[1:3] for name in checks.CHECKS}:
        names = checks.lesson_checks(lesson)
        assert [int(n.split("_")[1]) for n in names] == sorted(int(n.split("_")[1]) for n in names)
        assert set(names) == {n for n in checks.CHECKS if n.startswith(f"q{lesson}_")}


def test_each_run_records_one_status_with_the_words_the_learner_saw(capsys, session):
    printed = run_check(capsys, "q00_2", 13)  # one too many sentences
    result = session["q00_2"]
    assert result == base.Result("q00_2", "hint", printed.removeprefix("💡 ").rstrip("\n"))
    assert result.line + "\n" == printed
    run_check(capsys, "q00_2", ...)
    assert session["q00_2"].status == "not_attempted"
    assert session["q00_2"].message == base.NOT_ATTEMPTED.removeprefix("⏳ ")
    assert set(base.STATUSES) >= {r.status for r in session.values()}


def test_a_check_that_breaks_is_a_hint_not_a_crash(capsys, session):
    @checks.exercise
    def q99_1(answer):
        raise ZeroDivisionError

    try:
        q99_1(1)
    finally:
        checks.CHECKS.pop("q99_1")
    assert session["q99_1"].status == "hint"
    assert "ZeroDivisionError" in session["q99_1"].message


def test_progress_names_each_exercise_not_yet_passed(capsys, session):
    first, second, third, *rest = checks.lesson_checks("00")
    session[first] = base.Result(first, "passed", "right.")
    session[second] = base.Result(second, "not_attempted", "not attempted yet")
    session[third] = base.Result(third, "hint", "look again.")
    checks.progress("00")
    line = capsys.readouterr().out
    total = len(checks.lesson_checks("00"))
    assert line.startswith(f"Lesson 00: 1 of {total} passed; exercise 2: not attempted; "
                           "exercise 3: read the hint under its check")
    assert all(f"exercise {c.split('_')[1]}: not checked yet" in line for c in rest)
    assert line.count("\n") == 1


def test_progress_never_raises(capsys, session):
    checks.progress("not a lesson")
    assert "could not be counted" in capsys.readouterr().out
    checks.progress("97")
    assert capsys.readouterr().out == "Lesson 97 has no checked exercises.\n"


def test_grading_mode_adds_nothing_outside_a_kernel(capsys, session, monkeypatch):
    monkeypatch.setenv(base.GRADING_ENV, "1")
    assert run_check(capsys, "q00_2", 12).startswith("✅")  # still exactly one line


@pytest.mark.parametrize("path", notebooks("exercises"), ids=lambda p: p.name)
def test_every_exercise_notebook_ends_with_its_optional_progress_cell(path):
    nb = read(path)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[-1].get("id") == make_exercises.PROGRESS_CELL_ID
    assert code[-1].source.endswith(f'checks.progress("{path.name[:2]}")')
    assert nb.cells[-1].source.startswith("<!--KEY-POINTS-->")  # the key points stay last
    assert sum(c.get("id") == make_exercises.PROGRESS_CELL_ID for c in nb.cells) == 1


def test_solutions_have_no_progress_cell():
    for path in notebooks("solutions"):
        assert "checks.progress(" not in path.read_text(encoding="utf-8")
