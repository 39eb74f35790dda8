"""Texts drawn once and pasted after that paint the pixels matplotlib paints.

``counterprop.views.text_pixels`` makes a slider move cheap: each moving text is rasterised
once per wording and pasted after that, and a new wording reuses the bitmaps of glyphs seen
before. Speed must never change a pixel: these tests compare both with matplotlib's own Agg
renderer, and show that the cache does skip the work and does notice every change.
"""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure

from counterprop import style, views
from counterprop.views.text_pixels import GlyphCachingRenderer, TextPixels

style.apply()

SAMPLES = [
    ("about 320,000", {}),
    ("ILLUSTRATIVE: rests on the assumptions I = 14000000", {"fontweight": "bold"}),
    ("الجهاد الإلكتروني: نحو 25 ألف", {"fontsize": 11}),
    ("two lines\nof text", {"ha": "center", "va": "top", "multialignment": "center"}),
    ("rotated: takes matplotlib's own path", {"rotation": 18}),
    ("× ≥ → 0.42 %", {"color": "#b35806", "alpha": 0.6}),
]


def figure_with_texts() -> tuple[Figure, list]:
    figure = Figure(figsize=(8, 4))
    texts = [
        figure.text(0.02 + 0.017 * i, 0.08 + 0.15 * i, text, **props)
        for i, (text, props) in enumerate(SAMPLES)
    ]
    return figure, texts


def rgba(renderer: RendererAgg) -> np.ndarray:
    return np.asarray(renderer.buffer_rgba()).copy()


def test_cached_glyphs_paint_exactly_the_pixels_of_matplotlib():
    figure, texts = figure_with_texts()
    reference, cached = RendererAgg(800, 400, 100), GlyphCachingRenderer(800, 400, 100)
    for text in texts:
        text.draw(reference)
        text.draw(cached)
    first = rgba(cached)
    assert np.array_equal(first, rgba(reference))
    assert (first[..., 3] > 0).sum() > 3000  # the texts were drawn at all
    kept = len(cached._glyphs)
    cached.clear()
    for text in texts:  # every glyph now comes from the cache
        text.draw(cached)
    assert len(cached._glyphs) == kept > 50
    assert np.array_equal(rgba(cached), first)


def test_a_glyph_moved_by_a_fraction_of_a_pixel_is_rasterised_anew():
    """A bitmap is kept per fraction of a pixel: shifting a text by 0.3 pixel must not paste the
    old bitmaps one pixel off."""
    figure = Figure(figsize=(8, 4))
    text = figure.text(0.1, 0.5, "0123456789")
    reference, cached = RendererAgg(800, 400, 100), GlyphCachingRenderer(800, 400, 100)
    for x in (0.1, 0.1 + 0.3 / 800, 0.1 + 1.0 / 800):
        text.set_x(x)
        reference.clear()
        cached.clear()
        text.draw(reference)
        text.draw(cached)
        assert np.array_equal(rgba(cached), rgba(reference)), x


def test_text_pixels_paste_what_drawing_paints_and_skip_the_work_when_nothing_changed():
    figure, texts = figure_with_texts()
    canvas = FigureCanvasAgg(figure)
    renderer = canvas.get_renderer()
    background = np.full((400, 800, 4), 255, np.uint8)
    reference = RendererAgg(800, 400, 100)
    np.asarray(reference.buffer_rgba())[:] = background
    for text in texts:
        text.draw(reference)
    cache = TextPixels()
    for round_ in range(2):
        renderer.clear()
        np.asarray(renderer.buffer_rgba())[:] = background
        for text in texts:
            cache.draw(text, renderer)
        difference = np.abs(rgba(renderer).astype(int) - rgba(reference).astype(int)).max()
        assert difference <= 2, (round_, difference)  # compositing rounds by at most 2 of 255
    assert (cache.misses, cache.hits) == (len(texts), len(texts))


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.set_text("about 330,000"),
        lambda t: t.set_color("red"),
        lambda t: t.set_x(0.4),
        lambda t: t.set_fontsize(t.get_fontsize() + 3),
        lambda t: t.set_horizontalalignment("right"),
        lambda t: t.set_alpha(0.5),
    ],
    ids=["text", "colour", "position", "size", "alignment", "alpha"],
)
def test_any_change_to_a_text_draws_it_anew(change):
    figure, texts = figure_with_texts()
    renderer = FigureCanvasAgg(figure).get_renderer()
    cache = TextPixels()
    cache.draw(texts[0], renderer)
    change(texts[0])
    cache.draw(texts[0], renderer)
    assert (cache.misses, cache.hits) == (2, 0)


def test_hidden_or_empty_texts_draw_nothing_and_the_cache_stays_bounded():
    figure, texts = figure_with_texts()
    renderer = FigureCanvasAgg(figure).get_renderer()
    cache = TextPixels(capacity=4)
    texts[0].set_visible(False)
    texts[1].set_text("")
    cache.draw(texts[0], renderer)
    cache.draw(texts[1], renderer)
    assert (cache.misses, cache.hits, len(cache)) == (0, 0, 0)
    for k in range(10):
        texts[2].set_text(f"value {k}")
        cache.draw(texts[2], renderer)
    assert len(cache) <= 4
    cache.clear()
    assert len(cache) == 0


def test_a_capacity_below_one_is_refused_by_name():
    with pytest.raises(ValueError, match="capacity must be at least 1, got 0"):
        TextPixels(capacity=0)


@pytest.mark.parametrize("name", sorted(views.VIEWS))
def test_a_view_pastes_its_texts_when_a_move_leaves_them_as_they_were(name):
    """Back and forth between two positions: after the first round every text is pasted."""
    view = views.VIEWS[name](canvas="agg")
    slider = next(iter(view.sliders.values()))
    ends = [slider.min, slider.max]
    for value in ends:
        slider.value = value
    misses = view._texts.misses
    for value in ends * 2:
        slider.value = value
    assert view._texts.misses == misses and view._texts.hits > 0
