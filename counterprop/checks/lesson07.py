"""Checks for lesson 07, What-if III: reach."""

from __future__ import annotations

from typing import Any

from counterprop import models
from counterprop.checks.base import (
    Feedback,
    correct,
    exercise,
    expect_number,
    finite_number,
    hint,
    near,
    slow_hazard,
    type_name,
)

__all__ = ["q07_1", "q07_2", "q07_3", "q07_4", "q07_5"]


def _wif_reach_parts() -> dict[str, float]:
    """P, s and R at the registry defaults, computed as lesson 07 does."""
    production = models.defaults("production")
    survival = models.defaults("survival")
    products = models.production_index(**production)
    h_s = slow_hazard(survival["share_fast"], survival["hazard_fast"])
    realised = models.survival_share(
        share_fast=survival["share_fast"], hazard_fast=survival["hazard_fast"],
        hazard_slow=h_s, horizon_days=survival["horizon_days"],
    )
    total = models.reach(P=products, s=realised, **models.defaults("reach"))
    return {"P": products, "s": realised, "R": total}


def _wif_reach_sensitivity() -> Any:
    """Lesson 07's one-at-a-time sensitivity of monthly reach (the tornado chart's table).

    share_fast is varied up to the 90-day share (0.63): a larger share caught fast would
    need more than 63% gone by day 90.
    """
    production = models.defaults("production")
    survival = models.defaults("survival")
    reach_defaults = models.defaults("reach")
    levers = ("territory", "epsilon", "operatives", "mu", "budget", "beta")

    def monthly_reach(**p: float) -> float:
        products = models.production_index(P0=production["P0"], **{n: p[n] for n in levers})
        h_s = models.fit_slow_hazard(
            share_fast=p["share_fast"], share_gone_90d=p["share_gone_90d"],
            hazard_fast=survival["hazard_fast"],
        )
        realised = models.survival_share(
            share_fast=p["share_fast"], hazard_fast=survival["hazard_fast"],
            hazard_slow=h_s, horizon_days=p["horizon_days"],
        )
        return models.reach(P=products, s=realised, **{n: p[n] for n in ("k", "F", "o", "d")})

    survival_levers = ("share_fast", "share_gone_90d", "horizon_days")
    params = {**{n: production[n] for n in levers}, **reach_defaults,
              **{n: survival[n] for n in survival_levers}}
    bounds = {**{n: models.ranges("production")[n] for n in levers},
              **models.ranges("reach"),
              **{n: models.ranges("survival")[n] for n in survival_levers}}
    bounds["share_fast"] = (bounds["share_fast"][0], survival["share_gone_90d"])
    return models.sensitivity(monthly_reach, params, bounds)


@exercise
def q07_1(products: Any) -> Feedback:
    """Products per month at the registry defaults: P = P0 · T^ε (μ = β = 0)."""
    problem = expect_number(products, "products per month")
    if problem:
        return problem
    value = finite_number(products)
    p = models.defaults("production")
    expected = _wif_reach_parts()["P"]
    if near(value, expected, 0.5):
        return correct(f"P ≈ {expected:.0f} products a month: {p['P0']:.0f} × "
                       f"{p['territory']}^{p['epsilon']}.")
    if near(value, p["P0"] * p["territory"], 0.5):
        return hint("territory enters with its elasticity: P0 * T**epsilon, not P0 * T.")
    if near(value, p["P0"], 1e-9):
        return hint("700 is the baseline P0; apply the territory term.")
    if near(value, p["territory"] ** p["epsilon"], 1e-3):
        return hint("that is T**epsilon alone; multiply it by P0.")
    return hint("use models.production_index(**models.defaults('production')).")


@exercise
def q07_2(share: Any) -> Feedback:
    """The survival factor s at the defaults: mean share of accounts live over 90 days."""
    problem = expect_number(share, "a share between 0 and 1")
    if problem:
        return problem
    value = finite_number(share)
    expected = _wif_reach_parts()["s"]
    p = models.defaults("survival")
    if near(value, expected, 0.001):
        return correct(f"s ≈ {expected:.2f}: over three months an account is live about half of "
                       "the time.")
    if near(value, 1 - p["share_gone_90d"], 1e-6):
        return hint("0.37 is the share still live at day 90; s averages S(t) over the whole "
                    "window, from day 0 to day 90.")
    if near(value, 1 - p["share_fast"], 1e-6):
        return hint("0.70 is the share that survives the first two days; s averages over 90 days.")
    return hint("use models.survival_share(...) with h_s from models.fit_slow_hazard(...) and "
                "horizon_days = 90.")


@exercise
def q07_3(overlap: Any) -> Feedback:
    """The overlap o that halves reach, all else at the defaults."""
    problem = expect_number(overlap, "a share between 0 and 1")
    if problem:
        return problem
    value = finite_number(overlap)
    o = models.defaults("reach")["o"]
    expected = 1 - (1 - o) / 2
    if near(value, expected, 0.005):
        return correct(f"o = {expected:.2f}: (1 - o) falls from {1 - o:.1f} to {1 - expected:.1f}. "
                       "Near full overlap, small changes of o move reach a lot.")
    if near(value, o / 2, 1e-9):
        return hint("halving o raises reach: the formula uses (1 - o), the share not yet reached.")
    if 1 < value <= 100:
        return hint("give a share between 0 and 1, not a percentage.")
    return hint("reach is proportional to (1 - o); find o where (1 - o) is half of 0.2.")


@exercise
def q07_4(territory: Any) -> Feedback:
    """The territory share that halves P (and so R), with ε = 0.44."""
    problem = expect_number(territory, "a share of territory between 0 and 1")
    if problem:
        return problem
    value = finite_number(territory)
    p = models.defaults("production")
    expected = p["territory"] * 0.5 ** (1 / p["epsilon"])
    if near(value, expected, 0.0005):
        return correct(f"T ≈ {expected:.3f}: with ε = {p['epsilon']}, territory must fall to "
                       "about "
                       f"a fifth of its value ({expected / p['territory']:.2f}) to halve output.")
    if near(value, p["territory"] / 2, 1e-9):
        return hint(f"halving T multiplies P by 0.5**{p['epsilon']} = {0.5 ** p['epsilon']:.2f}, "
                    "not by 0.5.")
    return hint("solve (T / 0.11)**0.44 = 0.5 for T.")


@exercise
def q07_5(parameter: Any) -> Feedback:
    """The name of the parameter with the largest swing in the tornado table."""
    if not isinstance(parameter, str):
        return hint("expected a parameter name as a string such as 'o', got "
                    f"{type_name(parameter)}.")
    table = _wif_reach_sensitivity()
    order = table["parameter"].tolist()
    answer = parameter.strip()
    if answer == order[0]:
        return correct(f"'{order[0]}', accounts sharing each product, an illustrative assumption "
                       "with no published value: the biggest lever is the least known.")
    if answer in order:
        return hint(f"'{answer}' comes number {order.index(answer) + 1} of {len(order)}; sort the "
                    "table by swing, largest first.")
    if answer.lower() in order:
        return hint("names are case-sensitive; copy the name from the parameter column.")
    return hint("use a name from the table's parameter column, e.g. 'territory'.")
