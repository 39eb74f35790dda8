"""Chart helpers that several lessons reuse: dated rows, qualifiers and reporting windows.

Lesson 04 builds each of these inline first, then checks that this module gives the same
result; later lessons and the exercises import them.

>>> from counterprop import charts
>>> charts.date_span("2015-07", "month")
(Timestamp('2015-07-01 00:00:00'), Timestamp('2015-07-31 00:00:00'))
>>> charts.READING["more than"], charts.MARKER["lower bound"]
('lower bound', '^')

Design
------
* **A date is a span.** The course tables write dates at the precision the source gives
  (``2015-06-03``, ``2015-07``, ``2017``) and say which in a ``*_precision`` column.
  :func:`date_span` turns one into its first and last day, so a chart can draw a month as a
  month instead of pretending it is its first day. Rows whose date is unknown cannot go on a
  time axis, and :func:`with_spans` refuses them by name.
* **Qualifiers are part of the number.** "more than 10,000" is a lower bound; :data:`READING`
  names what each qualifier of the course tables means, and :data:`MARKER` gives each reading
  its marker shape, so a chart shows it without relying on colour.
* **Windows are intervals.** :func:`draw_windows` draws reporting windows (Twitter's
  suspension figures) as bars along a time axis, one row each, so overlaps are visible and
  nothing invites adding them up.
* **Where a figure comes from shows on the chart.** :func:`status_tag` marks a label read
  through a news report ``[s]`` (secondary) or computed rather than stated ``[d]`` (derived);
  :data:`STATUS_KEY` explains both in one line the chart carries.
* **Furniture is tested, not hand-placed.** :func:`date_axis` writes the year on every date
  tick; :func:`place_labels` puts each label beside its point where it hits no other label,
  marker or line; :func:`legend` keeps one entry per label and a corner that hides no data.
  :func:`chart_problems` lists what a reader would trip over (labels that collide, labels
  crossed by a line, date ticks without a year, a legend over the data); the tests run it on
  every chart of lesson 04.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.path import Path
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from counterprop import data, style

__all__ = ["MARKER", "READING", "STATUS_KEY", "chart_problems", "date_axis", "date_span",
           "draw_windows", "legend", "place_labels", "status_key", "status_tag", "with_spans"]

_FORMATS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
_FREQUENCIES = {"day": "D", "month": "M", "year": "Y"}

READING: dict[str, str] = {
    "": "as stated",
    "exact": "as stated",
    "additional": "as stated",
    "about": "approximate",
    "some": "approximate",
    "more than": "lower bound",
    "more_than": "lower bound",
    "over": "lower bound",
    "at least": "lower bound",
    "under": "upper bound",
}
"""What each qualifier used in the course tables says about its number."""

MARKER: dict[str, str] = {
    "as stated": "s",
    "approximate": "o",
    "lower bound": "^",
    "upper bound": "v",
    "range": "D",
}
"""A marker shape for each reading: a triangle points the way the true value may lie."""

STATUS_KEY = "[s] secondary: read in a news report · [d] derived: a sum, not a stated figure"
"""The one-line key for :func:`status_tag`; put it on every chart that uses the tags."""


def status_tag(kind: str, derived: bool = False) -> str:
    """The tag a chart label carries for a figure's status: ``""``, ``" [s]"``, ``" [d]"`` or
    ``" [s, d]"``.

    >>> status_tag("primary"), status_tag("secondary"), status_tag("secondary", derived=True)
    ('', ' [s]', ' [s, d]')
    """
    if kind not in ("primary", "secondary"):
        raise ValueError(f"kind must be 'primary' or 'secondary', got {kind!r}")
    marks = (["s"] if kind == "secondary" else []) + (["d"] if bool(derived) else [])
    return f" [{', '.join(marks)}]" if marks else ""


def status_key(fig: Figure) -> Text:
    """Write :data:`STATUS_KEY` small, under the whole figure, so the tags explain themselves."""
    return fig.supxlabel(STATUS_KEY, x=0.01, ha="left", fontsize=8, color="0.3")


CHANNEL_LOOK: dict[str, tuple[int, str]] = {"blog": (0, "//"), "transparency_report": (1, "")}
"""Palette index and hatch for each channel of ``suspensions.csv``."""


def date_span(date: str, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day covered by ``date``, written at ``precision``.

    Parameters
    ----------
    date:
        ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, as in ``events.csv`` and
        ``official_estimates.csv``.
    precision:
        ``"day"``, ``"month"`` or ``"year"``; it must match how ``date`` is written.

    Raises
    ------
    ValueError
        The precision is unknown (such a row cannot go on a time axis), or ``date`` is not
        written at that precision.
    """
    if precision not in _FORMATS:
        raise ValueError(
            f"cannot place a date of precision {precision!r} on a time axis; expected one of "
            f"{', '.join(_FORMATS)}. Keep undated rows off the chart and say so in its description."
        )
    if not isinstance(date, str) or not re.fullmatch(_FORMATS[precision], date):
        raise ValueError(f"date {date!r} is not written at precision {precision!r}")
    period = pd.Period(date, freq=_FREQUENCIES[precision])
    return period.start_time, period.end_time.normalize()


def with_spans(
    table: pd.DataFrame, date: str = "date", precision: str = "date_precision"
) -> pd.DataFrame:
    """A copy of ``table`` with ``start``, ``end`` and ``middle`` columns (timestamps).

    ``middle`` is halfway between the first and the last day: where a marker for a month or
    a year belongs. Every row must have a known precision; filter undated rows out first.
    """
    unknown = table.loc[~table[precision].isin(list(_FORMATS))]
    if len(unknown):
        raise ValueError(
            f"{len(unknown)} row(s) have no usable date (precision "
            f"{sorted(set(unknown[precision]))}, index {list(unknown.index)}): filter them out "
            "before charting, and say in the Figure description that they are left out."
        )
    spans = [date_span(d, p) for d, p in zip(table[date], table[precision], strict=True)]
    result = table.copy()
    result["start"] = pd.to_datetime([s for s, _ in spans])
    result["end"] = pd.to_datetime([e for _, e in spans])
    result["middle"] = result["start"] + (result["end"] - result["start"]) / 2
    return result


def draw_windows(
    ax: Axes,
    windows: pd.DataFrame,
    labels: Sequence[str] | None = None,
    value_labels: Sequence[str] | None = None,
) -> list[Rectangle]:
    """Draw reporting windows as horizontal bars on a time axis, one row per window.

    Parameters
    ----------
    ax:
        The Axes to draw on.
    windows:
        Rows shaped like ``suspensions.csv``: ``window_start``, ``window_end``, ``accounts``,
        ``qualifier`` and ``channel``. Rows are drawn top to bottom in the given order.
    labels:
        One y-axis label per row; by default the channel and the announcement date.
    value_labels:
        The text written after each bar; by default the qualifier and the figure,
        e.g. ``"over 125,000"``, with its :func:`status_tag`: the ``kind`` column if there is
        one, else the kind of each row's ``source_id`` in ``sources.csv``.

    Returns
    -------
    list of Rectangle
        The bars, in row order. Blog figures are hatched, transparency-report figures plain,
        so the channel never rests on colour alone.
    """
    if labels is None:
        labels = [f"{c.replace('_', ' ')}, {a:%b %Y}"
                  for c, a in zip(windows["channel"], windows["announced"], strict=True)]
    if value_labels is None:
        kinds = _kinds(windows)
        value_labels = [f"{q if isinstance(q, str) else ''} {n:,}".strip() + status_tag(k)
                        for q, n, k in zip(windows["qualifier"], windows["accounts"], kinds,
                                           strict=True)]
    if not len(labels) == len(value_labels) == len(windows):
        raise ValueError(
            f"got {len(windows)} windows, {len(labels)} labels and {len(value_labels)} value "
            "labels; give one of each per window"
        )
    bars = []
    rows = zip(windows["window_start"], windows["window_end"], windows["channel"], strict=True)
    for row, (start, end, channel) in enumerate(rows):
        colour, hatch = CHANNEL_LOOK.get(channel, (2, ".."))
        bars += ax.barh(row, end - start, left=start, height=0.6, color=style.PALETTE[colour],
                        hatch=hatch, edgecolor="0.2", linewidth=0.8)
        ax.text(end + pd.Timedelta(days=12), row, value_labels[row], va="center")
    ax.set_yticks(range(len(windows)), labels)
    ax.set_ylim(len(windows) - 0.4, -0.6)  # first row on top
    first, last = windows["window_start"].min(), windows["window_end"].max()
    ax.set_xlim(first - (last - first) * 0.03, last + (last - first) * 0.3)  # room for labels
    date_axis(ax)
    return bars


def _kinds(windows: pd.DataFrame) -> list[str]:
    """Each row's source kind: its ``kind`` column, or looked up from ``sources.csv``."""
    if "kind" in windows:
        return list(windows["kind"])
    if "source_id" in windows:
        kinds = data.load("sources").set_index("source_id")["kind"]
        return [kinds.get(source_id, "primary") for source_id in windows["source_id"]]
    return ["primary"] * len(windows)


# --- chart furniture ----------------------------------------------------------------------


def date_axis(ax: Axes, axis: str = "x", maxticks: int = 10) -> None:
    """Date ticks that each carry their year: ``Jul`` over ``2015``, or ``2016`` alone.

    A tick reading just "Jul" leaves the reader to find the year elsewhere; on a chart that
    spans three years, that is where misreadings start.
    """
    if axis not in ("x", "y"):
        raise ValueError(f"axis must be 'x' or 'y', got {axis!r}")
    locator = mdates.AutoDateLocator(minticks=3, maxticks=maxticks)
    formats = ["%Y", "%b\n%Y", "%d %b\n%Y", "%d %b %Y %H:%M", "%H:%M", "%H:%M:%S"]
    formatter = mdates.ConciseDateFormatter(locator, formats=formats, zero_formats=formats,
                                            show_offset=False)
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(locator)
    target.set_major_formatter(formatter)


_OFFSETS = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)]
_ALIGN = {-1: "right", 0: "center", 1: "left"}
_VALIGN = {-1: "top", 0: "center", 1: "bottom"}


def place_labels(
    ax: Axes,
    x: Iterable[Any],
    y: Iterable[float],
    texts: Iterable[str],
    distance: float = 7.0,
    **text_kwargs: Any,
) -> list[Annotation]:
    """Write each text beside its point, where it hits no label, marker, line, bar or edge.

    Each label tries eight places around its point (right, left, above, below, then the
    corners), at ``distance`` points and then at two and three times that, and takes the first
    place that collides with nothing; a label with no free place takes the one with the fewest
    collisions (:func:`chart_problems` will then report it). Call it last, once the data,
    limits, titles and legend are drawn: anything added later can move the Axes.

    Parameters
    ----------
    ax:
        The Axes holding the points.
    x, y:
        The points, in data coordinates (dates are fine on a date axis).
    texts:
        One label per point.
    distance:
        The gap between a point and its label, in points (1/72 inch).
    text_kwargs:
        Passed to :meth:`Axes.annotate` (``fontsize``, ``color``, ...).

    Returns
    -------
    list of Annotation
        The labels, in the order of the points.
    """
    xs, ys, labels = list(x), list(y), list(texts)
    if not len(xs) == len(ys) == len(labels):
        raise ValueError(f"got {len(xs)} x values, {len(ys)} y values and {len(labels)} texts; "
                         "give one of each per point")
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    obstacles = _obstacles(ax)
    taken = [t.get_window_extent(renderer) for t in _texts(fig) if t.get_text().strip()]
    if ax.get_legend() is not None:
        taken.append(ax.get_legend().get_window_extent(renderer))
    frame = ax.get_window_extent(renderer)
    placed = []
    for xi, yi, label in zip(xs, ys, labels, strict=True):
        best = None
        for scale, (dx, dy) in itertools.product((1, 2, 3), _OFFSETS):
            note = ax.annotate(label, (xi, yi), xytext=(dx * distance * scale, dy * distance * scale),
                               textcoords="offset points", ha=_ALIGN[dx], va=_VALIGN[dy],
                               **text_kwargs)
            box = note.get_window_extent(renderer)
            hits = _hits(box, obstacles, taken) + (0 if _inside(box, frame) else 5)
            if best is None or hits < best[0]:
                if best is not None:
                    best[1].remove()
                best = (hits, note, box)
            else:
                note.remove()
            if hits == 0:
                break
        placed.append(best[1])
        taken.append(best[2])
    return placed


def legend(ax: Axes, title: str | None = None, **kwargs: Any) -> Legend | None:
    """A legend with one entry per label, in a corner where it hides no data.

    Artists whose label starts with ``_`` are left out, as matplotlib does. The corners are
    tried in turn (upper left, upper right, lower right, lower left, and the middles of the
    sides); if every one covers data, the legend goes outside, to the right of the Axes.
    Returns ``None`` when nothing has a label.
    """
    handles, names = ax.get_legend_handles_labels()
    unique = {}
    for handle, name in zip(handles, names, strict=True):
        unique.setdefault(name, handle)
    if not unique:
        return None
    for loc in ("upper left", "upper right", "lower right", "lower left", "center left",
                "center right", "upper center", "lower center"):
        box = ax.legend(list(unique.values()), list(unique), title=title, loc=loc, **kwargs)
        ax.figure.canvas.draw()
        if _hits(box.get_window_extent(), _obstacles(ax, include_texts=True), []) == 0:
            return box
    return ax.legend(list(unique.values()), list(unique), title=title, loc="upper left",
                     bbox_to_anchor=(1.01, 1), **kwargs)


def chart_problems(fig: Figure) -> list[str]:
    """What a reader would trip over in ``fig``, one sentence per problem; empty when none.

    It looks for: two texts that overlap (labels, titles, tick labels), a text that runs off
    the figure, a label crossed by a line or covering a marker, a date axis whose tick labels
    do not all show a year, and a legend that covers data.
    """
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    problems = []
    texts = [t for t in _texts(fig) if t.get_text().strip()]
    boxes = [t.get_window_extent(renderer) for t in texts]
    for (a, box_a), (b, box_b) in itertools.combinations(zip(texts, boxes, strict=True), 2):
        if _overlap(box_a, box_b):
            problems.append(f"{a.get_text()!r} overlaps {b.get_text()!r}")
    edge = fig.bbox.padded(1)
    problems += [f"{text.get_text()!r} runs off the edge of the figure"
                 for text, box in zip(texts, boxes, strict=True) if not _inside(box, edge)]
    for ax in fig.axes:
        obstacles = _obstacles(ax, include_patches=False)
        for text in ax.texts:
            if text.get_text().strip() and _hits(text.get_window_extent(renderer), obstacles, []):
                problems.append(f"{text.get_text()!r} is crossed by a line or covers a marker")
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            if isinstance(axis.get_major_formatter(), (mdates.DateFormatter,
                                                       mdates.ConciseDateFormatter,
                                                       mdates.AutoDateFormatter)):
                for label in _visible_ticklabels(axis):
                    if not re.search(r"\d{4}", label.get_text()):
                        problems.append(f"date tick {label.get_text()!r} on the {name}-axis "
                                        "shows no year")
        box = ax.get_legend()
        if box is not None and _hits(box.get_window_extent(renderer), _obstacles(ax), []):
            problems.append("the legend covers data")
    return problems


def _texts(fig: Figure) -> list[Text]:
    """Every visible text of the figure: titles, labels, tick labels, annotations."""
    found: list[Text] = []
    for name in ("_suptitle", "_supxlabel", "_supylabel"):
        if getattr(fig, name, None) is not None:
            found.append(getattr(fig, name))
    for ax in fig.axes:
        found += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
        found += ax.texts
        found += _visible_ticklabels(ax.xaxis) + _visible_ticklabels(ax.yaxis)
    return [t for t in found if t.get_visible()]


def _visible_ticklabels(axis: Any) -> list[Text]:
    low, high = sorted(axis.get_view_interval())
    return [tick.label1 for tick in axis.get_major_ticks()
            if tick.label1.get_visible() and tick.label1.get_text().strip()
            and low - 1e-9 <= tick.get_loc() <= high + 1e-9]


def _obstacles(ax: Axes, include_patches: bool = True,
               include_texts: bool = False) -> list[Bbox | Path]:
    """Markers (as boxes), drawn lines (as paths) and bars (as boxes), in display pixels."""
    dpi = ax.figure.dpi
    found: list[Bbox | Path] = []
    for line in ax.get_lines():
        if not line.get_visible():
            continue
        xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
        xy = xy[np.isfinite(xy).all(axis=1)]
        if line.get_linestyle() not in ("None", "none", " ", "") and len(xy) >= 2:
            found.append(Path(xy))
        if line.get_marker() not in (None, "None", "none", " ", ""):
            radius = line.get_markersize() * dpi / 72 / 2
            found += [_square(px, py, radius) for px, py in xy]
    for collection in ax.collections:
        if not collection.get_visible():
            continue
        if isinstance(collection, PathCollection):
            offsets = collection.get_offset_transform().transform(collection.get_offsets())
            sizes = collection.get_sizes()
            for i, (px, py) in enumerate(offsets):
                if np.isfinite([px, py]).all():
                    area = sizes[i % len(sizes)] if len(sizes) else 36.0
                    found.append(_square(px, py, math.sqrt(area) * dpi / 72 / 2))
        elif isinstance(collection, LineCollection):
            transform = collection.get_transform()
            found += [Path(transform.transform(seg)) for seg in collection.get_segments()
                      if len(seg) >= 2]
    if include_patches:
        for patch in ax.patches:
            if isinstance(patch, Rectangle) and patch.get_zorder() >= 1 and patch.get_visible():
                found.append(patch.get_window_extent())
    if include_texts:
        found += [t.get_window_extent() for t in ax.texts if t.get_text().strip()]
    return found


def _square(x: float, y: float, radius: float) -> Bbox:
    return Bbox.from_extents(x - radius, y - radius, x + radius, y + radius)


def _overlap(a: Bbox, b: Bbox, slack: float = 1.0) -> bool:
    return (a.x0 + slack < b.x1 and b.x0 + slack < a.x1
            and a.y0 + slack < b.y1 and b.y0 + slack < a.y1)


def _inside(box: Bbox, frame: Bbox) -> bool:
    return (box.x0 >= frame.x0 and box.x1 <= frame.x1
            and box.y0 >= frame.y0 and box.y1 <= frame.y1)


def _hits(box: Bbox, obstacles: Sequence[Bbox | Path], taken: Sequence[Bbox]) -> int:
    """How many obstacles and already placed labels ``box`` touches."""
    inner = Bbox.from_extents(box.x0 + 1, box.y0 + 1, box.x1 - 1, box.y1 - 1)
    count = sum(_overlap(box, other) for other in taken)
    for obstacle in obstacles:
        if isinstance(obstacle, Path):
            count += bool(obstacle.intersects_bbox(inner, filled=False))
        else:
            count += _overlap(box, obstacle)
    return count
