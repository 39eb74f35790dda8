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
    joint_fit,
    near,
    type_name,
)

__all__ = ["q07_1", "q07_2", "q07_3", "q07_4", "q07_5"]


def _wif_reach_parts() -> dict[str, float]:
    """P, s and R at the registry defaults, computed as lesson 07 does."""
    production = models.defaults("production")
    survival = models.defaults("survival")
    products = models.production_index(**production)
    a, h_s = joint_fit(survival["hazard_fast"])
    realised = models.survival_share(
        share_fast=a, hazard_fast=survival["hazard_fast"],
        hazard_slow=h_s, horizon_days=survival["horizon_days"],
    )
    total = models.reach(P=products, s=realised, **models.defaults("reach"))
    return {"P": products, "s": realised, "R": total}


LEVERS = ("P0", "territory", "epsilon", "k", "F", "horizon_days", "o", "d")
"""The parameters lesson 07's tornado chart varies: the reach view's seven sliders and P₀.
Operatives, budget, μ and β are left out: inert while μ = β = 0."""


def _wif_reach_sensitivity() -> Any:
    """Lesson 07's one-at-a-time sensitivity of monthly exposures (the tornado chart's table)."""
    production = models.defaults("production")
    survival = models.defaults("survival")
    a, h_s = joint_fit(survival["hazard_fast"])

    def monthly_exposures(**q: float) -> float:
        products = models.production_index(
            P0=q["P0"], territory=q["territory"], epsilon=q["epsilon"],
            operatives=1, mu=0, budget=1, beta=0,
        )
        realised = models.survival_share(
            share_fast=a, hazard_fast=survival["hazard_fast"], hazard_slow=h_s,
            horizon_days=q["horizon_days"],
        )
        return models.reach(P=products, s=realised, **{n: q[n] for n in ("k", "F", "o", "d")})

    everything = {**production, **models.defaults("reach"), **survival}
    limits = {**models.ranges("production"), **models.ranges("reach"),
              **models.ranges("survival")}
    params = {n: everything[n] for n in LEVERS}
    bounds = {n: limits[n] for n in LEVERS}
    return models.sensitivity(monthly_exposures, params, bounds)


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
    if near(value, 1 - p["share_gone_2d"], 1e-6):
        return hint("0.70 is the share that survives the first two days; s averages over 90 days.")
    return hint("use models.survival_share(...) with a and h_s from models.fit_mixture(...) and "
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
                       "with no published value and a range that is a choice: the biggest lever "
                       "is the least known.")
    if answer in order:
        return hint(f"'{answer}' comes number {order.index(answer) + 1} of {len(order)}; sort the "
                    "table by swing, largest first.")
    if answer.lower() in order:
        return hint("names are case-sensitive; copy the name from the parameter column.")
    return hint("use a name from the table's parameter column, e.g. 'territory'.")
