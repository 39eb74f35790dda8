#!/usr/bin/env python3
"""Write the boilerplate cells of every lesson from one metadata file, idempotently.

``notebooks/lessons.yml`` describes each lesson once. From it this script writes:

- the first cell of each lesson and solution notebook (marked ``<!--LESSON-HEADER-->``):
  title, summary, time, prerequisites, data used, questions, objectives, navigation;
- the last cell (marked ``<!--KEY-POINTS-->``): key points and what comes next;
- the course map in ``README.md`` and ``docs/instructor-guide.md``, between
  ``<!--COURSE-MAP-->`` and ``<!--/COURSE-MAP-->``.

Exercise notebooks get theirs from ``tools/make_exercises.py``, which calls this module.

Usage::

    python tools/lesson_cells.py          # refresh every file
    python tools/lesson_cells.py --check  # exit 1 if a refresh would change anything
    python tools/lesson_cells.py --only 03  # only lesson 03's lesson and solution notebooks
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
LESSONS_FILE = ROOT / "notebooks" / "lessons.yml"
HEADER_MARK = "<!--LESSON-HEADER-->"
FOOTER_MARK = "<!--KEY-POINTS-->"
MAP_START, MAP_END = "<!--COURSE-MAP-->", "<!--/COURSE-MAP-->"
KINDS = {"lesson": "notebooks", "solutions": "solutions", "exercises": "exercises"}


def load_lessons(path: Path = LESSONS_FILE) -> list[dict]:
    """The lessons of ``lessons.yml``, in course order."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))["lessons"]


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _link(kind: str, stem: str) -> str:
    """Relative link from a notebook of any folder to ``stem`` in ``kind``'s folder."""
    return f"../{KINDS[kind]}/{stem}.ipynb"


def _exists(kind: str, stem: str, root: Path) -> bool:
    return (root / KINDS[kind] / f"{stem}.ipynb").exists()


def navigation(lessons: list[dict], index: int, kind: str, root: Path = ROOT) -> str:
    """One line of links: previous lesson, course map, this lesson's companion, next lesson."""
    lesson = lessons[index]
    parts = []
    if index > 0 and _exists("lesson", lessons[index - 1]["stem"], root):
        prev = lessons[index - 1]
        parts.append(f"[← {prev['number']} {prev['title']}]({_link('lesson', prev['stem'])})")
    parts.append("[Course map](../README.md#course-map)")
    if kind == "lesson" and _exists("exercises", lesson["stem"], root):
        parts.append(f"[Exercises]({_link('exercises', lesson['stem'])})")
    if kind != "lesson":
        parts.append(f"[Back to the lesson]({_link('lesson', lesson['stem'])})")
    if index + 1 < len(lessons) and _exists("lesson", lessons[index + 1]["stem"], root):
        nxt = lessons[index + 1]
        parts.append(f"[{nxt['number']} {nxt['title']} →]({_link('lesson', nxt['stem'])})")
    return " · ".join(parts)


def header_source(lessons: list[dict], index: int, kind: str, root: Path = ROOT) -> str:
    """The Markdown of a notebook's first cell."""
    lesson = lessons[index]
    suffix = {"lesson": "", "solutions": " — worked solutions", "exercises": " — exercises"}[kind]
    data = ", ".join(f"`{item.strip()}`" for item in lesson["data"].split(","))
    lines = [
        HEADER_MARK,
        f"# {lesson['number']} · {lesson['title']}{suffix}",
        "",
        lesson["summary"],
        "",
    ]
    if kind == "exercises":
        lines += [
            "Each exercise has a cell with `...` for your answer and a check cell below it. "
            "Replace the `...`, run both cells, and read the feedback. Nothing here can break: "
            "run the whole notebook at any time.",
            "",
        ]
    if kind == "solutions":
        lines += [
            "This notebook holds the worked answers. The exercise notebook is generated from it "
            "by `make exercises`; edit answers here, never in `exercises/`.",
            "",
        ]
    lines += [
        f"**Estimated time: teaching {lesson['teaching']} min / exercises {lesson['exercises']} min**  ",
        f"**Prerequisites:** {lesson['prerequisites']}  ",
        f"**Data used:** {data}",
        "",
        "**Questions**",
        "",
        _bullets(lesson["questions"]),
        "",
        "**Objectives**",
        "",
        _bullets(lesson["objectives"]),
        "",
        navigation(lessons, index, kind, root),
    ]
    return "\n".join(lines)


def footer_source(lessons: list[dict], index: int, kind: str, root: Path = ROOT) -> str:
    """The Markdown of a notebook's last cell."""
    lesson = lessons[index]
    lines = [FOOTER_MARK, "## Key points", "", _bullets(lesson["key_points"]), ""]
    if kind == "lesson" and _exists("exercises", lesson["stem"], root):
        lines.append(f"**Next:** practise in the [exercises]({_link('exercises', lesson['stem'])}).")
    elif index + 1 < len(lessons) and _exists("lesson", lessons[index + 1]["stem"], root):
        nxt = lessons[index + 1]
        lines.append(f"**Next:** [{nxt['number']} {nxt['title']}]({_link('lesson', nxt['stem'])}).")
    else:
        lines.append("**Next:** the [course map](../README.md#course-map).")
    return "\n".join(lines).rstrip()


def set_boilerplate(nb: nbformat.NotebookNode, header: str, footer: str) -> None:
    """Replace (or insert) the marked first and last cells of ``nb`` in place."""
    cells = [c for c in nb.cells if not _is_marked(c, HEADER_MARK) and not _is_marked(c, FOOTER_MARK)]
    head = nbformat.v4.new_markdown_cell(header, id="lesson-header")
    foot = nbformat.v4.new_markdown_cell(footer, id="key-points")
    nb.cells = [head, *cells, foot]


def _is_marked(cell: nbformat.NotebookNode, mark: str) -> bool:
    return cell.cell_type == "markdown" and cell.source.lstrip().startswith(mark)


def write_notebook(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write ``nb`` in the course's canonical form (1-space indent, trailing newline)."""
    path.write_text(nbformat.writes(nb, version=4) + "\n", encoding="utf-8")


def course_map(lessons: list[dict], root: Path = ROOT, prefix: str = "") -> str:
    """The course map as a Markdown table, linking the notebooks that exist."""
    rows = [
        "| # | Lesson | Teaching | Exercises | You will |",
        "|---|---|---|---|---|",
    ]
    for lesson in lessons:
        stem = lesson["stem"]
        if _exists("lesson", stem, root):
            name = f"[{lesson['title']}]({prefix}notebooks/{stem}.ipynb)"
            if _exists("exercises", stem, root):
                name += f" · [exercises]({prefix}exercises/{stem}.ipynb)"
        else:
            name = f"{lesson['title']} *(in preparation)*"
        rows.append(
            f"| {lesson['number']} | {name} | {lesson['teaching']} min | {lesson['exercises']} min "
            f"| {lesson['objectives'][0]} |"
        )
    return "\n".join(rows)


def replace_between(text: str, start: str, end: str, body: str) -> str:
    """Replace what lies between the ``start`` and ``end`` markers of ``text``."""
    before, found, rest = text.partition(start)
    if not found or end not in rest:
        raise ValueError(f"markers {start} … {end} not found")
    return f"{before}{start}\n{body}\n{end}{rest.split(end, 1)[1]}"


def planned_changes(root: Path = ROOT, only: str | None = None) -> dict[Path, str]:
    """Every file this script owns (or only lesson ``only``'s notebooks), mapped to its text."""
    lessons = load_lessons(root / "notebooks" / "lessons.yml")
    wanted: dict[Path, str] = {}
    for index, lesson in enumerate(lessons):
        if only is not None and not lesson["stem"].startswith(only):
            continue
        for kind in ("lesson", "solutions"):
            path = root / KINDS[kind] / f"{lesson['stem']}.ipynb"
            if not path.exists():
                continue
            nb = nbformat.read(path, as_version=4)
            set_boilerplate(nb, header_source(lessons, index, kind, root),
                            footer_source(lessons, index, kind, root))
            wanted[path] = nbformat.writes(nb, version=4) + "\n"
    for doc, prefix in (("README.md", ""), ("docs/instructor-guide.md", "../")) if only is None else ():
        path = root / doc
        if path.exists():
            text = path.read_text(encoding="utf-8")
            wanted[path] = replace_between(text, MAP_START, MAP_END, course_map(lessons, root, prefix))
    return wanted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale files, change nothing")
    parser.add_argument("--only", metavar="NN", help="only the notebooks of lesson NN (e.g. 03)")
    args = parser.parse_args(argv)
    stale = []
    for path, text in planned_changes(only=args.only).items():
        if path.read_text(encoding="utf-8") != text:
            stale.append(path.relative_to(ROOT))
            if not args.check:
                path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print("Lesson boilerplate is stale in: " + ", ".join(map(str, stale)))
        print("Run `make cells` (python tools/lesson_cells.py) and commit the result.")
        return 1
    print(("updated " + ", ".join(map(str, stale))) if stale else "lesson boilerplate is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
