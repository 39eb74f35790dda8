"""The live chart's PNG encoder: lossless, valid for any PNG reader, and clear about bad input."""

from __future__ import annotations

import io

import numpy as np
import PIL.Image
import pytest

from counterprop import style, views
from counterprop.views.png import encode_png

style.apply()


def decoded(data: bytes) -> np.ndarray:
    image = PIL.Image.open(io.BytesIO(data))
    image.load()  # reads every chunk: a bad CRC or a short zlib stream raises here
    assert image.mode == "RGBA"
    return np.asarray(image)


@pytest.mark.parametrize("level", [0, 1, 9])
@pytest.mark.parametrize("shape", [(1, 1), (3, 7), (64, 33)])
def test_any_rgba_image_comes_back_pixel_for_pixel(shape, level):
    pixels = np.random.default_rng(sum(shape) + level).integers(0, 256, (*shape, 4), np.uint8)
    np.testing.assert_array_equal(decoded(encode_png(pixels, level)), pixels)


def test_a_chart_comes_back_pixel_for_pixel_and_compresses():
    view = views.SurvivalView(canvas="agg")
    pixels = np.asarray(view.canvas.buffer_rgba())
    data = encode_png(pixels)
    np.testing.assert_array_equal(decoded(data), pixels)
    assert len(data) < pixels.nbytes / 8  # flat colours compress well without row filters


@pytest.mark.parametrize(
    "pixels, message",
    [
        (np.zeros((4, 4, 3), np.uint8), r"shape \(4, 4, 3\)"),
        (np.zeros((4, 4, 4), np.float64), "dtype float64"),
        (np.zeros((0, 4, 4), np.uint8), r"shape \(0, 4, 4\)"),
    ],
)
def test_bad_pixels_are_refused_by_name(pixels, message):
    with pytest.raises(ValueError, match=message):
        encode_png(pixels)


def test_a_level_outside_zlibs_is_refused_by_name():
    with pytest.raises(ValueError, match="level must be a zlib level from 0 to 9, got 10"):
        encode_png(np.zeros((2, 2, 4), np.uint8), 10)
