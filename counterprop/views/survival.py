"""Lesson 05's view: account survival and "whack-a-mole"."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from counterprop import models, style
from counterprop.views.base import MARK_COLOUR, ModelView, Parameter, up_to_grid

MEETS = 0.005
"""How close (as a share) the mixture must come to a published point to "meet" it."""


def feasible_shares(
    values: Mapping[str, float], early: float, late: float, parameter: Parameter
) -> dict[str, float]:
    """``values`` with ``share_gone_90d`` raised to the first slider position the joint fit
    solves: a fast group alone (h_s = 0) already loses p₂·f₉₀/f₂ by day 90 (fit_mixture)."""
    values = dict(values)
    h_f = values["hazard_fast"]
    floor = values["share_gone_2d"] * -math.expm1(-h_f * late) / -math.expm1(-h_f * early)
    if values["share_gone_90d"] < floor:
        values["share_gone_90d"] = up_to_grid(floor, parameter)
    return values


class SurvivalView(ModelView):
    """Conway's two points, one rate against two groups, and the followers a returner keeps.

    Left: share of accounts still live by day, for the two-group mixture (a and h_s fitted
    jointly so that it meets both points, for the assumed h_f) and for single exponentials
    fitted to each point. Conway et al.'s points are drawn from the registry and never move
    (the day-2 point as the bound it is); the p₂ and p₉₀ sliders are what-ifs, drawn as
    hollow points when they leave the published values.
    Right: followers at the start of each account in a suspended user's lineage.
    """

    name = "survival"
    title = "What-if I: account survival (Conway et al. 2017) and follower loss on return"
    SLIDERS = (
        ("survival", "share_gone_2d", "what-if: share gone by day 2"),
        ("survival", "share_gone_90d", "what-if: share gone by day 90"),
        ("survival", "hazard_fast", "fast-group hazard, per day"),
        ("survival", "followers", "followers of the first account"),
        ("survival", "retention", "followers kept at each return"),
        ("survival", "returns", "returns after suspension"),
    )
    FIXED = (("survival", "fast_window_days"), ("survival", "slow_window_days"))
    INTEGER = frozenset({"returns"})
    PUBLISHED = ("conway_bound", "conway_point")
    DAYS = np.linspace(0.0, 100.0, 401)

    @property
    def published(self) -> tuple[float, float]:
        """Conway et al.'s two shares as published: ">30%" by day 2, 63% by day 90."""
        return self.parameters["share_gone_2d"].default, self.parameters["share_gone_90d"].default

    def feasible(self, values: Mapping[str, float]) -> dict[str, float]:
        return feasible_shares(
            values, self.fixed["fast_window_days"], self.fixed["slow_window_days"],
            self.parameters["share_gone_90d"],
        )

    def explain_constraint(self, before: Mapping[str, float], after: Mapping[str, float]) -> str:
        return (
            f"<b>p₉₀ was raised to {after['share_gone_90d']:.2f}</b> (you asked for "
            f"{before['share_gone_90d']:.2f}): with {after['share_gone_2d']:.2f} gone by day 2 "
            f"and h_f = {after['hazard_fast']:.2f}, a fast group alone already loses that much "
            "by day 90, so no slow group could leave more accounts alive."
        )

    def compute(self, values: Mapping[str, float]) -> dict[str, Any]:
        p2, p90 = values["share_gone_2d"], values["share_gone_90d"]
        h_fast = values["hazard_fast"]
        early, late = self.fixed["fast_window_days"], self.fixed["slow_window_days"]
        a, h_slow = models.fit_mixture(
            share_gone_early=p2, share_gone_late=p90, hazard_fast=h_fast,
            early_days=early, late_days=late,
        )
        mix = {"share_fast": a, "hazard_fast": h_fast, "hazard_slow": h_slow}
        h_early = models.fit_single_hazard(share_gone=p2, days=early)
        h_late = models.fit_single_hazard(share_gone=p90, days=late)
        lineage = models.followers_by_return(
            followers=values["followers"], retention=values["retention"], returns=values["returns"]
        )
        return {
            "days": self.DAYS,
            "mixture": models.survival_mixture(self.DAYS, **mix),
            "single_early": models.survival_single(self.DAYS, hazard=h_early),
            "single_late": models.survival_single(self.DAYS, hazard=h_late),
            "share_fast": a,
            "hazard_slow": h_slow,
            "hazard_single_early": h_early,
            "hazard_single_late": h_late,
            "gone_early": 1.0 - models.survival_mixture(early, **mix),
            "gone_late": 1.0 - models.survival_mixture(late, **mix),
            "single_early_gone_late": 1.0 - models.survival_single(late, hazard=h_early),
            "single_late_gone_early": 1.0 - models.survival_single(early, hazard=h_late),
            "whatif_days": np.array([early, late]),
            "whatif_live": np.array([1.0 - p2, 1.0 - p90]),
            "lineage": lineage,
            "lineage_total": float(lineage.sum()),
            "retention": values["retention"],
        }

    def build_chart(self, figure: Figure) -> dict[str, Any]:
        curves, lineage = figure.subplots(1, 2, width_ratios=[1.35, 1])
        colours = style.PALETTE
        days = self.DAYS
        flat = np.zeros_like(days)
        early, late = self.fixed["fast_window_days"], self.fixed["slow_window_days"]
        p2, p90 = self.published
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
        # Published data, drawn once from the registry: the day-2 figure is a bound
        # ("more than 30%" gone, so S(2) < 0.70), drawn as a bar with an arrow, not a point.
        artists["conway_bound"] = curves.annotate(
            "", xy=(early, 1.0 - p2 - 0.13), xytext=(early, 1.0 - p2),
            arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 2.0}, zorder=6,
        )
        curves.plot([early - 2.2, early + 2.2], [1.0 - p2] * 2, color="black", lw=2.4, zorder=6)
        artists["conway_point"] = curves.plot(
            [late], [1.0 - p90], ls="none", marker="X", ms=12, color="black", zorder=6
        )[0]
        curves.text(early + 7.0, 0.36, f"Conway et al.: more than {p2:.0%}\ngone by day "
                    f"{early:.0f} (a bound)", fontsize=8, va="center")
        artists["whatif"] = curves.plot(
            [early, late], [0.0, 0.0], ls="none", marker="o", ms=10, mfc="none", mew=2.0,
            color=MARK_COLOUR, zorder=7,
        )[0]
        curves.legend(
            [artists[k] for k in ("mixture", "single_early", "single_late", "conway_point",
                                  "whatif")],
            ["two groups (mixture)", "one rate, fitted to day 2", "one rate, fitted to day 90",
             f"Conway et al.: {p90:.0%} gone by day {late:.0f}", "what-if point (sliders)"],
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

    def meets_published(self, outputs: Mapping[str, Any]) -> bool:
        """True when the mixture meets both published points: more than 30% gone by day 2
        (within ``MEETS``) and 63% gone by day 90 (within ``MEETS``)."""
        p2, p90 = self.published
        return bool(outputs["gone_early"] >= p2 - MEETS and abs(outputs["gone_late"] - p90) <= MEETS)

    def apply_outputs(self, artists: dict[str, Any], outputs: Mapping[str, Any]) -> bool:
        for key in ("mixture", "single_early", "single_late"):
            artists[key].set_ydata(outputs[key])
        live = outputs["whatif_live"]
        published = 1.0 - np.array(self.published)
        moved = ~np.isclose(live, published, atol=1e-9)
        artists["whatif"].set_data(outputs["whatif_days"][moved], live[moved])
        misses = (
            abs(outputs["single_early_gone_late"] - (1 - live[1])),
            abs(outputs["single_late_gone_early"] - (1 - live[0])),
        )
        if min(misses) <= 0.05:
            title = "Here one rate comes close to both points"
        elif self.meets_published(outputs):
            title = "No single rate fits both points; two groups do"
        else:
            title = "No single rate fits; this mixture misses Conway's points"
        artists["title_curves"].set_text(title)
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
        h_s, a = outputs["hazard_slow"], outputs["share_fast"]
        life = f"mean slow-group life 1/h_s = {1 / h_s:,.0f} days" if h_s > 0 else "never suspended"
        text = (
            f"<b>Derived</b> (fitted jointly for the assumed h_f): a = {a:.3f}, the latent share "
            f"of fast-caught accounts, and h_s = {h_s:.4f} per day ({life}). The mixture loses "
            f"{outputs['gone_early']:.3f} by day 2 and {outputs['gone_late']:.3f} by day 90. "
            "Reading “63 percent … in just three months” as S(90) is an assumption. Left "
            "truncation: accounts removed before anyone sampled them never entered the data; "
            "right censoring: accounts still live when collection ended."
        )
        return text + (f"<br>{self.constraint_note}" if self.constraint_note else "")
