#!/usr/bin/env python3
"""Generate ``exercises/`` from ``solutions/``: the solutions are the single source.

For each ``solutions/NN-name.ipynb`` this writes ``exercises/NN-name.ipynb`` where:

- code between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` becomes ``...``;
- a line ending in ``# SOLUTION`` keeps its left-hand side: ``total = 1 + 2  # SOLUTION``
  becomes ``total = ...`` (a line that is not an assignment becomes ``...``);
- cells tagged ``solution`` or ``instructor`` are dropped;
- outputs, execution counts and widget state are cleared;
- the header cell says "exercises" instead of "worked solutions";
- a last, optional code cell prints the learner's progress in the lesson (for example
  "Lesson 05: 4 of 6 passed; exercise 3: not attempted"), from the checks run since the
  notebook was opened.

(The single-``#`` markers are the ones both otter-grader and nbgrader understand.)

A learner's work is never overwritten silently. Each generated notebook records a
fingerprint of its cells; if the exercise notebook on disk has been edited since it was
generated, it is first copied to ``work/backups/`` and the script says so.

Usage::

    python tools/make_exercises.py          # regenerate exercises/
    python tools/make_exercises.py --check  # exit 1 if exercises/ is stale (used by the tests)
"""

from __future__ import annotations

import argparse
import ast
import copy
import datetime as dt
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lesson_cells

ROOT = lesson_cells.ROOT
DROP_TAGS = {"solution", "instructor"}
BEGIN = re.compile(r"^(\s*)# BEGIN SOLUTION\s*$")
END = re.compile(r"^\s*# END SOLUTION\s*$")
ONE_LINE = re.compile(r"^(?P<indent>\s*)(?P<code>.*?)\s*# SOLUTION\s*$")
CHECK_CALL = re.compile(r"\bq(\d{2})_\d+\s*\(")
PROGRESS_CELL_ID = "progress"


def strip_solution(source: str) -> str:
    """Replace the solution parts of one code cell's source by ``...``.

    >>> strip_solution("x = 1 + 2  # SOLUTION\\ncheck(x)")
    'x = ...\\ncheck(x)'
    """
    out: list[str] = []
    inside: str | None = None  # the indentation of an open BEGIN SOLUTION block
    for line in source.splitlines():
        if inside is not None:
            if END.match(line):
                inside = None
            continue
        begin = BEGIN.match(line)
        if begin:
            inside = begin[1]
            out.append(f"{inside}...")
            continue
        single = ONE_LINE.match(line)
        if single:
            out.append(f"{single['indent']}{_assignment_target(single['code'])}...")
            continue
        out.append(line)
    if inside is not None:
        raise ValueError("a '# BEGIN SOLUTION' has no matching '# END SOLUTION'")
    return "\n".join(out)


def _assignment_target(code: str) -> str:
    """``"total = 1 + 2"`` → ``"total = "``; ``""`` when the line is not an assignment."""
    try:
        node = ast.parse(code).body[0]
    except (SyntaxError, IndexError):
        return ""
    if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and node.value is not None:
        target = code.encode()[: node.value.col_offset].decode().rstrip()  # offsets count bytes
        return f"{target} "
    return ""


def progress_cell(lesson: str) -> nbformat.NotebookNode:
    """The optional last code cell: the learner's progress in ``lesson`` (e.g. ``"05"``)."""
    source = (
        "# Optional: how many of this lesson's checks have passed since you opened the notebook.\n"
        "from counterprop import checks\n"
        "\n"
        f'checks.progress("{lesson}")'
    )
    return nbformat.v4.new_code_cell(source, id=PROGRESS_CELL_ID)


def fingerprint(nb: nbformat.NotebookNode) -> str:
    """A hash of the notebook's cell types and sources (outputs are ignored)."""
    cells = [[c.cell_type, c.source] for c in nb.cells]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()


def make_exercise(solution: nbformat.NotebookNode, lessons: list[dict], stem: str,
                  root: Path = ROOT) -> nbformat.NotebookNode:
    """Build the exercise notebook for one solution notebook."""
    nb = copy.deepcopy(solution)
    nb.metadata.pop("widgets", None)
    cells = []
    for cell in nb.cells:
        if DROP_TAGS & set(cell.metadata.get("tags", [])):
            continue
        if cell.cell_type == "code":
            cell.source = strip_solution(cell.source)
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
        cells.append(cell)
    lessons_checked = sorted({m[1] for c in cells if c.cell_type == "code"
                              for m in CHECK_CALL.finditer(c.source)})
    if lessons_checked:  # the lesson's own number when its checks are called, as they are
        own = stem[:2] if stem[:2] in lessons_checked else lessons_checked[0]
        cells.append(progress_cell(own))
    nb.cells = cells
    index = next((i for i, lesson in enumerate(lessons) if lesson["stem"] == stem), None)
    if index is not None:
        lesson_cells.set_boilerplate(
            nb,
            lesson_cells.header_source(lessons, index, "exercises", root),
            lesson_cells.footer_source(lessons, index, "exercises", root),
        )
    nb.metadata["counterprop"] = {
        "generated_from": f"solutions/{stem}.ipynb",
        "note": "Generated by tools/make_exercises.py; edit the solution, not this file.",
        "fingerprint": fingerprint(nb),
    }
    return nb


def learner_edited(path: Path) -> bool:
    """True when the exercise notebook on disk was changed since it was generated."""
    nb = nbformat.read(path, as_version=4)
    recorded = nb.metadata.get("counterprop", {}).get("fingerprint")
    return recorded != fingerprint(nb)


def generated(root: Path = ROOT) -> dict[Path, str]:
    """Every exercise notebook, mapped to the text it should have."""
    lessons = lesson_cells.load_lessons(root / "notebooks" / "lessons.yml")
    wanted = {}
    for solution_path in sorted((root / "solutions").glob("*.ipynb")):
        stem = solution_path.stem
        solution = nbformat.read(solution_path, as_version=4)
        exercise = make_exercise(solution, lessons, stem, root)
        wanted[root / "exercises" / f"{stem}.ipynb"] = nbformat.writes(exercise, version=4) + "\n"
    return wanted


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale exercises, change nothing")
    args = parser.parse_args(argv)
    wanted = generated(root)
    stale = sorted(p for p, text in wanted.items()
                   if not p.exists() or p.read_text(encoding="utf-8") != text)
    orphans = sorted(set((root / "exercises").glob("*.ipynb")) - set(wanted))
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(root)} differs from what solutions/ generates")
        for path in orphans:
            print(f"orphan: {path.relative_to(root)} has no notebook in solutions/")
        if stale or orphans:
            print("Run `make exercises` and commit the result.")
            return 1
        print(f"exercises/ is in sync with solutions/ ({len(wanted)} notebooks)")
        return 0
    (root / "exercises").mkdir(exist_ok=True)
    for path in stale:
        if path.exists() and learner_edited(path):
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            backup = root / "work" / "backups" / f"{path.stem}-{stamp}.ipynb"
            backup.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, backup)
            print(f"kept your edited {path.relative_to(root)} as {backup.relative_to(root)}")
        path.write_text(wanted[path], encoding="utf-8")
        print(f"wrote {path.relative_to(root)}")
    for path in orphans:
        print(f"note: {path.relative_to(root)} has no solution notebook; left untouched")
    if not stale:
        print(f"exercises/ already up to date ({len(wanted)} notebooks)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
