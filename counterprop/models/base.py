"""The parameter registry every model reads, and the validation every model shares."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

PARAMETERS_CSV = Path(__file__).resolve().parents[2] / "data" / "parameters.csv"
"""The parameter registry: one row per model parameter."""

MODELS = ("survival", "takedown", "production", "reach", "funnel")
"""The models the registry describes, in lesson order."""

STATUSES = ("empirical", "derived", "illustrative", "unknown")
"""A parameter's status: cited figure, arithmetic on cited figures, assumption, or no value."""

COLUMNS = (
    "model",
    "name",
    "symbol",
    "default",
    "min",
    "max",
    "unit",
    "status",
    "source_id",
    "formula_or_note",
)
NUMERIC = ("default", "min", "max")

FloatOrArray = float | NDArray[np.float64]
"""What the models return: a ``float`` for scalar inputs, else an array of the broadcast shape."""


# --------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------


def check_model(model: str) -> None:
    if model not in MODELS:
        raise ValueError(f"model must be one of {', '.join(MODELS)}, got {model!r}")


def load_parameters(model: str | None = None) -> pd.DataFrame:
    """Read the parameter registry ``data/parameters.csv``.

    Parameters
    ----------
    model:
        One of :data:`MODELS` to get that model's rows only, or ``None`` for every row.

    Returns
    -------
    pandas.DataFrame
        Columns ``model, name, symbol, default, min, max, unit, status, source_id,
        formula_or_note``. ``default``, ``min`` and ``max`` are float64 (NaN where the
        registry has no number, i.e. for status ``unknown``); the text columns hold ``""``
        where empty. Rows keep the file's order; the index is 0..n-1.

    >>> load_parameters("funnel")["name"].tolist()
    ['impressions', 'ctr', 'minutes_per_viewer', 'attitude_change']
    """
    if model is not None:
        check_model(model)
    table = pd.read_csv(
        PARAMETERS_CSV,
        dtype={column: "float64" if column in NUMERIC else "str" for column in COLUMNS},
        keep_default_na=False,
        na_values={column: [""] for column in NUMERIC},
        encoding="utf-8",
    )
    if tuple(table.columns) != COLUMNS:
        raise ValueError(
            f"{PARAMETERS_CSV.name} must have the columns {', '.join(COLUMNS)}, "
            f"got {', '.join(map(str, table.columns))}"
        )
    if model is not None:
        table = table[table["model"] == model].reset_index(drop=True)
    return table


def defaults(model: str) -> dict[str, float]:
    """The registry's default value of every parameter of ``model`` that has a number.

    Rows of status ``unknown`` (no number exists, e.g. the funnel's attitude change) are
    left out, so ``funnel(**defaults("funnel"))`` works. Derived rows are included with
    the value printed in the registry (e.g. ``hazard_slow``); views that let learners move
    the inputs of a derived value recompute it (e.g. with :func:`fit_slow_hazard`).

    >>> defaults("takedown")["uploads_per_video"]
    5.9
    """
    table = load_parameters(model)
    table = table[table["default"].notna()]
    return {name: float(value) for name, value in zip(table["name"], table["default"])}


def ranges(model: str) -> dict[str, tuple[float, float]]:
    """The registry's slider range ``(min, max)`` of every parameter of ``model`` with a number.

    Ready to pass as ``bounds`` to :func:`sensitivity`. Fixed definitions (min = max, e.g.
    ``slow_window_days``) are included; drop them before a sensitivity run.

    >>> ranges("reach")["o"]
    (0.5, 0.95)
    """
    table = load_parameters(model)
    table = table[table["default"].notna()]
    return {
        name: (float(low), float(high))
        for name, low, high in zip(table["name"], table["min"], table["max"])
    }


# --------------------------------------------------------------------------------------------
# Validation: one small helper for every model
# --------------------------------------------------------------------------------------------


def number_text(value: float) -> str:
    if value == math.inf:
        return "infinity"
    if value == -math.inf:
        return "minus infinity"
    return f"{value:g}"


def range_text(low: float, high: float, low_open: bool, high_open: bool, whole: bool) -> str:
    kind = "a whole number " if whole else ""
    if math.isinf(high):
        return f"{kind}{'greater than' if low_open else 'at least'} {number_text(low)}"
    if not low_open and not high_open:
        return f"{kind}between {number_text(low)} and {number_text(high)}"
    lower = f"{'greater than' if low_open else 'at least'} {number_text(low)}"
    upper = f"{'less than' if high_open else 'at most'} {number_text(high)}"
    return f"{kind}{lower} and {upper}"


def valid(
    name: str,
    value: ArrayLike,
    low: ArrayLike = 0.0,
    high: ArrayLike = math.inf,
    *,
    low_open: bool = False,
    high_open: bool = False,
    whole: bool = False,
    scalar: bool = False,
    why: str = "",
) -> NDArray[np.float64]:
    """Return ``value`` as a float array, or raise ``ValueError`` naming it and its range.

    ``low`` and ``high`` may be arrays (a bound that depends on other parameters); the
    message then shows the bound at the first bad element. NaN and infinity are always
    invalid.
    """
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number or an array of numbers, got {value!r}") from None
    if scalar and array.ndim != 0:
        raise ValueError(f"{name} must be a single number, got an array of shape {array.shape}")
    low_array = np.broadcast_to(np.asarray(low, dtype=np.float64), array.shape)
    high_array = np.broadcast_to(np.asarray(high, dtype=np.float64), array.shape)
    above = array > low_array if low_open else array >= low_array
    below = array < high_array if high_open else array <= high_array
    ok = np.isfinite(array) & above & below
    if whole:
        ok &= np.floor(np.where(np.isfinite(array), array, 0.0)) == array
    if not ok.all():
        first = tuple(int(i) for i in np.argwhere(~ok)[0]) if array.ndim else ()
        bad = float(array[first])
        rule = range_text(
            float(low_array[first]), float(high_array[first]), low_open, high_open, whole
        )
        count = int((~ok).sum())
        where = f" (first of {count} invalid values)" if count > 1 else ""
        raise ValueError(f"{name} must be {rule}{why}, got {number_text(bad)}{where}")
    return array


def result(array: NDArray[np.float64]) -> FloatOrArray:
    """A plain ``float`` for a 0-d result, the array itself otherwise."""
    return float(array) if np.ndim(array) == 0 else array


def mean_exp(hazard: NDArray[np.float64], horizon: NDArray[np.float64]) -> NDArray[np.float64]:
    """(1/H)·∫₀^H e^(−h·t) dt = (1 − e^(−h·H)) / (h·H), with the limit 1 at h = 0."""
    x = hazard * horizon
    positive = x > 0
    safe = np.where(positive, x, 1.0)
    return np.where(positive, -np.expm1(-safe) / safe, 1.0)
