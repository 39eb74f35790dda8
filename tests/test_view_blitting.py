"""Every slider move of every view is one blit, and the blit paints what a full redraw paints.

The views redraw only the artists a move changes (``restore_region`` → ``draw_artist`` →
``blit``): titles that state the finding and value labels included, and no axis rescales, so
no move needs a full ``canvas.draw()`` (COURSE.md §8, ``benchmarks/widget_latency.py``). These
tests sweep each slider of each view across its range and count full draws, then compare the
blitted pixels with those of a fresh view set to the same values and drawn in full, so that the
speed can never hide a stale title, label or bar.
"""

from __future__ import annotations

import io

import ipywidgets as widgets
import numpy as np
import pytest
from view_helpers import Shelf, make, pixels, shown

from counterprop import style, views

style.apply()

POSITIONS = 9
"""Evenly spaced positions per slider in a sweep, both ends included."""


def positions(slider: widgets.FloatSlider | widgets.IntSlider, count: int = POSITIONS) -> list:
    """``count`` slider positions from its minimum to its maximum, on the slider's grid."""
    out = []
    for value in np.linspace(slider.min, slider.max, count):
        value = min(max(round(float(value) / slider.step) * slider.step, slider.min), slider.max)
        out.append(int(round(value)) if isinstance(slider, widgets.IntSlider) else value)
    return out


def count_full_draws(view: views.ModelView) -> list[str]:
    """A list that grows by one entry at every full draw of ``view``'s figure."""
    draws: list[str] = []
    view.canvas.mpl_connect("draw_event", lambda event: draws.append(event.name))
    return draws


def same_pixels(blitted: np.ndarray, reference: np.ndarray) -> tuple[bool, int]:
    """Whether two renders agree within rounding (no channel differs by more than 2 of 255),
    and how many pixels differ by more."""
    differ = np.abs(blitted.astype(np.int16) - reference.astype(np.int16)).max(axis=2) > 2
    return not differ.any(), int(differ.sum())


@pytest.mark.parametrize("name", sorted(views.VIEWS))
def test_no_slider_move_of_any_view_needs_a_full_redraw(name):
    view = make(name)
    draws = count_full_draws(view)
    moves = 0
    for slider_name, slider in view.sliders.items():
        # from the defaults, across the range and back, then left where the sweep ends
        view.reset()
        for value in positions(slider) + positions(slider)[::-1][1:]:
            slider.value = value
            moves += 1
        assert draws == [], f"{name}: sweeping {slider_name} needed {len(draws)} full draws"
    # the sliders left at their maxima one after another: far corners of the ranges too
    for slider_name, slider in view.sliders.items():
        slider.value = slider.max
        moves += 1
    assert draws == [] and moves == 2 * POSITIONS * len(view.sliders)
    view.canvas.draw()  # a full draw is still counted: the counter itself works
    assert draws == ["draw_event"]


NEW_LEADER = {"weighing": {"reach": 4.0, "displacement": 0.0}}
"""Two weights moved at once that put another option first (tests/test_strategy.py)."""


def states(view: views.ModelView) -> list[dict[str, float]]:
    """A few slider states for a view: each slider at either end with the others at their
    defaults (titles and labels change there), and two seeded random combinations."""
    rng = np.random.default_rng(2017)
    out = []
    for name, slider in view.sliders.items():
        out += [{**view.defaults(), name: end} for end in (slider.min, slider.max)]
    if view.name in NEW_LEADER:
        out.append({**view.defaults(), **NEW_LEADER[view.name]})
    for _ in range(2):
        out.append({n: rng.choice(positions(s, 21)).item() for n, s in view.sliders.items()})
    return out


@pytest.mark.parametrize("name", sorted(views.VIEWS))
def test_a_blitted_view_shows_the_pixels_of_a_full_redraw(name):
    shelf = Shelf()
    view = shelf(name)
    reference = make(name)
    fresh = (pixels(reference), shown(reference), reference.status.value, reference.notes.value)
    draws = count_full_draws(view)
    titles_seen = set()
    for state in states(view):
        view.reset()
        for slider_name, value in state.items():  # one slider at a time: one blit per move
            view.sliders[slider_name].value = value
        reference.reset()
        for slider_name, value in state.items():  # the same moves (constraints act alike)
            reference.sliders[slider_name].value = value
        reference.canvas.draw()
        assert view.values() == reference.values()
        same, count = same_pixels(pixels(view), pixels(reference))
        assert same, f"{name} at {state}: {count} pixels differ from a full redraw"
        titles_seen.add(tuple(a.get_title(loc) for a in view.figure.axes
                              for loc in ("left", "center")))
    assert draws == []
    if name in {"survival", "takedown", "weighing"}:  # their titles state the finding
        assert len(titles_seen) > 1, f"no state of {name} changed a title"
    # handed out again (tests/conftest.py's shared_view), the view is as good as a new one
    again = shelf(name)
    assert again is view and draws == []
    same, count = same_pixels(pixels(again), fresh[0])
    assert same, f"{name}: back at the defaults, {count} pixels differ from a new view"
    assert (shown(again), again.status.value, again.notes.value) == fresh[1:]


def test_a_stale_title_would_be_caught():
    """The pixel comparison above can fail: a title left stale differs from a full redraw."""
    view = make("takedown")
    reference = make("takedown")
    reference.set(share_long=0.02)
    reference.canvas.draw()
    title = view.artists["title_shares"]
    original = title.set_text
    title.set_text = lambda text: None  # a title that no longer follows the sliders
    try:
        view.sliders["share_long"].value = 0.02
    finally:
        title.set_text = original
    same, count = same_pixels(pixels(view), pixels(reference))
    assert not same and count > 50


@pytest.mark.parametrize("dpi", [None, 150])
def test_saving_the_live_figure_leaves_no_trace_on_later_moves(dpi):
    """``view.figure.savefig(...)`` draws the moving artists too; the next moves must not show
    them twice (a background kept during the save would)."""
    view, reference = make("survival"), make("survival")
    view.figure.savefig(io.BytesIO(), format="png", dpi=dpi)
    for one in (view, reference):
        one.set(share_gone_2d=0.5, retention=0.2)
    reference.canvas.draw()
    same, count = same_pixels(pixels(view), pixels(reference))
    assert same, f"after savefig(dpi={dpi}), {count} pixels differ from a full redraw"


@pytest.mark.parametrize("name", sorted(views.VIEWS))
def test_a_move_after_the_canvas_was_resized_draws_the_whole_chart(name):
    """A browser may resize the canvas (or change its pixel ratio) after the first draw: the
    renderer is then a new, blank one, and pasting the old background would leave most of the
    chart transparent (a blank chart in JupyterLab). The next move must draw everything."""
    view = views.VIEWS[name](canvas="agg")
    view.figure.set_size_inches(view.figure.get_figwidth() * 1.1, view.figure.get_figheight())
    slider = next(iter(view.sliders.values()))
    slider.value = slider.max if slider.value != slider.max else slider.min
    pixels = np.asarray(view.canvas.buffer_rgba())
    assert pixels.shape[1] == round(view.figure.bbox.width)
    assert (pixels[..., 3] == 255).all(), "parts of the chart were left transparent"
