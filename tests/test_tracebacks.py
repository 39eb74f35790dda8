"""Lint over every saved output in notebooks/ and solutions/: tracebacks are short and clean.

A deliberate error teaches "read the last line", so its saved traceback stays short (put
``%xmode Minimal`` before it); and a saved path must be a real course path, not one the
sanitiser mangled (``<course>/.venv<course>/tools/...``).
"""

from __future__ import annotations

import re

import pytest
from conftest import notebooks, read

MAX_TRACEBACK_LINES = 25
# <course> right after a path character (.venv<course>, ~<course>, <course><course>) is a path
# the sanitiser cut in the middle; right after a colour code (ESC[32m) it is fine.
MANGLED = re.compile(r"(?<!\x1b\[\dm)(?<!\x1b\[\d\dm)(?<=[\w.~/>-])<course>")
SAVED = notebooks("notebooks", "solutions")


def error_outputs(path):
    for index, cell in enumerate(read(path).cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                yield index, output


def traceback_lines(output) -> list[str]:
    return "\n".join(output.get("traceback", [])).splitlines()


def output_texts(path):
    for index, cell in enumerate(read(path).cells):
        for output in cell.get("outputs", []):
            texts = [*output.get("traceback", []), output.get("evalue", ""), output.get("text", "")]
            texts += [v for v in output.get("data", {}).values() if isinstance(v, str)]
            for text in texts:
                yield index, text if isinstance(text, str) else "".join(text)


@pytest.mark.parametrize("path", SAVED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_saved_tracebacks_are_short(path):
    long = {index: len(traceback_lines(output)) for index, output in error_outputs(path)
            if len(traceback_lines(output)) > MAX_TRACEBACK_LINES}
    assert not long, (f"traceback lines by cell: {long}; put %xmode Minimal before a deliberate error "
                      f"(at most {MAX_TRACEBACK_LINES} lines)")


@pytest.mark.parametrize("path", SAVED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_saved_outputs_hold_no_mangled_path(path):
    mangled = [(index, text[max(0, m.start() - 40):m.end() + 40])
               for index, text in output_texts(path) for m in MANGLED.finditer(text)]
    assert not mangled, mangled[:3]


def test_the_lint_finds_what_it_looks_for():
    # The two patterns on a real mangled line and on a clean one, so the lint cannot pass vacuously.
    bad = "\x1b[32m<course>/.venv<course>/tools/numeric.py:259\x1b[39m"
    good = "\x1b[32m<course>/.venv/lib/python3.12/site-packages/pandas/core/tools/numeric.py:259\x1b[39m"
    assert MANGLED.search(bad) and not MANGLED.search(good)
    assert len(traceback_lines({"traceback": ["a\nb", "c"]})) == 3
