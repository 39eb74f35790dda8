#!/usr/bin/env python3
"""Re-execute the lesson and solution notebooks so their saved outputs are fresh.

Outputs in ``notebooks/`` and ``solutions/`` are what nbval compares against, so they must come
from the pinned environment, never from hand edits. This script runs each notebook top to
bottom in a fresh kernel of the current Python (run it through ``make execute``), then
normalises what would otherwise change from run to run:

- notebook metadata: a fixed kernelspec, no Python patch version, no widget state;
- cell metadata: no execution timings;
- stream outputs: consecutive pieces of the same stream are joined into one, since a loaded
  machine may deliver one ``print`` in two messages (nbval joins them too before comparing);
- text outputs are saved in the form nbval compares them in: the rules of
  ``tests/nbval_sanitize.cfg`` are applied, so memory addresses become ``ADDR``, the kernel's
  temporary cell files ``<CELL>`` and the course folder ``<course>/`` (only where a path starts,
  never a folder inside it, such as pandas' own ``core/tools/``): no saved output names a
  machine, and a clone in any folder compares equal;
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
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"


def sanitize_rules(path: Path = SANITIZE) -> list[tuple[re.Pattern[str], str]]:
    """The ``regex:``/``replace:`` pairs of nbval's sanitize file, in order."""
    rules, pattern = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("regex:"):
            pattern = re.compile(line.removeprefix("regex:").strip())
        elif line.startswith("replace:") and pattern is not None:
            rules.append((pattern, line.removeprefix("replace:").strip()))
            pattern = None
    return rules


def sanitize(text: str, rules: list[tuple[re.Pattern[str], str]]) -> str:
    """Apply the sanitize rules, as nbval does before it compares outputs."""
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def join_streams(outputs: list[nbformat.NotebookNode]) -> list[nbformat.NotebookNode]:
    """Join consecutive stream outputs of the same name (stdout, stderr) into one output."""
    joined: list[nbformat.NotebookNode] = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
            previous["text"] = previous["text"] + output["text"]
        else:
            joined.append(output)
    return joined


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove everything that changes between two runs of the same notebook."""
    rules = sanitize_rules()
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    language = nb.metadata.get("language_info", {})
    language.pop("version", None)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        cell.outputs = join_streams(cell.get("outputs", []))
        for output in cell.outputs:
            data = output.get("data", {})
            data.pop(WIDGET_VIEW, None)
            if output.get("output_type") == "error":
                output["traceback"] = [sanitize(line, rules) for line in output["traceback"]]
                output["evalue"] = sanitize(output["evalue"], rules)
            if output.get("output_type") == "stream":
                output["text"] = sanitize(output["text"], rules)
            for mime in ("text/plain", "text/html"):
                if isinstance(data.get(mime), str):
                    data[mime] = sanitize(data[mime], rules)
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
