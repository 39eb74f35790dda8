"""One call that sets the course's chart style.

>>> from counterprop import style
>>> style.apply()

``apply`` sets seaborn's theme with the colour-blind palette and a font that has Arabic
glyphs (DejaVu Sans, which matplotlib ships). It refuses matplotlib older than 3.11: from
3.11 on, matplotlib shapes Arabic itself (joined letters, right-to-left order), so labels are
passed as plain strings. Older versions draw isolated letters left to right, and the old
``arabic_reshaper`` + ``python-bidi`` recipe renders text *backwards* on 3.11, so the course
supports exactly one path: plain strings on matplotlib >= 3.11.
"""

from __future__ import annotations

import matplotlib
import matplotlib.ft2font
import seaborn as sns
from packaging.version import Version

MINIMUM_MATPLOTLIB = Version("3.11")
ARABIC_FONT = "DejaVu Sans"
"""Matplotlib's bundled font; it covers the Arabic letters and digits the course uses."""

PALETTE = sns.color_palette("colorblind")
"""The course palette (seaborn's colour-blind-safe set). Never let colour carry meaning alone."""

MARKERS = ["o", "s", "^", "D", "v", "P", "X"]
"""Markers that pair with the palette, so that series differ in shape as well as colour."""

HATCHES = ["", "//", "..", "xx", "\\\\", "++"]
"""Hatch patterns for bars and spans, for the same reason."""


def has_native_arabic_shaping() -> bool:
    """True when this matplotlib shapes complex scripts itself (built with libraqm)."""
    return hasattr(matplotlib.ft2font, "__libraqm_version__")


def check_matplotlib(version: str | None = None) -> None:
    """Raise ``RuntimeError`` with an explanation if matplotlib cannot draw Arabic correctly."""
    found = Version(version or matplotlib.__version__)
    if found < MINIMUM_MATPLOTLIB:
        raise RuntimeError(
            f"matplotlib {found} is too old for this course: it needs {MINIMUM_MATPLOTLIB} or newer. "
            "Before 3.11, matplotlib draws Arabic as isolated letters from left to right, so every "
            "Arabic chart label would be unreadable. Run `make lab` from the course folder: it "
            "installs the pinned versions from requirements.txt."
        )
    if version is None and not has_native_arabic_shaping():
        raise RuntimeError(
            f"this matplotlib {found} was built without libraqm, so it cannot shape Arabic text. "
            "Install the wheel from PyPI (`make lab` does this) rather than a distribution build."
        )


def apply(context: str = "notebook") -> None:
    """Set the course chart style: seaborn theme, colour-blind palette, Arabic-capable font.

    Parameters
    ----------
    context:
        seaborn's scaling context: ``"notebook"`` (default), ``"talk"`` for projecting to a room,
        or ``"paper"``.
    """
    check_matplotlib()
    sns.set_theme(
        context=context,
        style="whitegrid",
        palette=PALETTE,
        font=ARABIC_FONT,
        rc={
            "figure.figsize": (7.5, 4.0),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "figure.constrained_layout.use": True,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.spines.right": False,
            "axes.spines.top": False,
            "svg.hashsalt": "counter-propaganda-analytics",
        },
    )
