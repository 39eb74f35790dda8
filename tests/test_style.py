"""The chart style: colour-blind palette, Arabic-capable font, and the matplotlib guard."""

from __future__ import annotations

import matplotlib
import pytest
import seaborn as sns
from matplotlib.colors import to_hex

from counterprop import style


def test_apply_sets_palette_and_font():
    style.apply()
    cycle = [to_hex(c) for c in matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]]
    assert cycle == sns.color_palette("colorblind").as_hex()
    assert matplotlib.rcParams["font.family"][0] in (style.ARABIC_FONT, "sans-serif")
    assert style.ARABIC_FONT in matplotlib.rcParams["font.sans-serif"]


def test_matplotlib_older_than_3_11_is_refused_with_the_reason():
    with pytest.raises(RuntimeError, match=r"matplotlib 3\.10\.9 is too old.*isolated letters"):
        style.check_matplotlib("3.10.9")


def test_this_matplotlib_shapes_arabic_natively():
    assert style.has_native_arabic_shaping()
    style.check_matplotlib()  # does not raise
