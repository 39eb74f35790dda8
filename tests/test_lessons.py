"""Lesson lint: the rules every notebook of the course follows (COURSE.md §3, §7, §9)."""

from __future__ import annotations

import re

import lesson_cells
import pytest
from conftest import ROOT, notebooks, read

ALL = notebooks()
EXECUTED = notebooks("notebooks", "solutions")
LESSONS = lesson_cells.load_lessons()

NETWORK = re.compile(
    r"https?://|\brequests\b|\burllib\b|urlopen|\bsocket\b|\bhttpx\b|pip install|\bwget\b|\bcurl\b"
    r"|load_dataset|read_html|webbrowser"
)
SECRET = re.compile(
    r"(?i)\b(api[_-]?key|secret|token|password|passwd|consumer_key|access_token)\b\s*[:=]\s*['\"][^'\"]{4,}"
    r"|AKIA[0-9A-Z]{16}|ghp_[0-9A-Za-z]{30,}|sk-[0-9A-Za-z]{20,}|xox[abp]-[0-9A-Za-z-]{10,}"
)
IMAGE = ("image/png", "image/jpeg", "image/svg+xml")
ids = lambda p: f"{p.parent.name}/{p.name}"


def test_every_lesson_file_is_listed_in_lessons_yml():
    stems = {lesson["stem"] for lesson in LESSONS}
    for path in ALL:
        assert path.stem in stems, f"{path.name} is not in notebooks/lessons.yml"


def test_lesson_boilerplate_and_course_maps_are_up_to_date(capsys):
    assert lesson_cells.main(["--check"]) == 0, capsys.readouterr().out


@pytest.mark.parametrize("path", ALL, ids=ids)
def test_header_cell_has_every_field(path):
    header = read(path).cells[0]
    assert header.cell_type == "markdown" and header.source.startswith(lesson_cells.HEADER_MARK)
    text = header.source
    assert re.search(r"^# \d\d · .+", text, re.MULTILINE)
    assert re.search(r"\*\*Estimated time: teaching \d+ min / exercises \d+ min\*\*", text)
    for field in ("**Questions**", "**Objectives**", "**Prerequisites:**", "**Data used:**"):
        assert field in text, field


@pytest.mark.parametrize("path", ALL, ids=ids)
def test_exactly_one_h1_and_key_points_last(path):
    nb = read(path)
    h1 = [line for c in nb.cells if c.cell_type == "markdown"
          for line in c.source.splitlines() if re.match(r"^# \S", line)]
    assert len(h1) == 1, h1
    last = nb.cells[-1]
    assert last.cell_type == "markdown" and last.source.startswith(lesson_cells.FOOTER_MARK)
    assert "## Key points" in last.source


@pytest.mark.parametrize("path", ALL, ids=ids)
def test_code_cells_use_no_network_no_secrets_and_no_trailing_semicolon(path):
    for i, cell in enumerate(read(path).cells):
        if cell.cell_type != "code":
            continue
        assert not NETWORK.search(cell.source), f"cell {i} looks like network access"
        assert not SECRET.search(cell.source), f"cell {i} looks like it holds a secret"
        lines = [line for line in cell.source.splitlines() if line.strip()]
        assert not (lines and lines[-1].rstrip().endswith(";")), (
            f"cell {i} ends with ';': end plot cells with plt.show() (nbval #194)")


@pytest.mark.parametrize("path", EXECUTED, ids=ids)
def test_every_image_is_followed_by_a_figure_description(path):
    cells = read(path).cells
    for i, cell in enumerate(cells):
        has_image = cell.cell_type == "code" and any(
            any(k in out.get("data", {}) for k in IMAGE) for out in cell.get("outputs", []))
        if has_image:
            after = cells[i + 1] if i + 1 < len(cells) else None
            assert after is not None and after.cell_type == "markdown" and \
                after.source.lstrip().startswith("Figure:"), f"cell {i} draws an image without a Figure: cell after it"


@pytest.mark.parametrize("path", EXECUTED, ids=ids)
def test_lessons_and_solutions_are_saved_executed(path):
    code = [c for c in read(path).cells if c.cell_type == "code"]
    assert code and all(c.execution_count is not None for c in code), "run `make execute`"
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), "outputs must come from one top-to-bottom run"


@pytest.mark.parametrize("path", ALL, ids=ids)
def test_no_error_outputs_except_tagged_teaching_errors(path):
    for i, cell in enumerate(read(path).cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            assert "raises-exception" in cell.metadata.get("tags", []), f"cell {i} has an untagged error"


@pytest.mark.parametrize("path", ALL, ids=ids)
def test_kernelspec_is_the_course_python(path):
    assert read(path).metadata["kernelspec"]["name"] == "python3"


def test_every_arabic_word_in_markdown_glosses_is_in_the_glossary():
    # Terms shown with a transliteration in italics, e.g. داعش (*Dāʿish*), must be glossed.
    from counterprop import data

    glossary = set(data.load("glossary")["term_ar"])
    pattern = re.compile(r"([\u0600-\u06FF][\u0600-\u06FF ]*[\u0600-\u06FF])(?:, | \()\*[^*]+\*")
    for path in notebooks("notebooks"):
        for cell in read(path).cells:
            if cell.cell_type == "markdown":
                for term in pattern.findall(cell.source):
                    assert term in glossary, f"{path.name}: {term} is glossed inline but not in data/glossary.csv"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson["number"])
def test_lessons_yml_entries_are_complete_and_plain_text(lesson):
    for key in ("number", "stem", "title", "summary", "prerequisites", "data"):
        assert isinstance(lesson[key], str) and lesson[key].strip(), key
    for key in ("questions", "objectives", "key_points"):
        items = lesson[key]
        assert items and all(isinstance(item, str) for item in items), (
            f"{key}: quote items that contain ': ' so YAML keeps them as text")
    assert lesson["stem"].startswith(lesson["number"] + "-")
    assert 30 <= lesson["teaching"] <= 60 and 0 < lesson["exercises"] <= 30


MACHINE_PATH = re.compile(r"(?<![\w.<])/(?:work|tmp|root|home|usr|opt|private|var)/")


@pytest.mark.parametrize("path", EXECUTED, ids=ids)
def test_saved_outputs_name_no_machine_path(path):
    # tools/execute.py saves outputs in nbval's sanitized form; a path here would also differ
    # on every clone and break the comparison.
    text = path.read_text(encoding="utf-8")
    outputs = [line for line in text.splitlines() if MACHINE_PATH.search(line)]
    assert not outputs, outputs[:3]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson["number"])
def test_every_lesson_has_an_instructor_guide_section(lesson):
    guide = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    heading = (f"## Lesson {lesson['number']} · {lesson['title']} ({lesson['teaching']} min "
               f"teaching, {lesson['exercises']} min exercises)")
    assert heading in guide, f"missing or stale heading: {heading}"
    section = guide.split(heading, 1)[1].split("\n## ", 1)[0]
    for part in ("**Objectives.**", "**Discussion prompts"):
        assert part in section, f"lesson {lesson['number']}: no {part}"
