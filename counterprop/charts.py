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
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from counterprop import style

__all__ = ["MARKER", "READING", "date_span", "draw_windows", "with_spans"]

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
        e.g. ``"over 125,000"``.

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
        value_labels = [f"{q if isinstance(q, str) else ''} {n:,}".strip()
                        for q, n in zip(windows["qualifier"], windows["accounts"], strict=True)]
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
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    return bars
