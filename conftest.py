"""How ``make test`` runs the notebooks and orders the test files (one pytest session for all).

- **Exercise notebooks are run, not compared.** They are saved without outputs, so nbval runs
  them as ``--nbval-lax`` would: every cell must run without an unexpected error, and no output
  is compared. Lessons and solutions stay strict (``--nbval``): their saved outputs must match.
  Both kinds run in the same session, so the exercises fill the gaps between longer tests.
- **The longest files start first.** pytest-xdist keeps each file (and each notebook) on one
  worker; files marked ``long_module`` (a browser, a site build, a class being graded) are moved
  to the front, so that the many short files pack around them instead of waiting behind them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

LAX_FOLDERS = frozenset({"exercises"})
"""Top-level folders whose notebooks are run without comparing outputs."""


def runs_lax(file_path: Path, rootpath: Path) -> bool:
    """True for a notebook in one of ``LAX_FOLDERS`` of the course."""
    try:
        parts = Path(file_path).resolve().relative_to(Path(rootpath).resolve()).parts
    except ValueError:          # outside the course folder
        return False
    return len(parts) > 1 and parts[0] in LAX_FOLDERS


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "long_module: a file with a long shared fixture, started before the others")


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    collected = yield
    if file_path.suffix == ".ipynb" and runs_lax(file_path, parent.config.rootpath):
        for node in collected or []:
            if hasattr(node, "compare_outputs"):    # nbval's IPyNbFile: read by its collect()
                node.compare_outputs = False
    return collected


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Move the tests of files marked ``long_module`` to the front, keeping every other order."""
    items.sort(key=lambda item: item.get_closest_marker("long_module") is None)
