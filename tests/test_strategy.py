"""Lesson 08's tables, the weighing model and the two strategy views (weighing, funnel).

Expected values come from the tables themselves or from the published figures written out
here, never from the code's output. The views are held to the same contract as the other
what-if views: one model call and a blitted redraw per move, badges, reset, the illustrative
mark, a deterministic static image, and sweeps without an exception, NaN or warning.
"""

from __future__ import annotations

import inspect
import itertools
import math

import ipywidgets as widgets
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure
from view_helpers import PNG_SIGNATURE, artist_numbers, finite, make, pixels, strict

from counterprop import data, models, style, views

style.apply()

STRATEGY_VIEWS = ["weighing", "funnel"]
# Redirect pilot: "320,000 individuals watched over half a million minutes"; ADL/Moonshot
# email: ads "seen over 175,000 times on Google, and clicked on over 4,000 times".
PILOT_VIEWERS, PILOT_MINUTES = 320_000, 500_000
ADL_IMPRESSIONS, ADL_CLICKS = 175_000, 4_000

FRAMES = data.load("frames")
RESPONSES = data.load("responses")
FUNNEL = data.load("funnel")
OPTIONS = data.load("options")
CRITERIA = data.load("criteria")
SCORES_TABLE = data.load("option_scores")
SOURCES = data.load("sources")
SCORES, WEIGHTS = models.weighing_inputs()


def weights(**changes: float) -> np.ndarray:
    """The default (equal) weights with some changed, in criteria order."""
    out = WEIGHTS.copy()
    for name, value in changes.items():
        out[name] = value
    return out.to_numpy()


def leader(w: np.ndarray) -> list[str]:
    ranks = models.rank_options(SCORES, w)
    return [o for o, r in zip(SCORES.index, ranks) if r == 1]


# =============================================================================================
# The tables
# =============================================================================================


def test_frames_code_every_sentence_about_messaging_or_responses_and_nothing_else():
    sentence_ids = set(data.load("sentences")["id"])
    coded = set(FRAMES["sentence_id"])
    # Sentence 6 (the foreign-fighter estimate) describes neither messaging nor a response.
    assert coded == sentence_ids - {6}
    assert (FRAMES["justification"].str.len() > 20).all()
    cited = FRAMES["source_id"].notna()
    assert FRAMES.loc[cited, "quote"].notna().all()
    assert set(FRAMES.loc[cited, "source_id"]) <= set(SOURCES["source_id"])


def test_frames_findings_the_lesson_states():
    # "8 of 11 descriptions name no theme; not one describes an identity appeal"
    assert (FRAMES["winter_theme"] == "none").sum() == 8 and len(FRAMES) == 11
    assert not (FRAMES["ingram_appeal"] == "identity_choice").any()
    coded = FRAMES[FRAMES["winter_theme"] != "none"]
    assert coded.set_index("sentence_id")["winter_theme"].to_dict() == {
        1: "utopia", 10: "war", 11: "war"}
    assert set(FRAMES.loc[FRAMES["ingram_appeal"] != "none", "sentence_id"]) == {1, 10, 11}


def test_responses_name_only_sentences_that_describe_responses():
    described = set(FRAMES.loc[FRAMES["describes"] == "response", "sentence_id"])
    assert set(RESPONSES["sentence_id"]) <= described
    kinds = RESPONSES["response_type"].value_counts().to_dict()
    assert kinds == {"military": 4, "disruption": 3, "counter_narrative": 2}
    assert (RESPONSES.loc[RESPONSES["response_type"] == "military", "ingram_tier"] == "none").all()
    assert (RESPONSES.loc[RESPONSES["response_type"] == "disruption", "ingram_tier"]
            == "tier_2").all()
    assert RESPONSES.loc[RESPONSES["status"] == "proposed", "sentence_id"].tolist() == [12]


def test_funnel_table_holds_the_published_figures_and_no_number_for_the_last_stage():
    values = FUNNEL.set_index(["campaign", "stage"])["value"]
    assert values["redirect_pilot", "clicks"] == PILOT_VIEWERS
    assert values["redirect_pilot", "minutes_watched"] == PILOT_MINUTES
    assert values["adl_moonshot_us", "impressions"] == ADL_IMPRESSIONS
    assert values["adl_moonshot_us", "clicks"] == ADL_CLICKS
    last = FUNNEL[FUNNEL["stage"] == "attitude_change"]
    assert len(last) == 2 and last["value"].isna().all() and (last["status"] == "unknown").all()
    numeric = FUNNEL[FUNNEL["value"].notna()]
    assert (numeric["status"] == "empirical").all()
    assert numeric["source_id"].notna().all() and numeric["quote"].notna().all()


def test_funnel_table_derives_the_registry_defaults():
    values = FUNNEL.set_index(["campaign", "stage"])["value"]
    defaults = models.defaults("funnel")
    ctr = values["adl_moonshot_us", "clicks"] / values["adl_moonshot_us", "impressions"]
    per_viewer = values["redirect_pilot", "minutes_watched"] / values["redirect_pilot", "clicks"]
    assert round(ctr, 3) == defaults["ctr"] and round(per_viewer, 2) == defaults["minutes_per_viewer"]
    assert "attitude_change" not in defaults


def test_every_score_is_labelled_illustrative_and_grounded_where_it_cites():
    assert len(SCORES_TABLE) == len(OPTIONS) * len(CRITERIA)
    assert (SCORES_TABLE["status"] == "illustrative").all()
    assert SCORES_TABLE["note"].str.startswith("Judgement.").all()
    cited = SCORES_TABLE["source_id"].notna()
    assert SCORES_TABLE.loc[cited, "quote"].notna().all()
    assert set(SCORES_TABLE.loc[cited, "source_id"]) <= set(SOURCES["source_id"])
    # The facts the task names: CEP's takedown figures, RAND's "did not assess", Katz's critique
    # of Think Again Turn Away, Fisher's Swarmcast, Phillips on amplification.
    notes = " ".join(SCORES_TABLE["note"])
    assert {"rand_redirect", "katz_2014", "fisher_2015"} <= set(SCORES_TABLE["source_id"].dropna())
    assert "148,590/163,391" in notes and "Phillips" in notes
    # no option has a cost figure: every cost score says so
    cost = SCORES_TABLE[SCORES_TABLE["criterion_id"] == "cost"]
    assert cost["note"].str.contains("cost figure").all()


def test_weights_are_illustrative_and_equal_by_default():
    assert (CRITERIA["weight_status"] == "illustrative").all()
    assert set(CRITERIA["default_weight"]) == {1.0}
    assert WEIGHTS.tolist() == [1.0] * len(CRITERIA)
    assert list(SCORES.index) == OPTIONS["option_id"].tolist()
    assert list(SCORES.columns) == CRITERIA["criterion_id"].tolist()
    assert SCORES.to_numpy().min() >= 1 and SCORES.to_numpy().max() <= 5


# =============================================================================================
# The weighing model
# =============================================================================================


def test_weighted_scores_are_the_weighted_mean_by_hand():
    for w in (weights(), weights(evidence=2), weights(backlash=0.5, reach=4)):
        by_hand = (SCORES * w).sum(axis=1) / w.sum()
        np.testing.assert_allclose(models.weighted_scores(SCORES, w), by_hand.to_numpy())
    # only the ratios of the weights matter
    np.testing.assert_allclose(models.weighted_scores(SCORES, 7 * weights(evidence=2)),
                               models.weighted_scores(SCORES, weights(evidence=2)))


def test_weighted_scores_are_vectorised_over_weight_vectors():
    many = np.array([weights(), weights(evidence=2), weights(displacement=0)])
    out = models.weighted_scores(SCORES, many)
    assert out.shape == (3, len(SCORES))
    for row, w in zip(out, many):
        np.testing.assert_allclose(row, models.weighted_scores(SCORES, w))
    assert models.rank_options(SCORES, many).shape == (3, len(SCORES))


def test_ranks_share_ties():
    assert models.rank_options([[4, 2], [2, 4], [1, 1]], [1, 1]).tolist() == [1, 1, 3]
    assert models.rank_options([[4, 2], [2, 4], [1, 1]], [1, 3]).tolist() == [2, 1, 3]


@pytest.mark.parametrize(
    ("scores", "w", "message"),
    [
        ([[1, 2], [3, 4]], [1, -1], r"^weights must be at least 0, got -1$"),
        ([[1, 2], [3, 4]], [0, 0], r"^weights must not all be 0"),
        ([[1, 2], [3, 4]], [1, 1, 1], r"^weights must give one weight per criterion \(2\)"),
        ([1, 2], [1, 1], r"^scores must be a table of options × criteria"),
        ([[1, math.nan], [3, 4]], [1, 1], r"^scores must be at least 0, got nan$"),
        ([[1, 2], [3, 4]], [1, math.inf], r"^weights must be at least 0, got infinity$"),
    ],
)
def test_bad_inputs_are_named(scores, w, message):
    with pytest.raises(ValueError, match=message):
        models.weighted_scores(scores, w)


def test_the_named_flip_the_lesson_states():
    # Equal weights: Redirect-style search ads first, 0.17 ahead of account suspensions.
    equal = models.weighted_scores(SCORES, weights())
    assert leader(weights()) == ["redirect"]
    assert round(equal[0], 2) == 3.50 and round(equal[2], 2) == 3.67
    # "give evidence strength a weight of 2": account suspensions now come first.
    assert leader(weights(evidence=2)) == ["suspensions"]
    # the flip is at 1.5 exactly: (20 + 2x) = (17 + 4x) for Redirect and suspensions
    assert leader(weights(evidence=1.5)) == ["suspensions", "redirect"]
    assert leader(weights(evidence=1.4)) == ["redirect"]
    assert leader(weights(evidence=1.6)) == ["suspensions"]


def test_weight_flips_table_matches_what_the_lesson_reads_out():
    flips = models.weight_flips(SCORES, WEIGHTS, low=0, high=5).set_index("criterion")
    assert (flips["leader"] == "redirect").all()
    assert (flips.loc["evidence", "upper"], flips.loc["evidence", "leader_above"]) == (1.5, "suspensions")
    assert (flips.loc["reach", "upper"], flips.loc["reach", "leader_above"]) == (2.0, "suspensions")
    assert (flips.loc["backlash", "upper"], flips.loc["backlash", "leader_above"]) == (4.0, "hash_blocking")
    assert flips.loc["displacement", "lower"] == pytest.approx(2 / 3)
    assert flips.loc["displacement", "leader_below"] == "suspensions"
    for name in ("speed", "cost"):
        assert math.isnan(flips.loc[name, "upper"]) and math.isnan(flips.loc[name, "lower"])
    assert flips["lower"].drop("displacement").isna().all()


def brute_leaders(w: np.ndarray, c: int, grid: np.ndarray) -> list[tuple[str, ...]]:
    """The leader(s) at each grid value of weight c, ranking every grid point in one call."""
    moved = np.repeat(w[np.newaxis, :], len(grid), axis=0)
    moved[:, c] = grid
    live = moved.sum(axis=1) > 0
    ranks = np.zeros((len(grid), len(SCORES)), dtype=int)
    ranks[live] = models.rank_options(SCORES, moved[live])
    return [tuple(o for o, r in zip(SCORES.index, row) if r == 1) if ok else ()
            for row, ok in zip(ranks, live)]


@settings(max_examples=40, deadline=None, database=None)
@given(st.lists(st.sampled_from(np.arange(0, 5.01, 0.5).tolist()), min_size=6, max_size=6))
def test_leader_intervals_agree_with_a_brute_force_sweep(raw):
    w = np.array(raw, dtype=float)
    if w.sum() == 0:
        w[0] = 1.0
    table = models.leader_intervals(SCORES, w, low=0, high=5)
    grid = np.linspace(0, 5, 101) + 0.013  # off the 0.5 grid, so no grid point sits on a tie
    grid = grid[grid < 5]
    for c, criterion in enumerate(SCORES.columns):
        mine = table[table["criterion"] == criterion]
        assert mine["start"].iloc[0] == 0 and mine["end"].iloc[-1] == 5
        assert (mine["start"].iloc[1:].to_numpy() == mine["end"].iloc[:-1].to_numpy()).all()
        expected = brute_leaders(w, c, grid)
        found = np.searchsorted(mine["end"].to_numpy(), grid, side="right")
        names = mine["leader"].tolist()
        for x, who, k in zip(grid, expected, found):
            if who:
                assert tuple(names[k].split(" = ")) == who, (criterion, x)


@settings(max_examples=40, deadline=None, database=None)
@given(st.lists(st.sampled_from(np.arange(0, 5.01, 0.5).tolist()), min_size=6, max_size=6))
def test_weight_flips_are_the_nearest_leader_changes(raw):
    w = np.array(raw, dtype=float)
    if w.sum() == 0:
        w[0] = 1.0
    flips = models.weight_flips(SCORES, w, low=0, high=5)
    for c, row in flips.iterrows():
        now = tuple(leader(w))
        assert row["leader"] == " = ".join(now)
        if not math.isnan(row["upper"]):
            assert row["upper"] >= w[c]
            beyond = w.copy()
            beyond[c] = min(row["upper"] + 1e-6, 5)
            assert " = ".join(leader(beyond)) == row["leader_above"]
            # nothing changes between the current weight and the flip
            if row["upper"] > w[c]:
                inside = w.copy()
                inside[c] = (w[c] + row["upper"]) / 2
                assert tuple(leader(inside)) == now or len(now) > 1
        else:
            for x in np.linspace(w[c], 5, 23)[1:-1]:  # a tie exactly at the end is no flip
                moved = w.copy()
                moved[c] = x
                assert tuple(leader(moved)) == now or len(now) > 1 or moved.sum() == 0
        if not math.isnan(row["lower"]):
            assert row["lower"] <= w[c]
            below = w.copy()
            below[c] = max(row["lower"] - 1e-6, 0)
            if below.sum() > 0:
                assert " = ".join(leader(below)) == row["leader_below"]


def test_government_messaging_is_dominated_and_never_first():
    assert (SCORES.loc["redirect"] >= SCORES.loc["government_messaging"]).all()
    grid = np.array(list(itertools.product([0, 1, 3, 5], repeat=6)), dtype=float)
    grid = grid[grid.sum(axis=1) > 0]
    ranks = models.rank_options(SCORES, grid)
    k = list(SCORES.index).index("government_messaging")
    r = list(SCORES.index).index("redirect")
    assert (ranks[:, k] >= ranks[:, r]).all()
    assert not ((ranks[:, k] == 1) & (ranks[:, r] != 1)).any()


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(st.floats(0, 5, allow_nan=False), min_size=6, max_size=6))
def test_sweep_weights_no_nan_and_scores_stay_on_the_scale(raw):
    w = np.array(raw)
    if w.sum() == 0:
        return
    with strict():
        values = models.weighted_scores(SCORES, w)
        flips = models.weight_flips(SCORES, w, low=0, high=5)
        intervals = models.leader_intervals(SCORES, w, low=0, high=5)
    assert np.isfinite(values).all() and (values >= 1 - 1e-12).all() and (values <= 5 + 1e-12).all()
    assert len(flips) == 6 and np.isfinite(intervals[["start", "end"]].to_numpy()).all()


def test_weighing_functions_take_no_default_numbers():
    for func in (models.weighted_scores, models.rank_options, models.leader_intervals,
                 models.weight_flips):
        for parameter in inspect.signature(func).parameters.values():
            assert parameter.default in (inspect.Parameter.empty, None), (func, parameter)


# =============================================================================================
# The funnel: its last stage can never be given a number
# =============================================================================================


def test_the_funnel_model_has_no_way_to_take_an_attitude_number():
    assert "attitude_change" not in inspect.signature(models.funnel).parameters
    with pytest.raises(TypeError, match="attitude_change"):
        models.funnel(impressions=1.0, ctr=0.1, minutes_per_viewer=1.0, attitude_change=0.05)


def test_the_funnel_view_has_no_slider_for_the_last_stage():
    view = make("funnel")
    assert set(view.sliders) == {"impressions", "ctr", "minutes_per_viewer"}
    with pytest.raises(ValueError, match="has no slider attitude_change"):
        view.set(attitude_change=0.05)
    assert "no slider, locked" in view.notes.value and "UNKNOWN" in view.notes.value
    assert models.ATTITUDE_STATUS in view.notes.value
    for name, slider in view.sliders.items():
        for value in (slider.min, slider.max):
            slider.value = value
            assert "attitude_change" not in view.outputs
            assert "no slider, locked" in view.notes.value
    # the chart's last row says "unknown" and carries no bar that a slider moves
    texts = [t.get_text() for t in view.figure.axes[0].texts]
    assert any(t.startswith("unknown: no published effect size") for t in texts)
    assert len(view.artists["bars"]) == 3


def test_the_funnel_view_follows_the_model_and_marks_the_published_figures():
    view = make("funnel")
    table = models.funnel(**view.values()).set_index("stage")["value"]
    assert view.outputs["viewers"] == table["viewers"]
    assert view.outputs["minutes_watched"] == table["minutes_watched"]
    widths = [bar.get_width() + bar.get_x() for bar in view.artists["bars"]]
    np.testing.assert_allclose(widths, view.outputs["stages"])
    marked = sorted(x for line in view.figure.axes[0].lines for x in line.get_xdata())
    assert marked == sorted([ADL_IMPRESSIONS, ADL_CLICKS, PILOT_VIEWERS, PILOT_MINUTES])


def test_the_funnel_view_steps_keep_the_registry_defaults_on_the_grid():
    view = make("funnel")
    for parameter in view.parameters.values():
        positions = (parameter.default - parameter.min) / parameter.step
        assert abs(positions - round(positions)) < 1e-6, parameter.name
        assert 50 <= (parameter.max - parameter.min) / parameter.step <= 1000
    assert view.parameters["impressions"].step == 25_000  # (14,000,000 - 175,000)/553


# =============================================================================================
# The weighing view
# =============================================================================================


def test_the_weighing_view_reads_its_sliders_from_criteria_csv():
    view = make("weighing")
    table = CRITERIA.set_index("criterion_id")
    assert list(view.sliders) == list(table.index)
    for name, slider in view.sliders.items():
        row = table.loc[name]
        assert (slider.value, slider.min, slider.max, slider.step) == (
            row["default_weight"], row["min_weight"], row["max_weight"], row["weight_step"])
        assert view.parameters[name].status == "illustrative"
        assert "ILLUSTRATIVE" in view.badges[name].value and "assumption" in view.badges[name].value
        assert row["criterion"] in slider.description


def test_the_weighing_view_shows_the_named_flip():
    view = make("weighing")
    assert view.leaders == ["redirect"]
    assert view.figure.axes[0].get_title(loc="left") == "First: Redirect-style search ads"
    view.sliders["evidence"].value = 2
    assert view.leaders == ["suspensions"] and view.is_illustrative
    assert view.artists["watermark"].get_visible() and "ILLUSTRATIVE" in view.status.value
    assert view.figure.axes[0].get_title(loc="left") == "First: Account suspensions"
    np.testing.assert_allclose([b.get_width() for b in view.artists["bars"]],
                               models.weighted_scores(SCORES, weights(evidence=2)))
    view.reset()
    assert view.leaders == ["redirect"] and view.is_illustrative  # weights are judgements


def test_the_weighing_view_says_illustrative_on_screen():
    view = make("weighing")
    footnotes = [t.get_text() for t in view.figure.texts]
    assert any(t.startswith("ILLUSTRATIVE: scores and weights are judgements") for t in footnotes)
    assert "illustrative" in view.notes.value


def test_the_weighing_view_flips_agree_with_the_model():
    view = make("weighing")
    for changes in ({}, {"evidence": 2.0}, {"backlash": 4.5, "reach": 0.3}, {"displacement": 0.0}):
        view.reset()
        if changes:
            view.set(**changes)
        expected = models.weight_flips(SCORES, weights(**changes), low=0, high=5)
        mine = pd.DataFrame(view.flips())
        for column in ("lower", "upper"):
            np.testing.assert_allclose(mine[column], expected[column], equal_nan=True)
        for column in ("leader_below", "leader_above"):
            assert mine[column].tolist() == expected[column].tolist()


def test_the_weighing_view_strips_are_the_models_intervals():
    view = make("weighing")
    view.set(evidence=2.0, displacement=0.5)
    expected = models.leader_intervals(SCORES, weights(evidence=2.0, displacement=0.5), low=0, high=5)
    shown = [p for p in view.artists["segments"] if p.get_visible()]
    assert len(shown) == len(expected)
    np.testing.assert_allclose(sorted(p.get_x() for p in shown), sorted(expected["start"]))
    np.testing.assert_allclose(sorted(p.get_x() + p.get_width() for p in shown),
                               sorted(expected["end"]))


def test_all_weights_at_zero_are_refused_kindly():
    view = make("weighing")
    with strict():
        view.set(**{name: 0.0 for name in view.sliders})
    assert sum(view.values().values()) > 0
    assert "nothing can be ranked" in view.notes.value
    assert np.isfinite(view.outputs["scores"]).all()


# =============================================================================================
# The contract every what-if view keeps
# =============================================================================================


@pytest.fixture(params=STRATEGY_VIEWS)
def view(request) -> views.ModelView:
    return make(request.param)


def test_the_registry_of_views_holds_both():
    for name in STRATEGY_VIEWS:
        assert issubclass(views.VIEWS[name], views.ModelView) and views.VIEWS[name].name == name


def test_the_shared_interface(view):
    assert isinstance(view.widget, widgets.VBox)
    assert set(view.sliders) == set(view.parameters) == set(view.badges)
    assert isinstance(view.figure, Figure) and view.artists and view.outputs
    assert view.values() == view.defaults() and view.moved == []
    assert view.is_illustrative == bool(view.assumptions)
    bundle = view._repr_mimebundle_()
    assert bundle["text/plain"] == repr(view) and "all at their defaults" in repr(view)
    assert "0x" not in repr(view)
    for name, badge in view.badges.items():
        parameter = view.parameters[name]
        assert views.STATUS_BADGE[parameter.status][0] in badge.value
        if parameter.source_id:
            assert parameter.source_id in set(SOURCES["source_id"])


def test_static_png_is_deterministic_and_shows_the_defaults(view):
    first = view.static_png()
    assert first.startswith(PNG_SIGNATURE) and first == view.static_png()
    name, slider = next(iter(view.sliders.items()))
    assert slider.value != slider.max  # the first slider can move up (the browser test does)
    assert view.static_png({name: slider.max}) != first
    slider.value = slider.max
    assert view.static_png() == first


def test_set_moves_several_sliders_with_one_redraw_and_reset_restores(view, monkeypatch):
    calls = []
    original = view._render
    monkeypatch.setattr(view, "_render", lambda **kw: (calls.append(kw), original(**kw)))
    view.set(**{name: slider.max for name, slider in list(view.sliders.items())[:2]})
    assert len(calls) == 1
    calls.clear()
    view.reset_button.click()
    assert len(calls) == 1 and view.values() == view.defaults() and not view.moved


def test_every_slider_move_of_one_step_changes_the_canvas(view):
    for name, slider in view.sliders.items():
        view.reset()
        before = pixels(view)
        step = slider.step
        slider.value = slider.value + step if slider.value + step <= slider.max else slider.value - step
        assert not np.array_equal(before, pixels(view)), f"moving {name} left the chart unchanged"


def test_blitting_updates_the_same_artists_as_a_full_redraw(view):
    slow = views.VIEWS[view.name](canvas="agg", blit=False)
    for name, slider in view.sliders.items():
        target = (slider.min + slider.max) / 2
        view.sliders[name].value = target
        slow.sliders[name].value = target
    assert artist_numbers(view) == artist_numbers(slow)
    assert view.status.value == slow.status.value and view.notes.value == slow.notes.value


def test_render_figure_draws_the_same_chart_and_leaves_the_view_alone(view):
    name, slider = next(iter(view.sliders.items()))
    slider.value = slider.max
    before = {k: np.copy(v) if isinstance(v, np.ndarray) else v for k, v in view.outputs.items()}
    notes = view.notes.value
    figure = Figure(figsize=view.figsize)
    view.render_figure(figure)
    assert len(figure.axes) == len(view.figure.axes)
    for key, value in before.items():
        np.testing.assert_array_equal(view.outputs[key], value)
    assert view.notes.value == notes


@pytest.mark.parametrize("name", STRATEGY_VIEWS)
def test_sweep_every_slider_over_its_whole_range(name, monkeypatch):
    view = make(name)
    monkeypatch.setattr(view, "_render", lambda **kw: None)
    with strict():
        for slider_name, slider in view.sliders.items():
            view.reset()
            count = round((slider.max - slider.min) / slider.step)
            positions = [round(slider.min + k * slider.step, 10) for k in range(count + 1)]
            if count > 120:  # the impressions slider: every 5th position is plenty
                positions = positions[::5] + [positions[-1]]
            for value in positions + positions[::-1]:
                slider.value = value
                assert finite(view.outputs) and finite(artist_numbers(view)), (slider_name, value)


@pytest.mark.parametrize("name", STRATEGY_VIEWS)
def test_random_combinations_with_drawing(name):
    view = make(name)
    draws = {n: st.floats(s.min, s.max, allow_nan=False) for n, s in view.sliders.items()}

    @settings(max_examples=25, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(combo=st.fixed_dictionaries(draws))
    def check(combo):
        with strict():
            view.set(**combo)
        assert finite(view.outputs) and finite(artist_numbers(view))
        assert not np.all(pixels(view) == 255)

    check()


def test_the_ipympl_canvas_is_the_live_widget():
    pytest.importorskip("ipympl")
    from ipympl.backend_nbagg import Canvas

    view = views.VIEWS["weighing"](canvas="ipympl")
    assert isinstance(view.canvas, Canvas) and view.canvas in view.widget.children
