"""What every what-if view shares: a registry row as a slider (:class:`Parameter`), its status
badge, and the base class :class:`ModelView` that builds a figure once, blits what a slider move
changes and states the assumptions its output rests on. The lessons' views live in one module
each beside this one."""

from __future__ import annotations

import html
import io
import math
import re
import textwrap
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

import ipywidgets as widgets
import matplotlib
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from counterprop import data, models
from counterprop.views.png import encode_png
from counterprop.views.text_pixels import TextPixels

STATUS_BADGE = {
    "empirical": ("EMPIRICAL", "#0173b2"),
    "derived": ("DERIVED", "#029e73"),
    "illustrative": ("ILLUSTRATIVE", "#b35806"),
    "unknown": ("UNKNOWN", "#555555"),
}
"""Badge text and background colour per status. The word carries the meaning, not the colour."""

WATERMARK = "ILLUSTRATIVE"
"""What the chart says whenever its output rests on an assumption (at the defaults too)."""

STILL_CAPTION = "Still image of this view at its defaults"
"""The caption :meth:`ModelView.show_still` puts above every still image, in every lesson."""

NO_IPYMPL = (
    "ipympl is not installed here, so this view shows a still chart that is redrawn as an "
    "image on every slider move (pip install ipympl for the live chart)."
)
"""The one line a view prints when ``canvas="auto"`` finds no ipympl inside a kernel."""

MARK_COLOUR = "#b35806"
"""The chart mark's colour: the badge colour of status *illustrative*."""

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
        cls,
        model: str,
        name: str,
        label: str,
        *,
        integer: bool = False,
        registry: pd.DataFrame | None = None,
    ) -> Parameter:
        """Read ``model.name`` from ``data/parameters.csv``; ``label`` is the slider's text.

        ``registry`` is the whole table as :func:`counterprop.models.load_parameters` returns
        it, for a caller that reads it once for many parameters; by default it is read here.
        """
        table = models.load_parameters(model) if registry is None else registry
        rows = table[(table["model"] == model) & (table["name"] == name)]
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


def up_to_grid(bound: float, parameter: Parameter) -> float:
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

    **Assumptions are stated at every moment, the defaults included.** :attr:`assumptions`
    lists every illustrative input the output rests on: each slider whose registry status is
    *illustrative* (at its current value, default or not) and each fixed value the view uses
    that is illustrative (:meth:`fixed_assumptions`, which a subclass overrides to add inputs
    that are not registry sliders, e.g. judgement scores). :attr:`is_illustrative` is true
    whenever that list is not empty. Then the status line above the chart names them, the
    chart carries the "ILLUSTRATIVE" watermark and a label listing them in its top strip, and
    so does the still image (:meth:`static_png`). Each assumption reads
    ``"SYMBOL = VALUE (what it is)"``; the chart label shows the part before `` (``.

    **One pattern for the still image, in every lesson**: display the live view, then call
    :meth:`show_still` in the same cell::

        view = views.SurvivalView()
        display(view)
        view.show_still()

    which shows the caption "Still image of this view at its defaults", the assumptions it
    rests on, and the PNG of :meth:`static_png` (for readers of the saved notebook, where no
    kernel moves the sliders).

    Parameters
    ----------
    canvas:
        ``"ipympl"`` for the live JupyterLab widget, ``"agg"`` for headless use, ``"auto"``
        (default) for ipympl inside a Jupyter kernel and Agg elsewhere. Where a kernel runs but
        ipympl is missing (Colab, a bare kernel), ``"auto"`` prints one line and falls back to
        Agg, showing the chart as an image redrawn on every move.
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
    PUBLISHED: ClassVar[tuple[str, ...]] = ()
    """Names of artists in ``artists`` that draw published data (e.g. Conway et al.'s points):
    drawn once with the background from the data, never moved by a slider (the tests check)."""
    figsize: ClassVar[tuple[float, float]] = (8.0, 4.0)
    """Figure size in inches: 800 pixels wide fits JupyterLab's output area beside its side bar."""

    def __init__(self, *, canvas: str = "auto", blit: bool = True) -> None:
        if canvas not in {"auto", "agg", "ipympl"}:
            raise ValueError(f"canvas must be 'auto', 'agg' or 'ipympl', got {canvas!r}")
        self.parameters: dict[str, Parameter] = {p.name: p for p in self.define_parameters()}
        self.fixed: dict[str, float] = {
            name: models.defaults(model)[name] for model, name in self.FIXED
        }
        self._fixed_stated: tuple[str, ...] | None = None
        self._holding = False
        self._pending = False
        self._background: Any = None
        self._texts = TextPixels()
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

        self._image: widgets.Image | None = None
        self.figure, self.canvas = self._new_figure(canvas)
        self.artists = self.build_chart(self.figure)
        self._add_marks(self.figure, self.artists)
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
        # Keep the layout of this first draw: a later full draw (a browser reconnecting) then
        # paints the axes where the blits expect them, whatever the moving labels say now.
        self.figure.set_layout_engine("none")

    # ---- parameters and values ---------------------------------------------------------

    def define_parameters(self) -> list[Parameter]:
        """The view's slider parameters; by default the registry rows named in ``SLIDERS``."""
        registry = models.load_parameters()  # read once for every slider
        return [
            Parameter.from_registry(
                model, name, label, integer=name in self.INTEGER, registry=registry
            )
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

    def fixed_assumptions(self) -> list[str]:
        """Illustrative inputs the view uses but does not let you move, as
        ``"SYMBOL = VALUE (what it is)"``.

        By default: every registry value in ``FIXED`` whose status is *illustrative*. Override
        it (calling ``super()``) to add inputs a view holds outside the registry sliders.
        """
        out = []
        for model, name in self.FIXED:
            row = models.load_parameters(model).set_index("name").loc[name]
            if row["status"] == "illustrative":
                out.append(
                    f"{row['symbol']} = {self.fixed[name]:g} ({row['unit']}; held fixed)"
                )
        return out

    def assumptions_for(self, values: Mapping[str, float]) -> list[str]:
        """The assumptions the output for ``values`` rests on (see :attr:`assumptions`)."""
        sliders = [
            f"{p.symbol} = {p.format(values[name])} ({p.label})"
            for name, p in self.parameters.items()
            if p.status == "illustrative"
        ]
        if self._fixed_stated is None:  # fixed values never move: read the registry once
            self._fixed_stated = tuple(self.fixed_assumptions())
        return sliders + list(self._fixed_stated)

    @property
    def assumptions(self) -> list[str]:
        """Every illustrative input in play now: illustrative sliders at their current values
        (at the defaults too) and illustrative fixed values (:meth:`fixed_assumptions`)."""
        return self.assumptions_for(self.values())

    @property
    def is_illustrative(self) -> bool:
        """True whenever the output rests on an assumption (:attr:`assumptions` not empty)."""
        return bool(self.assumptions)

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
        needs_full = self.apply_outputs(self.artists, self.outputs)
        self._show_marks(self.artists, self.assumptions_for(values))
        # The chart first: its image leaves the kernel before the text widgets' updates, so it
        # reaches the browser sooner.
        self._render(full=full or needs_full)
        self.status.value = self._status_html()
        self.notes.value = self.notes_html(values, self.outputs)

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
            canvas = "ipympl" if in_kernel() else "agg"
            if canvas == "ipympl" and not has_ipympl():
                print(NO_IPYMPL)
                canvas = "agg"
                self._image = widgets.Image(format="png")
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
        """The artists redrawn on every move: all of ``artists`` but the ``PUBLISHED`` ones.

        Texts that change with the sliders (titles that state the finding, value labels, the
        assumptions label) are among them: drawn as animated artists and blitted like the
        bars, so that no slider move needs a full redraw."""
        out: list[Artist] = []
        for name, value in self.artists.items():
            if name in self.PUBLISHED:
                continue
            if isinstance(value, Artist):
                out.append(value)
            else:
                out.extend(value)
        return out

    def _on_draw(self, event: Any) -> None:
        """After a full draw: keep two backgrounds (without and with the watermark), forget the
        text pixels kept for the old layout, then draw the moving artists on the right one.

        Not after a draw for ``savefig``: saving draws the moving artists too, and a background
        kept then would show them under every later move."""
        if self.canvas.is_saving():
            return
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
        self._background_renderer = self.canvas.get_renderer()
        self._texts.clear()
        self._draw_moving()

    def _draw_moving(self) -> None:
        background = self._background
        if background is None:
            for artist in self._moving:
                self.figure.draw_artist(artist)
            return
        self.canvas.restore_region(background[self.is_illustrative])
        renderer = self.canvas.get_renderer()
        for artist in self._moving:
            if type(artist) is Text:  # not an annotation: its arrow is drawn too
                self._texts.draw(artist, renderer)
            else:
                artist.draw(renderer)

    def _render(self, *, full: bool = False) -> None:
        # A blit pastes the saved background into the canvas's renderer. If the browser resized
        # the canvas (or changed its pixel ratio) since, the renderer is a new, blank one of
        # another size: pasting would leave most of the chart transparent. Draw it all instead.
        stale = getattr(self, "_background_renderer", None) is not self.canvas.get_renderer()
        if not self._blit or full or self._background is None or stale:
            self.canvas.draw()
        else:
            self._draw_moving()
            self.canvas.blit(self.figure.bbox)
        if self._image is not None:  # no ipympl: the chart is shown as an image
            buffer = io.BytesIO()
            self.canvas.print_png(buffer)
            self._image.value = buffer.getvalue()

    def render_figure(self, figure: Figure, values: Mapping[str, float] | None = None) -> None:
        """Draw the whole chart for ``values`` (default: the registry defaults) on a new figure.

        This is what a naive redraw does on every move; the view itself only does it once.
        """
        values = self.feasible({**self.defaults(), **(values or {})})
        artists = self.build_chart(figure)
        self._add_marks(figure, artists)
        self.apply_outputs(artists, self.compute(values))
        self._show_marks(artists, self.assumptions_for(values))

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

    def still(self) -> tuple[Any, Any]:
        """The caption (Markdown) and the still image (PNG) that :meth:`show_still` displays."""
        from IPython.display import Image, Markdown

        stated = self.assumptions_for(self.feasible(self.defaults()))
        rests = (
            "It rests on the assumptions " + "; ".join(stated) + "."
            if stated
            else "It rests on no illustrative input."
        )
        caption = Markdown(f"**{STILL_CAPTION}** (for readers without a running kernel). {rests}")
        return caption, Image(self.static_png())

    def show_still(self) -> None:
        """Display the still image of this view at its defaults, with its caption and the
        assumptions it rests on: the one pattern every lesson uses, after the live view."""
        from IPython.display import display

        display(*self.still())

    def _add_marks(self, figure: Figure, artists: dict[str, Any]) -> None:
        """Add the watermark (if the view drew none) and the assumptions label to ``artists``,
        keeping the figure's top strip free for the label."""
        if "watermark" not in artists:
            artists["watermark"] = self._watermark(figure)
        engine = figure.get_layout_engine()
        if engine is not None and "rect" in engine.get():
            left, bottom, width, height = engine.get()["rect"]
            if bottom + height > 0.94:
                engine.set(rect=(left, bottom, width, 0.94 - bottom))
        artists["assumption_mark"] = figure.text(
            0.005, 0.995, "", ha="left", va="top", fontsize=7.5, color=MARK_COLOUR,
            fontweight="bold", zorder=10,
        )

    def _show_marks(self, artists: dict[str, Any], assumptions: list[str]) -> None:
        """Show the watermark and the label when ``assumptions`` is not empty."""
        artists["watermark"].set_visible(bool(assumptions))
        label = artists["assumption_mark"]
        label.set_visible(bool(assumptions))
        text = self.mark_text(assumptions) if assumptions else ""
        width = int(label.get_figure().get_figwidth() * 17)  # characters of 7.5-point bold text
        label.set_text(textwrap.fill(text, width) if text else "")

    def mark_text(self, assumptions: list[str]) -> str:
        """The chart's label for ``assumptions`` (not empty): each one's short form. A view
        whose list is long overrides this with a summary; the status line lists them all."""
        short = ", ".join(a.split(" (")[0] for a in assumptions)
        return f"{WATERMARK}: rests on the assumptions {short}"

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
        if self._image is not None:
            chart = self._image
        title = widgets.HTML(f"<b>{html.escape(self.title)}</b>")
        return widgets.VBox([title, header, chart, *rows, self.notes])

    def _status_html(self) -> str:
        moved = self.moved
        where = (
            "every slider at its registry default"
            if not moved
            else "moved off the registry default: "
            + ", ".join(f"{self.parameters[n].symbol}" for n in moved)
        )
        stated = self.assumptions
        if not stated:
            return f"Output from cited values only ({where})."
        return (
            f'<b style="color:{MARK_COLOUR}">ILLUSTRATIVE</b> output ({where}): it rests on '
            "the assumptions " + html.escape("; ".join(stated)) + "."
        )

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
    import numpy as np
    from ipympl.backend_nbagg import Canvas

    class FullImageCanvas(Canvas):
        """An ipympl canvas that always sends whole images, encoded fast.

        **Whole images, never diffs.** ipympl can send only the pixels that changed since the
        image it sent before (image mode "diff"). Its front end decodes every image
        asynchronously into one shared ``Image`` element and reads the image mode only when
        that element's ``onload`` fires; when a newer image replaces one still decoding, or a
        browser connects after the view's first draw, or misses an image while the kernel is
        busy, a diff is drawn against a base the browser never painted: a blank or stale
        chart. A whole image is always right; it costs a slightly bigger message over the
        loopback, and it saves computing the diff in the kernel.

        **Fast encoding.** matplotlib's ``get_diff_image`` saves the PNG with Pillow's default
        compression (zlib level 6: about 14 ms for the 800×400 chart on the course's test
        machine); Pillow at level 1 still takes about 9 ms, most of it choosing a filter for
        each row. This canvas writes the rows unfiltered with :func:`~counterprop.views.png.
        encode_png` (zlib level 1: about 4.5 ms, 78 kB for the survival view at its defaults,
        against 82 kB). The kernel is free for the next slider move sooner.

        **No redraw when a browser connects.** A browser that shows the canvas (or shows it
        again) asks for a "refresh"; matplotlib answers by asking the browser to request a
        draw, and then draws the whole figure. The view drew its chart when it was built, and
        every move since was blitted into the same pixels (tests/test_view_blitting.py checks
        that they are a full draw's). So when the draw was asked for by a browser that
        connected, the figure is not stale and the canvas has the same size and pixel ratio,
        this canvas answers with the pixels it has: the chart appears without the kernel
        drawing it again. A draw asked for by code (``canvas.draw_idle()``, as matplotlib
        expects after a change, e.g. a learner recolouring a curve) is always a full draw.
        """

        _drawn_renderer: Any = None
        _in_refresh = False
        _asked_by_code = False

        def draw(self) -> None:
            super().draw()
            self._drawn_renderer = self.get_renderer()
            self._asked_by_code = False

        def draw_idle(self) -> None:
            if not self._in_refresh:  # code changed the chart and asks for it to be drawn
                self._asked_by_code = True
            super().draw_idle()

        def handle_refresh(self, event: dict) -> None:
            self._in_refresh = True  # matplotlib's refresh ends with draw_idle()
            try:
                super().handle_refresh(event)
            finally:
                self._in_refresh = False

        def handle_draw(self, event: dict) -> None:
            current = (not self._asked_by_code and not self.figure.stale
                       and self._drawn_renderer is self.get_renderer())
            if not current:
                super().handle_draw(event)
                return
            self._png_is_old = True  # what matplotlib's draw() ends with, without drawing
            self.manager.refresh_all()

        def get_diff_image(self):  # matplotlib's signature: PNG bytes, or None if sent already
            if not self._png_is_old:
                return None
            pixels = np.asarray(self.get_renderer().buffer_rgba())
            # ipympl reads the last image sent from here (the still it embeds while no front
            # end is connected, e.g. when a notebook is executed by a script)
            self._last_buff = pixels.view(np.uint32).squeeze(2).copy()
            self.set_image_mode("full")
            self._force_full = False
            self._png_is_old = False
            return encode_png(pixels)

    return FullImageCanvas


def has_ipympl() -> bool:
    """True when ipympl can be imported (it is missing on Colab and in a bare kernel)."""
    import importlib.util

    return importlib.util.find_spec("ipympl") is not None


def in_kernel() -> bool:
    """True inside a Jupyter kernel (where the ipympl canvas can reach a browser)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def pct(value: float) -> str:
    return f"{100 * value:.0f}%"




def times(ratio: float) -> str:
    """A multiplier as people read it: ``×2``, ``×1.5``, ``×0.42``, ``×0``."""
    if ratio == 0:
        return "×0"
    return f"×{ratio:.3g}" if ratio >= 1 else f"×{ratio:.2g}"


def number(value: float) -> str:
    """A readable number: 135,457 → "135,000"; 265.3 → "265"; 0.52 → "0.52"."""
    if value >= 1000:
        return f"{float(f'{value:.3g}'):,.0f}"
    if value >= 10:
        return f"{value:,.0f}"
    return f"{value:.2g}"




@dataclass(frozen=True)
class SteppedParameter(Parameter):
    """A slider parameter with a step of its own: a criterion weight (from criteria.csv), or a
    registry row whose power-of-ten step would give too many positions."""

    fixed_step: float = 0.0

    @property
    def step(self) -> float:
        return self.fixed_step if self.fixed_step > 0 else super().step


def round_step(parameter: Parameter, most: int = 1000) -> float:
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
