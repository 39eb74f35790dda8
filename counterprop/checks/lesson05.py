"""Checks for lesson 05, What-if I: account survival."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from counterprop import data, models
from counterprop.checks.base import (
    Feedback,
    correct,
    exercise,
    expect_number,
    finite_number,
    hint,
    near,
    slow_hazard,
)

__all__ = ["q05_1", "q05_2", "q05_3", "q05_4", "q05_5", "q05_6"]


@exercise
def q05_1(hazard: Any) -> Feedback:
    """The constant hazard that removes 63% of accounts in 90 days (Conway et al. 2017)."""
    problem = expect_number(hazard, "a hazard per day")
    if problem:
        return problem
    h = finite_number(hazard)
    p = models.defaults("survival")
    share, days = p["share_gone_90d"], p["slow_window_days"]
    expected = models.fit_single_hazard(share_gone=share, days=days)
    if near(h, expected, 5e-5):
        return correct(
            f"h = {expected:.4f} per day: one account in {1 / expected:.0f} goes each day."
        )
    if h < 0:
        return hint("a hazard is a rate of removal, so it is positive: check the minus sign.")
    if near(h, -math.log(share) / days, 5e-5):
        return hint("you used ln(p); the exponential describes the share still live, 1 - p.")
    if near(h, -math.log10(1 - share) / days, 5e-5):
        return hint("that is log base 10; np.log is the natural logarithm the formula needs.")
    if near(h, share / days, 5e-5):
        return hint("63% / 90 days assumes a straight line; the exponential needs -ln(1 - p) / t.")
    if near(h, models.fit_single_hazard(share_gone=p["share_fast"], days=2), 5e-4):
        return hint("that is the rate from the day-2 point; this exercise uses 63% by day 90.")
    return hint("not quite: use h = -ln(1 - p) / t with p = 0.63 and t = 90 days.")


@exercise
def q05_2(gone_by_day_90: Any) -> Feedback:
    """Share gone by day 90 if every account had the rate fitted to the day-2 point."""
    problem = expect_number(gone_by_day_90, "a share between 0 and 1")
    if problem:
        return problem
    value = finite_number(gone_by_day_90)
    p = models.defaults("survival")
    rate = models.fit_single_hazard(share_gone=p["share_fast"], days=2)
    live = models.survival_single(p["slow_window_days"], hazard=rate)
    if near(value, 1 - live, 1e-6):
        return correct(
            f"{1 - live:.7f}: practically every account gone by day 90, against the 63% Conway "
            "observed. One rate cannot fit both points."
        )
    if near(value, live, 1e-6):
        return hint("that is the share still live (S(90)); the question asks for the share gone.")
    if near(value, p["share_gone_90d"], 1e-6):
        return hint("0.63 is what Conway observed; compute what the day-2 rate predicts instead.")
    if value > 1.5:
        return hint("give a share between 0 and 1, not a percentage.")
    return hint("use the day-2 rate h = -ln(1 - 0.30) / 2, then 1 - exp(-h * 90).")


@exercise
def q05_3(hazard_fast: Any) -> Feedback:
    """The smallest h_f (registry grid, step 0.01) at which the mixture loses 30% by day 2."""
    problem = expect_number(hazard_fast, "a hazard per day")
    if problem:
        return problem
    h = finite_number(hazard_fast)
    p = models.defaults("survival")
    low, high = models.ranges("survival")["hazard_fast"]
    grid = np.round(np.arange(low, high + 1e-9, 0.01), 2)

    def gone_by_day_2(rate: float) -> float:
        return 1 - models.survival_mixture(
            2, share_fast=p["share_fast"], hazard_fast=rate,
            hazard_slow=slow_hazard(p["share_fast"], rate),
        )

    needed = next(float(r) for r in grid if gone_by_day_2(r) >= p["share_fast"])
    if near(h, needed, 0.0051):
        return correct(
            f"h_f = {needed:.2f} per day: only a fast group that loses "
            f"{1 - math.exp(-2 * needed):.0%} "
            "of its members in two days makes the mixture lose 30% by day 2. An assumption, "
            "not a measurement."
        )
    if near(h, p["hazard_fast"], 1e-9):
        return hint(f"at the default h_f = 1.0 the mixture loses {gone_by_day_2(1.0):.3f} by "
                    "day 2: not yet 0.30.")
    if not low <= h <= high:
        return hint(f"the registry's range for h_f is {low:g} to {high:g} per day; the answer is "
                    "a value of that grid.")
    if gone_by_day_2(h) >= p["share_fast"]:
        return hint(f"h_f = {h:.2f} works, but it is not the smallest value that does; keep the "
                    "first one in the grid.")
    return hint("too small: the mixture loses less than 0.30 by day 2 at that rate. Test each "
                "value of the grid in order and keep the first one that reaches 0.30.")


@exercise
def q05_4(total: Any) -> Feedback:
    """Followers over a lineage: the first account and 10 returns, F = 350, r = 0.5."""
    problem = expect_number(total, "a number of followers")
    if problem:
        return problem
    value = finite_number(total)
    p = models.defaults("survival")
    f0, r, n = p["followers"], p["retention"], int(p["returns"])
    lineage = models.followers_by_return(followers=f0, retention=r, returns=n)
    expected = float(lineage.sum())
    if near(value, expected, 0.05):
        return correct(
            f"{expected:.1f} followers over {n + 1} accounts: never more than F / (1 - r) = "
            f"{f0 / (1 - r):.0f}, however many times the user comes back."
        )
    if near(value, expected - f0, 0.05):
        return hint("you left out the first account (k = 0); the lineage starts with it.")
    if near(value, float(lineage[-1]), 0.01):
        return hint("that is the last account only; add up all the accounts of the lineage.")
    if near(value, f0 / (1 - r), 0.05):
        return hint(f"{f0 / (1 - r):.0f} is the limit for endless returns; stop after {n} returns.")
    if near(value, float(lineage[:-1].sum()), 0.05):
        return hint(f"one account short: the original plus {n} returns makes {n + 1} accounts.")
    return hint("add F * r**k for k = 0, 1, ..., 10, e.g. with "
                "models.followers_by_return(...).sum().")


@exercise
def q05_5(accounts: Any) -> Feedback:
    """Accounts suspended before their first tweet in Jul–Dec 2017 (Twitter: 74% of 274,460)."""
    problem = expect_number(accounts, "a number of accounts")
    if problem:
        return problem
    value = finite_number(accounts)
    suspensions = data.load("suspensions").set_index("window_id")
    half_year = float(suspensions.loc["tw_tr_2017h2", "accounts"])
    cumulative = float(suspensions.loc["tw_tr_2017h2_cum", "accounts"])
    share = models.defaults("survival")["share_before_first_tweet"]
    expected = share * half_year
    if near(value, expected, 1.0):
        return correct(
            f"about {expected:,.0f} accounts no study that samples tweets could ever see: "
            "a reason why published suspension shares are lower bounds."
        )
    if near(value, share * cumulative, 1.0):
        return hint("that uses the cumulative 1,210,357 since August 2015; the 74% is of the "
                    "274,460 suspended in July–December 2017.")
    if near(value, (1 - share) * half_year, 1.0):
        return hint("that is the 26% suspended after they had tweeted; the question asks for "
                    "the 74%.")
    if near(value, 0.93 * half_year, 1.0):
        return hint("93% is the share flagged by Twitter's own tools; use the 74% before the "
                    "first tweet.")
    if value <= 1:
        return hint("that looks like a share; multiply it by the number of accounts suspended.")
    return hint("find the row tw_tr_2017h2 in data.load('suspensions') and multiply its accounts "
                "by the registry's share_before_first_tweet.")


@exercise
def q05_6(median_days: Any) -> Feedback:
    """Median account life in the default mixture: the day when S(t) falls to one half."""
    problem = expect_number(median_days, "a number of days")
    if problem:
        return problem
    value = finite_number(median_days)
    p = models.defaults("survival")
    a, h_f = p["share_fast"], p["hazard_fast"]
    h_s = slow_hazard(a, h_f)
    days = np.arange(0, 200.0001, 0.1)
    live = models.survival_mixture(days, share_fast=a, hazard_fast=h_f, hazard_slow=h_s)
    expected = float(days[np.argmax(live <= 0.5)])
    if near(value, expected, 0.35):
        return correct(
            f"about {expected:.1f} days: consistent with Alexander (2017), 'Most accounts lasted "
            "fewer than 50 days', a different data set."
        )
    if near(value, 1 / h_s, 1.0):
        return hint("1/h_s is the mean life of the slow group only; find when the whole mixture "
                    "S(t) drops to 0.5.")
    single = models.fit_single_hazard(
        share_gone=p["share_gone_90d"], days=p["slow_window_days"]
    )
    if near(value, math.log(2) / single, 1.0):
        return hint("that is the median of the single exponential fitted to day 90; use the "
                    "mixture.")
    if near(value, 50, 1e-9):
        return hint("50 days is Alexander's statement; compute the mixture's own median to "
                    "compare.")
    return hint("evaluate the mixture on a fine grid of days and take the first day where it is "
                "at most 0.5.")
