"""Text drawn once, pasted after that: the pixels of a chart's moving texts, kept per text.

Matplotlib lays out and rasterises every glyph of a text each time the text is drawn (about
40 µs a glyph, plus the layout). A view redraws its moving texts (titles that state the
finding, value labels, the assumptions label) on every slider move, even when a move leaves
their words as they were; that was most of a move's time. :class:`TextPixels` draws a text
once onto a transparent scratch canvas of the same size, keeps the pixels of its box (with
their transparency) and pastes them over whatever lies under the text on later draws: the
same pixels, composited in a few microseconds.

A kept rendering is found by everything that shapes the pixels: the text, its anchor in
pixels, font, colour, transparency, rotation and alignment. Anything else (a new layout,
another renderer size) starts a new cache: the view calls :meth:`TextPixels.clear` after each
full draw.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import to_rgba
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
            scratch = self._scratch = RendererAgg(width, height, renderer.dpi)
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

