"""Checks for lesson 04, Charts that tell the truth."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import numpy as np

from counterprop import data
from counterprop.checks.base import Feedback, correct, exercise, hint, type_name

__all__ = ["q04_1", "q04_2", "q04_3", "q04_4", "q04_5"]


# Chart checks read the matplotlib Axes the learner drew on (bars, lines, points, limits,
# title). matplotlib is imported inside the helpers, so lessons without charts never load it.


def _axes_or_hint(ax: Any) -> tuple[Any, Feedback | None]:
    """``(ax, None)`` for one matplotlib Axes, else ``(None, hint)`` saying what was expected."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(ax, Axes):
        return ax, None
    if isinstance(ax, Figure):
        return None, hint("that is the whole Figure; pass the Axes you drew on, `ax` "
                          "(or `fig.axes[0]`).")
    if isinstance(ax, (list, tuple)) or type(ax).__name__ == "ndarray":
        return None, hint("pass one Axes (`ax`), not a collection of them.")
    return None, hint(f"expected the matplotlib Axes your chart is drawn on (`ax`), "
                      f"got {type_name(ax)}.")


def _nothing_drawn(ax: Any) -> bool:
    return not (ax.lines or ax.collections or ax.patches or ax.containers or ax.texts)


NOTHING_DRAWN = ("nothing is drawn on this Axes yet: draw your chart on `ax` (seaborn: `ax=ax`), "
                 "then run this cell again.")


def _bar_values(ax: Any) -> tuple[list[float], str]:
    """The lengths of the bars on ``ax`` in drawing order, and their orientation."""
    from matplotlib.container import BarContainer

    bars, orientation = [], "vertical"
    for container in ax.containers:
        if isinstance(container, BarContainer):
            orientation = getattr(container, "orientation", None) or "vertical"
            for bar in container:
                bars.append(bar.get_height() if orientation == "vertical" else bar.get_width())
    return bars, orientation


def _all_titles(ax: Any) -> dict[str, str]:
    """The Axes' titles by location, the empty ones left out."""
    titles = {loc: ax.get_title(loc) for loc in ("left", "center", "right")}
    return {loc: t for loc, t in titles.items() if isinstance(t, str) and t.strip()}


def _title_text(ax: Any) -> str:
    titles = " ".join(_all_titles(ax).values()).strip()
    if not titles and getattr(ax.figure, "_suptitle", None) is not None:
        titles = ax.figure._suptitle.get_text().strip()
    return titles


def _starts_at_zero(low: float, high: float) -> bool:
    return abs(low) <= 1e-9 * max(abs(high), 1.0)


def _half_year_figures() -> list[int]:
    suspensions = data.load("suspensions")
    rows = suspensions[(suspensions["channel"] == "transparency_report")
                       & (suspensions["figure_kind"] == "period")].sort_values("window_start")
    return [int(v) for v in rows["accounts"]]


@exercise
def q04_1(ax: Any) -> Feedback:
    """Bars of Twitter's transparency-report half-years, in date order, from zero, with a title."""
    ax, problem = _axes_or_hint(ax)
    if problem:
        return problem
    expected = _half_year_figures()
    values, orientation = _bar_values(ax)
    if not values:
        return hint(NOTHING_DRAWN if _nothing_drawn(ax) else
                    "no bars found on this Axes: draw them with sns.barplot(..., ax=ax) or ax.bar.")
    given = [round(float(v)) for v in values]
    suspensions = data.load("suspensions")
    if len(given) == len(expected) + 2:
        return hint(f"{len(given)} bars: the two blog figures are in there too. Their windows "
                    "overlap the reports' windows; keep only channel == 'transparency_report'.")
    if len(given) == 2 * len(expected):
        return hint(f"{len(given)} bars: you kept the cumulative rows too. They are running "
                    "totals, not half-years; keep figure_kind == 'period'.")
    if len(given) == len(suspensions):
        return hint(f"{len(given)} bars: that is every row of the table. Keep the "
                    "transparency report's period rows only.")
    if len(given) != len(expected):
        return hint(f"expected {len(expected)} bars, one per half-year; found {len(given)}.")
    if sorted(given) == sorted(expected) and given != expected:
        return hint("the right three figures, but not in date order: sort the rows by "
                    "window_start before drawing.")
    if given != expected:
        return hint("three bars, but their lengths are not the accounts figures of the "
                    "half-years: plot the accounts column.")
    low, high = ax.get_ylim() if orientation == "vertical" else ax.get_xlim()
    if not _starts_at_zero(min(low, high), max(low, high)):
        return hint(f"the value axis starts at {min(low, high):,.0f}: bars are read by their "
                    "length, so start it at zero (ax.set_ylim(bottom=0)).")
    if not _title_text(ax):
        return hint("add a title that states what happened, e.g. how the last half-year "
                    "compares with the first (ax.set_title(...)).")
    first, last = expected[0], expected[-1]
    return correct(f"{first:,} → {expected[1]:,} → {last:,} on an axis from zero: a fall of "
                   f"1 − {last:,}/{first:,} = {1 - last / first:.0%} in a year (derived).")


def _line_values(ax: Any) -> list[list[float]]:
    """The finite y-values of every line on ``ax`` that joins two or more points."""

    lines = []
    for line in ax.get_lines():
        y = np.asarray(line.get_ydata(), dtype=float).ravel()
        y = y[np.isfinite(y)]
        if len(y) >= 2:
            lines.append([float(v) for v in y])
    return lines


@exercise
def q04_2(ax: Any) -> Feedback:
    """One line per production series, each joining only that series' own counts."""

    ax, problem = _axes_or_hint(ax)
    if problem:
        return problem
    production = data.load("production")
    counts = {sid: frozenset(int(c) for c in rows["count"])
              for sid, rows in production.groupby("series_id", sort=True)}
    sizes = production["series_id"].value_counts()
    expected = Counter(counts[sid] for sid in counts if sizes[sid] >= 2)
    lines = _line_values(ax)
    if not lines:
        return hint(NOTHING_DRAWN if _nothing_drawn(ax) else
                    "no line joins two points yet: draw one line per series_id.")
    every_count = frozenset().union(*counts.values())
    found = []
    for values in lines:
        as_ints = frozenset(round(v) for v in values)
        if not all(abs(v - round(v)) < 1e-6 for v in values) or not as_ints <= every_count:
            return hint("a line shows values that are not counts from the table: plot the "
                        "count column itself against period_start.")
        if not any(as_ints <= series for series in counts.values()):
            return hint("a line still joins counts from different series: that is the splice. "
                        "Draw each series_id separately (hue='series_id' in seaborn).")
        found.append(as_ints)
    found_counts = Counter(found)
    if found_counts == expected:
        return correct(f"{sum(expected.values())} separate lines, each from one study. "
                       "Each one ends lower than it began.")
    missing = expected - found_counts
    if missing:
        names = sorted(sid for sid, values in counts.items() if values in missing)
        return hint(f"{sum(found_counts.values())} lines, but some series with two counts have "
                    f"no line of their own (look for: {', '.join(names)}).")
    return hint("some series is drawn more than once; draw each series_id once.")


def _numbers_in(text: str) -> list[float]:
    """Numbers written in ``text``: '376,890', '377 thousand', '0.3 million', '275k'."""

    scale = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6}
    numbers = []
    for match in re.finditer(r"(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|k\b|m\b)?", text.lower()):
        try:
            value = float(match[1].rstrip(",").replace(",", ""))
        except ValueError:
            continue
        numbers.append(value * scale.get(match[2] or "", 1.0))
    return numbers


@exercise
def q04_3(description: Any) -> Feedback:
    """A Figure: description of the half-year bars: what, axes, the three numbers, the finding."""
    if not isinstance(description, str):
        return hint(f"expected the description as a string in quotes, got {type_name(description)}.")
    text = description.strip()
    lower = text.lower()
    if not lower.startswith("figure:"):
        return hint("start with 'Figure:'. Readers (and the course's lint) look for it.")
    words = len(text.split())
    if words < 25:
        return hint(f"only {words} words: say what is plotted, what the axis shows, the three "
                    "numbers and the finding (40 to 80 words is typical).")
    numbers = _numbers_in(text)
    missing = [v for v in _half_year_figures()
               if not any(abs(n - v) <= 0.01 * v for n in numbers)]
    if missing:
        return hint("give all three figures (rounding such as '377,000' is fine); missing: "
                    + ", ".join(f"{v:,}" for v in missing) + ".")
    if "suspen" not in lower:
        return hint("say what is counted: accounts that Twitter suspended.")
    if not any(w in lower for w in ("axis", "axes", "bar", "scale")):
        return hint("describe the chart itself: what kind of chart it is and what its axis "
                    "shows (and that it starts at zero).")
    falls = ("fell", "fall", "declin", "decreas", "down", "drop", "lower", "fewer", "shrank",
             "less", "shorter")
    if not any(w in lower for w in falls):
        return hint("state the finding: what happened from the first half-year to the last?")
    return correct("what, how, the numbers and the finding: a reader who cannot see the chart "
                   "can follow it.")


_ARABIC_LETTER = ("\u0621", "\u064a")
_PRESENTATION_FORMS = (("\ufb50", "\ufdff"), ("\ufe70", "\ufeff"))


def _has(text: str, ranges: tuple[tuple[str, str], ...]) -> bool:
    return any(low <= ch <= high for ch in text for low, high in ranges)


@exercise
def q04_4(ax: Any) -> Feedback:
    """An Arabic title containing تويتر, passed as a plain string, on the right."""
    ax, problem = _axes_or_hint(ax)
    if problem:
        return problem
    titles = _all_titles(ax)
    title = " ".join(titles.values())
    if not title:
        return hint("the title is still empty: ax.set_title('…', loc='right') with your "
                    "Arabic sentence.")
    if _has(title, _PRESENTATION_FORMS):
        return hint("the title holds Arabic presentation forms, the output of arabic_reshaper. "
                    "matplotlib 3.11 shapes Arabic itself and draws such text backwards: pass "
                    "the plain string.")
    if not _has(title, (_ARABIC_LETTER,)):
        return hint("the title has no Arabic letters yet; write it in Arabic, with the word تويتر.")
    if "تويتر" not in title:
        if "رتيوت" in title:
            return hint("تويتر is stored reversed (رتيوت), as python-bidi's get_display does. "
                        "Keep the string in reading order; matplotlib lays it out right to left.")
        return hint("the title should contain the word تويتر (Twitter).")
    if "right" not in titles:
        return hint("almost: Arabic reads from the right, so put the title there with "
                    "ax.set_title(..., loc='right').")
    return correct("a plain Arabic string on the right: matplotlib joins its letters and lays "
                   "it out from right to left.")


def _points_and_markers(ax: Any) -> tuple[list[tuple[float, float]], set]:
    """Every plotted point (scatter offsets and line markers) and the set of marker shapes."""
    from matplotlib.collections import PathCollection

    points, shapes = [], set()
    for collection in ax.collections:
        if not isinstance(collection, PathCollection):
            continue
        offsets = np.asarray(collection.get_offsets(), dtype=float).reshape(-1, 2)
        keep = np.isfinite(offsets).all(axis=1)
        points += [(float(x), float(y)) for x, y in offsets[keep]]
        paths = collection.get_paths()
        if keep.any():
            shapes |= {("path", tuple(np.round(p.vertices, 2).ravel())) for p in paths}
    for line in ax.get_lines():
        marker = line.get_marker()
        if marker in (None, "", " ", "None", "none"):
            continue
        x = np.asarray(line.get_xdata(), dtype=float).ravel()
        y = np.asarray(line.get_ydata(), dtype=float).ravel()
        keep = np.isfinite(x) & np.isfinite(y)
        points += [(float(a), float(b)) for a, b in zip(x[keep], y[keep], strict=True)]
        if keep.any():
            shapes.add(("marker", str(marker)))
    return points, shapes


@exercise
def q04_5(ax: Any) -> Feedback:
    """The dated fighters-killed claims, qualifiers as marker shapes, y from zero, a title."""

    ax, problem = _axes_or_hint(ax)
    if problem:
        return problem
    estimates = data.load("official_estimates")
    killed = estimates[estimates["metric"] == "fighters_killed_cumulative"]
    dated = killed[killed["date_precision"] != "unknown"]
    expected = Counter(int(v) for v in dated["value_low"])
    ranges = Counter(int(h) for lo, h in zip(dated["value_low"], dated["value_high"], strict=True)
                     if h != lo)
    points, shapes = _points_and_markers(ax)
    if not points:
        return hint(NOTHING_DRAWN if _nothing_drawn(ax) else
                    "no points found: draw one marker per claim (sns.scatterplot or ax.plot with "
                    "a marker).")
    given = Counter(round(y) for _, y in points)
    if len(points) == len(estimates):
        return hint("that is every estimate, foreign fighters included: keep metric == "
                    "'fighters_killed_cumulative'.")
    if given == expected + Counter(int(v) for v in killed.loc[
            killed["date_precision"] == "unknown", "value_low"]):
        return hint("one point too many: the 'some 20,000' claim has no date. It cannot go on a "
                    "time axis; leave it out and say so in the description.")
    if given != expected and given != expected + ranges:
        return hint(f"expected {sum(expected.values())} points, one per dated claim at its "
                    f"value_low; found {len(points)} with other values.")
    if len(shapes) < 2:
        return hint("every point has the same marker: show the qualifiers with marker shapes "
                    "(style= in seaborn, with markers=charts.MARKER), not with colour alone.")
    low, high = ax.get_ylim()
    if not _starts_at_zero(min(low, high), max(low, high)):
        return hint(f"the y-axis starts at {min(low, high):,.0f}; start it at zero so the "
                    "claims can be compared by height (ax.set_ylim(bottom=0)).")
    if not _title_text(ax):
        return hint("add a title that states your finding (ax.set_title(...)).")
    return correct(f"{sum(expected.values())} dated claims with their qualifiers as shapes. "
                   "Check that your title says only what the chart shows.")
