"""Lesson 06's view: takedown speed and re-upload blocking."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from counterprop import models, style
from counterprop.views.base import ModelView, pct


class TakedownView(ModelView):
    """CEP 2018's two bins: where the views of known videos come from, and what blocking does.

    Left: views per known video per quarter, split into uploads removed within two hours and
    uploads live longer, for CEP's observed values and for the scenario.
    Right: the share of uploads that lived over two hours against the share of views they got.
    """

    name = "takedown"
    title = "What-if II: takedown speed and re-upload blocking (CEP 2018)"
    SLIDERS = (
        ("takedown", "share_long", "share of uploads live > 2 h"),
        ("takedown", "views_short", "views per upload removed < 2 h"),
        ("takedown", "views_long", "views per upload live > 2 h"),
        ("takedown", "uploads_per_video", "uploads per known video"),
        ("takedown", "share_blocked", "share of hashed uploads blocked"),
        ("takedown", "share_first_hashed", "first uploads already hashed"),
    )
    PUBLISHED = ("cep_bars",)

    def compute(self, values: Mapping[str, float]) -> dict[str, Any]:
        q, v_s, v_l = values["share_long"], values["views_short"], values["views_long"]
        u, b, c = values["uploads_per_video"], values["share_blocked"], values["share_first_hashed"]
        total = models.takedown_views(
            share_long=q, views_short=v_s, views_long=v_l, uploads_per_video=u, share_blocked=b,
            share_first_hashed=c,
        )
        live_uploads = (1.0 - c * b) + (u - 1.0) * (1.0 - b)
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
        cep_bars = [
            views.bar([0], [observed["views_from_short"]], width=0.6, **short_style)[0],
            views.bar([0], [observed["views_from_long"]], bottom=[observed["views_from_short"]],
                      width=0.6, **long_style)[0],
        ]
        views.text(0, observed["views_per_video"], f"{observed['views_per_video']:,.0f}",
                   ha="center", va="bottom", fontsize=9)
        artists: dict[str, Any] = {
            "cep_bars": cep_bars,
            "short": views.bar([1], [0.0], width=0.6, **short_style)[0],
            "long": views.bar([1], [0.0], width=0.6, **long_style)[0],
            "total": views.text(1, 0, "", ha="center", va="bottom", fontsize=9, fontweight="bold"),
        }
        views.set_xticks([0, 1], ["CEP 2018\n(registry defaults)", "this scenario"])
        views.set(xlim=(-0.6, 1.6), ylim=(0, self.scale_top()),
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
        # The axis keeps one height (no rescale, so no move needs a full redraw): a scenario
        # taller than the axis is cut at its top, and its label says so.
        top = self.scale_top()
        label = artists["total"]
        if total * 1.12 <= top:  # room for the label above the bar
            label.set_verticalalignment("bottom")
            label.set_bbox(None)
        else:  # inside the bar, on white, below the legend
            label.set_position((1, 0.82 * top))
            label.set_verticalalignment("top")
            label.set_bbox({"boxstyle": "square,pad=0.15", "facecolor": "white",
                            "edgecolor": "none"})
            if total > top:
                label.set_text(label.get_text() + "\n↑ off the scale")
        share_values = (outputs["share_uploads_long"], outputs["share_views_long"])
        for bar, text, value in zip(artists["share_bars"], artists["share_labels"], share_values):
            bar.set_width(value)
            text.set_text(f" {pct(value)}")
            text.set_x(value)
        artists["title_shares"].set_text(
            "The long tail brings most of the views" if share_values[1] > 0.5
            else "The tail no longer brings most views"
        )
        return False

    def scale_top(self) -> float:
        """The views axis's one height, from the registry ranges: it fits any one slider moved
        to either end of its range (the others at their defaults), with room for the label.

        Several sliders at their far ends can go higher: the bar is then cut at the top of
        the axis and labelled "off the scale" (as in the reach view), so that the axis never
        rescales and every move stays a blit.
        """
        if not hasattr(self, "_top"):
            defaults = self.defaults()
            single = max(
                self.compute({**defaults, name: end})["views_per_video"]
                for name, p in self.parameters.items()
                for end in (p.min, p.max)
            )
            self._top = math.ceil(1.12 * single / 200.0) * 200.0
        return self._top

    def notes_html(self, values: Mapping[str, float], outputs: Mapping[str, Any]) -> str:
        q = values["share_long"]
        per_upload = (1.0 - q) * values["views_short"] + q * values["views_long"]
        return (
            f"V = [(1 − c·b) + (U − 1)(1 − b)] · [(1 − q)·v_s + q·v_l] = "
            f"{outputs['live_uploads']:.2f} live uploads × "
            f"{per_upload:,.1f} views = "
            f"<b>{outputs['views_per_video']:,.0f}</b> views per known video. Blocking acts on "
            "re-uploads, and on first uploads only as far as their hash is already known (c, "
            "an assumption: CEP searched for videos it had already fingerprinted). b has no "
            "published value (GIFCT publishes hash counts, not match rates)."
        )


# --------------------------------------------------------------------------------------------
# Lesson 07: reach = production × distribution × survival × (1 − overlap) × (1 − displ.)
# --------------------------------------------------------------------------------------------
