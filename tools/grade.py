#!/usr/bin/env python3
"""Grade a class's exercise notebooks with the course's own checks: no Docker, no database.

``SUBMISSIONS`` holds one folder per learner, named by the learner, with that learner's exercise
notebooks as they left them (``SUBMISSIONS/<learner>/<NN-stem>.ipynb``) or the archive ``make
submit`` wrote (``SUBMISSIONS/<learner>/submission-….zip``, or ``SUBMISSIONS/<learner>.zip``).

Each notebook is run top to bottom in a fresh kernel of this environment, in a throw-away copy
in a temporary folder, with a time limit per notebook; the outputs saved in it are cleared first.
A cell that raises does not stop the run (each exercise is graded on its own), but a time limit
that runs out does. Every exercise of
every lesson gets one status:

- ``passed``, ``hint`` (with the hint's text) or ``not_attempted``: what its check found
  (an exercise whose cells are still as generated counts as ``not_attempted``);
- ``error``: a cell of the exercise raised, so its check could not run;
- ``timeout``: the exercise's code was still running when the notebook's time ran out;
- ``not_reached``: the run stopped (time limit, crashed kernel) before the exercise;
- ``missing``: no readable notebook for the lesson.

The exercises and their order come from the course's ``exercises/`` notebooks and the checks
registry, so new lessons and checks are graded without changing this script. Points default
to 1 per exercise; ``--points FILE`` (a CSV ``exercise,points``) overrides some. An exercise
earns its points when it passed and none otherwise: partial credit is a status with a reason.

Written to ``OUT``:

- ``gradebook.csv``: one row per learner × exercise (learner, lesson, exercise, status, points,
  feedback);
- ``feedback/<learner>.md``: every exercise with its status and the check's own words;
- ``summary.md`` and ``share-passed.png``: share passed per exercise and the class's most
  frequent hints;
- ``files.csv``: every file looked at, what became of it, and how long it took (notebooks with
  the same cells for the same lesson are run once and share its statuses: ``same_cells_as``);
- ``points.csv``: the points used, a template for ``--points``.

A learner's problem never fails the grader: it is recorded and the others are graded. The exit
status is 1 only when the grader itself failed (for example, a kernel could not start).

The grader runs learners' code with your permissions, as Jupyter would: grade on a machine or
account you would let a learner's notebook run on.

Usage::

    python tools/grade.py SUBMISSIONS --out OUT [--timeout SECONDS] [--jobs N]
                          [--lessons 00 01 ...] [--points points.csv]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import grade_report  # noqa: E402
import submit  # noqa: E402

from counterprop.checks import base as checks_base  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHECK_ID = re.compile(r"\b(q\d{2}_\d+)\s*\(")
EXERCISE_HEADING = re.compile(r"^#+\s*Exercise\b", re.M | re.I)
NOTEBOOK_STEM = re.compile(r"^(?P<lesson>\d{2})-[\w-]+$")
DEFAULT_TIMEOUT = 300
KERNEL_STARTUP_TIMEOUT = 120
IGNORED_NAMES = {".ipynb_checkpoints", "__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini"}
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


# ---------------------------------------------------------------------------------------
# The course: lessons and their exercises, discovered
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lesson:
    """One lesson with checked exercises: ``number`` "05", ``stem``, title and check ids."""

    number: str
    stem: str
    title: str
    checks: tuple[str, ...]
    fingerprint: str
    untouched: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Per check, the sources of its code cells as generated: an exercise whose cells still
    read like this was not attempted, whatever its check says (a chart check, for instance,
    finds an empty chart and gives a hint)."""

    def untouched_sources(self, check: str) -> tuple[str, ...] | None:
        return dict(self.untouched).get(check)


def check_ids(source: str) -> list[str]:
    """The check ids called in one cell's source, in order: ``check.q05_3(x)`` → ["q05_3"]."""
    return CHECK_ID.findall(source)


def discover_lessons(root: Path = ROOT, only: list[str] | None = None) -> list[Lesson]:
    """Every lesson whose exercise notebook calls registered checks, in course order."""
    from counterprop.checks import CHECKS  # registers every lesson's checks

    titles = {}
    lessons_file = root / "notebooks" / "lessons.yml"
    if lessons_file.exists():
        import lesson_cells

        titles = {lesson["stem"]: str(lesson["title"])
                  for lesson in lesson_cells.load_lessons(lessons_file)}
    lessons = []
    for path in sorted((root / "exercises").glob("*.ipynb")):
        match = NOTEBOOK_STEM.match(path.stem)
        if not match:
            continue
        nb = nbformat.read(path, as_version=4)
        ids: list[str] = []
        for cell in nb.cells:
            if cell.cell_type == "code":
                ids += [i for i in check_ids(cell.source) if i in CHECKS and i not in ids]
        if ids:
            fingerprint = nb.metadata.get("counterprop", {}).get("fingerprint", "")
            untouched = tuple((check, region_sources(nb, ids, check)) for check in ids)
            lessons.append(Lesson(match["lesson"], path.stem, titles.get(path.stem, path.stem),
                                  tuple(ids), fingerprint, untouched))
    return select_lessons(lessons, only) if only else lessons


def select_lessons(lessons: list[Lesson], only: list[str]) -> list[Lesson]:
    """The lessons numbered in ``only`` ("00", "5", …); a clear error for a number not found."""
    wanted = {f"{int(n):02d}" if n.isdigit() else n for n in only}
    unknown = wanted - {lesson.number for lesson in lessons}
    if unknown:
        raise ValueError(f"--lessons: {', '.join(sorted(unknown))} is not a lesson with checked "
                         f"exercises; expected some of {', '.join(x.number for x in lessons)}")
    return [lesson for lesson in lessons if lesson.number in wanted]


@dataclass(frozen=True)
class Course:
    """What submissions are graded against: the lessons, the version, the lessons left out."""

    lessons: tuple[Lesson, ...]
    version: str
    left_out: frozenset[str] = frozenset()  # stems of exercise notebooks not being graded

    @property
    def by_stem(self) -> dict[str, Lesson]:
        return {lesson.stem: lesson for lesson in self.lessons}


def load_points(path: Path | None, lessons: list[Lesson]) -> dict[str, float]:
    """Points per exercise: 1 each, with the overrides of a CSV ``exercise,points`` file."""
    points = {check: 1.0 for lesson in lessons for check in lesson.checks}
    if path is None:
        return points
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"exercise", "points"} <= set(reader.fieldnames):
            raise ValueError(f"{path.name}: expected the columns exercise,points; "
                             f"found {','.join(reader.fieldnames or [])!r}")
        for line, row in enumerate(reader, start=2):
            exercise = (row["exercise"] or "").strip()
            if exercise not in points:
                raise ValueError(f"{path.name} line {line}: {exercise!r} is not an exercise being "
                                 f"graded; expected an id such as {next(iter(points), 'q00_1')!r}")
            try:
                value = float(row["points"])
            except (TypeError, ValueError):
                value = -1.0
            if not value >= 0 or value == float("inf"):
                raise ValueError(f"{path.name} line {line}: points {row['points']!r} for "
                                 f"{exercise} is not a number of at least 0")
            points[exercise] = value
    return points


# ---------------------------------------------------------------------------------------
# Submissions: one folder (or archive) per learner
# ---------------------------------------------------------------------------------------


@dataclass
class FileNote:
    """One file looked at: what became of it. ``state`` is graded, graded_other_version,
    unreadable, not_an_exercise or ignored."""

    learner: str
    file: str
    lesson: str
    state: str
    note: str = ""
    seconds: float | None = None
    for_learner: bool = True  # False for notes only the instructor needs (lessons not graded)
    same_cells_as: str = ""  # "learner/file" whose run gave this notebook's statuses


@dataclass
class Submitted:
    """One notebook to grade: its bytes, where it came from, and notes about it."""

    learner: str
    lesson: Lesson
    file: str
    data: bytes
    notes: list[str] = field(default_factory=list)


@dataclass
class Learner:
    name: str
    notebooks: dict[str, Submitted] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)  # lesson number → reason
    files: list[FileNote] = field(default_factory=list)


def _ignored(path: Path) -> bool:
    return path.name.startswith(".") or path.name in IGNORED_NAMES


def _files(folder: Path) -> list[Path]:
    """Every file under ``folder``, skipping hidden files and checkpoint folders."""
    found = []
    for path in sorted(folder.rglob("*")):
        if any(_ignored(Path(part)) for part in path.relative_to(folder).parts):
            continue
        if path.is_file():
            found.append(path)
    return found


def _lesson_of(name: str, data: bytes, by_stem: dict[str, Lesson]) -> tuple[Lesson | None, str]:
    """The lesson a notebook belongs to: by its file name, else by the origin it records."""
    stem = name.removesuffix(".ipynb")
    if stem in by_stem:
        return by_stem[stem], ""
    origin = ""
    try:
        origin = str(json.loads(data)["metadata"]["counterprop"]["generated_from"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        pass
    origin_stem = Path(origin).stem
    if origin_stem in by_stem:
        return by_stem[origin_stem], (f"named {name}; graded as {origin_stem}.ipynb, which it "
                                      "was made from")
    return None, ""


def collect(submissions: Path, course: Course) -> tuple[list[Learner], list[FileNote]]:
    """The learners in ``submissions`` and their notebooks, plus notes on stray top-level files."""
    learners: list[Learner] = []
    stray: list[FileNote] = []
    for entry in sorted(submissions.iterdir(), key=lambda p: p.name.lower()):
        if _ignored(entry):
            continue
        if entry.is_dir():
            learner = Learner(entry.name)
            _collect_folder(learner, entry, course)
            learners.append(learner)
        elif entry.suffix.lower() == ".zip":
            learner = Learner(entry.stem)
            _collect_archive(learner, entry, entry.name, course)
            learners.append(learner)
        else:
            stray.append(FileNote("", entry.name, "", "not_an_exercise",
                                  "a file beside the learners' folders; not graded"))
    return learners, stray


def _collect_folder(learner: Learner, folder: Path, course: Course) -> None:
    files = _files(folder)
    archives = [p for p in files if p.suffix.lower() == ".zip"]
    # Notebooks named exactly as the course names them come first, so they win over copies.
    loose = sorted((p for p in files if p.suffix.lower() != ".zip"),
                   key=lambda p: (p.stem not in course.by_stem, _rel(p, folder)))
    if archives:
        # The newest archive (by the time in its manifest, else its name) is the submission.
        chosen = max(archives, key=lambda p: (_archive_time(p), p.name))
        for other in archives:
            if other != chosen:
                learner.files.append(FileNote(learner.name, _rel(other, folder), "", "ignored",
                                              f"an older archive; {chosen.name} was graded"))
        _collect_archive(learner, chosen, _rel(chosen, folder), course)
        for path in loose:
            learner.files.append(FileNote(learner.name, _rel(path, folder), "", "ignored",
                                          f"the archive {chosen.name} was graded instead"))
        return
    for path in loose:
        is_notebook = path.suffix.lower() == ".ipynb"
        data = path.read_bytes() if is_notebook else b""
        _add_notebook(learner, _rel(path, folder), data, course, is_notebook)


def _rel(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix()


def _archive_time(path: Path) -> str:
    archive = submit.read_archive(path)
    return str((archive.manifest or {}).get("created", ""))


def _collect_archive(learner: Learner, path: Path, shown: str, course: Course) -> None:
    archive = submit.read_archive(path)
    if archive.manifest is None and not archive.notebooks:
        learner.files.append(FileNote(learner.name, shown, "", "unreadable",
                                      "; ".join(archive.problems)))
        return
    notes = list(archive.problems)
    packed = str((archive.manifest or {}).get("course_version", ""))
    other_version = bool(packed) and packed != course.version
    if other_version:
        notes.append(f"packed with course version {packed}; graded with {course.version}")
    state = "graded_other_version" if other_version else "graded"
    learner.files.append(FileNote(learner.name, shown, "", state, "; ".join(notes)))
    def named_by_the_course_first(item: tuple[str, bytes]) -> tuple[bool, str]:
        return item[0].removesuffix(".ipynb") not in course.by_stem, item[0]

    for name, data in sorted(archive.notebooks.items(), key=named_by_the_course_first):
        _add_notebook(learner, f"{shown}:{name}", data, course, is_notebook=True)


def _add_notebook(learner: Learner, shown: str, data: bytes, course: Course,
                  is_notebook: bool) -> None:
    name = shown.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
    if is_notebook and name.removesuffix(".ipynb") in course.left_out:
        learner.files.append(FileNote(learner.name, shown, name[:2], "ignored",
                                      "its lesson is not being graded", for_learner=False))
        return
    lesson, how = _lesson_of(name, data, course.by_stem) if is_notebook else (None, "")
    if lesson is None:
        learner.files.append(FileNote(learner.name, shown, "", "not_an_exercise",
                                      "not an exercise notebook of this course; not graded"))
        return
    if lesson.number in learner.notebooks or lesson.number in learner.unreadable:
        learner.files.append(FileNote(learner.name, shown, lesson.number, "ignored",
                                      f"a second notebook for lesson {lesson.number}; the first "
                                      "was graded"))
        return
    problem = unreadable_reason(data)
    if problem:
        learner.unreadable[lesson.number] = (f"your {name} could not be read as a notebook "
                                             f"({problem})")
        learner.files.append(FileNote(learner.name, shown, lesson.number, "unreadable", problem))
        return
    notes = [how] if how else []
    recorded = submit.recorded_fingerprint(data)
    if recorded != lesson.fingerprint:
        notes.append("made from another version of this lesson's exercises" if recorded
                     else "not generated from this course's exercises (no recorded fingerprint)")
    learner.notebooks[lesson.number] = Submitted(learner.name, lesson, shown, data, notes)


def unreadable_reason(data: bytes) -> str:
    """Why ``data`` is not a notebook that can run, or ``""`` when it is one."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"not UTF-8 text: {error.reason} at byte {error.start}"
    try:
        json.loads(text)
    except ValueError as error:
        where = f" at line {error.lineno}, column {error.colno}" if hasattr(error, "lineno") else ""
        return f"broken JSON{where}: {getattr(error, 'msg', error)}"
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as error:  # nbformat raises several kinds for files that are not notebooks
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return f"JSON, but not a notebook: {reason[:160]}"
    if not isinstance(nb.get("cells"), list):
        return "it has no list of cells"
    return ""


# ---------------------------------------------------------------------------------------
# Running one notebook and reading its statuses
# ---------------------------------------------------------------------------------------


@dataclass
class Status:
    """One exercise's status (one of ``checks.STATUSES``) and the reason, in the learner's words."""

    status: str
    message: str


@dataclass
class NotebookGrade:
    """The statuses of one notebook's exercises, and what happened while running it."""

    statuses: dict[str, Status]
    seconds: float
    grader_failure: str = ""
    same_cells_as: str = ""  # set on a notebook not run itself: "learner/file" of the one run


@dataclass
class Run:
    """What executing a notebook produced: where it stopped, and why."""

    stopped_at: int | None = None  # index of the cell that was running when the run stopped
    stop_reason: str = ""           # "timeout" or "dead"
    failure: str = ""               # the grader's own failure, if any


def cell_exercises(nb: nbformat.NotebookNode, expected: tuple[str, ...]) -> dict[int, list[str]]:
    """Which exercise(s) each code cell belongs to, by index.

    An exercise owns its check cell and the cells since the previous check cell; cells before
    the first "Exercise" heading are the lesson's setup, and cells after the last check (the
    discussion, the progress cell) belong to no exercise.
    """
    first_heading = next((i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"
                          and EXERCISE_HEADING.search(c.source)), 0)
    owners: dict[int, list[str]] = {}
    pending: list[int] = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or index < first_heading:
            continue
        ids = [i for i in check_ids(cell.source) if i in expected]
        pending.append(index)
        if ids:
            for owned in pending:
                owners[owned] = list(dict.fromkeys(ids))
            pending = []
    return owners


def region_sources(nb: nbformat.NotebookNode, expected: tuple[str, ...] | list[str],
                   check: str) -> tuple[str, ...]:
    """The sources of the code cells that belong to ``check``, whitespace-normalised."""
    owners = cell_exercises(nb, tuple(expected))
    return tuple(" ".join(nb.cells[i].source.split()) for i in sorted(owners) if check in owners[i])


def execute(nb: nbformat.NotebookNode, workdir: Path, timeout: float) -> Run:
    """Run ``nb`` in place in a fresh kernel, within ``timeout`` seconds of cell time.

    The outputs the learner saved are cleared first: only what this run produces is graded
    (a saved ✅ in a cell the run never reaches does not count).
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None

    client = NotebookClient(
        nb,
        kernel_name="python3",
        allow_errors=True,
        record_timing=False,
        store_widget_state=False,
        startup_timeout=KERNEL_STARTUP_TIMEOUT,
        resources={"metadata": {"path": str(workdir)}},
    )
    env = {**os.environ, checks_base.GRADING_ENV: "1", "MPLBACKEND": "agg"}
    run = Run()
    started, index = False, 0
    try:
        with client.setup_kernel(env=env, stderr=subprocess.DEVNULL):
            started = True
            deadline = time.monotonic() + timeout
            client.timeout_func = lambda cell: max(1, int(deadline - time.monotonic() + 0.999))
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                if time.monotonic() >= deadline:
                    run.stopped_at, run.stop_reason = index, "timeout"
                    break
                try:
                    client.execute_cell(cell, index)
                except CellTimeoutError:
                    run.stopped_at, run.stop_reason = index, "timeout"
                    break
                except DeadKernelError:
                    run.stopped_at, run.stop_reason = index, "dead"
                    break
    except Exception as error:
        if not started:  # the kernel would not start: the grader's problem, not the learner's
            run.failure = f"{type(error).__name__}: {str(error)[:200]}"
        elif run.stopped_at is None:  # the kernel stopped answering while running a cell
            run.stopped_at, run.stop_reason = index, "dead"
    return run


def _error_output(cell: nbformat.NotebookNode) -> str:
    """``"NameError: name 'x' is not defined"`` for a cell that raised, else ``""``."""
    if "raises-exception" in cell.metadata.get("tags", []):
        return ""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            text = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip().rstrip(":")
            return ANSI.sub("", text)[:300]
    return ""


def _results(nb: nbformat.NotebookNode) -> dict[str, checks_base.Result]:
    """The check results the notebook's outputs carry; the last run of each check wins."""
    found = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            payload = output.get("data", {}).get(checks_base.RESULT_MIME)
            if isinstance(payload, dict) and payload.get("status") in checks_base.PREFIXES:
                check = str(payload.get("check"))
                found[check] = checks_base.Result(check, str(payload["status"]),
                                                  str(payload.get("message", "")))
    return found


def statuses(nb: nbformat.NotebookNode, lesson: Lesson, run: Run,
             timeout: float) -> dict[str, Status]:
    """One status per exercise of ``lesson``, from the executed notebook and how its run ended."""
    owners = cell_exercises(nb, lesson.checks)
    results = _results(nb)
    first_owned = min(owners, default=len(nb.cells))
    setup_error = next((e for c in nb.cells[:first_owned] if c.cell_type == "code"
                        and (e := _error_output(c))), "")
    stopped_in = owners.get(run.stopped_at, []) if run.stopped_at is not None else []
    stop_exercise = next((n + 1 for n, check in enumerate(lesson.checks) if check in stopped_in),
                         None)
    out = {}
    for check in lesson.checks:
        cells = sorted(i for i, ids in owners.items() if check in ids)
        if check in results:
            result = results[check]
            status = result.status
            sources = region_sources(nb, lesson.checks, check)
            if status == "hint" and sources == lesson.untouched_sources(check):
                status = "not_attempted"  # the learner changed nothing; the check saw the blank
            out[check] = Status(status, result.message)
        elif run.stopped_at is not None and run.stopped_at in cells:
            if run.stop_reason == "timeout":
                out[check] = Status("timeout", (
                    "this exercise's code was still running when the notebook's time limit "
                    f"({timeout:g} s) ran out, so it was stopped. Look for a loop that never "
                    "ends."))
            else:
                out[check] = Status("error", "the notebook's kernel stopped while running this "
                                    "exercise's code (it may have run out of memory).")
        elif run.stopped_at is not None and (not cells or cells[0] > run.stopped_at):
            where = (f"at exercise {stop_exercise}" if stop_exercise
                     else "in the lesson's first cells")
            why = "its time limit ran out" if run.stop_reason == "timeout" else "its kernel stopped"
            out[check] = Status("not_reached", f"the notebook's run stopped {where} ({why}) "
                                "before it reached this exercise, so this one could not be "
                                "checked.")
        elif error := next((e for i in cells if (e := _error_output(nb.cells[i]))), ""):
            message = (f"your code raised an error before the check could run: {error}. Read "
                       "the last line of the error, fix that cell, and run it and its check again.")
            if setup_error:
                message += f" (A cell before the exercises also raised {setup_error}; start there.)"
            out[check] = Status("error", message)
        elif not cells:
            out[check] = Status("not_attempted", f"the check cell of this exercise ({check}) is "
                                "not in the notebook, so it could not be checked.")
        else:
            out[check] = Status("not_attempted", "the check of this exercise did not run.")
    return out


def grade_notebook(item: Submitted, timeout: float) -> NotebookGrade:
    """Run one submitted notebook in a throw-away copy and read its statuses; never raises."""
    start = time.perf_counter()
    try:
        nb = nbformat.reads(item.data.decode("utf-8"), as_version=4)
        with tempfile.TemporaryDirectory(prefix="grade-") as tmp:
            workdir = Path(tmp)
            (workdir / f"{item.lesson.stem}.ipynb").write_bytes(item.data)
            run = execute(nb, workdir, timeout)
    except Exception as error:  # a bug or an environment problem on the grader's side
        run = Run(failure=f"{type(error).__name__}: {str(error)[:200]}")
    seconds = time.perf_counter() - start
    if run.failure:
        message = ("not graded: the grader could not run this notebook; your instructor will "
                   "look into it.")
        return NotebookGrade({c: Status("not_reached", message) for c in item.lesson.checks},
                             seconds, grader_failure=run.failure)
    return NotebookGrade(statuses(nb, item.lesson, run, timeout), seconds)


def same_run_key(item: Submitted) -> tuple:
    """What decides a notebook's statuses: its lesson and, for every cell, its type, source and
    tags (deliberate errors are tagged; headings decide which exercise a cell belongs to).
    Saved outputs do not count (``execute`` clears them). Notebooks with the same key are run
    once and share that run's statuses: an instructor's class holds many untouched notebooks,
    and the same work may be handed in both as a folder and as an archive."""
    try:
        nb = nbformat.reads(item.data.decode("utf-8"), as_version=4)
        cells = tuple((cell.cell_type, cell.source, tuple(cell.metadata.get("tags", [])))
                      for cell in nb.cells)
    except Exception:  # noqa: BLE001 - unreadable here: run it on its own, grade_notebook says why
        return (item.lesson.number, "unread", item.learner, item.file)
    return (item.lesson.number, cells)


def missing_statuses(learner: Learner, lesson: Lesson) -> dict[str, Status]:
    reason = learner.unreadable.get(lesson.number) or (
        f"no notebook was handed in for this lesson (expected {lesson.stem}.ipynb).")
    return {check: Status("missing", reason) for check in lesson.checks}


# ---------------------------------------------------------------------------------------
# The whole class
# ---------------------------------------------------------------------------------------


def grade_class(submissions: Path, out: Path, timeout: float = DEFAULT_TIMEOUT, jobs: int = 1,
                lessons: list[str] | None = None, points_file: Path | None = None,
                root: Path = ROOT, log=print) -> int:
    """Grade every learner in ``submissions`` and write the reports to ``out``; the exit status."""
    every_lesson = discover_lessons(root)
    graded = select_lessons(every_lesson, lessons) if lessons else every_lesson
    course = Course(tuple(graded), submit.course_version(root),
                    frozenset(lesson.stem for lesson in every_lesson if lesson not in graded))
    points = load_points(points_file, list(course.lessons))
    learners, stray = collect(submissions, course)
    tasks = [item for learner in learners for item in learner.notebooks.values()]
    same_cells: dict[tuple, list[Submitted]] = {}
    for item in tasks:
        same_cells.setdefault(same_run_key(item), []).append(item)
    log(f"Grading {grade_report.plural(len(tasks), 'notebook')} of "
        f"{grade_report.plural(len(learners), 'learner')} "
        f"({grade_report.plural(len(course.lessons), 'lesson')}, time limit {timeout:g} s per notebook, "
        f"{jobs} at a time); {grade_report.plural(len(same_cells), 'run')}: notebooks with the "
        "same cells for the same lesson are run once...")
    grades: dict[tuple[str, str], NotebookGrade] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(grade_notebook, group[0], timeout): group
                   for group in same_cells.values()}
        for future in concurrent.futures.as_completed(futures):
            item, *copies = futures[future]
            grade = future.result()
            grades[(item.learner, item.lesson.number)] = grade
            counts = grade_report.count_statuses(s.status for s in grade.statuses.values())
            log(f"  {grade.seconds:5.1f} s  {item.learner} / {item.lesson.stem}: {counts}"
                + (f"  [grader failure: {grade.grader_failure}]" if grade.grader_failure else "")
                + (f"; the same for {', '.join(c.learner for c in copies)}" if copies else ""))
            for copy in copies:
                grades[(copy.learner, copy.lesson.number)] = NotebookGrade(
                    dict(grade.statuses), grade.seconds, grade.grader_failure,
                    same_cells_as=f"{item.learner}/{item.file}")
    rows: list[grade_report.Row] = []
    for learner in learners:
        for lesson in course.lessons:
            item = learner.notebooks.get(lesson.number)
            grade = grades.get((learner.name, lesson.number))
            found = grade.statuses if grade else missing_statuses(learner, lesson)
            for check in lesson.checks:
                status = found[check]
                earned = points[check] if status.status == "passed" else 0.0
                rows.append(grade_report.Row(learner.name, lesson.number, check, status.status,
                                             earned, points[check], status.message))
            if item and grade:
                state = "graded_other_version" if item.notes else "graded"
                note = "; ".join(item.notes + ([f"grader failure: {grade.grader_failure}"]
                                               if grade.grader_failure else []))
                learner.files.append(FileNote(
                    learner.name, item.file, lesson.number, state, note,
                    None if grade.same_cells_as else grade.seconds,
                    same_cells_as=grade.same_cells_as))
    failures = [g for g in grades.values() if g.grader_failure]
    report = grade_report.Report(
        rows=rows,
        lessons=[(lesson.number, lesson.title, lesson.checks) for lesson in course.lessons],
        learners=[learner.name for learner in learners],
        files=stray + [note for learner in learners for note in learner.files],
        points=points,
        course_version=course.version,
        timeout=timeout,
    )
    grade_report.write_all(report, out)
    seconds = [g.seconds for g in grades.values() if not g.same_cells_as]
    log(f"Wrote {out / 'gradebook.csv'}, {out / 'summary.md'} and {len(learners)} feedback files."
        + (f" Median {sorted(seconds)[len(seconds) // 2]:.1f} s per notebook." if seconds else ""))
    if failures:
        log(f"❌ The grader could not run {len(failures)} notebook(s); see files.csv.")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", type=Path, help="one folder (or .zip) per learner")
    parser.add_argument("--out", type=Path, required=True,
                        help="folder for the gradebook and reports")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help=f"seconds of cell time per notebook (default {DEFAULT_TIMEOUT})")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="notebooks run at once (default: the number of CPUs)")
    parser.add_argument("--lessons", nargs="+", metavar="NN",
                        help="grade only these lessons, e.g. 00 01")
    parser.add_argument("--points", type=Path, help="CSV exercise,points overriding the default 1")
    args = parser.parse_args(argv)
    if not args.submissions.is_dir():
        parser.error(f"SUBMISSIONS {str(args.submissions)!r} is not a folder; expected one folder "
                     "per learner (or learner.zip archives) inside it")
    if args.timeout <= 0:
        parser.error(f"--timeout {args.timeout:g}: expected a number of seconds above 0")
    if args.jobs < 1:
        parser.error(f"--jobs {args.jobs}: expected 1 or more")
    if args.points is not None and not args.points.is_file():
        parser.error(f"--points {str(args.points)!r} is not a file; expected a CSV exercise,points")
    inside = args.submissions.resolve()
    if args.out.resolve() == inside or inside in args.out.resolve().parents:
        parser.error(f"--out {str(args.out)!r} is inside SUBMISSIONS; choose a folder outside it")
    try:
        return grade_class(args.submissions, args.out, args.timeout, args.jobs, args.lessons,
                           args.points)
    except ValueError as error:
        parser.error(str(error))
    return 2  # pragma: no cover - parser.error exits


if __name__ == "__main__":
    sys.exit(main())
