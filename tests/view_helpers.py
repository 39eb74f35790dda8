"""Helpers shared by the what-if view tests (tests/test_views.py, tests/test_strategy.py)."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator

import numpy as np

from counterprop import views

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@contextlib.contextmanager
def strict() -> Iterator[None]:
    """Every warning is an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def make(name: str) -> views.ModelView:
    """A view from the registry, on a headless (Agg) canvas, built with warnings as errors."""
    with strict():
        return views.VIEWS[name](canvas="agg")


def pixels(view: views.ModelView) -> np.ndarray:
    """A copy of the view's rendered pixels."""
    return np.asarray(view.canvas.buffer_rgba()).copy()


def finite(value) -> bool:
    """True when every number in ``value`` (a dict, list, array or scalar) is finite."""
    if isinstance(value, dict):
        return all(finite(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        try:
            return bool(np.all(np.isfinite(np.asarray(value, dtype=np.float64))))
        except (TypeError, ValueError):  # a mixed or ragged list: look at each item
            return all(finite(v) for v in value)
    if isinstance(value, (str, bool)) or value is None:
        return True
    return bool(np.all(np.isfinite(np.asarray(value, dtype=np.float64))))


def artist_numbers(view: views.ModelView) -> list[float]:
    """Every number the moving artists draw: line data, bar geometry, text positions."""
    out: list[float] = []
    for artist in view._dynamic_artists():
        if hasattr(artist, "get_xydata"):
            out.extend(np.asarray(artist.get_xydata(), dtype=float).ravel())
        if hasattr(artist, "get_height") and hasattr(artist, "get_width"):
            out.extend([artist.get_x(), artist.get_y(), artist.get_width(), artist.get_height()])
        if hasattr(artist, "get_position"):
            out.extend(float(v) for v in artist.get_position())
    return out
