"""Lesson 05's view: account survival and "whack-a-mole"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from counterprop import models, style
from counterprop.views.base import ModelView, raise_share_gone, raised_note


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
        return raise_share_gone(
            values, values["hazard_fast"], self.fixed["slow_window_days"],
            self.parameters["share_gone_90d"],
        )

    def explain_constraint(self, before: Mapping[str, float], after: Mapping[str, float]) -> str:
        return raised_note(before, after)

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
