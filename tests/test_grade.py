"""The grader: a whole small class graded end to end, and its parts on made-up notebooks.

The end-to-end test grades two lessons for five learners (one of them an archive written by
``make submit``) with a short time limit, two notebooks at a time: of the eight notebooks handed
in, five differ (the others have the same cells as one of them and share its run), and one of
them loops until the time limit, so it takes about ten seconds.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import grade
import grade_report
import nbformat
import pytest
import submit
from conftest import ROOT

import counterprop
from counterprop import checks
from counterprop.checks import base

LESSONS = ("00-welcome", "01-the-raw-article")
pytestmark = pytest.mark.long_module  # the class is graded once, for the whole file

# Seconds of cell time per notebook; the learner "abe" loops for all of it. A worked notebook
# of lessons 00-01 needs about 0.4 s of cell time (0.55 s with two busy processes beside the two
# grading jobs on two cores; about three times that where Python compiles every import), so the
# limit leaves a margin of more than 3x for the notebooks that must finish.
TIME_LIMIT = 8


def worked(stem: str) -> nbformat.NotebookNode:
    """The exercise notebook with the worked solutions typed in: what a learner who solved
    every exercise leaves. Cells are matched by id, which make_exercises keeps."""
    exercise = nbformat.read(ROOT / "exercises" / f"{stem}.ipynb", as_version=4)
    solved = nbformat.read(ROOT / "solutions" / f"{stem}.ipynb", as_version=4)
    solution = {c.id: c.source for c in solved.cells}
    for cell in exercise.cells:
        if cell.cell_type == "code" and cell.id in solution:
            cell.source = solution[cell.id]
    return exercise


def looping(stem: str) -> nbformat.NotebookNode:
    """Worked, except that the answer cell of exercise 2 never finishes (it sleeps in a loop,
    leaving the core to the other grading job instead of spinning for the whole time limit); the
    last check cell carries a ✅ saved from an earlier run, which must not count: the run never
    reaches it."""
    nb = worked(stem)
    owners = grade.cell_exercises(nb, tuple(checks.lesson_checks(stem[:2])))
    _, second, *_, last = checks.lesson_checks(stem[:2])
    index = min(i for i, ids in owners.items() if second in ids)
    nb.cells[index].source = "import time\n\nwhile True:\n    time.sleep(0.1)"
    check_cell = max(i for i, ids in owners.items() if last in ids)
    nb.cells[check_cell].outputs = [nbformat.from_dict(_result(last, "passed", "right."))]
    return nb


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("class")
    subs = tmp / "submissions"
    for learner in ("abe", "ada", "bo", "di"):
        (subs / learner).mkdir(parents=True)
    for stem in LESSONS:
        nbformat.write(worked(stem), subs / "ada" / f"{stem}.ipynb")
        shutil.copy(ROOT / "exercises" / f"{stem}.ipynb", subs / "bo" / f"{stem}.ipynb")
    (subs / "bo" / "my notes.txt").write_text("a file that is not a notebook", encoding="utf-8")
    # "abe" sorts first, so the notebook that loops starts first and the others run beside it.
    nbformat.write(looping(LESSONS[0]), subs / "abe" / f"{LESSONS[0]}.ipynb")
    nbformat.write(worked(LESSONS[1]), subs / "abe" / f"{LESSONS[1]}.ipynb")
    (subs / "di" / f"{LESSONS[0]}.ipynb").write_text('{"cells": [', encoding="utf-8")

    # "ada_zip" hands in what `make submit` packs from a course folder holding ada's work.
    course = tmp / "course"
    shutil.copytree(ROOT / "exercises", course / "exercises")
    for stem in LESSONS:
        shutil.copy(subs / "ada" / f"{stem}.ipynb", course / "exercises" / f"{stem}.ipynb")
    assert submit.main([], root=course) == 0
    (archive,) = (course / "work").glob("submission-*.zip")
    (subs / "ada_zip").mkdir()
    shutil.copy(archive, subs / "ada_zip" / archive.name)

    out = tmp / "out"
    runs: list[str] = []
    execute = grade.execute

    def counted(nb, workdir, timeout):
        runs.append(next(workdir.glob("*.ipynb")).stem)   # the lesson it runs
        return execute(nb, workdir, timeout)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grade, "execute", counted)
        status = grade.main([str(subs), "--out", str(out), "--timeout", str(TIME_LIMIT),
                             "--jobs", "2", "--lessons", "00", "01"])
    return {"status": status, "out": out, "rows": rows_of(out / "gradebook.csv"), "runs": runs}


def statuses_of(graded: dict, learner: str) -> dict[str, str]:
    return {r["exercise"]: r["status"] for r in graded["rows"] if r["learner"] == learner}


def every_exercise() -> list[str]:
    return [c for stem in LESSONS for c in checks.lesson_checks(stem[:2])]


def test_the_grader_finishes_and_its_exit_status_reports_no_failure_of_its_own(graded):
    assert graded["status"] == 0
    assert {r["learner"] for r in graded["rows"]} == {"abe", "ada", "ada_zip", "bo", "di"}


def test_the_gradebook_has_one_row_per_learner_and_exercise_found_from_the_registry(graded):
    with (graded["out"] / "gradebook.csv").open(encoding="utf-8") as handle:
        assert handle.readline().strip() == "learner,lesson,exercise,status,points,feedback"
    for learner in ("abe", "ada", "ada_zip", "bo", "di"):
        assert list(statuses_of(graded, learner)) == every_exercise()
    assert all(r["feedback"] for r in graded["rows"])


def test_the_worked_solutions_pass_everything_and_earn_every_point(graded):
    assert set(statuses_of(graded, "ada").values()) == {"passed"}
    assert {r["points"] for r in graded["rows"] if r["learner"] == "ada"} == {"1"}


def test_untouched_notebooks_are_not_attempted_and_earn_nothing(graded):
    assert set(statuses_of(graded, "bo").values()) == {"not_attempted"}
    assert {r["points"] for r in graded["rows"] if r["learner"] == "bo"} == {"0"}


def test_an_endless_loop_is_a_timeout_and_the_rest_of_the_work_is_graded(graded):
    found = statuses_of(graded, "abe")
    first, second, *later = checks.lesson_checks("00")
    assert found[first] == "passed"
    assert found[second] == "timeout"
    assert {found[c] for c in later} == {"not_reached"}
    assert {found[c] for c in checks.lesson_checks("01")} == {"passed"}
    row = next(r for r in graded["rows"] if r["learner"] == "abe" and r["exercise"] == second)
    assert f"({TIME_LIMIT} s)" in row["feedback"]


def test_a_broken_file_is_recorded_and_a_lesson_not_handed_in_is_missing(graded):
    rows = [r for r in graded["rows"] if r["learner"] == "di"]
    assert {r["status"] for r in rows} == {"missing"}
    assert all("broken JSON at line 1" in r["feedback"] for r in rows if r["lesson"] == "00")
    assert all("no notebook was handed in" in r["feedback"] for r in rows if r["lesson"] == "01")
    files = rows_of(graded["out"] / "files.csv")
    expected = {"learner": "di", "file": f"{LESSONS[0]}.ipynb", "lesson": "00",
                "state": "unreadable"}
    assert expected.items() <= next(f for f in files if f["learner"] == "di").items()
    stray = next(f for f in files if f["file"] == "my notes.txt")
    assert stray["learner"] == "bo" and stray["state"] == "not_an_exercise"


def test_notebooks_with_the_same_cells_are_run_once_and_share_the_statuses(graded):
    # abe's looping 00, ada's 00 (ada_zip's is the same), bo's two untouched notebooks, and one
    # worked 01 (abe, ada and ada_zip handed in the same one)
    assert sorted(graded["runs"]) == [LESSONS[0]] * 3 + [LESSONS[1]] * 2
    files = {(f["learner"], f["file"]): f for f in rows_of(graded["out"] / "files.csv")}
    zipped = next(f for (learner, name), f in files.items()
                  if learner == "ada_zip" and name.endswith(f"{LESSONS[0]}.ipynb"))
    assert zipped["same_cells_as"] == f"ada/{LESSONS[0]}.ipynb" and zipped["seconds"] == ""
    assert float(files[("ada", f"{LESSONS[0]}.ipynb")]["seconds"]) > 0
    assert files[("ada", f"{LESSONS[1]}.ipynb")]["same_cells_as"] == f"abe/{LESSONS[1]}.ipynb"
    assert files[("abe", f"{LESSONS[0]}.ipynb")]["same_cells_as"] == ""
    summary = (graded["out"] / "summary.md").read_text(encoding="utf-8")
    assert "5 notebooks run;" in summary
    assert "3 more notebooks had the same cells as one of these, for the same lesson" in summary


def test_make_submit_then_grading_its_archive_gives_the_same_gradebook_as_the_folder(graded):
    def without_learner(learner):
        return [{k: v for k, v in r.items() if k != "learner"}
                for r in graded["rows"] if r["learner"] == learner]

    assert without_learner("ada_zip") == without_learner("ada")
    files = rows_of(graded["out"] / "files.csv")
    archive = next(f for f in files if f["learner"] == "ada_zip" and f["file"].endswith(".zip"))
    assert archive["state"] == "graded" and archive["note"] == ""  # same version, hashes match


def test_each_learner_gets_a_feedback_file_with_every_exercise_and_the_checks_words(graded):
    feedback = graded["out"] / "feedback"
    learners = ("abe", "ada", "ada_zip", "bo", "di")
    assert sorted(p.name for p in feedback.iterdir()) == [f"{n}.md" for n in learners]
    bo = (feedback / "bo.md").read_text(encoding="utf-8")
    assert all(f"`{c}`" in bo for c in every_exercise())
    assert base.NOT_ATTEMPTED.removeprefix("⏳ ") in bo
    abe = (feedback / "abe.md").read_text(encoding="utf-8")
    assert "a loop that never ends" in abe and "could not be checked" in abe
    di = (feedback / "di.md").read_text(encoding="utf-8")
    assert f"All {len(checks.lesson_checks('00'))} exercises**, missing" in di


def test_the_summary_charts_the_share_passed_and_lists_the_files_to_look_at(graded):
    out = graded["out"]
    assert (out / grade_report.CHART).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert f"]({grade_report.CHART})" in summary and "\nFigure: " in summary
    assert "## The class's most frequent hints" in summary
    first = checks.lesson_checks("00")[0]
    # abe, ada and ada_zip passed the first exercise; bo did not attempt it; di's file is broken.
    assert f"| `{first}` | 3 | 0 | 1 | 0 | 0 | 0 | 1 |" in summary
    assert "| di | `00-welcome.ipynb` | unreadable |" in summary
    assert "## Grading time" in summary


def test_points_csv_lists_every_exercise_as_a_template(graded):
    rows = rows_of(graded["out"] / "points.csv")
    assert [r["exercise"] for r in rows] == every_exercise()
    assert {r["points"] for r in rows} == {"1"}


# ---------------------------------------------------------------------------------------
# The parts, without running a kernel
# ---------------------------------------------------------------------------------------

LESSON = grade.Lesson("00", "00-welcome", "Welcome", ("q00_1", "q00_2", "q00_3", "q00_4"), "")


def _code(source: str, *outputs: dict) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    return cell


def _raised(ename: str, evalue: str) -> dict:
    return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": []}


def _result(check: str, status: str, message: str) -> dict:
    payload = {"check": check, "status": status, "message": message}
    return {"output_type": "display_data", "metadata": {}, "data": {base.RESULT_MIME: payload}}


def _executed() -> nbformat.NotebookNode:
    md = nbformat.v4.new_markdown_cell
    return nbformat.v4.new_notebook(cells=[
        md("header"),
        _code("import nowhere", _raised("ModuleNotFoundError", "No module named 'nowhere'")),
        md("### Exercise 1: one"),
        _code("x = 1 / 0", _raised("ZeroDivisionError", "division by zero")),
        _code("check.q00_1(x)", _raised("NameError", "name 'x' is not defined")),
        md("### Exercise 2: two"),
        _code("y = 3"),
        _code("check.q00_2(y)", _result("q00_2", "hint", "3 is not it.")),
        md("### Exercise 3: three"),
        _code("while True: pass"),
        _code("check.q00_3(z)"),
        md("### Exercise 4: four"),
        _code("check.q00_4(w)"),
        _code('from counterprop import checks\nchecks.progress("00")'),
    ])


def test_statuses_tell_error_hint_timeout_and_not_reached_apart():
    nb = _executed()
    found = grade.statuses(nb, LESSON, grade.Run(stopped_at=9, stop_reason="timeout"), 12)
    assert found["q00_1"].status == "error"
    assert "ZeroDivisionError: division by zero" in found["q00_1"].message
    assert "ModuleNotFoundError" in found["q00_1"].message  # the setup cell is named as the start
    assert (found["q00_2"].status, found["q00_2"].message) == ("hint", "3 is not it.")
    assert found["q00_3"].status == "timeout" and "(12 s)" in found["q00_3"].message
    assert found["q00_4"].status == "not_reached" and "at exercise 3" in found["q00_4"].message


def test_a_check_result_wins_over_an_error_elsewhere_and_a_removed_check_is_not_attempted():
    nb = _executed()
    nb.cells[4].outputs.append(nbformat.from_dict(_result("q00_1", "passed", "right.")))
    del nb.cells[12]  # the learner deleted exercise 4's check cell
    found = grade.statuses(nb, LESSON, grade.Run(), 12)
    assert found["q00_1"].status == "passed"
    assert found["q00_3"].status == "not_attempted" and "did not run" in found["q00_3"].message
    assert found["q00_4"].status == "not_attempted"
    assert "not in the notebook" in found["q00_4"].message


def test_an_exercise_left_as_generated_is_not_attempted_even_when_its_check_hints():
    stem = next(p.stem for p in (ROOT / "exercises").glob("04-*.ipynb"))
    (lesson,) = grade.discover_lessons(only=["04"])
    nb = nbformat.read(ROOT / "exercises" / f"{stem}.ipynb", as_version=4)
    for index, ids in grade.cell_exercises(nb, lesson.checks).items():
        if ids[0] in grade.check_ids(nb.cells[index].source):  # an empty chart gets a hint
            hinted = _result(ids[0], "hint", "nothing is drawn yet")
            nb.cells[index].outputs = [nbformat.from_dict(hinted)]
    found = grade.statuses(nb, lesson, grade.Run(), 12)
    assert {s.status for s in found.values()} == {"not_attempted"}
    first = lesson.checks[0]
    answer = min(i for i, ids in grade.cell_exercises(nb, lesson.checks).items() if first in ids)
    nb.cells[answer].source += "\nax.bar(['a'], [1])"  # now the learner has tried something
    assert grade.statuses(nb, lesson, grade.Run(), 12)[first].status == "hint"


def test_a_deliberate_error_tagged_raises_exception_is_not_an_error():
    nb = _executed()
    nb.cells[3].metadata["tags"] = ["raises-exception"]
    nb.cells[4].outputs = [nbformat.from_dict(_result("q00_1", "not_attempted", "not yet"))]
    assert grade.statuses(nb, LESSON, grade.Run(), 12)["q00_1"].status == "not_attempted"


@pytest.mark.parametrize("stem", [p.stem for p in sorted((ROOT / "exercises").glob("*.ipynb"))])
def test_every_exercise_notebook_maps_each_check_to_its_own_cells(stem):
    nb = nbformat.read(ROOT / "exercises" / f"{stem}.ipynb", as_version=4)
    expected = tuple(checks.lesson_checks(stem[:2]))
    owners = grade.cell_exercises(nb, expected)
    owned = {check for ids in owners.values() for check in ids}
    assert owned == set(expected), "every check of the lesson is called in its exercise notebook"
    progress = next(i for i, c in enumerate(nb.cells) if c.get("id") == "progress")
    assert progress not in owners
    for check in expected:
        cells = sorted(i for i, ids in owners.items() if check in ids)
        assert check in grade.check_ids(nb.cells[cells[-1]].source)  # it ends at its check
        between = [i for i in range(cells[0], cells[-1]) if i not in cells]
        assert all(nb.cells[i].cell_type == "markdown" for i in between)  # no code is skipped


def test_lessons_and_their_exercises_are_discovered_not_listed():
    lessons = grade.discover_lessons()
    stems = sorted(p.stem for p in (ROOT / "exercises").glob("*.ipynb"))
    assert [lesson.stem for lesson in lessons] == stems
    for lesson in lessons:
        assert list(lesson.checks) == checks.lesson_checks(lesson.number)
    with pytest.raises(ValueError, match="42 is not a lesson with checked exercises"):
        grade.discover_lessons(only=["42"])


def test_points_default_to_one_and_a_table_overrides_them(tmp_path):
    table = tmp_path / "points.csv"
    table.write_text("exercise,points\nq00_2,2.5\n", encoding="utf-8")
    points = grade.load_points(table, [LESSON])
    assert points == {"q00_1": 1.0, "q00_2": 2.5, "q00_3": 1.0, "q00_4": 1.0}
    table.write_text("exercise,points\nq99_1,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'q99_1' is not an exercise being graded"):
        grade.load_points(table, [LESSON])
    table.write_text("exercise,points\nq00_1,lots\n", encoding="utf-8")
    with pytest.raises(ValueError, match="points 'lots' for q00_1"):
        grade.load_points(table, [LESSON])


@pytest.mark.parametrize(
    ("data", "words"),
    [(b'{"cells": [', "broken JSON at line 1"), (b"\xff\xfe", "not UTF-8"),
     (b'{"hello": 1}', "not a notebook"), (b"[1, 2]", "not a notebook")],
)
def test_unreadable_files_say_why(data, words):
    assert words in grade.unreadable_reason(data)


def test_a_readable_notebook_has_no_reason():
    assert grade.unreadable_reason((ROOT / "exercises" / f"{LESSONS[0]}.ipynb").read_bytes()) == ""


def test_collect_finds_archives_renamed_and_other_version_notebooks(tmp_path):
    every = grade.discover_lessons()
    lessons = grade.select_lessons(every, ["00", "01"])
    version = submit.course_version()
    left_out = frozenset(lesson.stem for lesson in every if lesson not in lessons)
    course = grade.Course(tuple(lessons), version, left_out)
    subs = tmp_path / "subs"
    (subs / "eve").mkdir(parents=True)
    renamed = nbformat.read(ROOT / "exercises" / f"{LESSONS[0]}.ipynb", as_version=4)
    nbformat.write(renamed, subs / "eve" / "00-welcome (1).ipynb")  # found by its recorded origin
    older = nbformat.read(ROOT / "exercises" / f"{LESSONS[1]}.ipynb", as_version=4)
    older.metadata["counterprop"]["fingerprint"] = "0" * 64
    nbformat.write(older, subs / "eve" / f"{LESSONS[1]}.ipynb")
    (subs / ".DS_Store").write_bytes(b"")
    (subs / "grades.xlsx").write_bytes(b"")
    with zipfile.ZipFile(subs / "fay.zip", "w") as archive:
        archive.writestr("exercises/00-welcome.ipynb", "{}")
    (subs / "gus").mkdir()
    with zipfile.ZipFile(subs / "gus" / "submission-old.zip", "w") as archive:
        data = (ROOT / "exercises" / f"{LESSONS[0]}.ipynb").read_bytes()
        files = [{"path": f"exercises/{LESSONS[0]}.ipynb", "sha256": submit.sha256(data)}]
        manifest = {"course_version": "0.0.1+old", "files": files}
        archive.writestr(submit.MANIFEST, json.dumps(manifest))
        archive.writestr(f"exercises/{LESSONS[0]}.ipynb", data)
    (subs / "hal").mkdir()
    for name in ("00-welcome (1).ipynb", "00-welcome.ipynb", "02-from-text-to-claims.ipynb"):
        stem = name.split(" ")[0].removesuffix(".ipynb")
        shutil.copy(ROOT / "exercises" / f"{stem}.ipynb", subs / "hal" / name)
    learners, stray = grade.collect(subs, course)
    assert [learner.name for learner in learners] == ["eve", "fay", "gus", "hal"]
    eve, fay, gus, hal = learners
    assert hal.notebooks["00"].file == "00-welcome.ipynb" and hal.notebooks["00"].notes == []
    assert {(n.file, n.state, n.for_learner) for n in hal.files} == {
        ("00-welcome (1).ipynb", "ignored", True),
        ("02-from-text-to-claims.ipynb", "ignored", False),
    }
    assert gus.files[0].state == "graded_other_version"
    assert f"packed with course version 0.0.1+old; graded with {version}" == gus.files[0].note
    assert set(gus.notebooks) == {"00"} and gus.notebooks["00"].notes == []
    assert set(eve.notebooks) == {"00", "01"}
    assert "graded as 00-welcome.ipynb" in eve.notebooks["00"].notes[0]
    assert "another version" in eve.notebooks["01"].notes[0]
    assert "manifest" in fay.files[0].note and "00" in fay.unreadable
    assert [(n.file, n.state) for n in stray] == [("grades.xlsx", "not_an_exercise")]


def test_an_archive_whose_notebook_changed_after_packing_is_flagged(tmp_path):
    course = tmp_path / "course"
    shutil.copytree(ROOT / "exercises", course / "exercises")
    path = submit.pack(course)
    manifest = json.loads(zipfile.ZipFile(path).read(submit.MANIFEST))
    assert manifest["course_version"] == submit.course_version()
    packed = {f"exercises/{p.name}" for p in (course / "exercises").glob("*.ipynb")}
    assert {f["path"] for f in manifest["files"]} == packed
    assert submit.read_archive(path).problems == []
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(tampered, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info, data + b" " if info.filename.endswith("00-welcome.ipynb") else data)
        new.writestr("../../escape.txt", "x")
    problems = submit.read_archive(tampered).problems
    assert any("00-welcome.ipynb changed after it was packed" in p for p in problems)
    assert any("../../escape.txt is not an exercise notebook" in p for p in problems)
    (tmp_path / "not.zip").write_text("plain text", encoding="utf-8")
    assert "not a readable zip archive" in submit.read_archive(tmp_path / "not.zip").problems[0]


def test_submit_says_where_the_archive_is_and_that_nothing_was_sent(tmp_path, capsys):
    course = tmp_path / "course"
    shutil.copytree(ROOT / "exercises", course / "exercises")
    assert submit.main([], root=course) == 0
    out = capsys.readouterr().out
    (archive,) = (course / "work").glob("submission-*.zip")
    assert f"into work/{archive.name}" in out and "Nothing has been sent" in out
    (course / "exercises").rename(course / "elsewhere")
    assert submit.main([], root=course) == 1
    assert "no notebooks in" in capsys.readouterr().out


def test_the_course_version_changes_when_an_exercise_is_regenerated(tmp_path):
    course = tmp_path / "course"
    shutil.copytree(ROOT / "exercises", course / "exercises")
    before = submit.course_version(course)
    assert before.startswith(counterprop.__version__ + "+")
    path = course / "exercises" / f"{LESSONS[0]}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[-2].source = "answer = 'a learner's edit does not change the version'"
    nbformat.write(nb, path)
    assert submit.course_version(course) == before
    nb.metadata["counterprop"]["fingerprint"] = "f" * 64
    nbformat.write(nb, path)
    assert submit.course_version(course) != before


def test_bad_arguments_get_a_clear_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        grade.main([str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")])
    assert stop.value.code == 2
    assert "is not a folder; expected one folder per learner" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        grade.main([str(tmp_path), "--out", str(tmp_path / "out"), "--timeout", "0"])
    assert "--timeout 0: expected a number of seconds above 0" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_targets_call_the_tools(monkeypatch):
    """`make submit` and `make grade` go through course.py, which runs the tools with the args."""
    def dry_run(*args):
        done = subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout

    assert "course.py submit" in dry_run("submit")
    assert 'course.py grade in --out "out"' in dry_run("grade", "SUBMISSIONS=in", "OUT=out")

    import importlib.util

    spec = importlib.util.spec_from_file_location("course_for_grade_test", ROOT / "course.py")
    course = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = course
    spec.loader.exec_module(course)
    calls = []
    monkeypatch.setattr(course, "setup", lambda c: None)
    monkeypatch.setattr(course, "run", lambda command, c, **kw: calls.append([str(p) for p in command]) or 0)
    assert course.main(["grade", "in", "--out", "out", "--jobs", "2"]) == 0
    assert course.main(["submit"]) == 0
    assert calls[0][1:] == ["tools/grade.py", "in", "--out", "out", "--jobs", "2"]
    assert calls[1][1:] == ["tools/submit.py"]


def _report(rows: list[tuple[str, str, str, str]]) -> grade_report.Report:
    """A report from (learner, exercise, status, feedback) rows of lesson 00."""
    return grade_report.Report(
        rows=[grade_report.Row(who, "00", ex, status, float(status == "passed"), 1.0, text)
              for who, ex, status, text in rows],
        lessons=[("00", "Welcome", LESSON.checks)], learners=sorted({r[0] for r in rows}),
        files=[], points=dict.fromkeys(LESSON.checks, 1.0), course_version="0+test", timeout=5)


def test_frequent_hints_group_by_misconception_not_by_the_number_a_learner_typed():
    report = _report([
        ("a", "q00_2", "hint", "13 is not it. Count the full stops."),
        ("b", "q00_2", "hint", "14 is not it. Count the full stops."),
        ("c", "q00_2", "hint", "13 is not it. Count the full stops."),
        ("a", "q00_1", "hint", "a sha256 hex digest has 64 characters; yours has 8."),
        ("b", "q00_3", "passed", "right."),
        ("c", "q00_4", "error", "your code raised an error before the check could run: "
                                "KeyError: 'id'. Read the last line of the error."),
    ])
    assert grade_report.frequent_hints(report) == [
        (3, "q00_2", "13 is not it. Count the full stops."),
        (1, "q00_1", "a sha256 hex digest has 64 characters; yours has 8."),
    ]
    assert grade_report.frequent_errors(report) == [(1, "q00_4", "KeyError")]
    summary = grade_report.summary_text(report)
    assert "| 3 | `q00_2` | 13 is not it. Count the full stops. |" in summary
    assert "3 learners, 1 lesson with 4 checked exercises" in summary


def test_learner_text_cannot_break_the_markdown():
    raised = "your code raised ValueError: <script> | bad\nline"
    report = _report([("x|y", "q00_1", "error", raised)])
    feedback = grade_report.feedback_text(report, "x|y")
    assert "<script>" not in feedback and "&lt;script> \\| bad line" in feedback
