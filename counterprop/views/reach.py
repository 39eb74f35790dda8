"""Lesson 07's view: reach as a product of factors, and which factor matters most."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from counterprop import models, style
from counterprop.views.base import ModelView, number, times


class ReachView(ModelView):
    """A teaching toy: R = P·k·F·s·(1 − o)·(1 − d), each factor against its baseline.

    R counts **exposures** (a follower who sees two products counts twice), not unique
    people: it is linear in the number of products. One row per factor shows how many times
    its baseline value it is now (log scale, so the bars add up to the R row). The baseline is
    every parameter at its registry default. Seven sliders: the production terms for
    operatives and budget are inert at their defaults (μ = β = 0) and stay out of the view;
    survival enters through the exposure window H, with a and h_s fitted to Conway et al.'s
    two points for the assumed h_f (lesson 05).
    """

    name = "reach"
    title = "What-if III: monthly exposures R = P · k · F · s · (1 − o) · (1 − d), a teaching toy"
    SLIDERS = (
        ("production", "territory", "territory left, share of Jan 2017"),
        ("production", "epsilon", "territory elasticity"),
        ("reach", "k", "accounts sharing each product"),
        ("reach", "F", "followers per sharing account"),
        ("survival", "horizon_days", "exposure window, days"),
        ("reach", "o", "audience overlap"),
        ("reach", "d", "displacement to other platforms"),
    )
    FIXED = (
        ("production", "P0"),
        ("survival", "hazard_fast"),
        ("survival", "share_gone_2d"),
        ("survival", "share_gone_90d"),
        ("survival", "fast_window_days"),
        ("survival", "slow_window_days"),
    )
    figsize = (8.0, 4.2)
    ROWS = ("P", "k", "F", "s", "1 − o", "1 − d", "R")
    ROW_LABELS = (
        "P  products per month",
        "k  sharers per product",
        "F  followers per sharer",
        "s  exposure before suspension",
        "1 − o  audience not yet reached",
        "1 − d  audience not displaced",
        "R  exposures (the product)",
    )
    LIMIT = 2.0**7
    """Bars stop at ×1/128 and ×128; the axis runs on to the right to leave room for labels."""

    def mixture(self) -> tuple[float, float]:
        """a and h_s fitted to Conway et al.'s two points for the fixed h_f (lesson 05)."""
        if not hasattr(self, "_mixture"):
            self._mixture = models.fit_mixture(
                share_gone_early=self.fixed["share_gone_2d"],
                share_gone_late=self.fixed["share_gone_90d"],
                hazard_fast=self.fixed["hazard_fast"],
                early_days=self.fixed["fast_window_days"],
                late_days=self.fixed["slow_window_days"],
            )
        return self._mixture

    def compute(self, values: Mapping[str, float]) -> dict[str, Any]:
        products = models.production_index(
            P0=self.fixed["P0"], territory=values["territory"], epsilon=values["epsilon"],
            operatives=1.0, mu=0.0, budget=1.0, beta=0.0,
        )
        share_fast, h_slow = self.mixture()
        realised = models.survival_share(
            share_fast=share_fast,
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
            "share_fast": share_fast,
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
        axis.set_title("The factors multiply: R's bar is the sum of theirs", fontsize=10)
        return {
            "bars": list(bars),
            "labels": labels,
            "watermark": self._watermark(figure),
        }

    def apply_outputs(self, artists: dict[str, Any], outputs: Mapping[str, Any]) -> bool:
        low, high = 1 / self.LIMIT, self.LIMIT
        for bar, label, ratio in zip(artists["bars"], artists["labels"], outputs["ratios"]):
            shown = min(max(ratio, low), high)
            bar.set_x(min(1.0, shown))
            bar.set_width(abs(shown - 1.0))
            text = times(ratio) + (" (off the scale)" if ratio < low or ratio > high else "")
            label.set_text(text)
            label.set_x(max(shown, 1.0) * 1.1)
        return False

    GROUPS = (
        ("territory", "epsilon"),
        ("k",),
        ("F",),
        ("horizon_days",),
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
                    self.compute({**defaults, **dict(zip(group, corner))})["factors"][row]
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
            f"R = {number(f[0])} × {number(f[1])} × {number(f[2])} × {f[3]:.2f} × "
            f"{f[4]:.2f} × {f[5]:.2f} = <b>{number(f[6])}</b> exposures a month (a follower "
            "who sees two products counts twice): a toy number, not a forecast. Held fixed: "
            f"P₀ = {self.fixed['P0']:,.0f} products a month in Aug 2015 (cnsnews_undated, "
            "secondary, quoting the CTC report), while territory is a share of Jan 2017 "
            f"(ihs_2018): two different baselines. h_f = {self.fixed['hazard_fast']:.1f} per "
            f"day (illustrative); a = {outputs['share_fast']:.3f} and h_s = "
            f"{outputs['hazard_slow']:.4f} per day are fitted to Conway's two points. "
            "Exposure is not persuasion."
        )
        return text
