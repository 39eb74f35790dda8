"""docs/glossary.md is generated from data/glossary.csv by tools/make_glossary.py, and in sync."""

from __future__ import annotations

import csv

import make_glossary
from conftest import ROOT

from counterprop import data


def test_the_glossary_page_is_in_sync_with_the_table(capsys):
    assert make_glossary.main(["--check"]) == 0, capsys.readouterr().out


def test_every_term_is_on_the_page_under_its_lesson():
    page = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    glossary = data.load("glossary")
    for row in glossary.itertuples(index=False):
        assert f"| {row.term_ar} | *{row.transliteration}* |" in page, row.term_ar
        assert f"## Lesson {int(row.first_lesson):02d}" in page
    assert f"{len(glossary)} terms." in page


def test_a_new_row_makes_the_page_stale_and_regenerating_fixes_it(course_copy, capsys):
    assert make_glossary.main(["--check"], root=course_copy) == 0
    with (course_copy / "data" / "glossary.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            ["مثال", "mithāl", "example", "A test row | with a pipe.", 8])
    assert make_glossary.main(["--check"], root=course_copy) == 1
    assert "stale: docs/glossary.md" in capsys.readouterr().out
    assert make_glossary.main([], root=course_copy) == 0
    assert make_glossary.main(["--check"], root=course_copy) == 0
    page = (course_copy / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert "| مثال | *mithāl* | example | A test row \\| with a pipe. |" in page


def test_regenerating_twice_changes_nothing(course_copy):
    make_glossary.main([], root=course_copy)
    first = (course_copy / "docs" / "glossary.md").read_bytes()
    make_glossary.main([], root=course_copy)
    assert (course_copy / "docs" / "glossary.md").read_bytes() == first
