"""What-if views: one small widget per model, fast and honest.

>>> from counterprop import style, views
>>> style.apply()
>>> view = views.SurvivalView()       # in JupyterLab, display it by making it a cell's last line
>>> view.sliders["retention"].value = 0.25
>>> round(view.outputs["lineage_total"])
467

Each view puts the sliders of one model from :mod:`counterprop.models` above a chart. It follows
the course's rules for what-if views (COURSE.md §6, §8):

- **Every default and range comes from the parameter registry** ``data/parameters.csv`` (read
  with :func:`counterprop.models.load_parameters`); nothing numeric is written twice.
- **Every slider wears its status**: a badge says *empirical* (with its ``source_id``),
  *derived* (with its formula) or *illustrative* (an assumption). Hover for the full note.
- **A view states its assumptions at every moment, the defaults included**:
  ``view.assumptions`` lists every illustrative input in play (illustrative sliders at their
  current values, and illustrative fixed values); whenever it is not empty the status line
  names them and the chart (live and still) carries an "ILLUSTRATIVE" watermark and a label
  listing them. Published data (``PUBLISHED`` artists) are drawn from the data and never move.
- **Fast**: the figure is built once; a slider move calls the model and redraws only the
  artists that change (blitting: ``restore_region`` → ``draw_artist`` → ``blit``), which costs
  a few milliseconds instead of the ~100 ms of a full redraw (``benchmarks/widget_latency.py``).
- **A static copy**: :meth:`ModelView.static_png` renders the default state with the Agg
  backend, byte for byte the same on every run, for notebooks read on GitHub or in print.
  Every lesson shows it the same way, after the live view: ``view.show_still()`` (caption
  "Still image of this view at its defaults", the assumptions, the PNG).

Every view object has the same small interface, which the tests, the benchmark and the
browser test iterate over through :data:`VIEWS`:

================  ==============================================================
``sliders``       dict name → slider widget (set ``.value`` to move it)
``badges``        dict name → the HTML badge beside each slider
``figure``        the matplotlib figure, built once
``artists``       dict name → the artists a slider move updates
``outputs``       the latest model results (plain floats and numpy arrays)
``values()``      the current slider values; ``defaults()`` the registry's
``set(**v)``      move several sliders with one redraw; ``reset()`` back to defaults
``moved``         the sliders off their default
``assumptions``   the illustrative inputs in play; ``is_illustrative`` if there are any
``widget``        the ``VBox`` to display (displaying the view itself shows it too)
``static_png()``  PNG bytes of the default state (Agg), with the mark
``show_still()``  display the caption, the assumptions and ``static_png()`` (every lesson)
================  ==============================================================

Views choose their canvas: ``canvas="ipympl"`` (the live widget in JupyterLab; the default
inside a Jupyter kernel) or ``canvas="agg"`` (headless, the default elsewhere: tests and
benchmarks). Inside a kernel without ipympl (Colab, a bare kernel) the default prints one line
and falls back to Agg, showing the chart as an image redrawn on every move. A view holds no global state: two views never share a figure or a widget, and
a view's figure is not registered with pyplot. Importing ipympl would switch pyplot to the
widget backend; the view switches it back, so a lesson's other charts stay plain images
(``%matplotlib widget`` is not needed, and works too). Displaying a view outputs its widget
and a short, deterministic ``text/plain`` (no random ids), so a saved notebook passes nbval.

Adding a view: subclass :class:`ModelView`, list its sliders in ``SLIDERS`` (or override
:meth:`ModelView.define_parameters` for parameters that are not in the registry), implement
``compute``, ``build_chart`` and ``apply_outputs`` (and optionally ``constrain``,
``notes_html``, ``PUBLISHED`` and ``fixed_assumptions`` for illustrative inputs that are not
registry sliders), then register it in :data:`VIEWS` in this package's ``__init__``. The shared machinery lives in
``views/base.py``, each lesson's view in a module of its own.
"""

from __future__ import annotations

from counterprop.views.base import (
    STATUS_BADGE,
    WATERMARK,
    ModelView,
    Parameter,
    SteppedParameter,
    badge_html,
    make_slider,
)
from counterprop.views.funnel import FunnelView
from counterprop.views.reach import ReachView
from counterprop.views.survival import SurvivalView
from counterprop.views.takedown import TakedownView
from counterprop.views.weighing import WeighingView

__all__ = [
    "STATUS_BADGE",
    "VIEWS",
    "WATERMARK",
    "FunnelView",
    "ModelView",
    "Parameter",
    "ReachView",
    "SteppedParameter",
    "SurvivalView",
    "TakedownView",
    "WeighingView",
    "badge_html",
    "make_slider",
]

VIEWS: dict[str, type[ModelView]] = {
    "survival": SurvivalView,
    "takedown": TakedownView,
    "reach": ReachView,
    "weighing": WeighingView,
    "funnel": FunnelView,
}
"""Every what-if view by name, for the tests, the benchmark, the browser test and the presenter."""
