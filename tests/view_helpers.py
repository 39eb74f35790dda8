"""Helpers shared by the what-if view tests (tests/test_views.py, test_strategy.py,
test_view_assumptions.py, test_view_blitting.py)."""

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


class Shelf:
    """Views built at most once each, handed out at their registry defaults.

    Building a view costs a whole first draw (about a fifth of a second), and most tests only
    move sliders and read what follows; so a test module keeps one view of each kind on a shelf
    (the ``shared_view`` fixture of ``tests/conftest.py``). Before handing a view out again, the
    shelf resets it, which recomputes and redraws what moves, so that its outputs, texts and
    pixels are those of the defaults whatever the last test did with the sliders (or with a
    monkeypatched method, which pytest has put back by then). A test that changes a view in any
    other way (its size, its callbacks, its artists' methods) builds its own with :func:`make`.
    """

    def __init__(self) -> None:
        self._views: dict[str, views.ModelView] = {}
        self._sizes: dict[str, tuple[int, int]] = {}

    def __call__(self, name: str) -> views.ModelView:
        view = self._views.get(name)
        if view is None:
            view = self._views[name] = make(name)
            self._sizes[name] = view.canvas.get_width_height()
        else:
            with strict():
                view.reset()  # always one update: outputs, texts and moving artists redrawn
        assert view.canvas.get_width_height() == self._sizes[name], (
            f"a test resized the shared {name} view: it should have built its own with make()")
        assert view.values() == view.defaults() and not view.moved, name
        return view


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


def artist_numbers(view: views.ModelView, *, shown_only: bool = False) -> list[float]:
    """Every number the moving artists draw: line data, bar geometry, text positions (with
    ``shown_only``, of the visible ones: a hidden bar may keep the geometry it last had)."""
    out: list[float] = []
    for artist in view._dynamic_artists():
        if shown_only and not artist.get_visible():
            continue
        if hasattr(artist, "get_xydata"):
            out.extend(np.asarray(artist.get_xydata(), dtype=float).ravel())
        if hasattr(artist, "get_height") and hasattr(artist, "get_width"):
            out.extend([artist.get_x(), artist.get_y(), artist.get_width(), artist.get_height()])
        if hasattr(artist, "get_position"):
            out.extend(float(v) for v in artist.get_position())
    return out


def shown(view: views.ModelView) -> tuple[list[bool], list[float]]:
    """Which moving artists are visible, and the numbers the visible ones draw."""
    return ([a.get_visible() for a in view._dynamic_artists()],
            artist_numbers(view, shown_only=True))
