#!/usr/bin/env python3
"""Re-execute the lesson and solution notebooks so their saved outputs are fresh.

Outputs in ``notebooks/`` and ``solutions/`` are what nbval compares against, so they must come
from the pinned environment, never from hand edits. This script runs each notebook top to
bottom in a fresh kernel of the current Python (run it through ``make execute``), then
normalises what would otherwise change from run to run:

- notebook metadata: a fixed kernelspec, no Python patch version, no widget state;
- cell metadata: no execution timings;
- memory addresses in object reprs (``<Styler at 0x7f…>``) become ``0xADDR``, as in
  ``tests/nbval_sanitize.cfg``;
- widget outputs: the random ``model_id`` view is dropped (nbval ignores it, and without saved
  widget state it cannot render anyway); the text form stays, and every what-if view also
  draws a static image of its default state.

Running it twice leaves no diff.

Usage::

    python tools/execute.py                      # every notebook in notebooks/ and solutions/
    python tools/execute.py notebooks/00-welcome.ipynb
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
ADDRESS = re.compile(r"(<[a-zA-Z_][0-9a-zA-Z_.]* at )(0x[0-9a-fA-F]+)(>)")


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove everything that changes between two runs of the same notebook."""
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    language = nb.metadata.get("language_info", {})
    language.pop("version", None)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
            if isinstance(data.get("text/plain"), str):
                data["text/plain"] = ADDRESS.sub(r"\1ADDR\3", data["text/plain"])
    return nb


def execute(path: Path, timeout: int = 300) -> float:
    """Run one notebook in place and return the seconds it took (kernel start included)."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=False,
    ).execute()
    seconds = time.perf_counter() - start
    path.write_text(nbformat.writes(normalise(nb), version=4) + "\n", encoding="utf-8")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/ and solutions/")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
        (ROOT / "solutions").glob("*.ipynb"))
    for path in paths:
        seconds = execute(path.resolve())
        print(f"{seconds:6.1f} s  {path.resolve().relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
