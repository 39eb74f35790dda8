"""Text drawn once, pasted after that: the pixels of a chart's moving texts, kept per text.

Matplotlib lays out and rasterises every glyph of a text each time the text is drawn (about
40 µs a glyph, plus the layout). A view redraws its moving texts (titles that state the
finding, value labels, the assumptions label) on every slider move, even when a move leaves
their words as they were; that was most of a move's time. :class:`TextPixels` draws a text
once onto a transparent scratch canvas of the same size, keeps the pixels of its box (with
their transparency) and pastes them over whatever lies under the text on later draws: the
same pixels, composited in a few microseconds.

A text seen for the first time is drawn on a :class:`GlyphCachingRenderer`, which keeps each
glyph's bitmap: the digits of a moving number are rasterised once, not on every move.

A kept rendering is found by everything that shapes the pixels: the text, its anchor in
pixels, font, colour, transparency, rotation and alignment. Anything else (a new layout,
another renderer size) starts a new cache: the view calls :meth:`TextPixels.clear` after each
full draw.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag
from matplotlib.colors import to_rgba
from matplotlib.ft2font import RenderMode
from matplotlib.text import Text

PAD = 2
"""Pixels kept around a text's box: antialiasing can reach just beyond it."""


class TextPixels:
    """A cache of rendered texts, pasted with their transparency (see the module's text).

    Parameters
    ----------
    capacity:
        How many renderings to keep; the oldest half is dropped when it is full. A view's
        texts take a few hundred renderings over a whole sweep of its sliders.
    """

    def __init__(self, capacity: int = 512) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity!r}")
        self.capacity = capacity
        self._kept: dict[tuple, tuple[int, int, np.ndarray] | None] = {}
        self._scratch: RendererAgg | None = None
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._kept)

    def clear(self) -> None:
        """Forget every kept rendering (after a full draw: the layout may have changed)."""
        self._kept.clear()

    @staticmethod
    def key(text: Text) -> tuple:
        """Everything that shapes ``text``'s pixels, for a text laid out as it is now."""
        x, y = text.get_transform().transform(text.get_unitless_position())
        return (
            id(text),
            text.get_text(),
            round(x * 64),  # FreeType places glyphs to 1/64 of a pixel
            round(y * 64),
            hash(text.get_fontproperties()),
            to_rgba(text.get_color(), text.get_alpha()),
            text.get_rotation(),
            text.get_rotation_mode(),
            text.get_horizontalalignment(),
            text.get_verticalalignment(),
            text._get_multialignment(),
            text.get_linespacing(),
        )

    def draw(self, text: Text, renderer: RendererAgg) -> None:
        """Draw ``text`` on ``renderer``: from its kept pixels, or drawn once and kept."""
        if not text.get_visible() or not text.get_text():
            return
        if text.get_bbox_patch() is not None or text.get_usetex():
            text.draw(renderer)  # a box or TeX: drawn as usual, never kept
            return
        key = self.key(text)
        if key not in self._kept:
            self.misses += 1
            if len(self._kept) >= self.capacity:
                for old in list(self._kept)[: self.capacity // 2]:
                    del self._kept[old]
            self._kept[key] = self._rasterise(text, renderer)
        else:
            self.hits += 1
        kept = self._kept[key]
        if kept is None:  # nothing of it falls on the canvas
            return
        left, bottom, pixels = kept
        gc = renderer.new_gc()
        renderer.draw_image(gc, left, bottom, pixels)
        gc.restore()

    def _rasterise(self, text: Text, renderer: RendererAgg) -> tuple[int, int, np.ndarray] | None:
        """``text`` drawn alone on a transparent canvas the size of ``renderer``: the pixels of
        its box, bottom row first (as ``draw_image`` takes them), and the box's lower left."""
        width, height = int(renderer.width), int(renderer.height)
        scratch = self._scratch
        if scratch is None or (scratch.width, scratch.height, scratch.dpi) != (
            width, height, renderer.dpi
        ):
            scratch = self._scratch = GlyphCachingRenderer(width, height, renderer.dpi)
        scratch.clear()
        text.draw(scratch)
        box = text.get_window_extent(scratch)
        left = max(0, math.floor(box.x0) - PAD)
        right = min(width, math.ceil(box.x1) + PAD)
        bottom = max(0, math.floor(box.y0) - PAD)
        top = min(height, math.ceil(box.y1) + PAD)
        if right <= left or top <= bottom:
            return None
        rows = np.asarray(scratch.buffer_rgba())[height - top : height - bottom, left:right]
        return left, bottom, np.ascontiguousarray(rows[::-1])



class GlyphCachingRenderer(RendererAgg):
    """An Agg renderer that rasterises each glyph once and pastes its bitmap after that.

    Matplotlib's Agg renderer asks FreeType for a new bitmap of every glyph it draws, placed to
    1/64 of a pixel. A glyph's bitmap depends only on its font, size, hinting and the fraction
    of a pixel it starts at: moving it by whole pixels moves the bitmap by whole pixels. So this
    renderer keeps one bitmap per (font, size, glyph, fraction) and draws it with the same Agg
    call matplotlib uses: the pixels are identical to matplotlib's (``tests/test_text_pixels.py``
    compares them). Rotated, slanted or stretched glyphs, boxes (mathtext) and text without
    antialiasing are left to matplotlib.
    """

    def __init__(self, width: float, height: float, dpi: float) -> None:
        super().__init__(width, height, dpi)
        self._glyphs: dict[tuple, tuple[np.ndarray, int, int]] = {}
        self._fonts: list = []  # the fonts keyed by id() below, kept alive so no id is reused

    def _draw_text_glyphs_and_boxes(self, gc, x, y, angle, glyphs, boxes):  # matplotlib 3.11
        glyphs = list(glyphs)
        plain = angle == 0 and not boxes and gc.get_antialiased() and all(
            slant == 0 and extend == 1 for _, _, _, slant, extend, _, _ in glyphs
        )
        if not plain:
            return super()._draw_text_glyphs_and_boxes(gc, x, y, angle, glyphs, boxes)
        flags = get_hinting_flag()
        height = int(self.height)
        for font, size, glyph_index, _slant, _extend, dx, dy in glyphs:  # dy is upwards
            # Where matplotlib puts the glyph's origin, in 1/64 pixel (FreeType's y is upwards).
            gx = round(0x40 * (x + dx))
            gy = round(0x40 * (self.height - y + dy))
            key = (id(font), size, self.dpi, glyph_index, flags, gx & 0x3F, gy & 0x3F)
            kept = self._glyphs.get(key)
            if kept is None:
                if font not in self._fonts:
                    self._fonts.append(font)
                font.set_size(size, self.dpi)
                font._set_transform([[0x10000, 0], [0, 0x10000]], [gx & 0x3F, gy & 0x3F])
                bitmap = font._render_glyph(glyph_index, flags, RenderMode.NORMAL)
                kept = (np.array(bitmap.buffer), bitmap.left, bitmap.top)
                self._glyphs[key] = kept
            buffer, left, top = kept
            self._renderer.draw_text_image(
                buffer, left + (gx >> 6), height - (top + (gy >> 6)) + buffer.shape[0], 0, gc
            )
