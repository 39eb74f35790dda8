"""Checks for lesson 05, What-if I: account survival."""

from __future__ import annotations

import math
import re
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
    joint_fit,
    near,
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
    if near(h, models.fit_single_hazard(share_gone=p["share_gone_2d"], days=2), 5e-4):
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
    rate = models.fit_single_hazard(share_gone=p["share_gone_2d"], days=2)
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
def q05_3(share_fast: Any) -> Feedback:
    """The latent fast share a fitted to both of Conway's points when h_f = 0.5 per day."""
    problem = expect_number(share_fast, "a share between 0 and 1")
    if problem:
        return problem
    value = finite_number(share_fast)
    p = models.defaults("survival")
    low = models.ranges("survival")["hazard_fast"][0]
    expected, h_slow = joint_fit(low)
    at_default = joint_fit(p["hazard_fast"])[0]
    if near(value, expected, 0.0005):
        return correct(
            f"a = {expected:.3f} at h_f = {low:g}, against {at_default:.3f} at h_f = "
            f"{p['hazard_fast']:g}: the same two published points give a different 'fast share' "
            "for each assumed h_f. a is latent, not observed."
        )
    if near(value, at_default, 0.0005):
        return hint(f"{at_default:.3f} is a at the default h_f = {p['hazard_fast']:g}; this "
                    f"exercise asks for h_f = {low:g}.")
    if near(value, p["share_gone_2d"], 1e-9):
        return hint("0.30 is the published bound ('more than 30%'), not the fitted share; call "
                    "models.fit_mixture.")
    if near(value, h_slow, 1e-4):
        return hint("that is h_s, the second number fit_mixture returns; a is the first.")
    if value > 1.5:
        return hint("give a share between 0 and 1, not a percentage.")
    return hint(f"call models.fit_mixture(share_gone_early=0.30, share_gone_late=0.63, "
                f"hazard_fast={low:g}) and keep the first of the two numbers it returns.")


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


def flagged_share() -> float:
    """The "93%" of Twitter's H2 2017 report, read from its quote in data/sources.csv."""
    sources = data.load("sources").set_index("source_id")
    quote = str(sources.loc["twitter_tr_2017h2", "quote"])
    return int(re.search(r"(\d+)% were flagged", quote).group(1)) / 100


@exercise
def q05_5(accounts: Any) -> Feedback:
    """Accounts suspended before their first tweet in Jul–Dec 2017: "74% of those accounts".

    The quote allows two readings, and both are accepted: 74% of all 274,460 accounts, or
    74% of the 93% that Twitter's own tools flagged.
    """
    problem = expect_number(accounts, "a number of accounts")
    if problem:
        return problem
    value = finite_number(accounts)
    suspensions = data.load("suspensions").set_index("window_id")
    half_year = float(suspensions.loc["tw_tr_2017h2", "accounts"])
    cumulative = float(suspensions.loc["tw_tr_2017h2_cum", "accounts"])
    share = models.defaults("survival")["share_before_first_tweet"]
    flagged = flagged_share()
    of_all, of_flagged = share * half_year, share * flagged * half_year
    if near(value, of_all, 1.0) or near(value, of_flagged, 1.0):
        reading = "all 274,460 accounts" if near(value, of_all, 1.0) else (
            f"the {flagged:.0%} flagged by Twitter's own tools")
        return correct(
            f"about {value:,.0f}, reading 'those accounts' as {reading}. The other reading gives "
            f"{(of_flagged if near(value, of_all, 1.0) else of_all):,.0f}: the quote does not say "
            "which denominator it means. Either way, accounts no study that samples tweets "
            "could ever see: a reason why published suspension shares are lower bounds."
        )
    if near(value, share * cumulative, 1.0):
        return hint("that uses the cumulative 1,210,357 since August 2015; the 74% is of the "
                    "274,460 suspended in July–December 2017 (or of the 93% of them flagged).")
    if near(value, (1 - share) * half_year, 1.0):
        return hint("that is the 26% suspended after they had tweeted; the question asks for "
                    "the 74%.")
    if near(value, flagged * half_year, 1.0):
        return hint(f"{flagged:.0%} is the share flagged by Twitter's own tools; the 74% is a "
                    "share of those, or of all accounts.")
    if value <= 1:
        return hint("that looks like a share; multiply it by the number of accounts suspended.")
    return hint("find the row tw_tr_2017h2 in data.load('suspensions') and multiply its accounts "
                "by the registry's share_before_first_tweet (and, for the second reading, by "
                "the 93% flagged).")


@exercise
def q05_6(median_days: Any) -> Feedback:
    """Median account life in the default mixture: the day when S(t) falls to one half."""
    problem = expect_number(median_days, "a number of days")
    if problem:
        return problem
    value = finite_number(median_days)
    p = models.defaults("survival")
    h_f = p["hazard_fast"]
    a, h_s = joint_fit(h_f)
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
