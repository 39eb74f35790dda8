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
- **Moving an illustrative slider off its default marks the output illustrative**: the status
  line says which assumptions moved and the chart carries an "ILLUSTRATIVE" watermark.
- **Fast**: the figure is built once; a slider move calls the model and redraws only the
  artists that change (blitting: ``restore_region`` → ``draw_artist`` → ``blit``), which costs
  a few milliseconds instead of the ~100 ms of a full redraw (``benchmarks/widget_latency.py``).
- **A static copy**: :meth:`ModelView.static_png` renders the default state with the Agg
  backend, byte for byte the same on every run, for notebooks read on GitHub or in print.

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
``moved``         the sliders off their default; ``is_illustrative`` if any is an assumption
``widget``        the ``VBox`` to display (displaying the view itself shows it too)
``static_png()``  PNG bytes of the default state (Agg), for a static image in the notebook
================  ==============================================================

Views choose their canvas: ``canvas="ipympl"`` (the live widget in JupyterLab; the default
inside a Jupyter kernel) or ``canvas="agg"`` (headless, the default elsewhere: tests and
benchmarks). A view holds no global state: two views never share a figure or a widget, and
a view's figure is not registered with pyplot. Importing ipympl would switch pyplot to the
widget backend; the view switches it back, so a lesson's other charts stay plain images
(``%matplotlib widget`` is not needed, and works too). Displaying a view outputs its widget
and a short, deterministic ``text/plain`` (no random ids), so a saved notebook passes nbval.

Adding a view: subclass :class:`ModelView`, list its sliders in ``SLIDERS`` (or override
:meth:`ModelView.define_parameters` for parameters that are not in the registry), implement
``compute``, ``build_chart`` and ``apply_outputs`` (and optionally ``constrain`` and
``notes_html``), then register it with ``VIEWS["name"] = NewView`` at the end of this module.
"""

from __future__ import annotations

import html
import io
import itertools
import math
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

import ipywidgets as widgets
import matplotlib
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from counterprop import data, models, style

STATUS_BADGE = {
    "empirical": ("EMPIRICAL", "#0173b2"),
    "derived": ("DERIVED", "#029e73"),
    "illustrative": ("ILLUSTRATIVE", "#b35806"),
    "unknown": ("UNKNOWN", "#555555"),
}
"""Badge text and background colour per status. The word carries the meaning, not the colour."""

WATERMARK = "ILLUSTRATIVE"
"""What the chart says when an assumption has been moved off its default."""

_FORMULA = re.compile(r"formula `([^`]+)`")


# --------------------------------------------------------------------------------------------
# Parameters: a registry row, ready to become a slider
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    """One slider's worth of the registry: where its numbers come from and how to show it."""

    model: str
    name: str
    label: str
    symbol: str
    default: float
    min: float
    max: float
    unit: str
    status: str
    source_id: str
    note: str
    integer: bool = False

    @classmethod
    def from_registry(
        cls, model: str, name: str, label: str, *, integer: bool = False
    ) -> Parameter:
        """Read ``model.name`` from ``data/parameters.csv``; ``label`` is the slider's text."""
        table = models.load_parameters(model)
        rows = table[table["name"] == name]
        if len(rows) != 1:
            raise ValueError(f"data/parameters.csv has no parameter {model}.{name}")
        row = rows.iloc[0]
        if pd.isna(row["default"]):
            raise ValueError(f"{model}.{name} has status {row['status']}: no number to slide")
        return cls(
            model=model,
            name=name,
            label=label,
            symbol=str(row["symbol"]),
            default=float(row["default"]),
            min=float(row["min"]),
            max=float(row["max"]),
            unit=str(row["unit"]),
            status=str(row["status"]),
            source_id=str(row["source_id"]),
            note=str(row["formula_or_note"]),
            integer=integer,
        )

    @property
    def step(self) -> float:
        """A round slider step (a power of ten) giving 50-500 positions, default on the grid."""
        if self.integer:
            return 1.0
        span = self.max - self.min
        if span <= 0:
            return 1.0
        step = 10.0 ** math.floor(math.log10(span / 50))
        while abs(round((self.default - self.min) / step) * step - (self.default - self.min)) > (
            1e-9 * max(1.0, abs(self.default))
        ):
            step /= 10
        return step

    @property
    def decimals(self) -> int:
        """Decimal places that show every slider position exactly."""
        return max(0, -math.floor(math.log10(self.step) + 1e-12))

    @property
    def formula(self) -> str:
        """The formula shown by a derived parameter, or ``""``."""
        match = _FORMULA.search(self.note)
        return match.group(1) if match else ""

    def format(self, value: float) -> str:
        """``value`` at this parameter's precision, e.g. ``0.30`` or ``350``."""
        return f"{value:.{self.decimals}f}"


def make_slider(parameter: Parameter) -> widgets.FloatSlider | widgets.IntSlider:
    """A slider with the registry's default, range and a step that hits the default."""
    common = {
        "description": f"{parameter.label} ({parameter.symbol})",
        "tooltip": f"{parameter.unit}. {parameter.note}",
        "continuous_update": True,
        "style": {"description_width": "250px"},
        "layout": widgets.Layout(width="540px"),
    }
    if parameter.integer:
        return widgets.IntSlider(
            value=int(parameter.default),
            min=int(parameter.min),
            max=int(parameter.max),
            step=1,
            **common,
        )
    return widgets.FloatSlider(
        value=parameter.default,
        min=parameter.min,
        max=parameter.max,
        step=parameter.step,
        readout_format=f".{parameter.decimals}f",
        **common,
    )


def badge_html(parameter: Parameter, sources: pd.DataFrame | None = None) -> str:
    """The status badge shown beside a slider: status word, source id and formula or note."""
    word, colour = STATUS_BADGE[parameter.status]
    badge = (
        f'<span style="background:{colour};color:white;font-weight:bold;padding:1px 5px;'
        f'border-radius:3px;font-size:0.85em">{word}</span>'
    )
    parts = [badge]
    if parameter.source_id:
        title, url = parameter.source_id, ""
        if sources is not None:
            found = sources[sources["source_id"] == parameter.source_id]
            if len(found):
                row = found.iloc[0]
                title = f"{row['title']} ({row['publisher']}, {row['date']}): “{row['quote']}”"
                url = str(row["url"])
        text = f"<code>{html.escape(parameter.source_id)}</code>"
        if parameter.status == "illustrative":
            text = f"direction: {text}"
        if url:
            link = f'href="{html.escape(url)}" target="_blank" title="{html.escape(title)}"'
            text = f"<a {link}>{text}</a>"
        parts.append(text)
    if parameter.status == "derived" and parameter.formula:
        parts.append(f"<code>= {html.escape(parameter.formula)}</code>")
    if parameter.status == "illustrative":
        parts.append("assumption")
    return (
        f'<span title="{html.escape(parameter.note)}" style="font-size:0.9em">'
        + " · ".join(parts)
        + "</span>"
    )


def _survival_floor(share_fast: float, hazard_fast: float, days: float) -> float:
    """The smallest share gone by ``days`` that the fast group allows: a·(1 − e^(−h_f·D))."""
    return share_fast * -math.expm1(-hazard_fast * days)


def _raise_share_gone(
    values: Mapping[str, float], hazard_fast: float, days: float, parameter: Parameter
) -> dict[str, float]:
    """``values`` with ``share_gone_90d`` raised to the first slider position the model solves.

    The fast group alone loses a·(1 − e^(−h_f·D)) by day D, so a smaller share gone by day 90
    has no slow hazard (registry note of ``survival.share_gone_90d``; ``fit_slow_hazard``).
    """
    values = dict(values)
    floor = _survival_floor(values["share_fast"], hazard_fast, days)
    if values["share_gone_90d"] < floor:
        values["share_gone_90d"] = _up_to_grid(floor, parameter)
    return values


def _raised_note(before: Mapping[str, float], after: Mapping[str, float]) -> str:
    return (
        f"<b>p₉₀ was raised to {after['share_gone_90d']:.2f}</b> (you asked for "
        f"{before['share_gone_90d']:.2f}): with a = {after['share_fast']:.2f} of accounts caught "
        "within two days, at least that share is gone by day 90, so no slow rate could leave "
        "more accounts alive."
    )


def _up_to_grid(bound: float, parameter: Parameter) -> float:
    """The first slider position of ``parameter`` at or above ``bound``."""
    step = parameter.step
    k = math.ceil((bound - parameter.min) / step - 1e-9)
    value = round(parameter.min + max(k, 0) * step, 10)
    return min(max(value, parameter.min), parameter.max)


# --------------------------------------------------------------------------------------------
# The base class
# --------------------------------------------------------------------------------------------


class ModelView:
    """A what-if view: registry sliders with badges, a chart updated in place, a reset button.

    Parameters
    ----------
    canvas:
        ``"ipympl"`` for the live JupyterLab widget, ``"agg"`` for headless use, ``"auto"``
        (default) for ipympl inside a Jupyter kernel and Agg elsewhere.
    blit:
        Redraw only the changed artists (default). ``False`` redraws the whole figure with
        ``fig.canvas.draw()`` on every move, for comparison.
    """

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    SLIDERS: ClassVar[tuple[tuple[str, str, str], ...]] = ()
    """``(model, name, label)`` for each slider, in display order."""
    FIXED: ClassVar[tuple[tuple[str, str], ...]] = ()
    """``(model, name)`` of registry values the view uses but does not let you move."""
    INTEGER: ClassVar[frozenset[str]] = frozenset()
    SEMI_STATIC: ClassVar[tuple[str, ...]] = ()
    """Names of texts in ``artists`` that change rarely (titles that state the finding): they
    are drawn with the background, and a change of their text triggers one full redraw."""
    figsize: ClassVar[tuple[float, float]] = (8.0, 4.0)
    """Figure size in inches: 800 pixels wide fits JupyterLab's output area beside its side bar."""

    def __init__(self, *, canvas: str = "auto", blit: bool = True) -> None:
        if canvas not in {"auto", "agg", "ipympl"}:
            raise ValueError(f"canvas must be 'auto', 'agg' or 'ipympl', got {canvas!r}")
        self.parameters: dict[str, Parameter] = {p.name: p for p in self.define_parameters()}
        self.fixed: dict[str, float] = {
            name: models.defaults(model)[name] for model, name in self.FIXED
        }
        self._holding = False
        self._pending = False
        self._background: Any = None
        self._blit = blit
        self.constraint_note = ""
        self.outputs: dict[str, Any] = {}

        sources = data.load("sources")
        self.sliders = {name: make_slider(p) for name, p in self.parameters.items()}
        self.badges = {
            name: widgets.HTML(badge_html(p, sources)) for name, p in self.parameters.items()
        }
        self.status = widgets.HTML()
        self.notes = widgets.HTML()
        self.reset_button = widgets.Button(
            description="Reset to defaults",
            icon="undo",
            tooltip="Put every slider back to its registry default",
        )
        self.reset_button.on_click(lambda _button: self.reset())

        self.figure, self.canvas = self._new_figure(canvas)
        self.artists = self.build_chart(self.figure)
        watermark = self.artists.get("watermark")
        self._moving = [a for a in self._dynamic_artists() if a is not watermark]
        if blit:
            for artist in self._dynamic_artists():
                artist.set_animated(True)
            self.canvas.mpl_connect("draw_event", self._on_draw)

        self.widget = self._layout()
        for slider in self.sliders.values():
            slider.observe(self._on_slider, names="value")
        self.baseline = self.compute(self.defaults())
        self.update(full=True)

    # ---- parameters and values ---------------------------------------------------------

    def define_parameters(self) -> list[Parameter]:
        """The view's slider parameters; by default the registry rows named in ``SLIDERS``."""
        return [
            Parameter.from_registry(model, name, label, integer=name in self.INTEGER)
            for model, name, label in self.SLIDERS
        ]

    def defaults(self) -> dict[str, float]:
        """Every slider's registry default."""
        return {
            name: (int(p.default) if p.integer else p.default)
            for name, p in self.parameters.items()
        }

    def values(self) -> dict[str, float]:
        """Every slider's current value."""
        return {name: slider.value for name, slider in self.sliders.items()}

    @property
    def moved(self) -> list[str]:
        """Names of the sliders that are off their registry default."""
        defaults = self.defaults()
        return [
            name
            for name, value in self.values().items()
            if not math.isclose(value, defaults[name], rel_tol=1e-9, abs_tol=1e-12)
        ]

    @property
    def is_illustrative(self) -> bool:
        """True when an illustrative slider is off its default: the output is an assumption."""
        return any(self.parameters[name].status == "illustrative" for name in self.moved)

    def parameters_frame(self) -> pd.DataFrame:
        """The view's sliders as a table: symbol, default, range, unit, status and source."""
        return pd.DataFrame(
            [
                {
                    "name": p.name,
                    "symbol": p.symbol,
                    "default": p.default,
                    "min": p.min,
                    "max": p.max,
                    "unit": p.unit,
                    "status": p.status,
                    "source_id": p.source_id,
                }
                for p in self.parameters.values()
            ]
        )

    # ---- moving sliders ----------------------------------------------------------------

    @contextmanager
    def _hold(self, *, refresh: bool = True) -> Iterator[None]:
        """Change several sliders with a single update at the end (if ``refresh``)."""
        outer = self._holding
        self._holding = True
        try:
            yield
        finally:
            self._holding = outer
        if refresh and not outer and self._pending:
            self._pending = False
            self.update()

    def _on_slider(self, change: Mapping[str, Any]) -> None:
        if self._holding:
            self._pending = True
            return
        self.update()

    def set(self, **values: float) -> None:
        """Move several sliders at once, with one redraw: ``view.set(k=40, o=0.9)``."""
        unknown = sorted(set(values) - set(self.sliders))
        if unknown:
            raise ValueError(
                f"{type(self).__name__} has no slider {', '.join(unknown)}; "
                f"its sliders are {', '.join(self.sliders)}"
            )
        with self._hold():
            for name, value in values.items():
                self.sliders[name].value = value
            self._pending = True

    def reset(self) -> None:
        """Put every slider back to its registry default (one redraw)."""
        self.set(**self.defaults())

    def update(self, *, full: bool = False) -> None:
        """Recompute the model from the sliders and redraw what changed."""
        with self._hold(refresh=False):
            values = self.constrain(self.values())
        self._pending = False
        self.outputs = self.compute(values)
        before = self._semi_static_texts()
        needs_full = self.apply_outputs(self.artists, self.outputs)
        needs_full |= self._semi_static_texts() != before
        watermark = self.artists.get("watermark")
        if watermark is not None:
            watermark.set_visible(self.is_illustrative)
        self.status.value = self._status_html()
        self.notes.value = self.notes_html(values, self.outputs)
        self._render(full=full or needs_full)

    def feasible(self, values: Mapping[str, float]) -> dict[str, float]:
        """``values`` moved to the nearest combination the model can solve (default: as is)."""
        return dict(values)

    def explain_constraint(self, before: Mapping[str, float], after: Mapping[str, float]) -> str:
        """What :meth:`feasible` changed and why, for the notes under the sliders."""
        moved = ", ".join(n for n in after if after[n] != before[n])
        return f"<b>{moved} moved</b> to a combination the model can solve."

    def constrain(self, values: dict[str, float]) -> dict[str, float]:
        """Apply :meth:`feasible` to the sliders themselves and say why in ``constraint_note``."""
        fixed = self.feasible(values)
        changed = {n: v for n, v in fixed.items() if v != values[n]}
        for name, value in changed.items():
            self.sliders[name].value = value
        self.constraint_note = self.explain_constraint(values, fixed) if changed else ""
        return fixed

    # ---- drawing ------------------------------------------------------------------------

    def _new_figure(self, canvas: str) -> tuple[Figure, Any]:
        figure = Figure(figsize=self.figsize)
        if canvas == "auto":
            canvas = "ipympl" if _in_kernel() else "agg"
        if canvas == "agg":
            return figure, FigureCanvasAgg(figure)
        backend = matplotlib.get_backend()
        from ipympl.backend_nbagg import FigureManager  # only where a kernel runs

        if matplotlib.get_backend() != backend:
            # Importing ipympl switches pyplot to the widget backend; switch it back, so that
            # the lesson's other charts stay plain images. Only this view is live.
            matplotlib.use(backend)
        live = _full_image_canvas_class()(figure)
        FigureManager(live, 0)  # the toolbar and the link to the browser; not registered in pyplot
        live.header_visible = False
        live.toolbar_visible = False  # it would cover the chart's left edge; nothing to zoom
        live.resizable = False
        # Displaying a bare ipympl canvas sets its size in the browser; inside a VBox nothing
        # does, and the chart would stay 0×0 pixels. Size it here, before the first draw.
        _, _, width, height = figure.bbox.bounds
        live._size = (width / live.device_pixel_ratio, height / live.device_pixel_ratio)
        return figure, live

    def _dynamic_artists(self) -> list[Artist]:
        """The artists redrawn on every move: all of ``artists`` but the ``SEMI_STATIC`` ones."""
        out: list[Artist] = []
        for name, value in self.artists.items():
            if name in self.SEMI_STATIC:
                continue
            if isinstance(value, Artist):
                out.append(value)
            else:
                out.extend(value)
        return out

    def _semi_static_texts(self) -> tuple[str, ...]:
        return tuple(self.artists[n].get_text() for n in self.SEMI_STATIC if n in self.artists)

    def _on_draw(self, event: Any) -> None:
        """After a full draw: keep two backgrounds (without and with the watermark), then draw
        the moving artists on the right one."""
        watermark = self.artists.get("watermark")
        plain = self.canvas.copy_from_bbox(self.figure.bbox)
        marked = plain
        if watermark is not None:
            shown = watermark.get_visible()
            watermark.set_visible(True)
            self.figure.draw_artist(watermark)
            watermark.set_visible(shown)
            marked = self.canvas.copy_from_bbox(self.figure.bbox)
        self._background = {False: plain, True: marked}
        self._draw_moving()

    def _draw_moving(self) -> None:
        background = self._background
        if background is not None:
            self.canvas.restore_region(background[self.is_illustrative])
        for artist in self._moving:
            self.figure.draw_artist(artist)

    def _render(self, *, full: bool = False) -> None:
        if not self._blit or full or self._background is None:
            self.canvas.draw()
            return
        self._draw_moving()
        self.canvas.blit(self.figure.bbox)

    def render_figure(self, figure: Figure, values: Mapping[str, float] | None = None) -> None:
        """Draw the whole chart for ``values`` (default: the registry defaults) on a new figure.

        This is what a naive redraw does on every move; the view itself only does it once.
        """
        values = self.feasible({**self.defaults(), **(values or {})})
        artists = self.build_chart(figure)
        self.apply_outputs(artists, self.compute(values))
        defaults = self.defaults()
        illustrative = any(
            p.status == "illustrative" and not math.isclose(values[n], defaults[n], abs_tol=1e-12)
            for n, p in self.parameters.items()
        )
        artists["watermark"].set_visible(illustrative)

    def static_png(self, values: Mapping[str, float] | None = None) -> bytes:
        """PNG bytes of the chart (default: the registry defaults), rendered with Agg.

        The same values give the same bytes on every run (no timestamp in the file).
        """
        figure = Figure(figsize=self.figsize)
        FigureCanvasAgg(figure)
        self.render_figure(figure, values)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()

    def _watermark(self, figure: Figure) -> Artist:
        return figure.text(
            0.5,
            0.5,
            WATERMARK,
            fontsize=46,
            fontweight="bold",
            color="0.5",
            alpha=0.22,
            rotation=18,
            ha="center",
            va="center",
            visible=False,
            zorder=10,
        )

    # ---- the widget ----------------------------------------------------------------------

    def _layout(self) -> widgets.VBox:
        rows = [
            widgets.HBox([self.sliders[name], self.badges[name]], layout={"align_items": "center"})
            for name in self.parameters
        ]
        header = widgets.HBox([self.reset_button, self.status], layout={"align_items": "center"})
        chart = (
            self.canvas
            if isinstance(self.canvas, widgets.DOMWidget)
            else widgets.HTML("<i>Headless view: the chart is drawn off screen (Agg).</i>")
        )
        title = widgets.HTML(f"<b>{html.escape(self.title)}</b>")
        return widgets.VBox([title, header, chart, *rows, self.notes])

    def _status_html(self) -> str:
        moved = self.moved
        if not moved:
            return "Every slider is at its registry default."
        names = ", ".join(f"{self.parameters[n].symbol}" for n in moved)
        if self.is_illustrative:
            assumed = ", ".join(
                self.parameters[n].symbol
                for n in moved
                if self.parameters[n].status == "illustrative"
            )
            return (
                f'<b style="color:{STATUS_BADGE["illustrative"][1]}">ILLUSTRATIVE</b> output: '
                f"the assumption(s) {assumed} moved off their defaults (moved: {names})."
            )
        return f"What-if: {names} moved off the cited value(s); no assumption moved."

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        symbols = ", ".join(p.symbol for p in self.parameters.values())
        state = f"moved: {', '.join(self.moved)}" if self.moved else "all at their defaults"
        return f"{type(self).__name__}({len(self.sliders)} sliders: {symbols}; {state})"

    # ---- what each view defines ----------------------------------------------------------

    def compute(self, values: Mapping[str, float]) -> dict[str, Any]:  # pragma: no cover
        """The model outputs for ``values`` (pure: only calls :mod:`counterprop.models`)."""
        raise NotImplementedError

    def build_chart(self, figure: Figure) -> dict[str, Any]:  # pragma: no cover
        """Draw the static parts on ``figure``; return the artists that move, by name."""
        raise NotImplementedError

    def apply_outputs(self, artists: dict[str, Any], outputs: Mapping[str, Any]) -> bool:
        """Put ``outputs`` into ``artists``; return True if static parts changed (full draw)."""
        raise NotImplementedError  # pragma: no cover

    def notes_html(self, values: Mapping[str, float], outputs: Mapping[str, Any]) -> str:
        """Derived values and caveats shown under the sliders."""
        return self.constraint_note


def _full_image_canvas_class() -> type:
    """The ipympl canvas class the views use (imported only where a kernel runs)."""
    from ipympl.backend_nbagg import Canvas

    class FullImageCanvas(Canvas):
        """An ipympl canvas that always sends whole images, never diffs against the last one.

        ipympl normally sends only the pixels that changed since the image it sent before. A
        browser that connected after the view's first draw, or that missed an image while the
        kernel was busy, then receives a diff of a picture it never had: a blank chart. Whole
        images cost a little more bandwidth and are always right.
        """

        def get_diff_image(self):  # matplotlib's signature
            self._force_full = True
            return super().get_diff_image()

    return FullImageCanvas


def _in_kernel() -> bool:
    """True inside a Jupyter kernel (where the ipympl canvas can reach a browser)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


# --------------------------------------------------------------------------------------------
# Lesson 05: account survival and "whack-a-mole"
# --------------------------------------------------------------------------------------------


class SurvivalView(ModelView):
    """Conway's two points, one rate against two groups, and the followers a returner keeps.

    Left: share of accounts still live by day, for the two-group mixture (h_s derived so it
    passes through the 90-day point) and for single exponentials fitted to each point.
    Right: followers at the start of each account in a suspended user's lineage.
    """

    name = "survival"
    title = "What-if I: account survival (Conway et al. 2017) and follower loss on return"
    SLIDERS = (
        ("survival", "share_fast", "share caught within 2 days"),
        ("survival", "share_gone_90d", "share gone by day 90"),
        ("survival", "hazard_fast", "fast-group hazard, per day"),
        ("survival", "followers", "followers of the first account"),
        ("survival", "retention", "followers kept at each return"),
        ("survival", "returns", "returns after suspension"),
    )
    FIXED = (("survival", "fast_window_days"), ("survival", "slow_window_days"))
    INTEGER = frozenset({"returns"})
    SEMI_STATIC = ("title_curves", "title_lineage")
    DAYS = np.linspace(0.0, 100.0, 401)

    def feasible(self, values: Mapping[str, float]) -> dict[str, float]:
        return _raise_share_gone(
            values, values["hazard_fast"], self.fixed["slow_window_days"],
            self.parameters["share_gone_90d"],
        )

    def explain_constraint(self, before: Mapping[str, float], after: Mapping[str, float]) -> str:
        return _raised_note(before, after)

    def compute(self, values: Mapping[str, float]) -> dict[str, Any]:
        a = values["share_fast"]
        p90 = values["share_gone_90d"]
        h_fast = values["hazard_fast"]
        early, late = self.fixed["fast_window_days"], self.fixed["slow_window_days"]
        h_slow = models.fit_slow_hazard(
            share_fast=a, share_gone_90d=p90, hazard_fast=h_fast, days=late
        )
        mix = {"share_fast": a, "hazard_fast": h_fast, "hazard_slow": h_slow}
        h_early = models.fit_single_hazard(share_gone=a, days=early)
        h_late = models.fit_single_hazard(share_gone=p90, days=late)
        lineage = models.followers_by_return(
            followers=values["followers"], retention=values["retention"], returns=values["returns"]
        )
        return {
            "days": self.DAYS,
            "mixture": models.survival_mixture(self.DAYS, **mix),
            "single_early": models.survival_single(self.DAYS, hazard=h_early),
            "single_late": models.survival_single(self.DAYS, hazard=h_late),
            "hazard_slow": h_slow,
            "hazard_single_early": h_early,
            "hazard_single_late": h_late,
            "gone_early": 1.0 - models.survival_mixture(early, **mix),
            "gone_late": 1.0 - models.survival_mixture(late, **mix),
            "single_early_gone_late": 1.0 - models.survival_single(late, hazard=h_early),
            "single_late_gone_early": 1.0 - models.survival_single(early, hazard=h_late),
            "conway_days": np.array([early, late]),
            "conway_live": np.array([1.0 - a, 1.0 - p90]),
            "lineage": lineage,
            "lineage_total": float(lineage.sum()),
            "retention": values["retention"],
        }

    def build_chart(self, figure: Figure) -> dict[str, Any]:
        curves, lineage = figure.subplots(1, 2, width_ratios=[1.35, 1])
        colours = style.PALETTE
        days = self.DAYS
        flat = np.zeros_like(days)
        artists: dict[str, Any] = {}
        artists["mixture"] = curves.plot(
            days, flat, color=colours[0], lw=2.4, marker="o", markevery=(20, 40), ms=5
        )[0]
        artists["single_early"] = curves.plot(
            days, flat, color=colours[1], lw=1.8, ls="--", marker="s", markevery=(10, 40), ms=5
        )[0]
        artists["single_late"] = curves.plot(
            days, flat, color=colours[2], lw=1.8, ls=":", marker="^", markevery=(30, 40), ms=6
        )[0]
        artists["conway"] = curves.plot(
            [2, 90], [0, 0], ls="none", marker="X", ms=12, color="black", zorder=5
        )[0]
        curves.legend(
            [artists[k] for k in ("mixture", "single_early", "single_late", "conway")],
            ["two groups (mixture)", "one rate, fitted to day 2", "one rate, fitted to day 90",
             "Conway et al.: the two published points"],
            loc="upper right", fontsize=8, frameon=False,
        )
        curves.set(xlim=(0, 100), ylim=(0, 1.04), xlabel="days since the account was created",
                   ylabel="share of accounts still live")
        artists["title_curves"] = curves.set_title(" ", fontsize=10)

        positions = np.arange(int(self.parameters["returns"].max) + 1)
        artists["bars"] = list(
            lineage.bar(positions, np.zeros(len(positions)), color=colours[4], edgecolor="black",
                        linewidth=0.6)
        )
        top = self.parameters["followers"].max
        lineage.set(xlim=(-0.7, positions[-1] + 0.7), ylim=(0, 1.06 * top), xticks=positions,
                    xlabel="account (0 = first, then returns)",
                    ylabel="followers at the start")
        artists["title_lineage"] = lineage.set_title(" ", fontsize=10)
        artists["lineage_total"] = lineage.text(0.97, 0.95, "", transform=lineage.transAxes,
                                                ha="right", va="top", fontsize=10,
                                                fontweight="bold")
        artists["watermark"] = self._watermark(figure)
        return artists

    def apply_outputs(self, artists: dict[str, Any], outputs: Mapping[str, Any]) -> bool:
        for key in ("mixture", "single_early", "single_late"):
            artists[key].set_ydata(outputs[key])
        artists["conway"].set_data(outputs["conway_days"], outputs["conway_live"])
        early_live, late_live = outputs["conway_live"]
        misses = (
            abs(outputs["single_early_gone_late"] - (1 - late_live)),
            abs(outputs["single_late_gone_early"] - (1 - early_live)),
        )
        artists["title_curves"].set_text(
            "No single rate fits both points; two groups do"
            if min(misses) > 0.05
            else "Here one rate comes close to both points"
        )
        lineage = outputs["lineage"]
        for k, bar in enumerate(artists["bars"]):
            visible = k < len(lineage)
            bar.set_height(float(lineage[k]) if visible else 0.0)
            bar.set_visible(visible)
        n = len(lineage) - 1
        artists["title_lineage"].set_text(
            "Each return starts smaller" if n else "No return: one account"
        )
        artists["lineage_total"].set_text(f"{outputs['lineage_total']:,.0f} followers in all")
        return False

    def notes_html(self, values: Mapping[str, float], outputs: Mapping[str, Any]) -> str:
        h_s = outputs["hazard_slow"]
        life = f"mean slow-group life 1/h_s = {1 / h_s:,.0f} days" if h_s > 0 else "never suspended"
        text = (
            f"<b>Derived</b> slow hazard h_s = {h_s:.4f} per day ({life}), fitted so that the "
            f"mixture loses p₉₀ by day 90. By day 2 the mixture has lost "
            f"{outputs['gone_early']:.2f} (Conway: “more than 30%”). The fit ignores "
            "censoring: accounts removed before anyone could sample them never entered the data."
        )
        return text + (f"<br>{self.constraint_note}" if self.constraint_note else "")


# --------------------------------------------------------------------------------------------
# Lesson 06: takedown speed and re-upload blocking
# --------------------------------------------------------------------------------------------


class TakedownView(ModelView):
    """CEP 2018's two bins: where the views of known videos come from, and what blocking does.

    Left: views per known video per quarter, split into uploads removed within two hours and
    uploads live longer, for CEP's observed values and for the scenario.
    Right: the share of uploads that lived over two hours against the share of views they got.
    """

    name = "takedown"
    SEMI_STATIC = ("title_views", "title_shares")
    title = "What-if II: takedown speed and re-upload blocking (CEP 2018)"
    SLIDERS = (
        ("takedown", "share_long", "share of uploads live > 2 h"),
        ("takedown", "views_short", "views per upload removed < 2 h"),
        ("takedown", "views_long", "views per upload live > 2 h"),
        ("takedown", "uploads_per_video", "uploads per known video"),
        ("takedown", "share_blocked", "share of re-uploads blocked"),
    )

    def compute(self, values: Mapping[str, float]) -> dict[str, Any]:
        q, v_s, v_l = values["share_long"], values["views_short"], values["views_long"]
        u, b = values["uploads_per_video"], values["share_blocked"]
        total = models.takedown_views(
            share_long=q, views_short=v_s, views_long=v_l, uploads_per_video=u, share_blocked=b
        )
        live_uploads = 1.0 + (u - 1.0) * (1.0 - b)
        return {
            "views_per_video": total,
            "live_uploads": live_uploads,
            "views_from_short": live_uploads * (1.0 - q) * v_s,
            "views_from_long": live_uploads * q * v_l,
            "share_uploads_long": q,
            "share_views_long": models.share_of_views_from_long(
                share_long=q, views_short=v_s, views_long=v_l
            ),
        }

    def build_chart(self, figure: Figure) -> dict[str, Any]:
        views, shares = figure.subplots(1, 2, width_ratios=[1, 1.15])
        colours = style.PALETTE
        observed = self.compute(self.defaults())
        edges = {"edgecolor": "black", "linewidth": 0.6}
        short_style = {"facecolor": colours[0], "hatch": "..", **edges}
        long_style = {"facecolor": colours[1], "hatch": "//", **edges}
        views.bar([0], [observed["views_from_short"]], width=0.6, **short_style)
        views.bar([0], [observed["views_from_long"]], bottom=[observed["views_from_short"]],
                  width=0.6, **long_style)
        views.text(0, observed["views_per_video"], f"{observed['views_per_video']:,.0f}",
                   ha="center", va="bottom", fontsize=9)
        artists: dict[str, Any] = {
            "short": views.bar([1], [0.0], width=0.6, **short_style)[0],
            "long": views.bar([1], [0.0], width=0.6, **long_style)[0],
            "total": views.text(1, 0, "", ha="center", va="bottom", fontsize=9, fontweight="bold"),
        }
        views.set_xticks([0, 1], ["CEP 2018\n(registry defaults)", "this scenario"])
        views.set(xlim=(-0.6, 1.6), ylim=(0, self.scale_levels()[0]),
                  ylabel="views per known video per quarter")
        views.legend(
            handles=[Patch(**short_style, label="uploads removed < 2 h"),
                     Patch(**long_style, label="uploads live > 2 h")],
            loc="upper left", fontsize=8, frameon=False,
        )
        artists["title_views"] = views.set_title(" ", fontsize=10)

        labels = ["uploads live > 2 h\n(share of uploads)", "their views\n(share of views)"]
        bars = shares.barh([1, 0], [0.0, 0.0], color=colours[1], hatch="//", edgecolor="black",
                           linewidth=0.6, height=0.55)
        artists["share_bars"] = list(bars)
        artists["share_labels"] = [shares.text(0, y, "", va="center", fontsize=10) for y in (1, 0)]
        shares.set_yticks([1, 0], labels)
        shares.set(xlim=(0, 1.0), ylim=(-0.6, 1.6), xlabel="share")
        shares.xaxis.set_major_formatter(lambda x, _pos: f"{100 * x:.0f}%")
        artists["title_shares"] = shares.set_title(" ", fontsize=10)
        artists["watermark"] = self._watermark(figure)
        return artists

    def apply_outputs(self, artists: dict[str, Any], outputs: Mapping[str, Any]) -> bool:
        short, long_ = outputs["views_from_short"], outputs["views_from_long"]
        total = outputs["views_per_video"]
        artists["short"].set_height(short)
        artists["long"].set_y(short)
        artists["long"].set_height(long_)
        artists["total"].set_position((1, total))
        change = total / self.baseline["views_per_video"] - 1.0
        same = abs(change) < 0.005
        artists["total"].set_text(f"{total:,.0f}" if same else f"{total:,.0f} ({change:+.0%})")
        artists["title_views"].set_text("Views per known video")
        axis = artists["short"].axes
        levels = self.scale_levels()
        top = next((level for level in levels if total * 1.12 <= level), levels[-1])
        changed = axis.get_ylim()[1] != top
        if changed:
            axis.set_ylim(0, top)
        share_values = (outputs["share_uploads_long"], outputs["share_views_long"])
        for bar, text, value in zip(artists["share_bars"], artists["share_labels"], share_values):
            bar.set_width(value)
            text.set_text(f" {_pct(value)}")
            text.set_x(value)
        artists["title_shares"].set_text(
            "The long tail brings most of the views" if share_values[1] > 0.5
            else "The tail no longer brings most views"
        )
        return changed

    def scale_levels(self) -> tuple[float, float]:
        """Two fixed heights for the views axis, from the registry ranges.

        The first fits any one slider moved to either end of its range, so single moves never
        rescale the axis; the second fits every slider at its worst end at once.
        """
        if not hasattr(self, "_levels"):
            defaults = self.defaults()
            ends = {n: (p.min, p.max) for n, p in self.parameters.items()}

            def views_at(name: str, end: float) -> float:
                return self.compute({**defaults, name: end})["views_per_video"]

            def nice(views: float) -> float:
                return math.ceil(1.12 * views / 200.0) * 200.0

            single = max(views_at(n, end) for n, pair in ends.items() for end in pair)
            worst = {
                n: max(pair, key=lambda end, n=n: views_at(n, end)) for n, pair in ends.items()
            }
            corner = self.compute(worst)["views_per_video"]
            self._levels = (nice(single), max(nice(corner), nice(single)))
        return self._levels

    def notes_html(self, values: Mapping[str, float], outputs: Mapping[str, Any]) -> str:
        return (
            f"V = [1 + (U − 1)(1 − b)] · [(1 − q)·v_s + q·v_l] = "
            f"{outputs['live_uploads']:.2f} live uploads × "
            f"{outputs['views_per_video'] / outputs['live_uploads']:,.1f} views = "
            f"<b>{outputs['views_per_video']:,.0f}</b> views per known video. Blocking acts on "
            "re-uploads only (the first upload's hash is not yet known); b has no published "
            "value (GIFCT publishes hash counts, not match rates)."
        )


# --------------------------------------------------------------------------------------------
# Lesson 07: reach = production × distribution × survival × (1 − overlap) × (1 − displ.)
# --------------------------------------------------------------------------------------------


class ReachView(ModelView):
    """A teaching toy: R = P·k·F·s·(1 − o)·(1 − d), each factor against its baseline.

    One row per factor shows how many times its baseline value it is now (log scale, so the
    bars add up to the reach row). The baseline is every parameter at its registry default.
    """

    name = "reach"
    SEMI_STATIC = ("title",)
    title = "What-if III: reach R = P · k · F · s · (1 − o) · (1 − d), a teaching toy"
    SLIDERS = (
        ("production", "territory", "territory left, share of baseline"),
        ("production", "epsilon", "territory elasticity"),
        ("production", "operatives", "media operatives left, share"),
        ("production", "mu", "operatives elasticity"),
        ("production", "budget", "budget left, share"),
        ("production", "beta", "budget elasticity"),
        ("reach", "k", "accounts sharing each product"),
        ("reach", "F", "followers per sharing account"),
        ("survival", "share_fast", "share caught within 2 days"),
        ("survival", "share_gone_90d", "share gone by day 90"),
        ("survival", "horizon_days", "exposure window, days"),
        ("reach", "o", "audience overlap"),
        ("reach", "d", "displacement to other platforms"),
    )
    FIXED = (("production", "P0"), ("survival", "hazard_fast"), ("survival", "slow_window_days"))
    figsize = (8.0, 4.2)
    ROWS = ("P", "k", "F", "s", "1 − o", "1 − d", "R")
    ROW_LABELS = (
        "P  products per month",
        "k  sharers per product",
        "F  followers per sharer",
        "s  exposure before suspension",
        "1 − o  audience not yet reached",
        "1 − d  audience not displaced",
        "R  reach (the product)",
    )
    LIMIT = 2.0**7
    """Bars stop at ×1/128 and ×128; the axis runs on to the right to leave room for labels."""

    def feasible(self, values: Mapping[str, float]) -> dict[str, float]:
        return _raise_share_gone(
            values, self.fixed["hazard_fast"], self.fixed["slow_window_days"],
            self.parameters["share_gone_90d"],
        )

    def explain_constraint(self, before: Mapping[str, float], after: Mapping[str, float]) -> str:
        return _raised_note(before, after)

    def compute(self, values: Mapping[str, float]) -> dict[str, Any]:
        levers = ("territory", "epsilon", "operatives", "mu", "budget", "beta")
        products = models.production_index(P0=self.fixed["P0"], **{n: values[n] for n in levers})
        h_slow = models.fit_slow_hazard(
            share_fast=values["share_fast"],
            share_gone_90d=values["share_gone_90d"],
            hazard_fast=self.fixed["hazard_fast"],
            days=self.fixed["slow_window_days"],
        )
        realised = models.survival_share(
            share_fast=values["share_fast"],
            hazard_fast=self.fixed["hazard_fast"],
            hazard_slow=h_slow,
            horizon_days=values["horizon_days"],
        )
        total = models.reach(
            P=products, k=values["k"], F=values["F"], s=realised, o=values["o"], d=values["d"]
        )
        factors = np.array(
            [products, values["k"], values["F"], realised, 1.0 - values["o"], 1.0 - values["d"],
             total],
            dtype=np.float64,
        )
        baseline = getattr(self, "baseline", None)
        ratios = factors / baseline["factors"] if baseline is not None else np.ones_like(factors)
        return {
            "P": products,
            "s": realised,
            "hazard_slow": h_slow,
            "reach": total,
            "factors": factors,
            "ratios": ratios,
            "index": float(ratios[-1]),
        }

    def build_chart(self, figure: Figure) -> dict[str, Any]:
        axis = figure.subplots()
        colours = style.PALETTE
        rows = np.arange(len(self.ROWS))[::-1].astype(float)
        rows[-1] -= 0.4  # a gap before the product row
        bars = axis.barh(rows, np.zeros(len(rows)), left=1.0, height=0.62,
                         color=[colours[0]] * (len(rows) - 1) + [colours[3]],
                         hatch=[""] * (len(rows) - 1) + ["//"], edgecolor="black", linewidth=0.6)
        axis.set_xscale("log", base=2)
        axis.set_xlim(1 / self.LIMIT, self.LIMIT * 8)
        ticks = [2.0**e for e in range(-6, 7, 2)]
        axis.set_xticks(ticks, [f"×1/{1 / t:.0f}" if t < 1 else f"×{t:.0f}" for t in ticks])
        axis.set_yticks(rows, self.ROW_LABELS)
        axis.set_ylim(rows[-1] - 0.7, rows[0] + 0.7)
        axis.axvline(1.0, color="black", lw=1.0)
        axis.axhline((rows[-1] + rows[-2]) / 2, color="0.4", lw=0.8, ls="--")
        axis.set_xlabel("times its baseline value (log scale: bar lengths add up to R's)")
        low, high = 1 / self.LIMIT, self.LIMIT
        for y, (least, most) in zip(rows, self.factor_ranges()):
            least, most = min(max(least, low), high), min(max(most, low), high)
            axis.barh(y, most - least, left=least, height=0.86, color="0.88", edgecolor="0.6",
                      linewidth=0.6, zorder=0.5)
        labels = [axis.text(1.0, y, "", va="center", fontsize=9) for y in rows]
        return {
            "bars": list(bars),
            "labels": labels,
            "title": axis.set_title(" ", fontsize=10),
            "watermark": self._watermark(figure),
        }

    def apply_outputs(self, artists: dict[str, Any], outputs: Mapping[str, Any]) -> bool:
        low, high = 1 / self.LIMIT, self.LIMIT
        for bar, label, ratio in zip(artists["bars"], artists["labels"], outputs["ratios"]):
            shown = min(max(ratio, low), high)
            bar.set_x(min(1.0, shown))
            bar.set_width(abs(shown - 1.0))
            text = _times(ratio) + (" (off the scale)" if ratio < low or ratio > high else "")
            label.set_text(text)
            label.set_x(max(shown, 1.0) * 1.1)
        index = outputs["index"]
        artists["title"].set_text("The factors multiply: R's bar is the sum of theirs")
        return False

    GROUPS = (
        ("territory", "epsilon", "operatives", "mu", "budget", "beta"),
        ("k",),
        ("F",),
        ("share_fast", "share_gone_90d", "horizon_days"),
        ("o",),
        ("d",),
    )
    """The sliders behind each factor row (P, k, F, s, 1 − o, 1 − d); no slider feeds two."""

    def factor_ranges(self) -> list[tuple[float, float]]:
        """Each factor's smallest and largest value over its sliders' ranges, as ratios.

        Found by trying every corner of the factor's own sliders (each at its min or max);
        the last row, R, spans the product of the others since no slider feeds two factors.
        """
        if not hasattr(self, "_ranges"):
            defaults = self.defaults()
            base = self.compute(defaults)["factors"]
            spans = []
            for row, group in enumerate(self.GROUPS):
                corners = itertools.product(
                    *[(self.parameters[n].min, self.parameters[n].max) for n in group]
                )
                found = [
                    self.compute(self.feasible({**defaults, **dict(zip(group, corner))}))[
                        "factors"
                    ][row]
                    / base[row]
                    for corner in corners
                ]
                spans.append((min(found), max(found)))
            spans.append((math.prod(lo for lo, _ in spans), math.prod(hi for _, hi in spans)))
            self._ranges = spans
        return self._ranges

    def notes_html(self, values: Mapping[str, float], outputs: Mapping[str, Any]) -> str:
        f = outputs["factors"]
        text = (
            f"R = {_number(f[0])} × {_number(f[1])} × {_number(f[2])} × {f[3]:.2f} × "
            f"{f[4]:.2f} × {f[5]:.2f} = <b>{_number(f[6])}</b> a month, a toy number, not a "
            f"forecast. Held fixed: P₀ = {self.fixed['P0']:,.0f} products a month (milton_2016), "
            f"h_f = {self.fixed['hazard_fast']:.1f} per day (illustrative); h_s = "
            f"{outputs['hazard_slow']:.4f} per day is derived from a and p₉₀. Reach is not "
            "persuasion."
        )
        return text + (f"<br>{self.constraint_note}" if self.constraint_note else "")


def _times(ratio: float) -> str:
    """A multiplier as people read it: ``×2``, ``×1.5``, ``×0.42``, ``×0``."""
    if ratio == 0:
        return "×0"
    return f"×{ratio:.3g}" if ratio >= 1 else f"×{ratio:.2g}"


def _number(value: float) -> str:
    """A readable number: 135,457 → "135,000"; 265.3 → "265"; 0.52 → "0.52"."""
    if value >= 1000:
        return f"{float(f'{value:.3g}'):,.0f}"
    if value >= 10:
        return f"{value:,.0f}"
    return f"{value:.2g}"


VIEWS: dict[str, type[ModelView]] = {
    "survival": SurvivalView,
    "takedown": TakedownView,
    "reach": ReachView,
}
"""Every what-if view by name, for the tests, the benchmark and the browser test.

Register a new view after its class: ``VIEWS["name"] = NewView``.
"""


# --------------------------------------------------------------------------------------------
# Lesson 08: weighing response options, and the Redirect-style funnel
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SteppedParameter(Parameter):
    """A slider parameter with a step of its own: a criterion weight (from criteria.csv), or a
    registry row whose power-of-ten step would give too many positions."""

    fixed_step: float = 0.0

    @property
    def step(self) -> float:
        return self.fixed_step if self.fixed_step > 0 else super().step


def _round_step(parameter: Parameter, most: int = 1000) -> float:
    """The smallest step of 1, 2, 2.5 or 5 times a power of ten that keeps the default on the
    grid and gives at most ``most`` positions (e.g. 25,000 for 175,000-14,000,000 impressions:
    553 positions, default on the last one)."""
    span, offset = parameter.max - parameter.min, parameter.default - parameter.min
    for exponent in range(math.floor(math.log10(span / most)) - 1, math.ceil(math.log10(span)) + 1):
        for mantissa in (1.0, 2.0, 2.5, 5.0):
            step = mantissa * 10.0**exponent
            on_grid = abs(offset / step - round(offset / step)) < 1e-9
            if span / step <= most and on_grid:
                return step
    return parameter.step  # pragma: no cover - the power-of-ten step always keeps the default


class WeighingView(ModelView):
    """Which response option comes first, and which weight changes would change that.

    Left: each option's weighted mean score (1-5) under the sliders' weights, a mark at the
    equal-weight score, and its rank. Right: for each criterion, who comes first as that one
    weight moves across its range with the others held where they are; the triangle marks
    the current weight, so the nearest colour change is the nearest flip.

    The option-by-criterion scores (``data/option_scores.csv``) are judgements, status
    illustrative, each with its reasoning and, where one exists, a cited fact. The weights are
    yours: illustrative, equal by default. The sliders come from ``data/criteria.csv``, not
    from the parameter registry.
    """

    name = "weighing"
    title = "Strategy lab: weighing response options (scores and weights are judgements)"
    figsize = (10.5, 4.8)

    def __init__(self, *, canvas: str = "auto", blit: bool = True) -> None:
        self.scores, _weights = models.weighing_inputs()
        self.options_table = data.load("options").set_index("option_id")
        self.criteria_table = data.load("criteria").set_index("criterion_id")
        self.option_ids = list(self.scores.index)
        self.criterion_ids = list(self.scores.columns)
        self.low = float(self.criteria_table["min_weight"].min())
        self.high = float(self.criteria_table["max_weight"].max())
        super().__init__(canvas=canvas, blit=blit)
        # Keep the layout of the first draw: a new leader's title then redraws without
        # recomputing the constrained layout.
        self.figure.set_layout_engine("none")
        for slider in self.sliders.values():
            slider.style.description_width = "340px"
            slider.layout.width = "640px"

    # ---- parameters ------------------------------------------------------------------------

    def define_parameters(self) -> list[Parameter]:
        parameters: list[Parameter] = []
        for criterion_id, row in self.criteria_table.iterrows():
            parameters.append(
                SteppedParameter(
                    model="weighing",
                    name=str(criterion_id),
                    label=str(row["criterion"]),
                    symbol=f"w_{criterion_id}",
                    default=float(row["default_weight"]),
                    min=float(row["min_weight"]),
                    max=float(row["max_weight"]),
                    unit="weight (how much this criterion counts)",
                    status=str(row["weight_status"]),
                    source_id="",
                    note=f"{row['question']} Scores: {row['scale']}. {row['note']}",
                    fixed_step=float(row["weight_step"]),
                )
            )
        return parameters

    def constrain(self, values: dict[str, float]) -> dict[str, float]:
        self.constraint_note = ""
        if sum(values.values()) <= 0:
            first = self.criterion_ids[0]
            raised = self.parameters[first].step
            self.sliders[first].value = raised
            values = {**values, first: raised}
            self.constraint_note = (
                f"<b>{html.escape(self.parameters[first].label)} was set to {raised:g}</b>: "
                "with every weight at 0 nothing counts, so nothing can be ranked."
            )
        return values

    # ---- the model -------------------------------------------------------------------------

    def compute(self, values: Mapping[str, float]) -> dict[str, Any]:
        weights = np.array([values[c] for c in self.criterion_ids], dtype=np.float64)
        stretches = models.leader_intervals(self.scores, weights, low=self.low, high=self.high)
        leader = stretches["leader"].to_numpy()
        return {
            "weights": weights,
            "scores": models.weighted_scores(self.scores, weights),
            "ranks": models.rank_options(self.scores, weights),
            "stretch_criterion": np.array(
                [self.criterion_ids.index(c) for c in stretches["criterion"]], dtype=np.int64
            ),
            "stretch_start": stretches["start"].to_numpy(dtype=np.float64),
            "stretch_end": stretches["end"].to_numpy(dtype=np.float64),
            "stretch_leader": np.array(  # -1: a tie all along the stretch (identical options)
                [self.option_ids.index(o) if o in self.option_ids else -1 for o in leader],
                dtype=np.int64,
            ),
        }

    @property
    def leaders(self) -> list[str]:
        """The option id(s) that come first now (more than one: a tie)."""
        return [o for o, rank in zip(self.option_ids, self.outputs["ranks"]) if rank == 1]

    def flips(self, outputs: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """For each criterion: the nearest weights below and above the current one at which
        another option comes first (the others held), read off the model's stretches.
        ``models.weight_flips`` gives the same table; the tests check that they agree."""
        outputs = self.outputs if outputs is None else outputs
        now = [self.option_ids.index(o) for o in self.leaders_of(outputs)]
        rows = []
        for c, criterion in enumerate(self.criterion_ids):
            x = float(outputs["weights"][c])
            mine = outputs["stretch_criterion"] == c
            stretches = list(zip(outputs["stretch_start"][mine], outputs["stretch_end"][mine],
                                 outputs["stretch_leader"][mine]))
            row: dict[str, Any] = {"criterion": criterion, "weight": x, "lower": math.nan,
                                   "leader_below": "", "upper": math.nan, "leader_above": ""}
            for start, end, who in stretches:
                if end > x and [int(who)] != now:
                    row["upper"], row["leader_above"] = max(float(start), x), self._name(who)
                    break
            for start, end, who in reversed(stretches):
                if start < x and [int(who)] != now:
                    row["lower"], row["leader_below"] = min(float(end), x), self._name(who)
                    break
            rows.append(row)
        return rows

    def leaders_of(self, outputs: Mapping[str, Any]) -> list[str]:
        return [o for o, rank in zip(self.option_ids, outputs["ranks"]) if rank == 1]

    def _name(self, index: int) -> str:
        return self.option_ids[int(index)] if index >= 0 else "tie"

    def _option(self, option_id: str, column: str = "option") -> str:
        return str(self.options_table.loc[option_id, column]) if option_id != "tie" else "a tie"

    # ---- the chart -------------------------------------------------------------------------

    def _style(self, option_id: str) -> tuple[Any, str]:
        """An option's colour and marker: the marker's shape names the option without colour."""
        k = self.option_ids.index(option_id)
        return style.PALETTE[k % len(style.PALETTE)], style.MARKERS[k % len(style.MARKERS)]

    def build_chart(self, figure: Figure) -> dict[str, Any]:
        import textwrap  # only for the axis labels

        from matplotlib.lines import Line2D
        from matplotlib.patches import Rectangle

        bars_axis, strips = figure.subplots(1, 2, width_ratios=[1.05, 1])
        n_options, n_criteria = len(self.option_ids), len(self.criterion_ids)
        rows = np.arange(n_options)[::-1].astype(float)
        equal = models.weighted_scores(self.scores, np.ones(n_criteria))
        marks = {"ls": "none", "ms": 7, "mfc": "white", "mec": "black", "mew": 1.2, "zorder": 5}
        artists: dict[str, Any] = {"bars": [], "values": [], "bar_marks": []}
        for option_id, y in zip(self.option_ids, rows):
            colour, marker = self._style(option_id)
            artists["bars"].append(bars_axis.barh([y], [0.0], height=0.62, color=colour,
                                                  edgecolor="black", linewidth=0.6)[0])
            artists["values"].append(bars_axis.text(0, y, "", va="center", fontsize=9))
            artists["bar_marks"].append(bars_axis.plot([0.3], [y], marker=marker, **marks)[0])
        artists["equal"] = bars_axis.plot(equal, rows, ls="none", marker="|", ms=18, mew=2.2,
                                          color="black", zorder=4)[0]  # redrawn over the bars
        bars_axis.set_yticks(rows, [textwrap.fill(str(self.options_table.loc[o, "option"]), 22)
                                    for o in self.option_ids])
        bars_axis.set(xlim=(0, 6.0), ylim=(rows[-1] - 0.6, rows[0] + 0.6),
                      xlabel="weighted mean score, 1-5 (| = equal weights)")
        bars_axis.set_xticks([0, 1, 2, 3, 4, 5])
        bars_axis.set_title(" ", loc="left", fontsize=10, fontweight="bold")

        crit_rows = np.arange(n_criteria)[::-1].astype(float)
        pool = n_options * (n_options - 1) // 2 + 1  # at most one stretch per crossing, plus one
        artists["segments"] = []
        for y in crit_rows:
            for _ in range(pool):
                patch = Rectangle((self.low, y - 0.35), 0.0, 0.7, facecolor="white",
                                  edgecolor="black", linewidth=0.5, visible=False)
                strips.add_patch(patch)
                artists["segments"].append(patch)
        artists["segment_marks"] = [
            strips.plot([], [], marker=self._style(o)[1], **marks)[0] for o in self.option_ids
        ]
        artists["marker"] = strips.plot(np.zeros(n_criteria), crit_rows + 0.47, ls="none",
                                        marker="v", ms=8, color="black", zorder=5)[0]
        strips.set_yticks(crit_rows, [textwrap.fill(str(self.criteria_table.loc[c, "criterion"]), 20)
                                      for c in self.criterion_ids])
        strips.set(xlim=(self.low, self.high), ylim=(crit_rows[-1] - 0.6, crit_rows[0] + 0.75),
                   xlabel="one weight, the others held (▼ = now)")
        strips.set_title("Who is first as one weight moves", loc="left", fontsize=10,
                         fontweight="bold")
        strips.grid(False)
        figure.legend(
            handles=[Line2D([], [], color=self._style(o)[0], lw=7, marker=self._style(o)[1],
                            ms=7, mfc="white", mec="black", mew=1.2,
                            label=str(self.options_table.loc[o, "option"]))
                     for o in self.option_ids],
            loc="lower center", bbox_to_anchor=(0.5, 0.03), ncol=3, fontsize=7.5, frameon=False,
            handlelength=2.4,
        )
        figure.text(0.995, 0.003, "ILLUSTRATIVE: scores and weights are judgements, not "
                    "measurements (data/option_scores.csv)", fontsize=7.5, color="0.25",
                    ha="right", va="bottom")
        figure.set_layout_engine("constrained", rect=(0, 0.12, 1, 0.88))  # room for the legend
        artists["watermark"] = self._watermark(figure)
        self._crit_rows = crit_rows
        self._pool = pool
        return artists

    def apply_outputs(self, artists: dict[str, Any], outputs: Mapping[str, Any]) -> bool:
        for bar, text, score, rank in zip(
            artists["bars"], artists["values"], outputs["scores"], outputs["ranks"]
        ):
            bar.set_width(score)
            bar.set_linewidth(2.2 if rank == 1 else 0.6)
            text.set_x(score + 0.08)
            text.set_text(f"{score:.2f}")  # short: every glyph costs time on each move
            text.set_fontweight("bold" if rank == 1 else "normal")

        segments = artists["segments"]
        used = np.zeros(len(self.criterion_ids), dtype=np.int64)
        shown = set()
        centres: list[list[tuple[float, float]]] = [[] for _ in self.option_ids]
        for c, start, end, who in zip(outputs["stretch_criterion"], outputs["stretch_start"],
                                      outputs["stretch_end"], outputs["stretch_leader"]):
            k = int(c) * self._pool + int(used[c])
            used[c] += 1
            shown.add(k)
            patch = segments[k]
            patch.set_x(start)
            patch.set_width(end - start)
            patch.set_facecolor(self._style(self._name(who))[0] if who >= 0 else "0.85")
            patch.set_visible(True)
            if who >= 0:
                centres[int(who)].append(((start + end) / 2, self._crit_rows[c]))
        for k, patch in enumerate(segments):
            if k not in shown:
                patch.set_visible(False)
        for line, points in zip(artists["segment_marks"], centres):
            line.set_data([x for x, _ in points], [y for _, y in points])
        artists["marker"].set_xdata(outputs["weights"])

        # The title changes only when the leader does: it is static, redrawn in full then.
        leaders = self.leaders_of(outputs)
        if len(leaders) == 1:
            title = f"First: {self._option(leaders[0])}"
        else:
            title = "A tie: " + " and ".join(self._option(o) for o in leaders)
        axis = artists["bars"][0].axes
        if axis.get_title(loc="left") == title:
            return False
        axis.set_title(title, loc="left", fontsize=10, fontweight="bold")
        return True

    def notes_html(self, values: Mapping[str, float], outputs: Mapping[str, Any]) -> str:
        parts = []
        for row in self.flips(outputs):
            name = html.escape(str(self.criteria_table.loc[row["criterion"], "criterion"]))
            moves = []
            if not math.isnan(row["upper"]):
                moves.append(f"above {row['upper']:.2f} → "
                             f"{html.escape(self._option(row['leader_above']))}")
            if not math.isnan(row["lower"]):
                moves.append(f"below {row['lower']:.2f} → "
                             f"{html.escape(self._option(row['leader_below']))}")
            parts.append(f"<li>{name} (now {row['weight']:g}): "
                         + ("; ".join(moves) if moves else f"no weight from {self.low:g} to "
                            f"{self.high:g} changes who comes first") + "</li>")
        ranking = sorted(zip(outputs["ranks"], outputs["scores"], self.option_ids))
        order = ", ".join(f"{rank}. {html.escape(self._option(o))} ({score:.2f})"
                          for rank, score, o in ranking)
        text = (
            f"<b>Ranking</b>: {order}.<br>"
            "<b>What would change who comes first</b> (one weight at a time, the others held):"
            f"<ul style='margin:2px 0'>{''.join(parts)}</ul>"
            "Every score is a judgement (status <i>illustrative</i> in "
            "<code>data/option_scores.csv</code>, each with its reasoning and, where one exists, "
            "a cited fact); the weights are yours. A ranking this sensitive is a prompt for "
            "discussion, not a finding."
        )
        return text + (f"<br>{self.constraint_note}" if self.constraint_note else "")


class FunnelView(ModelView):
    """A Redirect-style funnel: impressions → viewers → minutes watched → attitude change.

    The first three stages move with the sliders; the published figures of the two campaigns
    behind the defaults (``data/funnel.csv``) are marked for comparison. The last stage has no
    slider and never a number: no published study measured it (RAND: "did not assess").
    """

    name = "funnel"
    title = "Strategy lab: a Redirect-style funnel whose last stage is unknown"
    SLIDERS = (
        ("funnel", "ctr", "clicks per impression"),
        ("funnel", "minutes_per_viewer", "minutes watched per viewer"),
        ("funnel", "impressions", "ad impressions"),
    )
    STAGES = ("impressions", "viewers", "minutes_watched")
    LABELS = ("impressions", "viewers (clicks)", "minutes watched", "attitude change")
    XLIM = (1e2, 1e8)
    figsize = (9.5, 3.9)

    def __init__(self, *, canvas: str = "auto", blit: bool = True) -> None:
        registry = models.load_parameters("funnel")
        unknown = registry[registry["status"] == "unknown"].iloc[0]
        word, colour = STATUS_BADGE["unknown"]
        self.unknown_stage = {
            "name": str(unknown["name"]),
            "status": models.ATTITUDE_STATUS,
            "source_id": str(unknown["source_id"]),
            "note": str(unknown["formula_or_note"]),
        }
        self.locked_html = (
            f"<b>attitude change ({html.escape(str(unknown['symbol']))})</b>: no slider, locked. "
            f'<span title="{html.escape(self.unknown_stage["note"])}">'
            f'<span style="background:{colour};color:white;font-weight:bold;padding:1px 5px;'
            f'border-radius:3px;font-size:0.85em">{word}</span> · '
            f"<code>{html.escape(self.unknown_stage['source_id'])}</code> · "
            f"{html.escape(models.ATTITUDE_STATUS)}</span>"
        )
        self.published = data.load("funnel")
        super().__init__(canvas=canvas, blit=blit)

    def define_parameters(self) -> list[Parameter]:
        parameters = super().define_parameters()
        return [
            p if (p.max - p.min) / p.step <= 1000
            else SteppedParameter(**{f: getattr(p, f) for f in p.__dataclass_fields__},
                                  fixed_step=_round_step(p))
            for p in parameters
        ]

    def compute(self, values: Mapping[str, float]) -> dict[str, Any]:
        table = models.funnel(**values)
        stages = table["value"].to_numpy()[:3]
        return {
            "impressions": float(stages[0]),
            "viewers": float(stages[1]),
            "minutes_watched": float(stages[2]),
            "stages": stages,
        }

    def build_chart(self, figure: Figure) -> dict[str, Any]:
        axis = figure.subplots()
        colours = style.PALETTE
        rows = np.arange(4)[::-1].astype(float)
        artists: dict[str, Any] = {
            "bars": list(axis.barh(rows[:3], np.zeros(3), left=self.XLIM[0], height=0.6,
                                   color=colours[0], edgecolor="black", linewidth=0.6)),
            "values": [axis.text(self.XLIM[0], y, "", va="center", fontsize=9) for y in rows[:3]],
        }
        axis.barh([rows[3]], [self.XLIM[1] - self.XLIM[0]], left=self.XLIM[0], height=0.6,
                  color="0.88", hatch="xx", edgecolor="0.45", linewidth=0.6)
        axis.text(1e5, rows[3], "unknown: no published effect size (RAND did not assess it)",
                  ha="center", va="center", fontsize=9, fontweight="bold",
                  bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "0.45"})
        stage_rows = {"impressions": rows[0], "clicks": rows[1], "minutes_watched": rows[2]}
        marks = {"redirect_pilot": ("o", "Redirect pilot (published)"),
                 "adl_moonshot_us": ("s", "ADL/Moonshot US (published)")}
        handles = []
        for campaign, (marker, label) in marks.items():
            found = self.published[(self.published["campaign"] == campaign)
                                   & self.published["value"].notna()
                                   & self.published["stage"].isin(list(stage_rows))]
            xs = found["value"].astype(float).to_numpy()
            ys = [stage_rows[s] + 0.4 for s in found["stage"]]
            handles.append(axis.plot(xs, ys, ls="none", marker=marker, ms=7, mfc="white",
                                     mec="black", mew=1.4, label=label, zorder=5)[0])
        axis.set_xscale("log")
        axis.set(xlim=self.XLIM, ylim=(rows[-1] - 0.6, rows[0] + 0.75),
                 xlabel="count (log scale)")
        axis.set_yticks(rows, self.LABELS)
        axis.legend(handles=handles, loc="center right", fontsize=8, frameon=True)
        axis.set_title("Reach can be counted; the effect on attitudes has not been", fontsize=10)
        artists["watermark"] = self._watermark(figure)
        return artists

    def apply_outputs(self, artists: dict[str, Any], outputs: Mapping[str, Any]) -> bool:
        low = self.XLIM[0]
        for bar, text, value in zip(artists["bars"], artists["values"], outputs["stages"]):
            shown = min(max(value, low), self.XLIM[1])
            bar.set_width(shown - low)
            text.set_x(shown * 1.15)
            text.set_text(f"{value:,.0f}")
        return False

    def notes_html(self, values: Mapping[str, float], outputs: Mapping[str, Any]) -> str:
        return self.locked_html + "<br>" + (
            f"viewers = impressions × CTR = {values['impressions']:,.0f} × {values['ctr']:.4f} = "
            f"{outputs['viewers']:,.0f}; minutes = viewers × {values['minutes_per_viewer']:.2f} = "
            f"{outputs['minutes_watched']:,.0f}. The defaults splice two campaigns: CTR from the "
            "ADL/Moonshot US ads (4,000/175,000), minutes per viewer from the Redirect pilot "
            "(500,000/320,000), impressions = 320,000 ÷ CTR (illustrative). The last stage, "
            f"{html.escape(models.ATTITUDE_STATUS)}, has no slider and no number: "
            "<code>models.funnel</code> has no argument for it."
        )


VIEWS["weighing"] = WeighingView
VIEWS["funnel"] = FunnelView
