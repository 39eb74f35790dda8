"""Lesson 09's funnel view: a Redirect-style funnel whose last stage is honestly unknown."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from counterprop import data, models, style
from counterprop.views.base import (
    STATUS_BADGE,
    ModelView,
    Parameter,
    SteppedParameter,
    round_step,
)


class FunnelView(ModelView):
    """A Redirect-style funnel: impressions → viewers → minutes watched → attitude change.

    The first three stages move with the sliders; the published figures of the two campaigns
    behind the defaults (``data/funnel.csv``) are marked for comparison. The impressions bar is
    an assumption (status illustrative: no published impressions for the pilot), so it is
    drawn hatched and labelled so. Counts computed from rounded inputs are shown rounded to
    two significant figures ("about 320,000"). The last stage has no slider and never a
    number: no published study measured it (RAND: "did not assess").
    """

    name = "funnel"
    title = "Choosing a response: a Redirect-style funnel whose last stage is unknown"
    SLIDERS = (
        ("funnel", "ctr", "clicks per impression"),
        ("funnel", "minutes_per_viewer", "minutes watched per viewer"),
        ("funnel", "impressions", "ad impressions"),
    )
    STAGES = ("impressions", "viewers", "minutes_watched")
    LABELS = ("impressions", "viewers (clicks)", "minutes watched", "attitude change")
    XLIM = (1e2, 1e8)
    PUBLISHED = ("published",)
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

    def fixed_assumptions(self) -> list[str]:
        """The view's one fixed assumption that is not a slider: one click is one viewer."""
        return super().fixed_assumptions() + [
            "viewers per click = 1 (the pilot counts individuals who watched, not clicks; the "
            "model counts each click as one viewer: data/funnel.csv)"
        ]

    def define_parameters(self) -> list[Parameter]:
        parameters = super().define_parameters()
        return [
            p if (p.max - p.min) / p.step <= 1000
            else SteppedParameter(**{f: getattr(p, f) for f in p.__dataclass_fields__},
                                  fixed_step=round_step(p))
            for p in parameters
        ]

    def compute(self, values: Mapping[str, float]) -> dict[str, Any]:
        stages = models.funnel_counts(**values)
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
        bars = list(axis.barh(rows[:3], np.zeros(3), left=self.XLIM[0], height=0.6,
                              color=colours[0], edgecolor="black", linewidth=0.6))
        # Impressions are an assumption (status illustrative): hatched, pale and labelled.
        bars[0].set(facecolor="white", hatch="//", edgecolor=STATUS_BADGE["illustrative"][1])
        artists: dict[str, Any] = {
            "bars": bars,
            "values": [axis.text(self.XLIM[0], y, "", va="center", fontsize=9) for y in rows[:3]],
        }
        axis.text(self.XLIM[0] * 1.3, rows[0] - 0.42, "ILLUSTRATIVE: assumed impressions "
                  "(no published figure for the pilot)", fontsize=7.5, va="center",
                  color=STATUS_BADGE["illustrative"][1], fontweight="bold")
        axis.barh([rows[3]], [self.XLIM[1] - self.XLIM[0]], left=self.XLIM[0], height=0.6,
                  color="0.88", hatch="xx", edgecolor="0.45", linewidth=0.6)
        axis.text(1e5, rows[3], "unknown: no published effect size (RAND did not assess it)",
                  ha="center", va="center", fontsize=9, fontweight="bold",
                  bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "0.45"})
        stage_rows = {"impressions": rows[0], "clicks": rows[1], "minutes_watched": rows[2]}
        marks = {"redirect_pilot": ("o", "Redirect pilot (published)"),
                 "adl_moonshot_us": ("s", "ADL/Moonshot US (published)")}
        handles: list[Any] = []
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
        artists["published"] = handles
        axis.set_title("Reach can be counted; the effect on attitudes has not been", fontsize=10)
        artists["watermark"] = self._watermark(figure)
        return artists

    def apply_outputs(self, artists: dict[str, Any], outputs: Mapping[str, Any]) -> bool:
        low = self.XLIM[0]
        for bar, text, value in zip(artists["bars"], artists["values"], outputs["stages"]):
            shown = min(max(value, low), self.XLIM[1])
            bar.set_width(shown - low)
            text.set_x(shown * 1.15)
            text.set_text(about(value))
        return False

    def notes_html(self, values: Mapping[str, float], outputs: Mapping[str, Any]) -> str:
        return self.locked_html + "<br>" + (
            f"viewers = impressions × CTR = {values['impressions']:,.0f} × {values['ctr']:.4f} = "
            f"{about(outputs['viewers'])}; "
            f"minutes = viewers × {values['minutes_per_viewer']:.2f} = "
            f"{about(outputs['minutes_watched'])} (rounded to two significant figures: the "
            "inputs are rounded). The defaults splice two campaigns: CTR from the ADL/Moonshot US "
            "ads (4,000/175,000, a ratio of two lower bounds, so itself neither a lower nor an "
            "upper bound), minutes per viewer from the Redirect pilot (500,000/320,000), "
            "impressions = 320,000 ÷ CTR (<b>illustrative</b>: an assumption). The last stage, "
            f"{html.escape(models.ATTITUDE_STATUS)}, has no slider and no number: "
            "<code>models.funnel</code> refuses any number for it."
        )


def about(count: float) -> str:
    """A count computed from rounded inputs, rounded to two significant figures:
    ``about(322_000.0)`` → ``"about 320,000"``; ``about(0.0)`` → ``"0"``."""
    if count == 0:
        return "0"
    return f"about {float(f'{count:.2g}'):,.0f}"
