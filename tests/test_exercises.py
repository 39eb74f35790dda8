"""Exercises are generated from solutions, stay in sync, and never lose a learner's work."""

from __future__ import annotations

import json

import make_exercises
import nbformat
import pytest
from conftest import ROOT, notebooks, read


def test_exercises_are_in_sync_with_solutions(capsys):
    assert make_exercises.main(["--check"]) == 0, capsys.readouterr().out


def test_every_solution_has_its_lesson_and_exercise():
    for solution in notebooks("solutions"):
        assert (ROOT / "notebooks" / solution.name).exists(), solution.name
        assert (ROOT / "exercises" / solution.name).exists(), solution.name


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = 1 + 2  # SOLUTION\ncheck(x)", "x = ...\ncheck(x)"),
        ('df["a"] = df.b * 2  # SOLUTION', 'df["a"] = ...'),
        ("print(1)  # SOLUTION", "..."),
        ("f(a=1)  # SOLUTION", "..."),
        ("total += 2  # SOLUTION", "total += ..."),
        ("نص = 'x'  # SOLUTION", "نص = ..."),
        ("def f():\n    # BEGIN SOLUTION\n    y = 2\n    return y\n    # END SOLUTION\nf()", "def f():\n    ...\nf()"),
        ("keep = 1\n# a comment that mentions SOLUTION inside\n", "keep = 1\n# a comment that mentions SOLUTION inside"),
    ],
)
def test_strip_solution(source, expected):
    assert make_exercises.strip_solution(source) == expected


def test_an_unclosed_solution_block_is_an_error():
    with pytest.raises(ValueError, match="no matching"):
        make_exercises.strip_solution("# BEGIN SOLUTION\nx = 1")


@pytest.mark.parametrize("path", notebooks("exercises"), ids=lambda p: p.name)
def test_exercise_notebooks_hold_no_answers_and_no_outputs(path):
    nb = read(path)
    for cell in nb.cells:
        assert "instructor" not in cell.metadata.get("tags", [])
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            assert "SOLUTION" not in cell.source
    assert "widgets" not in nb.metadata
    assert "— exercises" in nb.cells[0].source


def _edit_solution(root):
    path = root / "solutions" / "00-welcome.ipynb"
    nb = nbformat.read(path, as_version=4)
    code = next(c for c in nb.cells if c.cell_type == "code" and "# SOLUTION" in c.source)
    code.source = code.source.replace("# SOLUTION", "  # changed answer  # SOLUTION")
    code.source += "\nextra_line = 1"
    nbformat.write(nb, path)


def test_a_solution_changed_without_regenerating_fails_the_check(course_copy, capsys):
    assert make_exercises.main(["--check"], root=course_copy) == 0
    _edit_solution(course_copy)
    assert make_exercises.main(["--check"], root=course_copy) == 1
    assert "stale: exercises/00-welcome.ipynb" in capsys.readouterr().out


def test_regenerating_keeps_a_learners_edited_notebook(course_copy, capsys):
    exercise = course_copy / "exercises" / "00-welcome.ipynb"
    nb = nbformat.read(exercise, as_version=4)
    answer_cell = next(c for c in nb.cells if c.cell_type == "code" and c.source.startswith("digest = ..."))
    answer_cell.source = "digest = 'my own work'"
    nbformat.write(nb, exercise)
    _edit_solution(course_copy)
    assert make_exercises.main([], root=course_copy) == 0
    out = capsys.readouterr().out
    assert "kept your edited exercises/00-welcome.ipynb as work/backups/" in out
    (backup,) = (course_copy / "work" / "backups").glob("00-welcome-*.ipynb")
    assert "my own work" in backup.read_text(encoding="utf-8")
    assert make_exercises.main(["--check"], root=course_copy) == 0


def test_regenerating_an_untouched_notebook_makes_no_backup(course_copy, capsys):
    _edit_solution(course_copy)
    assert make_exercises.main([], root=course_copy) == 0
    assert "kept your edited" not in capsys.readouterr().out
    assert not (course_copy / "work").exists()


def test_regenerating_twice_changes_nothing(course_copy):
    make_exercises.main([], root=course_copy)
    before = {p: p.read_bytes() for p in (course_copy / "exercises").glob("*.ipynb")}
    make_exercises.main([], root=course_copy)
    assert before == {p: p.read_bytes() for p in (course_copy / "exercises").glob("*.ipynb")}


def test_generated_notebooks_record_their_origin():
    for path in notebooks("exercises"):
        meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]["counterprop"]
        assert meta["generated_from"] == f"solutions/{path.name}"
        assert not make_exercises.learner_edited(path)
