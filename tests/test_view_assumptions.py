"""Every what-if view states its assumptions at every moment (issue: "Views state their
assumptions, always"). Written over :data:`counterprop.views.VIEWS`, so it covers every view."""

from __future__ import annotations

import io

import numpy as np
import pytest
from IPython.utils.capture import capture_output
from matplotlib import colors
from matplotlib import image as mpimage
from view_helpers import make

from counterprop import models, style, views
from counterprop.views import base

style.apply()

NAMES = sorted(views.VIEWS)


def illustrative_inputs(view: views.ModelView) -> list[str]:
    """The symbols of every illustrative input the view uses, read from the registry."""
    symbols = [p.symbol for p in view.parameters.values() if p.status == "illustrative"]
    for model, name in view.FIXED:
        row = models.load_parameters(model).set_index("name").loc[name]
        if row["status"] == "illustrative":
            symbols.append(str(row["symbol"]))
    return symbols


def slider_ends(view: views.ModelView):
    for name, slider in view.sliders.items():
        for end in (slider.min, slider.max):
            yield name, end


def published_data(view: views.ModelView) -> list[np.ndarray]:
    out = []
    for name in view.PUBLISHED:
        artist = view.artists[name]
        for part in artist if isinstance(artist, list) else [artist]:
            if hasattr(part, "get_xydata"):
                out.append(np.asarray(part.get_xydata(), dtype=float).copy())
            elif hasattr(part, "get_height"):
                out.append(np.array([part.get_x(), part.get_y(), part.get_width(),
                                     part.get_height()]))
            else:
                out.append(np.asarray(part.get_position(), dtype=float))
    return out


def assert_marked(view, stated: list[str]) -> None:
    """The status line lists every assumption; the chart label lists each one's short form, or,
    for a view whose list is long (weighing: 35 scores), the summary its ``mark_text`` gives."""
    label = " ".join(view.artists["assumption_mark"].get_text().split())
    for item in stated:
        assert item.split(" (")[0] in view.status.value, item
    if not stated:
        assert label == ""
        return
    assert label == " ".join(view.mark_text(stated).split())
    if type(view).mark_text is views.ModelView.mark_text:
        for item in stated:
            assert item.split(" (")[0] in label, item
    else:
        assert label.startswith(views.WATERMARK) and "rests on" in label


@pytest.mark.parametrize("name", NAMES)
def test_at_the_defaults_every_illustrative_input_is_listed(name, shared_view):
    view = shared_view(name)
    assert view.values() == view.defaults() and not view.moved
    stated = view.assumptions
    for symbol in illustrative_inputs(view):
        assert any(item.startswith(f"{symbol} = ") for item in stated), (name, symbol, stated)
    assert all(" = " in item for item in stated)
    assert view.is_illustrative == bool(stated)
    mark = view.artists["assumption_mark"]
    assert view.artists["watermark"].get_visible() == bool(stated) == mark.get_visible()
    assert_marked(view, stated)


@pytest.mark.parametrize("name", NAMES)
def test_the_mark_follows_the_sliders(name, shared_view):
    view = shared_view(name)
    for slider_name, end in slider_ends(view):
        view.reset()
        view.sliders[slider_name].value = end
        assert view.is_illustrative == bool(view.assumptions)
        assert view.artists["watermark"].get_visible() == view.is_illustrative
        assert_marked(view, view.assumptions)


@pytest.mark.parametrize("name", NAMES)
def test_no_slider_moves_published_data(name, shared_view):
    view = shared_view(name)
    before = published_data(make(name))  # as a new view draws them
    for slider_name, end in slider_ends(view):
        view.reset()
        view.sliders[slider_name].value = end
        after = published_data(view)
        assert all(np.array_equal(a, b) for a, b in zip(before, after)), (slider_name, end)
    assert all(n not in view._moving for n in view.PUBLISHED)


@pytest.mark.parametrize("name", NAMES)
def test_the_still_image_carries_the_mark(name, shared_view):
    view = shared_view(name)
    if not view.assumptions:
        pytest.skip(f"{name} rests on no assumption")
    picture = mpimage.imread(io.BytesIO(view.static_png()), format="png")[..., :3]
    strip = picture[: int(0.05 * picture.shape[0])]
    orange = np.array(colors.to_rgb(base.MARK_COLOUR))
    close = np.abs(strip - orange).max(axis=-1) < 0.08
    assert close.sum() > 50, "the top strip of the still shows no assumption label"


@pytest.mark.parametrize("name", NAMES)
def test_show_still_displays_the_caption_the_assumptions_and_the_png(name, shared_view):
    view = shared_view(name)
    caption, picture = view.still()
    text = caption.data
    assert text.startswith(f"**{base.STILL_CAPTION}**")
    assert all(item in text for item in view.assumptions)
    assert picture.data == view.static_png()
    with capture_output() as captured:  # outside a kernel display() prints the plain reprs
        view.show_still()
    assert "Markdown" in captured.stdout and "Image" in captured.stdout


def test_auto_canvas_falls_back_to_agg_without_ipympl(monkeypatch, capsys):
    monkeypatch.setattr(base, "in_kernel", lambda: True)
    monkeypatch.setattr(base, "has_ipympl", lambda: False)
    view = views.SurvivalView()
    printed = capsys.readouterr().out
    assert printed.strip() == base.NO_IPYMPL and printed.count("\n") == 1
    assert view._image is view.widget.children[2]
    first = bytes(view._image.value)
    assert first.startswith(b"\x89PNG")
    view.sliders["retention"].value = 0.2
    assert bytes(view._image.value) != first
