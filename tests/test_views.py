"""Headless tests of the what-if views (``counterprop.views``), without a kernel or a browser.

Setting a slider's ``.value`` runs the view's observer synchronously (the ``comm`` package falls
back to a dummy comm outside a kernel), so a test can move a slider and read the model outputs
and the artists' data straight away. The charts are drawn with the Agg backend.
"""

from __future__ import annotations

import io
import math

import ipywidgets as widgets
import numpy as np
import PIL.Image
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure
from view_helpers import PNG_SIGNATURE, artist_numbers, finite, make, pixels, strict

from counterprop import data, models, style, views

style.apply()

NAMES = ["reach", "survival", "takedown"]
"""The registry-based views of lessons 05-07; other views are held to the contract below."""


@pytest.fixture(params=NAMES)
def view(request, shared_view) -> views.ModelView:
    return shared_view(request.param)


# =============================================================================================
# The registry is the only source of defaults and ranges
# =============================================================================================


def test_the_registry_of_views():
    assert set(NAMES) <= set(views.VIEWS)
    for name, cls in views.VIEWS.items():
        assert issubclass(cls, views.ModelView) and cls.name == name


@pytest.mark.parametrize("name", sorted(views.VIEWS))
def test_every_registered_view_keeps_the_contract(name, shared_view):
    """What the benchmark and the browser test rely on, for every view in VIEWS."""
    view = shared_view(name)
    assert isinstance(view.widget, widgets.VBox) and view.sliders and view.outputs
    assert view.static_png().startswith(PNG_SIGNATURE)
    assert "0x" not in repr(view) and view._repr_mimebundle_()["text/plain"] == repr(view)
    changed = []
    for slider_name, slider in view.sliders.items():
        view.reset()
        before = pixels(view)
        step = slider.step
        up = slider.value + step <= slider.max
        slider.value = slider.value + step if up else slider.value - step
        changed.append(not np.array_equal(before, pixels(view)))
    assert any(changed), "no slider's one-step move changes the chart"
    view.reset()
    assert view.values() == view.defaults() and view.is_illustrative == bool(view.assumptions)


def test_every_slider_default_and_range_comes_from_the_registry(view):
    registry = models.load_parameters()
    for name, slider in view.sliders.items():
        parameter = view.parameters[name]
        row = registry[(registry["model"] == parameter.model) & (registry["name"] == name)]
        assert len(row) == 1, name
        row = row.iloc[0]
        assert (slider.value, slider.min, slider.max) == (row["default"], row["min"], row["max"])
        assert parameter.status == row["status"] and parameter.source_id == row["source_id"]
        assert row["status"] != "unknown"


def test_every_badge_shows_status_and_an_existing_source(view):
    known = set(data.load("sources")["source_id"])
    for name, badge in view.badges.items():
        parameter = view.parameters[name]
        assert views.STATUS_BADGE[parameter.status][0] in badge.value
        if parameter.status in {"empirical", "derived"}:
            assert parameter.source_id in known, f"{name}: {parameter.source_id} not in sources.csv"
            assert f"<code>{parameter.source_id}</code>" in badge.value
        if parameter.status == "derived":
            assert parameter.formula and parameter.formula in badge.value
        if parameter.status == "illustrative":
            assert "assumption" in badge.value
        if parameter.source_id:
            assert parameter.source_id in known


def test_fixed_values_come_from_the_registry(view):
    for model, name in view.FIXED:
        assert view.fixed[name] == models.defaults(model)[name]


@pytest.mark.parametrize("name", NAMES)
def test_slider_steps_put_the_default_on_the_grid(name, shared_view):
    for parameter in shared_view(name).parameters.values():
        positions = (parameter.default - parameter.min) / parameter.step
        assert abs(positions - round(positions)) < 1e-6, parameter.name
        assert 50 <= (parameter.max - parameter.min) / parameter.step <= 1000 or parameter.integer
        assert parameter.format(parameter.default) == f"{parameter.default:.{parameter.decimals}f}"


def test_parameter_from_registry_refuses_unknown_and_unknown_status():
    with pytest.raises(ValueError, match="no parameter survival.bogus"):
        views.Parameter.from_registry("survival", "bogus", "x")
    with pytest.raises(ValueError, match="status unknown: no number"):
        views.Parameter.from_registry("funnel", "attitude_change", "x")


# =============================================================================================
# The interface every view shares
# =============================================================================================


def test_the_shared_interface(view):
    assert isinstance(view.widget, widgets.VBox)
    assert set(view.sliders) == set(view.parameters) == set(view.badges)
    assert isinstance(view.figure, Figure) and view.artists and view.outputs
    assert view.values() == view.defaults() and view.moved == []
    assert view.is_illustrative == bool(view.assumptions)
    bundle = view._repr_mimebundle_()
    assert bundle["text/plain"] == repr(view)
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert repr(view).startswith(f"{type(view).__name__}(")
    assert "all at their defaults" in repr(view)
    assert "0x" not in repr(view)
    frame = view.parameters_frame()
    assert frame["name"].tolist() == list(view.sliders)


def test_static_png_is_deterministic_and_shows_the_defaults(view):
    first = view.static_png()
    assert first.startswith(PNG_SIGNATURE) and first == view.static_png()
    name, slider = next(iter(view.sliders.items()))
    other = view.static_png({name: slider.max})
    assert other != first
    slider.value = slider.max  # moving the live view does not change the static default image
    assert view.static_png() == first


def test_views_share_no_state():
    first, second = make("survival"), make("survival")
    assert first.figure is not second.figure and first.sliders["retention"] is not second.sliders[
        "retention"]
    first.sliders["retention"].value = 0.2
    assert second.sliders["retention"].value == 0.5
    assert second.outputs["lineage_total"] != first.outputs["lineage_total"]


def test_set_moves_several_sliders_with_one_redraw_and_reset_restores(view, monkeypatch):
    calls = []
    original = view._render
    monkeypatch.setattr(view, "_render", lambda **kw: (calls.append(kw), original(**kw)))
    moves = {name: slider.max for name, slider in list(view.sliders.items())[:3]}
    view.set(**moves)
    assert len(calls) == 1
    assert all(view.sliders[n].value >= v - 1e-12 for n, v in moves.items())
    calls.clear()
    view.reset()
    assert len(calls) == 1 and view.values() == view.defaults() and not view.moved


def test_the_reset_button_resets(view):
    name, slider = next(iter(view.sliders.items()))
    slider.value = slider.max
    view.reset_button.click()
    assert view.values() == view.defaults()


def test_bad_arguments_say_what_was_expected(shared_view):
    with pytest.raises(ValueError, match="canvas must be 'auto', 'agg' or 'ipympl'"):
        views.SurvivalView(canvas="svg")
    with pytest.raises(ValueError, match="has no slider bogus; its sliders are share_gone_2d"):
        shared_view("survival").set(bogus=1.0)


def test_moving_an_illustrative_slider_keeps_the_output_marked(view):
    illustrative = [n for n, p in view.parameters.items() if p.status == "illustrative"]
    cited = [n for n, p in view.parameters.items() if p.status != "illustrative"]
    assert illustrative, "every view of lessons 05-07 has at least one assumption"
    assert "every slider at its registry default" in view.status.value
    slider = view.sliders[illustrative[0]]
    slider.value = slider.max if slider.value != slider.max else slider.min
    symbol = view.parameters[illustrative[0]].symbol
    assert view.is_illustrative and view.artists["watermark"].get_visible()
    assert f"{symbol} = {view.parameters[illustrative[0]].format(slider.value)}" in (
        view.artists["assumption_mark"].get_text().replace("\n", " ")
    )
    assert "ILLUSTRATIVE" in view.status.value and f"registry default: {symbol}" in (
        view.status.value
    )
    view.reset()
    assert view.is_illustrative and "every slider at its registry default" in view.status.value
    if cited:
        slider = view.sliders[cited[0]]
        slider.value = slider.max if slider.value != slider.max else slider.min
        assert view.is_illustrative and view.parameters[cited[0]].symbol in view.status.value


def test_every_slider_move_of_one_step_changes_the_canvas(view):
    """What the browser test relies on: one ArrowRight on any slider changes the picture."""
    for name, slider in view.sliders.items():
        view.reset()
        before = pixels(view)
        step = slider.step
        up = slider.value + step <= slider.max
        slider.value = slider.value + step if up else slider.value - step
        assert not np.array_equal(before, pixels(view)), f"moving {name} left the chart unchanged"


def test_blitting_updates_the_same_artists_as_a_full_redraw(view):
    slow = views.VIEWS[view.name](canvas="agg", blit=False)
    for name, slider in view.sliders.items():
        target = (slider.min + slider.max) / 2 if isinstance(slider, widgets.FloatSlider) else 3
        view.sliders[name].value = target
        slow.sliders[name].value = target
    assert artist_numbers(view) == artist_numbers(slow)
    assert view.status.value == slow.status.value and view.notes.value == slow.notes.value


def test_a_title_that_states_a_new_finding_is_blitted_not_redrawn(monkeypatch, shared_view):
    """Titles move with the bars: a new finding costs a blit, not a full redraw."""
    view = shared_view("takedown")
    calls = []
    original = view._render
    monkeypatch.setattr(view, "_render", lambda **kw: (calls.append(kw), original(**kw)))
    before = pixels(view)
    view.sliders["share_long"].value = 0.02  # the long tail no longer brings most views
    assert view.artists["title_shares"].get_text() == "The tail no longer brings most views"
    view.sliders["share_long"].value = 0.01  # same finding
    assert calls == [{"full": False}, {"full": False}]
    assert view.artists["title_shares"] in view._dynamic_artists()
    assert view.artists["title_shares"].get_animated()
    assert not np.array_equal(before, pixels(view))


def test_render_figure_draws_the_same_chart_on_a_new_figure(view):
    figure = Figure(figsize=view.figsize)
    view.render_figure(figure)
    assert len(figure.axes) == len(view.figure.axes)
    assert [a.get_title() for a in figure.axes] == [a.get_title() for a in view.figure.axes]


@pytest.mark.filterwarnings("ignore:Passing unrecognized arguments:DeprecationWarning")
def test_the_ipympl_canvas_is_the_live_widget():
    view = views.SurvivalView(canvas="ipympl")
    from ipympl.backend_nbagg import Canvas

    assert isinstance(view.canvas, Canvas) and view.canvas in view.widget.children
    view.sliders["returns"].value = 3
    assert len(view.outputs["lineage"]) == 4
    assert view.canvas.header_visible is False
    assert view.canvas._size == (800, 400)  # sized before display, or the browser shows 0×0
    # every image sent is a whole one, never a diff: a browser that connected late, or missed an
    # image, would otherwise draw a diff of a picture it never had (a blank chart)
    for returns in (4, 5):
        view.sliders["returns"].value = returns
        view.canvas.draw()
        view.canvas._png_is_old = True  # as after any draw the browser has not fetched yet
        png = view.canvas.get_diff_image()
        assert view.canvas._current_image_mode == "full"
        # encoded fast (unfiltered rows, zlib level 1), and losslessly: the browser gets the
        # canvas's pixels
        sent = np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGBA"))
        np.testing.assert_array_equal(sent, pixels(view))
        assert view.canvas.get_diff_image() is None  # nothing new to send


@pytest.mark.filterwarnings("ignore:Passing unrecognized arguments:DeprecationWarning")
def test_a_browser_that_connects_gets_the_chart_without_a_redraw(monkeypatch):
    """A browser showing the canvas asks for a refresh, then for a draw: it gets the pixels the
    view has (its first draw plus every blit since), not a new full draw; a stale figure, or a
    canvas of another size, is drawn again."""
    view = views.SurvivalView(canvas="ipympl")
    draws, sent, asked = [], [], []
    view.canvas.mpl_connect("draw_event", lambda event: draws.append(event.name))
    monkeypatch.setattr(view.canvas, "send_binary", sent.append)
    monkeypatch.setattr(view.canvas, "send_event", lambda kind, **kw: asked.append(kind))

    def connect() -> None:
        """What the front end sends when it shows the canvas, answered as it answers."""
        asked.clear()
        view.canvas._handle_message(None, {"type": "refresh"}, [])
        assert asked.count("draw") == 1  # matplotlib asks the browser to ask for a draw
        view.canvas._handle_message(None, {"type": "draw"}, [])

    def received() -> np.ndarray:
        return np.asarray(PIL.Image.open(io.BytesIO(sent[-1])).convert("RGBA"))

    connect()
    assert draws == [] and len(sent) == 1
    np.testing.assert_array_equal(received(), pixels(view))
    view.sliders["retention"].value = 0.2  # a blit, sent as it happens
    connect()  # e.g. the notebook is shown again
    assert draws == [] and len(sent) == 3
    np.testing.assert_array_equal(received(), pixels(view))
    assert not np.array_equal(received(), np.asarray(PIL.Image.open(io.BytesIO(sent[0]))))
    # something that is not a slider changed the figure: it is drawn again
    view.figure.axes[0].set_facecolor("0.9")
    connect()
    assert draws == ["draw_event"] and len(sent) == 4
    np.testing.assert_array_equal(received(), pixels(view))
    # code that changes a moving (animated) artist leaves the figure clean, and asks for a draw
    view.artists["mixture"].set_color("red")
    assert not view.figure.stale
    view.canvas.draw_idle()
    view.canvas._handle_message(None, {"type": "draw"}, [])  # the browser's answer
    assert draws == ["draw_event"] * 2 and len(sent) == 5
    np.testing.assert_array_equal(received(), pixels(view))
    connect()  # and the next browser to connect gets those pixels
    assert draws == ["draw_event"] * 2 and len(sent) == 6
    # a new pixel ratio (the window moved to another screen) means a canvas of another size
    view.canvas._set_device_pixel_ratio(2)
    connect()
    assert draws == ["draw_event"] * 3 and received().shape[:2] == (800, 1600)


# =============================================================================================
# Each view: set a slider, the model output and the plotted data change accordingly
# =============================================================================================


def test_survival_view_follows_the_models(shared_view):
    view = shared_view("survival")
    p = models.defaults("survival")
    a, h_s = models.fit_mixture(share_gone_early=0.30, share_gone_late=0.63, hazard_fast=1.0)
    assert view.outputs["hazard_slow"] == pytest.approx(h_s) and round(h_s, 4) == p["hazard_slow"]
    assert view.outputs["share_fast"] == pytest.approx(a) and round(a, 3) == p["share_fast"]
    # the jointly fitted mixture meets both of Conway's points
    assert view.outputs["gone_late"] == pytest.approx(0.63)
    assert view.outputs["gone_early"] == pytest.approx(0.30)
    assert view.artists["title_curves"].get_text() == (
        "No single rate fits both points; two groups do"
    )
    assert "a = 0.337" in view.notes.value and "latent" in view.notes.value

    view.sliders["hazard_fast"].value = 2.0  # a latent a moves with the assumed h_f
    a2, h2 = models.fit_mixture(share_gone_early=0.30, share_gone_late=0.63, hazard_fast=2.0)
    expected = models.survival_mixture(view.DAYS, share_fast=a2, hazard_fast=2.0, hazard_slow=h2)
    np.testing.assert_allclose(view.artists["mixture"].get_ydata(), expected)
    assert view.outputs["share_fast"] == pytest.approx(a2) and a2 < a and view.is_illustrative

    # a what-if day-2 share: the single rate follows it, the published bound does not move
    view.sliders["share_gone_2d"].value = 0.5
    rate = models.fit_single_hazard(share_gone=0.5, days=2)
    single = models.survival_single(view.DAYS, hazard=rate)
    np.testing.assert_allclose(view.artists["single_early"].get_ydata(), single)
    np.testing.assert_allclose(view.artists["whatif"].get_xydata(), [[2, 0.5]])
    np.testing.assert_allclose(view.artists["conway_point"].get_xydata(), [[90, 0.37]])
    assert view.artists["title_curves"].get_text().endswith("two groups do")  # 50% > 30%

    view.set(retention=0.25, returns=4, followers=400)
    lineage = models.followers_by_return(followers=400, retention=0.25, returns=4)
    heights = [bar.get_height() for bar in view.artists["bars"]]
    np.testing.assert_allclose(heights[:5], lineage)
    assert heights[5:] == [0.0] * 6 and not any(b.get_visible() for b in view.artists["bars"][5:])
    assert view.outputs["lineage_total"] == pytest.approx(lineage.sum())
    assert view.artists["lineage_total"].get_text() == f"{lineage.sum():,.0f} followers in all"
    assert view.artists["title_lineage"].get_text() == "Each return starts smaller"
    view.sliders["returns"].value = 0
    assert view.artists["title_lineage"].get_text() == "No return: one account"


def test_survival_view_raises_the_90_day_share_when_the_fast_group_needs_it(shared_view):
    view = shared_view("survival")
    with strict():
        view.set(share_gone_2d=0.6, hazard_fast=0.5)  # 60% by day 2 cannot leave 37% at day 90
    floor = 0.6 * -math.expm1(-0.5 * 90) / -math.expm1(-0.5 * 2)
    assert view.sliders["share_gone_90d"].value == pytest.approx(math.ceil(floor * 100) / 100)
    assert "p₉₀ was raised to 0.95" in view.notes.value
    assert view.outputs["hazard_slow"] >= 0 and finite(view.outputs)
    view.sliders["share_gone_90d"].value = 0.3  # dragging it back down is refused, kindly
    assert view.sliders["share_gone_90d"].value == pytest.approx(0.95)
    assert "you asked for 0.30" in view.notes.value
    # a mixture fitted to what-if points that miss Conway's 90-day point says so
    assert view.artists["title_curves"].get_text() == (
        "No single rate fits; this mixture misses Conway's points"
    )
    view.reset()
    assert "raised" not in view.notes.value


def test_the_survival_views_published_points_are_the_data(shared_view):
    view = shared_view("survival")
    bound = view.artists["conway_bound"]
    assert bound.xy == pytest.approx((2, 0.70 - 0.13)) and bound.xyann == pytest.approx((2, 0.70))
    assert len(view.artists["whatif"].get_xdata()) == 0  # no what-if point at the defaults


def test_takedown_view_follows_the_models(shared_view):
    view = shared_view("takedown")
    p = models.defaults("takedown")
    assert view.outputs["views_per_video"] == pytest.approx(models.takedown_views(**p))
    assert round(view.outputs["share_views_long"], 2) == 0.91
    view.sliders["share_blocked"].value = 0.5
    expected = models.takedown_views(**{**p, "share_blocked": 0.5})
    assert view.outputs["views_per_video"] == pytest.approx(expected)
    short, long_ = view.artists["short"], view.artists["long"]
    assert short.get_height() + long_.get_height() == pytest.approx(expected)
    assert long_.get_y() == pytest.approx(short.get_height())
    change = expected / models.takedown_views(**p) - 1
    assert view.artists["total"].get_text() == f"{expected:,.0f} ({change:+.0%})"
    assert view.artists["title_views"].get_text() == "Views per known video"
    assert view.is_illustrative
    view.sliders["share_first_hashed"].value = 1.0  # first uploads hashed: b halves the views
    assert view.outputs["views_per_video"] == pytest.approx(0.5 * models.takedown_views(**p))
    assert "c = 1.00" in view.artists["assumption_mark"].get_text()
    view.sliders["share_first_hashed"].value = 0.0
    view.sliders["share_long"].value = 0.12
    widths = [bar.get_width() for bar in view.artists["share_bars"]]
    share = models.share_of_views_from_long(
        share_long=0.12, views_short=p["views_short"], views_long=p["views_long"]
    )
    assert widths == pytest.approx([0.12, share])
    labels = [text.get_text() for text in view.artists["share_labels"]]
    assert labels == [" 12%", f" {100 * share:.0f}%"]
    assert view.artists["title_shares"].get_text() == "The long tail brings most of the views"
    view.sliders["share_long"].value = 0.02
    assert view.artists["title_shares"].get_text() == "The tail no longer brings most views"


def test_takedown_view_keeps_one_axis_height_and_says_when_a_bar_is_off_the_scale(shared_view):
    view = shared_view("takedown")
    axis = view.artists["short"].axes
    top = view.scale_top()
    assert axis.get_ylim() == (0, top)
    label = view.artists["total"]
    for name, slider in view.sliders.items():  # one slider at either end: bar and label fit
        for end in (slider.min, slider.max):
            view.reset()
            slider.value = end
            assert view.outputs["views_per_video"] * 1.12 <= top, name
            assert label.get_position()[1] == view.outputs["views_per_video"], name
            assert "off the scale" not in label.get_text(), name
    view.reset()
    view.set(share_long=0.5, views_long=1000, uploads_per_video=10)
    assert axis.get_ylim() == (0, top)  # no rescale, so no full redraw
    total = view.outputs["views_per_video"]
    assert total > top
    change = total / view.baseline["views_per_video"] - 1
    assert label.get_text() == f"{total:,.0f} ({change:+.0%})\n↑ off the scale"
    assert label.get_position()[1] < top and label.get_bbox_patch() is not None
    view.reset()
    assert "off the scale" not in label.get_text() and label.get_bbox_patch() is None


def test_reach_view_follows_the_models(shared_view):
    view = shared_view("reach")
    assert view.outputs["index"] == pytest.approx(1.0)
    p = models.defaults("production")
    assert view.outputs["P"] == pytest.approx(models.production_index(**p))
    view.sliders["o"].value = 0.9  # (1 - o) halves, so R halves
    assert view.outputs["index"] == pytest.approx(0.5)
    r_bar = view.artists["bars"][-1]
    assert (r_bar.get_x(), r_bar.get_x() + r_bar.get_width()) == pytest.approx((0.5, 1.0))
    assert view.artists["labels"][-1].get_text() == "×0.5"
    view.sliders["k"].value = 40  # ... and doubling the sharers brings it back
    assert view.outputs["index"] == pytest.approx(1.0)
    view.reset()
    view.sliders["territory"].value = 0.5
    expected = models.production_index(**{**p, "territory": 0.5})
    assert view.outputs["P"] == pytest.approx(expected)
    assert view.outputs["ratios"][0] == pytest.approx(expected / models.production_index(**p))
    assert view.outputs["index"] == pytest.approx(view.outputs["ratios"][0])


def test_reach_view_shows_zero_reach_without_infinities(shared_view):
    view = shared_view("reach")
    with strict():
        view.set(territory=0.0, d=1.0)
    assert view.outputs["reach"] == 0.0 and view.outputs["index"] == 0.0
    assert finite(view.outputs) and finite(artist_numbers(view))
    assert view.artists["labels"][-1].get_text() == "×0 (off the scale)"


def test_reach_factor_ranges_bracket_every_slider_move(shared_view):
    view = shared_view("reach")
    ranges = view.factor_ranges()
    for name, slider in view.sliders.items():
        for end in (slider.min, slider.max):
            view.reset()
            slider.value = end
            for row, (low, high) in enumerate(ranges):
                assert low - 1e-9 <= view.outputs["ratios"][row] <= high + 1e-9, (name, end, row)


# =============================================================================================
# Sweeps: every slider over its whole range, and random combinations
# =============================================================================================


def every_position(slider) -> list[float]:
    """Every value the slider can take (its step grid), min and max included."""
    if isinstance(slider, widgets.IntSlider):
        return list(range(slider.min, slider.max + 1))
    count = round((slider.max - slider.min) / slider.step)
    return [round(slider.min + k * slider.step, 10) for k in range(count + 1)]


@pytest.mark.parametrize("name", NAMES)
def test_sweep_every_slider_over_its_whole_range(name, monkeypatch, shared_view):
    """Every position of every slider, up and down; the drawing itself is checked below."""
    view = shared_view(name)
    monkeypatch.setattr(view, "_render", lambda **kw: None)
    with strict():
        for slider_name, slider in view.sliders.items():
            view.reset()
            positions = every_position(slider)
            for value in positions + positions[::-1]:
                slider.value = value
                assert finite(view.outputs), (slider_name, value)
                assert finite(artist_numbers(view)), (slider_name, value)


@pytest.mark.parametrize("name", NAMES)
def test_sweep_every_slider_with_drawing(name, shared_view):
    view = shared_view(name)
    with strict():
        for slider_name, slider in view.sliders.items():
            view.reset()
            for value in np.linspace(slider.min, slider.max, 5):
                slider.value = int(value) if isinstance(slider, widgets.IntSlider) else float(value)
                assert finite(view.outputs), (slider_name, value)
                assert not np.all(pixels(view) == 255)


def combinations(view: views.ModelView) -> st.SearchStrategy[dict[str, float]]:
    draws = {}
    for slider_name, slider in view.sliders.items():
        if isinstance(slider, widgets.IntSlider):
            draws[slider_name] = st.integers(slider.min, slider.max)
        else:
            draws[slider_name] = st.floats(slider.min, slider.max, allow_nan=False)
    return st.fixed_dictionaries(draws)


@pytest.mark.parametrize("name", NAMES)
def test_random_combinations_of_every_slider(name, shared_view):
    view = shared_view(name)

    @settings(max_examples=40, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(combo=combinations(view))
    def check(combo):
        with strict():
            view.set(**combo)
        assert finite(view.outputs) and finite(artist_numbers(view))
        assert not math.isnan(view.outputs.get("index", 0.0))
        for slider_name, value in view.values().items():
            slider = view.sliders[slider_name]
            assert slider.min <= value <= slider.max

    check()
