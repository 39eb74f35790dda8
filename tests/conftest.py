"""Shared helpers for the course's tests."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

NOTEBOOK_DIRS = ("notebooks", "solutions", "exercises")

HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
FULL_CHROMIUM = Path("/usr/bin/chromium")


def chromium_path() -> Path:
    """The Chromium the browser tests drive (Playwright never downloads one here).

    ``COURSE_CHROMIUM`` when set; else Debian's ``chromium-headless-shell``, the same engine
    and version without the desktop browser around it, which does the same work with about a
    fifth less CPU; else Debian's ``chromium``. Either may be missing: the tests then skip.
    """
    if os.environ.get("COURSE_CHROMIUM"):
        return Path(os.environ["COURSE_CHROMIUM"])
    return HEADLESS_SHELL if HEADLESS_SHELL.exists() else FULL_CHROMIUM


NO_CHROMIUM = ("Chromium is not installed: `sudo apt-get install chromium-headless-shell` "
               "(or `chromium`; .ci/run installs the headless shell in CI)")
NEEDS_CHROMIUM = pytest.mark.skipif(
    not chromium_path().exists() and not os.environ.get("COURSE_REQUIRE_BROWSER"),  # CI: fail
    reason=NO_CHROMIUM,
)
"""Skip a browser test where no Chromium is installed (``COURSE_REQUIRE_BROWSER=1``: fail)."""


def notebooks(*dirs: str) -> list[Path]:
    """Every notebook in the given top-level folders (default: all three)."""
    return sorted(p for d in dirs or NOTEBOOK_DIRS for p in (ROOT / d).glob("*.ipynb"))


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the course's data, notebooks and docs, for tests that break things."""
    for name in ("data", "notebooks", "solutions", "exercises", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    return tmp_path


@pytest.fixture(scope="module")
def shared_view():
    """``shared_view(name)``: the view ``name``, built once per test module and handed out at
    its registry defaults (``view_helpers.Shelf``)."""
    from view_helpers import Shelf

    return Shelf()


CHECK_PREFIXES = ("✅ ", "💡 ", "⏳ ")


def run_check(capsys, name: str, *answers) -> str:
    """Run exercise check ``name`` and return what it printed: exactly one feedback line."""
    from counterprop import checks

    result = checks.CHECKS[name](*answers)
    assert result is None  # a check prints; it returns nothing to echo
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith(CHECK_PREFIXES), out
    return out
