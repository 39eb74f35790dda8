#!/usr/bin/env python3
"""Time a what-if slider move against the naive full redraw of the same chart, per view.

For every view in ``counterprop.views.VIEWS`` this script, in one process with the Agg
backend:

1. **the view** — times N slider moves. A move is ``slider.value = x``, which runs the
   view's observer synchronously: the model call, the artist updates and a finished,
   synchronous render (blitting: ``restore_region`` → ``draw_artist`` → ``blit``; titles
   and labels that change are blitted too, and no axis rescales, so no move needs a full
   ``fig.canvas.draw()``; a text drawn before is pasted from its kept pixels, and a new one
   reuses the bitmaps of glyphs drawn before, ``counterprop.views.text_pixels``).
   ``draw_idle()``, which returns before rendering, is never used.
2. **the naive redraw** — times the same N moves on fresh sliders wired with
   ``ipywidgets.interactive_output`` to a function that builds a new figure, draws the same
   chart, renders it to PNG with ``bbox_inches="tight"`` and closes it: what
   ``interactive_output`` with the inline backend does on every move (tooling.md §6.1,
   variant A).

Moves: each slider in turn walks across its whole range in evenly spaced steps (as a
dragged handle does), starting from the registry defaults; the view is reset between
sliders, untimed. One untimed warm-up move precedes each series.

It prints the median and 95th percentile per view and the ratio naive/view, and checks the
course budget (COURSE.md §8): median **and** p95 ≤ 16.7 ms (one frame at 60 Hz) and at least
3× faster than the naive redraw.
The exit status is 1 when a view is over budget.

Usage::

    python benchmarks/widget_latency.py                  # 60 moves per view
    python benchmarks/widget_latency.py --moves 120 --json work/latency.json
    python benchmarks/widget_latency.py --full-draw      # also time blit=False (fig.canvas.draw())
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import math
import os
import platform
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from counterprop import style, views  # noqa: E402

BUDGET_MS = 16.7
"""One frame at 60 Hz: the budget of a slider move, for its median and its p95."""
MIN_RATIO = 3.0


def plan(view: views.ModelView, moves: int) -> list[tuple[str, float]]:
    """``moves`` slider moves: each slider walks across its range, sliders taking turns."""
    names = list(view.sliders)
    per_slider = [moves // len(names) + (i < moves % len(names)) for i in range(len(names))]
    out = []
    for name, count in zip(names, per_slider):
        slider = view.sliders[name]
        for value in np.linspace(slider.min, slider.max, max(count, 1))[:count]:
            value = round(float(value) / slider.step) * slider.step
            out.append((name, int(value) if isinstance(slider, widgets.IntSlider) else value))
    return out


def time_moves(sliders: dict, moves: list[tuple[str, float]], reset) -> list[float]:
    """Seconds taken by each ``slider.value = x``; ``reset`` runs untimed between sliders."""
    first_name, first_value = moves[0]
    sliders[first_name].value = first_value  # warm-up
    reset()
    seconds = []
    current = None
    for name, value in moves:
        if name != current:
            reset()
            current = name
        if sliders[name].value == value:  # a move must change something
            sliders[name].value = sliders[name].max if value != sliders[name].max else sliders[
                name].min
        start = time.perf_counter()
        sliders[name].value = value
        seconds.append(time.perf_counter() - start)
    return seconds


def time_view(cls: type[views.ModelView], moves: int, blit: bool = True) -> list[float]:
    view = cls(canvas="agg", blit=blit)
    return time_moves(view.sliders, plan(view, moves), view.reset)


def time_naive(cls: type[views.ModelView], moves: int) -> list[float]:
    """The same moves on fresh sliders driving an ``interactive_output`` full redraw."""
    view = cls(canvas="agg")  # only for its registry parameters, model and chart code
    sliders = {name: views.make_slider(p) for name, p in view.parameters.items()}

    def redraw(**values: float) -> None:
        figure = plt.figure(figsize=view.figsize)
        view.render_figure(figure, values)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", bbox_inches="tight")
        plt.close(figure)

    def reset() -> None:
        for name, value in view.defaults().items():
            sliders[name].value = value

    # Outside a kernel, interactive_output's clear_output prints terminal escape codes.
    with contextlib.redirect_stdout(io.StringIO()):
        widgets.interactive_output(redraw, sliders)
        return time_moves(sliders, plan(view, moves), reset)


def summary(seconds: list[float]) -> tuple[float, float]:
    ms = np.asarray(seconds) * 1000.0
    return float(np.median(ms)), float(np.percentile(ms, 95))


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{dt.date.today().isoformat()} · {platform.system()} {platform.machine()} · "
        f"{os.cpu_count()} cores · Python {platform.python_version()} · "
        f"matplotlib {matplotlib.__version__} · ipywidgets {widgets.__version__} · "
        f"load average {load:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=60, help="slider moves per view (default 60)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--full-draw", action="store_true",
                        help="also time the view with blit=False (a full fig.canvas.draw())")
    parser.add_argument("--views", nargs="*", default=sorted(views.VIEWS), help="default: all")
    args = parser.parse_args(argv)
    style.apply()
    print(machine())
    print(f"{args.moves} moves per view; budget: median and p95 ≤ {BUDGET_MS:.1f} ms and "
          f"≥ {MIN_RATIO:.0f}× faster than the naive redraw\n")
    header = f"{'view':10} {'median ms':>10} {'p95 ms':>8} {'naive median ms':>16} {'ratio':>7}"
    if args.full_draw:
        header += f" {'full draw ms':>13}"
    print(header + "  verdict")
    results, ok = [], True
    for name in args.views:
        cls = views.VIEWS[name]
        median, p95 = summary(time_view(cls, args.moves))
        naive, _ = summary(time_naive(cls, args.moves))
        ratio = naive / median if median > 0 else math.inf
        row = {"view": name, "median_ms": round(median, 2), "p95_ms": round(p95, 2),
               "naive_median_ms": round(naive, 2), "ratio": round(ratio, 2)}
        line = f"{name:10} {median:10.1f} {p95:8.1f} {naive:16.1f} {ratio:6.1f}×"
        if args.full_draw:
            full, _ = summary(time_view(cls, args.moves, blit=False))
            row["full_draw_median_ms"] = round(full, 2)
            line += f" {full:13.1f}"
        passed = median <= BUDGET_MS and p95 <= BUDGET_MS and ratio >= MIN_RATIO
        ok &= passed
        print(line + ("  ok" if passed else "  OVER BUDGET"))
        results.append(row)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
