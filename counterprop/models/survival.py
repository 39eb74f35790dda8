"""Model I: account survival (lesson 05; methods §2.1)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from counterprop.models.base import FloatOrArray, mean_exp, result, valid


class MixtureFit(NamedTuple):
    """What :func:`fit_mixture` returns: the latent fast share a and the slow hazard h_s."""

    share_fast: FloatOrArray
    hazard_slow: FloatOrArray


def survival_single(t: ArrayLike, *, hazard: ArrayLike) -> FloatOrArray:
    """Share of accounts still live at day ``t`` under one constant hazard.

    S(t) = e^(−h·t)

    The single exponential cannot match both of Conway et al.'s points (conway_2017): a
    hazard fitted to ">30% within two days" removes almost every account by day 90, one
    fitted to "63% in three months" removes only about 2% within two days (methods §2.1).

    Parameters
    ----------
    t:
        Days since the account was created, >= 0.
    hazard:
        Suspensions per account-day, >= 0.
    """
    t_days = valid("t", t)
    rate = valid("hazard", hazard)
    return result(np.exp(-rate * t_days))


def survival_mixture(
    t: ArrayLike, *, share_fast: ArrayLike, hazard_fast: ArrayLike, hazard_slow: ArrayLike
) -> FloatOrArray:
    """Share of accounts still live at day ``t`` in a two-group mixture.

    S(t) = a·e^(−h_f·t) + (1 − a)·e^(−h_s·t)

    A share ``a`` of accounts is caught fast (hazard h_f), the rest slowly (hazard h_s).
    Defaults: h_f = 1.0/day (illustrative); a = 0.337 and h_s = 0.0065/day derived with
    :func:`fit_mixture` so that the mixture meets both of Conway et al.'s points
    (conway_2017; methods §2.1, §8). The fit ignores left truncation: accounts removed before
    they could be sampled never entered Conway's data.

    Parameters
    ----------
    t:
        Days since creation, >= 0.
    share_fast:
        a, share of accounts in the fast group, 0-1.
    hazard_fast, hazard_slow:
        h_f and h_s, suspensions per account-day, >= 0.
    """
    t_days = valid("t", t)
    a = valid("share_fast", share_fast, 0.0, 1.0)
    h_fast = valid("hazard_fast", hazard_fast)
    h_slow = valid("hazard_slow", hazard_slow)
    return result(a * np.exp(-h_fast * t_days) + (1.0 - a) * np.exp(-h_slow * t_days))


def fit_single_hazard(*, share_gone: ArrayLike, days: ArrayLike) -> FloatOrArray:
    """The constant hazard under which ``share_gone`` of accounts are gone by day ``days``.

    h = −ln(1 − p) / t

    E.g. Conway et al. (conway_2017): p = 0.30 by t = 2 gives h = 0.178/day; p = 0.63 by
    t = 90 gives h = 0.011/day (methods §2.1, §9).

    Parameters
    ----------
    share_gone:
        p, the share suspended by day ``days``: at least 0 and less than 1.
    days:
        t, greater than 0.
    """
    p = valid("share_gone", share_gone, 0.0, 1.0, high_open=True)
    t_days = valid("days", days, low_open=True)
    return result(0.0 - np.log1p(-p) / t_days)


def fit_slow_hazard(
    *,
    share_fast: ArrayLike,
    share_gone_90d: ArrayLike,
    hazard_fast: ArrayLike,
    days: ArrayLike = 90.0,
) -> FloatOrArray:
    """The slow hazard h_s that puts the mixture through Conway's 90-day point.

    Solve S(D) = a·e^(−h_f·D) + (1 − a)·e^(−h_s·D) = 1 − p_D for h_s:

    h_s = −ln[(1 − p_D − a·e^(−h_f·D)) / (1 − a)] / D

    With a = 0.30, p_90 = 0.63 (conway_2017) and h_f = 1.0 (illustrative) this gives
    h_s = 0.0071/day, a mean slow-group life of 1/h_s = 141 days (methods §2.1, §9).

    This fits the 90-day point only: the mixture then loses
    a·(1 − e^(−2·h_f)) + (1 − a)·(1 − e^(−2·h_s)) by day 2, for a = 0.30 and h_f = 1.0
    a little below 0.30. :func:`fit_mixture` fits a and h_s to both points.

    Parameters
    ----------
    share_fast:
        a, at least 0 and less than 1 (the slow group must exist).
    share_gone_90d:
        p_D, share suspended by day ``days``. It must be at least a·(1 − e^(−h_f·D)), the
        loss of the fast group alone, and less than 1 − a·e^(−h_f·D); otherwise no
        non-negative finite h_s exists and ``ValueError`` says so.
    hazard_fast:
        h_f, >= 0.
    days:
        D, the window of ``share_gone_90d``: Conway's "three months", 90 days
        (registry row ``survival.slow_window_days``).
    """
    a = valid("share_fast", share_fast, 0.0, 1.0, high_open=True)
    p = valid("share_gone_90d", share_gone_90d, 0.0, 1.0, high_open=True)
    h_fast = valid("hazard_fast", hazard_fast)
    d = valid("days", days, low_open=True)
    a, p, h_fast, d = np.broadcast_arrays(a, p, h_fast, d)
    fast_left = a * np.exp(-h_fast * d)
    valid(
        "share_gone_90d",
        p,
        np.maximum(a - fast_left - 1e-12, 0.0),  # 1e-12: rounding slack at the boundary
        1.0 - fast_left,
        high_open=True,
        why=(
            " (the fast group alone loses share_fast*(1 - exp(-hazard_fast*days)) by then,"
            " and the slow group cannot lose everything)"
        ),
    )
    slow_left = np.minimum((1.0 - p - fast_left) / (1.0 - a), 1.0)
    return result(0.0 - np.log(slow_left) / d)


def fit_mixture(
    *,
    share_gone_early: ArrayLike,
    share_gone_late: ArrayLike,
    hazard_fast: ArrayLike,
    early_days: ArrayLike = 2.0,
    late_days: ArrayLike = 90.0,
) -> MixtureFit:
    """The fast share a and slow hazard h_s that put the mixture through **both** points.

    Solve, for a given fast hazard h_f,

        1 − S(t₁) = p₁  and  1 − S(t₂) = p₂,  S(t) = a·e^(−h_f·t) + (1 − a)·e^(−h_s·t)

    for a and h_s (two equations, two unknowns). For each h_s the first equation gives
    a = (p₁ − g₁) / (f₁ − g₁), with f₁ = 1 − e^(−h_f·t₁) and g₁ = 1 − e^(−h_s·t₁); the second
    then fixes h_s, found by bisection between 0 and the single rate of the early point.

    With Conway et al.'s points read as p₁ = 0.30 by day 2 and p₂ = 0.63 by day 90
    (conway_2017) and h_f = 1.0 per day (illustrative), a = 0.337 and h_s = 0.0065 per day
    (mean slow life 154 days). a is a **latent** share: nobody observed it; it depends on
    the assumed h_f (a = 0.468 at h_f = 0.5, 0.295 at h_f = 2) and rests on reading "more
    than 30%" as 0.30 and "63 percent … in just three months" as S(90) = 0.37. The fit
    ignores left truncation (accounts removed before anyone sampled them).

    Parameters
    ----------
    share_gone_early, share_gone_late:
        p₁ and p₂, shares gone by ``early_days`` and ``late_days``. p₁ must be less than
        f₁ (the fast group's own loss by t₁, so that a < 1), and p₂ must lie between
        p₁·f₂/f₁ (a fast group alone, h_s = 0) and 1 − (1 − p₁)^(t₂/t₁) (one rate for all);
        otherwise ``ValueError`` names the bad value and the range it needed.
    hazard_fast:
        h_f, greater than 0.
    early_days, late_days:
        t₁ < t₂: Conway's two days and "three months" (90 days).

    Returns
    -------
    MixtureFit(share_fast, hazard_slow), a named pair: floats for scalar inputs, else arrays
    of the broadcast shape. ``a, h_s = fit_mixture(...)`` unpacks it.
    """
    p1 = valid("share_gone_early", share_gone_early, 0.0, 1.0, low_open=True, high_open=True)
    p2 = valid("share_gone_late", share_gone_late, 0.0, 1.0, high_open=True)
    h_fast = valid("hazard_fast", hazard_fast, low_open=True)
    t1 = valid("early_days", early_days, low_open=True)
    t2 = valid("late_days", late_days, t1, low_open=True, why=" (after early_days)")
    p1, p2, h_fast, t1, t2 = np.broadcast_arrays(p1, p2, h_fast, t1, t2)
    f1, f2 = -np.expm1(-h_fast * t1), -np.expm1(-h_fast * t2)
    valid("share_gone_early", p1, 0.0, f1, low_open=True, high_open=True,
          why=" (the fast group's own loss by early_days, 1 - exp(-hazard_fast*early_days))")
    low = p1 * f2 / f1
    high = -np.expm1(np.log1p(-p1) * t2 / t1)
    valid("share_gone_late", p2, low - 1e-12, high, high_open=True,
          why=" (between a fast group alone and one rate for every account)")

    def excess(h_slow: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        g1, g2 = -np.expm1(-h_slow * t1), -np.expm1(-h_slow * t2)
        a = (p1 - g1) / (f1 - g1)
        return a * f2 + (1.0 - a) * g2 - p2, a

    lo = np.zeros_like(p1)
    hi = -np.log1p(-p1) / t1
    for _ in range(80):  # halves the bracket 80 times: far below any printed digit
        mid = 0.5 * (lo + hi)
        below = excess(mid)[0] < 0
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
    h_slow = 0.5 * (lo + hi)
    a = np.clip(excess(h_slow)[1], 0.0, 1.0)
    return MixtureFit(result(a), result(h_slow))


def followers_by_return(
    *, followers: ArrayLike, retention: ArrayLike, returns: float
) -> FloatOrArray:
    """Followers of each account in a suspended user's lineage: the original and n returns.

    F_k = F·r^k for k = 0, 1, …, n

    A returning account restarts at r times its predecessor's followers (methods §2.1).
    F = 350 followers (berger_perez_2016: "300 to 400"); r (illustrative) has a published
    direction only: "devastating reductions in their follower counts". The lineage total is
    F·(1 − r^(n+1))/(1 − r) for r < 1.

    Parameters
    ----------
    followers:
        F, followers of the first account, >= 0.
    retention:
        r, share of followers kept at each return, 0-1.
    returns:
        n, a single whole number >= 0 (floats such as 10.0 are accepted).

    Returns
    -------
    float array of shape ``broadcast(followers, retention).shape + (n + 1,)``.
    """
    f0 = valid("followers", followers)
    r = valid("retention", retention, 0.0, 1.0)
    n = int(valid("returns", returns, whole=True, scalar=True))
    k = np.arange(n + 1, dtype=np.float64)
    return np.asarray(f0)[..., np.newaxis] * np.asarray(r)[..., np.newaxis] ** k


def survival_share(
    *,
    share_fast: ArrayLike,
    hazard_fast: ArrayLike,
    hazard_slow: ArrayLike,
    horizon_days: ArrayLike,
) -> FloatOrArray:
    """The reach factor s: expected live-days within the horizon, divided by the horizon.

    s = (1/H)·∫₀^H S(t) dt
      = a·(1 − e^(−h_f·H))/(h_f·H) + (1 − a)·(1 − e^(−h_s·H))/(h_s·H)

    with S the :func:`survival_mixture` and each fraction taken as 1 when its hazard is 0.
    The horizon H is illustrative (registry ``survival.horizon_days``: Conway's three-month
    window, conway_2017). Methods §2.4 describes s as "expected live-days ÷ horizon".

    Parameters
    ----------
    share_fast:
        a, 0-1.
    hazard_fast, hazard_slow:
        h_f, h_s, >= 0.
    horizon_days:
        H, greater than 0.
    """
    a = valid("share_fast", share_fast, 0.0, 1.0)
    h_fast = valid("hazard_fast", hazard_fast)
    h_slow = valid("hazard_slow", hazard_slow)
    horizon = valid("horizon_days", horizon_days, low_open=True)
    return result(a * mean_exp(h_fast, horizon) + (1.0 - a) * mean_exp(h_slow, horizon))
