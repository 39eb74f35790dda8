#!/usr/bin/env python3
"""Write ``docs/glossary.md`` from ``data/glossary.csv``: the course's Arabic terms, glossed.

``data/glossary.csv`` is the single source (lessons add a row for every Arabic term they
gloss); this script turns it into a page for reading, one section per lesson in course order,
terms in the order of their English gloss. Lesson titles come from ``notebooks/lessons.yml``.
The page depends on nothing else, so running the script twice changes nothing.

Usage::

    python tools/make_glossary.py          # write docs/glossary.md
    python tools/make_glossary.py --check  # exit 1 if docs/glossary.md is stale (used by the tests)
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lesson_cells  # noqa: E402  (a sibling script)

ROOT = lesson_cells.ROOT
SOURCE = Path("data") / "glossary.csv"
TARGET = Path("docs") / "glossary.md"
COLUMNS = ("term_ar", "transliteration", "english", "meaning", "first_lesson")

INTRO = """\
# Glossary of Arabic terms

Every Arabic word or phrase that the lessons rely on, with its transliteration, a short English
gloss and what it means in the course. Terms are grouped by the lesson that first uses them.
A lesson glosses a term the first time it appears, for example تويتر (*Tuwītar*, "Twitter").

This page is generated from `data/glossary.csv` by `python tools/make_glossary.py`; edit the
CSV file, never this page. Transliterations follow common academic usage (ʿ for ʿayn, ʾ for
hamza, a macron for a long vowel, a dot under an emphatic consonant)."""


def _cell(text: str) -> str:
    """Text made safe for one Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def read_terms(root: Path = ROOT) -> list[dict[str, str]]:
    """The glossary rows, checked for the expected columns and a whole-number lesson."""
    path = root / SOURCE
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(
                f"{SOURCE} must have the columns {', '.join(COLUMNS)}, "
                f"got {', '.join(reader.fieldnames or [])}"
            )
        rows = list(reader)
    for number, row in enumerate(rows, start=2):
        if not row["first_lesson"].strip().isdigit():
            raise ValueError(
                f"{SOURCE}, row {number}: first_lesson must be a lesson number such as 3, "
                f"got {row['first_lesson']!r}"
            )
    return rows


def render(root: Path = ROOT) -> str:
    """The text of ``docs/glossary.md``."""
    titles = {
        int(lesson["number"]): lesson["title"]
        for lesson in lesson_cells.load_lessons(root / "notebooks" / "lessons.yml")
    }
    by_lesson: dict[int, list[dict[str, str]]] = {}
    for row in read_terms(root):
        by_lesson.setdefault(int(row["first_lesson"]), []).append(row)
    parts = [INTRO, f"{sum(len(rows) for rows in by_lesson.values())} terms."]
    for number in sorted(by_lesson):
        title = titles.get(number, "")
        heading = f"## Lesson {number:02d}" + (f" · {title}" if title else "")
        rows = sorted(by_lesson[number], key=lambda r: (r["english"].casefold(), r["term_ar"]))
        table = [
            "| Arabic | Transliteration | English | Meaning in the course |",
            "|---|---|---|---|",
            *(
                f"| {_cell(r['term_ar'])} | *{_cell(r['transliteration'])}* | "
                f"{_cell(r['english'])} | {_cell(r['meaning'])} |"
                for r in rows
            ),
        ]
        parts.append(heading + "\n\n" + "\n".join(table))
    return "\n\n".join(parts) + "\n"


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report a stale page, change nothing")
    args = parser.parse_args(argv)
    wanted = render(root)
    path = root / TARGET
    current = path.read_text(encoding="utf-8") if path.exists() else None
    if args.check:
        if current != wanted:
            print(f"stale: {TARGET} differs from what {SOURCE} generates; "
                  "run `python tools/make_glossary.py`")
            return 1
        return 0
    if current != wanted:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wanted, encoding="utf-8")
        print(f"updated {TARGET}")
    else:
        print(f"{TARGET} already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
