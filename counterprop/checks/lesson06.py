"""Checks for lesson 06, What-if II: takedown speed."""

from __future__ import annotations

from typing import Any

from counterprop import models
from counterprop.checks.base import (
    Feedback,
    correct,
    exercise,
    expect_number,
    finite_number,
    formula_numbers,
    hint,
    near,
    type_name,
)

__all__ = ["q06_1", "q06_2", "q06_3", "q06_4", "q06_5"]


@exercise
def q06_1(views_long: Any) -> Feedback:
    """Views per upload that stayed live over two hours (CEP 2018)."""
    problem = expect_number(views_long, "views per upload")
    if problem:
        return problem
    value = finite_number(views_long)
    long_views, share_long, uploads = formula_numbers("takedown", "views_long")
    expected = long_views / (share_long * uploads)
    if near(value, expected, 0.5):
        return correct(f"{expected:.0f} views per long-lived upload, against about 14 for one "
                       "removed within two hours.")
    if near(value, long_views / uploads, 0.5):
        return hint("you divided by all 1,348 uploads; only 24% of them stayed up over two hours.")
    if near(value, long_views / share_long, 1.0):
        return hint("0.24 is a share: divide by the number of long-lived uploads, 0.24 × 1,348.")
    short_views, short_share, _ = formula_numbers("takedown", "views_short")
    if near(value, short_views / (short_share * uploads), 0.1):
        return hint("that is the short-lived uploads' figure; use the 148,590 views of the 24%.")
    return hint("divide the 148,590 views by the number of uploads that lived over two hours.")


@exercise
def q06_2(share: Any) -> Feedback:
    """Share of all views that came from uploads live over two hours."""
    problem = expect_number(share, "a share between 0 and 1")
    if problem:
        return problem
    value = finite_number(share)
    p = models.defaults("takedown")
    expected = models.share_of_views_from_long(
        share_long=p["share_long"], views_short=p["views_short"], views_long=p["views_long"]
    )
    if near(value, expected, 0.0025):
        return correct(
            f"{expected:.0%} of the views came from {p['share_long']:.0%} of the uploads."
        )
    if near(value, p["share_long"], 1e-6):
        return hint("0.24 is a share of uploads; the question's denominator is views.")
    if near(value, 1 - p["share_long"], 1e-6):
        return hint("0.76 is the share of uploads removed fast; the question is about views.")
    if near(value, 1 - expected, 0.0025):
        return hint("that is the share of views from the uploads removed within two hours.")
    if 1 < value <= 100:
        return hint("give a share between 0 and 1, not a percentage.")
    return hint("divide the long-lived uploads' views (148,590) by all views (163,391).")


@exercise
def q06_3(share_blocked: Any) -> Feedback:
    """The share of re-uploads to block so that views per known video halve (c = 0)."""
    problem = expect_number(share_blocked, "a share between 0 and 1")
    if problem:
        return problem
    value = finite_number(share_blocked)
    u = models.defaults("takedown")["uploads_per_video"]
    expected = 1 - (u / 2 - 1) / (u - 1)
    if near(value, expected, 0.011):
        return correct(f"b ≈ {expected:.2f}: more than half, because with c = 0 (an assumption) "
                       "the first upload of each video is never blocked. With c = 1, first "
                       "uploads already hashed, b = 0.5 would do.")
    if near(value, 0.5, 1e-9):
        return hint("with c = 0, blocking half of the re-uploads leaves the first upload untouched, "
                    "so views fall by less than half. Try larger values.")
    if near(value, 1.0, 1e-9):
        return hint("blocking every re-upload leaves one upload of 5.9: that cuts views by more "
                    "than half. Look for the value in between.")
    if 1 < value <= 100:
        return hint("give a share between 0 and 1, not a percentage.")
    return hint("solve 1 + (U - 1)(1 - b) = U / 2 for b, or try values of b in the model.")


@exercise
def q06_4(halve_tail: Any, block_half: Any = None) -> Feedback:
    """Views per known video in two scenarios: q halved, and half of re-uploads blocked."""
    for value, what in ((halve_tail, "halve_tail"), (block_half, "block_half")):
        if finite_number(value) is None:
            return hint(f"expected two numbers, halve_tail and block_half; {what} is "
                        f"{type_name(value)}.")
    a, b = finite_number(halve_tail), finite_number(block_half)
    p = models.defaults("takedown")
    want_a = models.takedown_views(**{**p, "share_long": p["share_long"] / 2})
    want_b = models.takedown_views(**{**p, "share_blocked": 0.5})
    base = models.takedown_views(**p)
    ok_a, ok_b = near(a, want_a, 0.5), near(b, want_b, 0.5)
    if ok_a and ok_b:
        return correct(f"{want_a:,.0f} against {want_b:,.0f} views per video (from {base:,.0f}): "
                       "halving the long tail does a little more, and assumes nothing about "
                       "hash matching.")
    if near(a, want_b, 0.5) and near(b, want_a, 0.5):
        return hint("the two numbers are swapped.")
    if near(a, base, 0.5) or near(b, base, 0.5):
        return hint(f"{base:,.0f} is the baseline: change one parameter in each scenario.")
    if not ok_a:
        return hint("halve_tail: set share_long to 0.12 (half of 0.24), everything else at the "
                    "defaults.")
    return hint("block_half: set share_blocked to 0.5, everything else at the defaults.")


@exercise
def q06_5(share_long: Any) -> Feedback:
    """The share of long-lived uploads at which they bring exactly half of the views."""
    problem = expect_number(share_long, "a share between 0 and 1")
    if problem:
        return problem
    value = finite_number(share_long)
    p = models.defaults("takedown")
    expected = p["views_short"] / (p["views_short"] + p["views_long"])
    if near(value, expected, 0.0015):
        return correct(f"q ≈ {expected:.3f}: only when about 3 uploads in 100 survive two hours "
                       "does the long tail stop dominating the views.")
    if near(value, p["share_long"] / 2, 1e-9):
        return hint("halving q to 0.12 still leaves the long-lived uploads most of the views.")
    if near(value, 0.5, 1e-9):
        return hint("with half the uploads long-lived, they would bring far more than half the "
                    "views: each gets about 32 times more views.")
    if 1 < value <= 100:
        return hint("give a share between 0 and 1, not a percentage.")
    return hint("solve q·v_l = (1 - q)·v_s for q, or search a grid of q with "
                "models.share_of_views_from_long.")
