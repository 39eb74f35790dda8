"""The course's what-if models: pure, vectorised numpy functions, no plotting.

>>> from counterprop import models
>>> p = models.defaults("takedown")
>>> round(models.share_of_views_from_long(share_long=p["share_long"],
...       views_short=p["views_short"], views_long=p["views_long"]), 2)
0.91

Five small models, one per what-if lesson (methods.md §2), and the registry they read:

==============  =========================================================  ========
model           what it computes                                           lesson
==============  =========================================================  ========
``survival``    share of accounts still live at day t; follower loss on    05
                return ("whack-a-mole")
``takedown``    CEP 2018's two-bin arithmetic: views per known video        06
``production``  constant-elasticity production index P0·T^ε·O^μ·B^β        07
``reach``       R = P·k·F·s·(1−o)·(1−d) and a one-at-a-time sensitivity    07
``funnel``      impressions → viewers → minutes → attitude change          08
                (the last stage is unknown)
==============  =========================================================  ========

**Parameters come from the registry, never from this file.** ``data/parameters.csv`` holds
every parameter's default, range, unit, status (empirical, derived, illustrative, unknown),
``source_id`` and formula or note. :func:`load_parameters` reads it, :func:`defaults` and
:func:`ranges` turn it into plain dicts. The model functions take plain numbers (or numpy
arrays) as *required keyword arguments*, so no default value is written twice:

>>> models.production_index(**models.defaults("production")) > 0
True

Every function broadcasts its array arguments with numpy's rules and returns an array of
the broadcast shape (a plain ``float`` when every argument is a scalar). Invalid values
(NaN, infinity, a negative rate, a share outside 0-1) raise ``ValueError`` naming the
parameter, its allowed range and the bad value, e.g. ``share_fast must be between 0 and 1,
got 1.3``. The allowed range is the mathematical one; the (narrower) slider ranges are the
registry's ``min`` and ``max``.

Source ids (``data/sources.csv``): conway_2017, berger_perez_2016, berger_morgan_2015,
alexander_2017, twitter_tr_2017h2, cep_2018, milton_2016, ihs_2018, redirect_pilot,
adl_moonshot_email, rand_redirect.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "MODELS",
    "PARAMETERS_CSV",
    "STATUSES",
    "defaults",
    "fit_single_hazard",
    "fit_slow_hazard",
    "followers_by_return",
    "funnel",
    "load_parameters",
    "production_index",
    "ranges",
    "reach",
    "sensitivity",
    "share_of_views_from_long",
    "survival_mixture",
    "survival_share",
    "survival_single",
    "takedown_views",
]

PARAMETERS_CSV = Path(__file__).resolve().parents[1] / "data" / "parameters.csv"
"""The parameter registry: one row per model parameter."""

MODELS = ("survival", "takedown", "production", "reach", "funnel")
"""The models the registry describes, in lesson order."""

STATUSES = ("empirical", "derived", "illustrative", "unknown")
"""A parameter's status: cited figure, arithmetic on cited figures, assumption, or no value."""

_COLUMNS = (
    "model",
    "name",
    "symbol",
    "default",
    "min",
    "max",
    "unit",
    "status",
    "source_id",
    "formula_or_note",
)
_NUMERIC = ("default", "min", "max")

FloatOrArray = float | NDArray[np.float64]
"""What the models return: a ``float`` for scalar inputs, else an array of the broadcast shape."""


# --------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------


def _check_model(model: str) -> None:
    if model not in MODELS:
        raise ValueError(f"model must be one of {', '.join(MODELS)}, got {model!r}")


def load_parameters(model: str | None = None) -> pd.DataFrame:
    """Read the parameter registry ``data/parameters.csv``.

    Parameters
    ----------
    model:
        One of :data:`MODELS` to get that model's rows only, or ``None`` for every row.

    Returns
    -------
    pandas.DataFrame
        Columns ``model, name, symbol, default, min, max, unit, status, source_id,
        formula_or_note``. ``default``, ``min`` and ``max`` are float64 (NaN where the
        registry has no number, i.e. for status ``unknown``); the text columns hold ``""``
        where empty. Rows keep the file's order; the index is 0..n-1.

    >>> load_parameters("funnel")["name"].tolist()
    ['impressions', 'ctr', 'minutes_per_viewer', 'attitude_change']
    """
    if model is not None:
        _check_model(model)
    table = pd.read_csv(
        PARAMETERS_CSV,
        dtype={column: "float64" if column in _NUMERIC else "str" for column in _COLUMNS},
        keep_default_na=False,
        na_values={column: [""] for column in _NUMERIC},
        encoding="utf-8",
    )
    if tuple(table.columns) != _COLUMNS:
        raise ValueError(
            f"{PARAMETERS_CSV.name} must have the columns {', '.join(_COLUMNS)}, "
            f"got {', '.join(map(str, table.columns))}"
        )
    if model is not None:
        table = table[table["model"] == model].reset_index(drop=True)
    return table


def defaults(model: str) -> dict[str, float]:
    """The registry's default value of every parameter of ``model`` that has a number.

    Rows of status ``unknown`` (no number exists, e.g. the funnel's attitude change) are
    left out, so ``funnel(**defaults("funnel"))`` works. Derived rows are included with
    the value printed in the registry (e.g. ``hazard_slow``); views that let learners move
    the inputs of a derived value recompute it (e.g. with :func:`fit_slow_hazard`).

    >>> defaults("takedown")["uploads_per_video"]
    5.9
    """
    table = load_parameters(model)
    table = table[table["default"].notna()]
    return {name: float(value) for name, value in zip(table["name"], table["default"])}


def ranges(model: str) -> dict[str, tuple[float, float]]:
    """The registry's slider range ``(min, max)`` of every parameter of ``model`` with a number.

    Ready to pass as ``bounds`` to :func:`sensitivity`. Fixed definitions (min = max, e.g.
    ``slow_window_days``) are included; drop them before a sensitivity run.

    >>> ranges("reach")["o"]
    (0.5, 0.95)
    """
    table = load_parameters(model)
    table = table[table["default"].notna()]
    return {
        name: (float(low), float(high))
        for name, low, high in zip(table["name"], table["min"], table["max"])
    }


# --------------------------------------------------------------------------------------------
# Validation: one small helper for every model
# --------------------------------------------------------------------------------------------


def _number_text(value: float) -> str:
    if value == math.inf:
        return "infinity"
    if value == -math.inf:
        return "minus infinity"
    return f"{value:g}"


def _range_text(low: float, high: float, low_open: bool, high_open: bool, whole: bool) -> str:
    kind = "a whole number " if whole else ""
    if math.isinf(high):
        return f"{kind}{'greater than' if low_open else 'at least'} {_number_text(low)}"
    if not low_open and not high_open:
        return f"{kind}between {_number_text(low)} and {_number_text(high)}"
    lower = f"{'greater than' if low_open else 'at least'} {_number_text(low)}"
    upper = f"{'less than' if high_open else 'at most'} {_number_text(high)}"
    return f"{kind}{lower} and {upper}"


def _valid(
    name: str,
    value: ArrayLike,
    low: ArrayLike = 0.0,
    high: ArrayLike = math.inf,
    *,
    low_open: bool = False,
    high_open: bool = False,
    whole: bool = False,
    scalar: bool = False,
    why: str = "",
) -> NDArray[np.float64]:
    """Return ``value`` as a float array, or raise ``ValueError`` naming it and its range.

    ``low`` and ``high`` may be arrays (a bound that depends on other parameters); the
    message then shows the bound at the first bad element. NaN and infinity are always
    invalid.
    """
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number or an array of numbers, got {value!r}") from None
    if scalar and array.ndim != 0:
        raise ValueError(f"{name} must be a single number, got an array of shape {array.shape}")
    low_array = np.broadcast_to(np.asarray(low, dtype=np.float64), array.shape)
    high_array = np.broadcast_to(np.asarray(high, dtype=np.float64), array.shape)
    above = array > low_array if low_open else array >= low_array
    below = array < high_array if high_open else array <= high_array
    ok = np.isfinite(array) & above & below
    if whole:
        ok &= np.floor(np.where(np.isfinite(array), array, 0.0)) == array
    if not ok.all():
        first = tuple(int(i) for i in np.argwhere(~ok)[0]) if array.ndim else ()
        bad = float(array[first])
        rule = _range_text(
            float(low_array[first]), float(high_array[first]), low_open, high_open, whole
        )
        count = int((~ok).sum())
        where = f" (first of {count} invalid values)" if count > 1 else ""
        raise ValueError(f"{name} must be {rule}{why}, got {_number_text(bad)}{where}")
    return array


def _result(array: NDArray[np.float64]) -> FloatOrArray:
    """A plain ``float`` for a 0-d result, the array itself otherwise."""
    return float(array) if np.ndim(array) == 0 else array


def _mean_exp(hazard: NDArray[np.float64], horizon: NDArray[np.float64]) -> NDArray[np.float64]:
    """(1/H)·∫₀^H e^(−h·t) dt = (1 − e^(−h·H)) / (h·H), with the limit 1 at h = 0."""
    x = hazard * horizon
    positive = x > 0
    safe = np.where(positive, x, 1.0)
    return np.where(positive, -np.expm1(-safe) / safe, 1.0)


# --------------------------------------------------------------------------------------------
# Model I: account survival (lesson 05; methods §2.1)
# --------------------------------------------------------------------------------------------


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
    t_days = _valid("t", t)
    rate = _valid("hazard", hazard)
    return _result(np.exp(-rate * t_days))


def survival_mixture(
    t: ArrayLike, *, share_fast: ArrayLike, hazard_fast: ArrayLike, hazard_slow: ArrayLike
) -> FloatOrArray:
    """Share of accounts still live at day ``t`` in a two-group mixture.

    S(t) = a·e^(−h_f·t) + (1 − a)·e^(−h_s·t)

    A share ``a`` of accounts is caught fast (hazard h_f), the rest slowly (hazard h_s).
    Defaults: a = 0.30 (conway_2017), h_f = 1.0/day (illustrative), h_s derived with
    :func:`fit_slow_hazard` (methods §2.1, §8). The fit ignores censoring: accounts removed
    before they could be sampled never entered Conway's data.

    Parameters
    ----------
    t:
        Days since creation, >= 0.
    share_fast:
        a, share of accounts in the fast group, 0-1.
    hazard_fast, hazard_slow:
        h_f and h_s, suspensions per account-day, >= 0.
    """
    t_days = _valid("t", t)
    a = _valid("share_fast", share_fast, 0.0, 1.0)
    h_fast = _valid("hazard_fast", hazard_fast)
    h_slow = _valid("hazard_slow", hazard_slow)
    return _result(a * np.exp(-h_fast * t_days) + (1.0 - a) * np.exp(-h_slow * t_days))


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
    p = _valid("share_gone", share_gone, 0.0, 1.0, high_open=True)
    t_days = _valid("days", days, low_open=True)
    return _result(0.0 - np.log1p(-p) / t_days)


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

    The 2-day point enters only through ``share_fast``: the mixture loses
    a·(1 − e^(−2·h_f)) + (1 − a)·(1 − e^(−2·h_s)) by day 2, which is close to, and for
    h_f = 1.0 a little below, a.

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
    a = _valid("share_fast", share_fast, 0.0, 1.0, high_open=True)
    p = _valid("share_gone_90d", share_gone_90d, 0.0, 1.0, high_open=True)
    h_fast = _valid("hazard_fast", hazard_fast)
    d = _valid("days", days, low_open=True)
    a, p, h_fast, d = np.broadcast_arrays(a, p, h_fast, d)
    fast_left = a * np.exp(-h_fast * d)
    _valid(
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
    return _result(0.0 - np.log(slow_left) / d)


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
    f0 = _valid("followers", followers)
    r = _valid("retention", retention, 0.0, 1.0)
    n = int(_valid("returns", returns, whole=True, scalar=True))
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
    a = _valid("share_fast", share_fast, 0.0, 1.0)
    h_fast = _valid("hazard_fast", hazard_fast)
    h_slow = _valid("hazard_slow", hazard_slow)
    horizon = _valid("horizon_days", horizon_days, low_open=True)
    return _result(a * _mean_exp(h_fast, horizon) + (1.0 - a) * _mean_exp(h_slow, horizon))


# --------------------------------------------------------------------------------------------
# Model II: takedown speed and hash-sharing (lesson 06; methods §2.2)
# --------------------------------------------------------------------------------------------


def takedown_views(
    *,
    share_long: ArrayLike,
    views_short: ArrayLike,
    views_long: ArrayLike,
    uploads_per_video: ArrayLike,
    share_blocked: ArrayLike,
) -> FloatOrArray:
    """Expected views per known video per quarter, CEP 2018's two-bin arithmetic.

    V = [1 + (U − 1)·(1 − b)] · [(1 − q)·v_s + q·v_l]

    Each upload is either removed within two hours (share 1 − q, v_s views) or lives
    longer (share q, v_l views) (cep_2018: q = 0.24; v_s = 14,801/(0.76·1,348) = 14.4,
    v_l = 148,590/(0.24·1,348) = 459, U = 1,348/229 = 5.9, all derived).

    Hash-sharing (b, **illustrative**: no published hit rate) is modelled as blocking a
    share b of *re-uploads* at upload, so they get no views; the first upload of a video
    is never blocked (its hash is not yet known), and re-uploads that get through keep the
    observed short/long mix. With b = 0 the model reproduces CEP's total:
    (1,348/229)·(163,391/1,348) = 163,391/229 = 713.5 views per known video.

    Parameters
    ----------
    share_long:
        q, share of uploads live for over two hours, 0-1.
    views_short, views_long:
        v_s, v_l, views per short- and long-lived upload, >= 0.
    uploads_per_video:
        U, uploads of one known video per quarter, >= 1.
    share_blocked:
        b, share of re-uploads blocked by hash match, 0-1.
    """
    q = _valid("share_long", share_long, 0.0, 1.0)
    v_short = _valid("views_short", views_short)
    v_long = _valid("views_long", views_long)
    uploads = _valid("uploads_per_video", uploads_per_video, 1.0)
    b = _valid("share_blocked", share_blocked, 0.0, 1.0)
    live_uploads = 1.0 + (uploads - 1.0) * (1.0 - b)
    return _result(live_uploads * ((1.0 - q) * v_short + q * v_long))


def share_of_views_from_long(
    *, share_long: ArrayLike, views_short: ArrayLike, views_long: ArrayLike
) -> FloatOrArray:
    """Share of all views that come from uploads live for over two hours.

    share = q·v_l / [q·v_l + (1 − q)·v_s]

    CEP 2018 (cep_2018): 148,590/163,391 = 0.909 — the 24% of uploads that survive two
    hours bring 91% of the views, so the lever is the long tail, not the median removal
    time (methods §2.2). Upload count and blocking cancel out of this share.

    Parameters
    ----------
    share_long:
        q, 0-1.
    views_short, views_long:
        v_s, v_l, greater than 0.
    """
    q = _valid("share_long", share_long, 0.0, 1.0)
    v_short = _valid("views_short", views_short, low_open=True)
    v_long = _valid("views_long", views_long, low_open=True)
    long_views = q * v_long
    return _result(long_views / (long_views + (1.0 - q) * v_short))


# --------------------------------------------------------------------------------------------
# Model III: production and reach (lesson 07; methods §2.3, §2.4)
# --------------------------------------------------------------------------------------------


def production_index(
    *,
    P0: ArrayLike,
    territory: ArrayLike,
    epsilon: ArrayLike,
    operatives: ArrayLike,
    mu: ArrayLike,
    budget: ArrayLike,
    beta: ArrayLike,
) -> FloatOrArray:
    """Monthly propaganda output, a constant-elasticity index.

    P = P0 · T^ε · O^μ · B^β

    T, O, B are territory, active media operatives and budget as shares of their baseline.
    P0 = 700 products/month (milton_2016, Aug 2015). ε = ln(495/1,316)/ln(6,500/60,400)
    = 0.44 is derived from two IHS points (ihs_2018); μ and β have no published estimates
    and are illustrative, default 0 (terms switched off). 0^0 is taken as 1, so a zero
    share with a zero elasticity leaves P unchanged (methods §2.3).

    Parameters
    ----------
    P0:
        Baseline monthly output, >= 0. Never mix series (Milton, Winter, IHS).
    territory, operatives, budget:
        T, O, B, shares of baseline remaining, 0-1.
    epsilon, mu, beta:
        Elasticities, >= 0.
    """
    base = _valid("P0", P0)
    t_share = _valid("territory", territory, 0.0, 1.0)
    e = _valid("epsilon", epsilon)
    o_share = _valid("operatives", operatives, 0.0, 1.0)
    m = _valid("mu", mu)
    b_share = _valid("budget", budget, 0.0, 1.0)
    bt = _valid("beta", beta)
    return _result(base * t_share**e * o_share**m * b_share**bt)


def reach(
    *, P: ArrayLike, k: ArrayLike, F: ArrayLike, s: ArrayLike, o: ArrayLike, d: ArrayLike
) -> FloatOrArray:
    """Monthly unique reach, a teaching toy (methods §2.4).

    R = P · k · F · s · (1 − o) · (1 − d)

    No published study estimates the product as a whole; the factors multiply, so
    interventions compound, and overlap and displacement can erase much of the apparent
    gain. Reach is not persuasion. Fisher (fisher_2015) and Johnson et al. (johnson_2016)
    argue that ecosystems do not multiply this naively.

    Parameters
    ----------
    P:
        Products per month (:func:`production_index`), >= 0.
    k:
        Accounts sharing each product (illustrative), >= 0.
    F:
        Followers per sharing account (berger_perez_2016), >= 0.
    s:
        Share of potential exposure realised before suspension (:func:`survival_share`), 0-1.
    o:
        Audience overlap (illustrative; direction berger_perez_2016), 0-1.
    d:
        Displacement to other platforms (illustrative; direction alexander_2017), 0-1.
    """
    products = _valid("P", P)
    sharers = _valid("k", k)
    followers = _valid("F", F)
    realised = _valid("s", s, 0.0, 1.0)
    overlap = _valid("o", o, 0.0, 1.0)
    displaced = _valid("d", d, 0.0, 1.0)
    return _result(products * sharers * followers * realised * (1.0 - overlap) * (1.0 - displaced))


def sensitivity(
    func: Callable[..., Any],
    params: Mapping[str, float],
    bounds: Mapping[str, tuple[float, float]],
) -> pd.DataFrame:
    """One-at-a-time sensitivity of ``func``: the table behind a tornado chart.

    For each parameter in ``bounds``, set it to its minimum and then to its maximum while
    every other parameter stays at its value in ``params``, and record ``func``'s output.

    Parameters
    ----------
    func:
        Called as ``func(**params)``; must return one number.
    params:
        Every argument of ``func`` at its default, e.g. from :func:`defaults`.
    bounds:
        ``{name: (min, max)}`` for the parameters to vary, e.g. from :func:`ranges`.
        Each name must be in ``params``.

    Returns
    -------
    pandas.DataFrame
        One row per varied parameter with columns ``parameter, min, max, low, high,
        swing, base``: ``low``/``high`` are the outputs at the parameter's min/max,
        ``swing = |high − low|``, ``base`` the output at ``params``. Sorted by swing,
        largest first (ties keep the order of ``bounds``).

    >>> table = sensitivity(lambda x, y: 10 * x + y, {"x": 1.0, "y": 1.0},
    ...                     {"y": (0.0, 2.0), "x": (0.0, 2.0)})
    >>> table["parameter"].tolist(), table["swing"].tolist()
    (['x', 'y'], [20.0, 2.0])
    """

    def run(values: Mapping[str, float], what: str) -> float:
        out = np.asarray(func(**values), dtype=np.float64)
        if out.ndim != 0:
            raise ValueError(f"func must return one number, got shape {out.shape} {what}")
        return float(out)

    base = run(params, "at the defaults")
    rows = []
    for name, (low_value, high_value) in bounds.items():
        if name not in params:
            raise ValueError(f"bounds names {name!r}, which is not in params ({', '.join(params)})")
        if not low_value <= high_value:
            raise ValueError(
                f"bounds for {name} must be (min, max) with min <= max, "
                f"got ({low_value}, {high_value})"
            )
        low = run({**params, name: low_value}, f"with {name} = {low_value}")
        high = run({**params, name: high_value}, f"with {name} = {high_value}")
        rows.append((name, float(low_value), float(high_value), low, high, abs(high - low), base))
    table = pd.DataFrame(
        rows, columns=["parameter", "min", "max", "low", "high", "swing", "base"]
    ).astype({"parameter": "str"})
    return table.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Model IV: the counter-messaging funnel (lesson 08; methods §1.4, §2.5)
# --------------------------------------------------------------------------------------------

ATTITUDE_STATUS = "unknown: no published effect size"
"""Status of the funnel's last stage. RAND (rand_redirect) did not assess it."""


def funnel(*, impressions: float, ctr: float, minutes_per_viewer: float) -> pd.DataFrame:
    """A Redirect-style funnel whose last stage is honestly unknown.

    impressions → viewers = impressions · CTR → minutes = viewers · minutes per viewer
    → attitude change = unknown

    CTR = 4,000/175,000 = 0.023 (adl_moonshot_email, derived; RAND, rand_redirect: "on par
    with industry standards"); minutes per viewer = 500,000/320,000 = 1.56 (redirect_pilot,
    derived). The attitude-change stage has **no published effect size** (RAND: "did not
    assess the impact of the video content on user attitudes or behavior"), so its value
    is always NaN and there is deliberately no argument to set it.

    Parameters
    ----------
    impressions:
        Ad impressions, a single number >= 0.
    ctr:
        Clicks per impression, 0-1.
    minutes_per_viewer:
        Minutes watched per viewer, >= 0.

    Returns
    -------
    pandas.DataFrame
        Four rows (``impressions``, ``viewers``, ``minutes_watched``, ``attitude_change``)
        with columns ``stage, value, unit, status, formula``.
    """
    shown = float(_valid("impressions", impressions, scalar=True))
    rate = float(_valid("ctr", ctr, 0.0, 1.0, scalar=True))
    minutes = float(_valid("minutes_per_viewer", minutes_per_viewer, scalar=True))
    viewers = shown * rate
    return pd.DataFrame(
        {
            "stage": ["impressions", "viewers", "minutes_watched", "attitude_change"],
            "value": np.array([shown, viewers, viewers * minutes, np.nan], dtype=np.float64),
            "unit": ["ad impressions", "people", "minutes", "—"],
            "status": ["input", "computed", "computed", ATTITUDE_STATUS],
            "formula": [
                "impressions",
                "impressions × ctr",
                "viewers × minutes_per_viewer",
                "none: not assessed (RAND, rand_redirect)",
            ],
        }
    ).astype({"stage": "str", "unit": "str", "status": "str", "formula": "str"})


# --------------------------------------------------------------------------------------------
# Model V: weighing response options against criteria (lesson 08; methods §1.3-§1.5)
# --------------------------------------------------------------------------------------------

__all__ += [
    "leader_intervals",
    "rank_options",
    "weighing_inputs",
    "weight_flips",
    "weighted_scores",
]

WEIGHING_TABLES = ("options", "criteria", "option_scores")
"""The course tables behind the weighing model (``data/options.csv`` and so on)."""

TIE_TOLERANCE = 1e-9
"""Weighted scores closer than this (relative to their size) count as a tie."""


def weighing_inputs() -> tuple[pd.DataFrame, pd.Series]:
    """The option-by-criterion score table and the default weights, from the course tables.

    Returns
    -------
    scores:
        A float DataFrame, one row per option (index ``option_id``, in ``options.csv``
        order) and one column per criterion (``criterion_id``, in ``criteria.csv`` order).
        Scores run 1-5, higher is better for the option. **Every score is a judgement**
        (status ``illustrative`` in ``option_scores.csv``), not a measurement.
    weights:
        A float Series of the default weights by ``criterion_id``: equal (1) by default,
        and illustrative, because a weight says how much *you* care about a criterion.

    >>> scores, weights = weighing_inputs()
    >>> scores.shape, weights.tolist()
    ((5, 6), [1.0, 1.0, 1.0, 1.0, 1.0, 1.0])
    """
    from counterprop import data  # the registry reader above needs no package import

    options = data.load("options")
    criteria = data.load("criteria")
    table = data.load("option_scores")
    scores = (
        table.pivot(index="option_id", columns="criterion_id", values="score")
        .reindex(index=list(options["option_id"]), columns=list(criteria["criterion_id"]))
        .astype("float64")
    )
    gaps = scores.isna().stack()
    if gaps.any():
        missing = ", ".join(f"{option}/{criterion}" for (option, criterion), gap in gaps.items() if gap)
        raise ValueError(f"option_scores.csv must score every option on every criterion; missing: {missing}")
    scores.index.name, scores.columns.name = "option_id", "criterion_id"
    weights = pd.Series(
        criteria["default_weight"].astype("float64").to_numpy(),
        index=pd.Index(list(criteria["criterion_id"]), name="criterion_id"),
        name="weight",
    )
    return scores, weights


def _weighing_arrays(
    scores: ArrayLike, weights: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Validate a (options × criteria) score table and weights of shape (..., criteria)."""
    s = _valid("scores", scores)
    if s.ndim != 2 or 0 in s.shape:
        raise ValueError(
            f"scores must be a table of options × criteria (2 dimensions), got shape {s.shape}"
        )
    w = _valid("weights", weights)
    if w.ndim < 1 or w.shape[-1] != s.shape[1]:
        raise ValueError(
            f"weights must give one weight per criterion ({s.shape[1]}), got shape {w.shape}"
        )
    if np.any(w.sum(axis=-1) <= 0):
        raise ValueError("weights must not all be 0: at least one criterion has to count")
    return s, w


def weighted_scores(scores: ArrayLike, weights: ArrayLike) -> NDArray[np.float64]:
    """Each option's weighted mean score.

    S_o = Σ_c w_c · s_oc / Σ_c w_c

    With scores on a 1-5 scale the result stays on that scale, whatever the weights.
    Multiplying every weight by the same number changes nothing: only their ratios matter.

    Parameters
    ----------
    scores:
        s, a table of options × criteria (2-D array or DataFrame), each score >= 0.
        The course's scores (:func:`weighing_inputs`) are judgements: illustrative.
    weights:
        w, one weight >= 0 per criterion, not all 0; an array of shape (..., criteria)
        weighs many weight vectors at once.

    Returns
    -------
    numpy.ndarray of shape (..., options).

    >>> weighted_scores([[4, 2], [2, 4]], [1, 1]).tolist()
    [3.0, 3.0]
    >>> weighted_scores([[4, 2], [2, 4]], [3, 1]).tolist()
    [3.5, 2.5]
    """
    s, w = _weighing_arrays(scores, weights)
    return (w @ s.T) / w.sum(axis=-1)[..., np.newaxis]


def _top(values: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Which entries along the last axis are (tied for) the largest."""
    tolerance = TIE_TOLERANCE * np.maximum(1.0, np.abs(values).max(axis=-1, keepdims=True))
    return values >= values.max(axis=-1, keepdims=True) - tolerance


def rank_options(scores: ArrayLike, weights: ArrayLike) -> NDArray[np.int64]:
    """Each option's rank under ``weights``: 1 is best, and tied options share a rank.

    rank_o = 1 + (number of options with a higher weighted score)

    >>> rank_options([[4, 2], [2, 4], [1, 1]], [3, 1]).tolist()
    [1, 2, 3]
    >>> rank_options([[4, 2], [2, 4], [1, 1]], [1, 1]).tolist()
    [1, 1, 3]
    """
    values = weighted_scores(scores, weights)
    tolerance = TIE_TOLERANCE * np.maximum(1.0, np.abs(values).max(axis=-1, keepdims=True))
    higher = values[..., np.newaxis, :] > values[..., :, np.newaxis] + tolerance[..., np.newaxis]
    return 1 + higher.sum(axis=-1).astype(np.int64)


def _names(
    given: Any, count: int, labels: pd.Index | None, what: str
) -> list[str]:
    if given is not None:
        names = [str(name) for name in given]
    elif labels is not None:
        names = [str(name) for name in labels]
    else:
        names = [str(i) for i in range(count)]
    if len(names) != count:
        raise ValueError(f"{what} must name {count} items, got {len(names)}")
    return names


def _weighing_bounds(low: float, high: float) -> tuple[float, float]:
    lo = float(_valid("low", low, scalar=True))
    hi = float(_valid("high", high, lo, low_open=True, scalar=True))
    return lo, hi


def _criterion_intervals(
    s: NDArray[np.float64], w: NDArray[np.float64], c: int, low: float, high: float
) -> list[tuple[float, float, tuple[int, ...]]]:
    """(start, end, leaders) for criterion c's weight from low to high, the others fixed.

    Every weighted score shares the denominator Σw, so the ranking follows the numerators
    N_o(x) = B_o + x·s_oc, straight lines in the weight x. The leader can change only where
    two lines cross: x* = (B_p − B_o)/(s_oc − s_pc).
    """
    base = s @ w - w[c] * s[:, c]
    slope = s[:, c]
    i, j = np.triu_indices(len(slope), 1)
    steep = slope[i] - slope[j]
    crossing = (base[j] - base[i])[steep != 0] / steep[steep != 0]
    inside = crossing[(crossing > low) & (crossing < high)]
    points = np.unique(np.concatenate([[low, high], inside]))
    middles = (points[:-1] + points[1:]) / 2.0
    leaders = _top(base[np.newaxis, :] + middles[:, np.newaxis] * slope[np.newaxis, :])
    merged: list[tuple[float, float, tuple[int, ...]]] = []
    for start, end, row in zip(points[:-1], points[1:], leaders):
        who = tuple(int(k) for k in np.flatnonzero(row))
        if merged and merged[-1][2] == who:
            merged[-1] = (merged[-1][0], float(end), who)
        else:
            merged.append((float(start), float(end), who))
    return merged


def leader_intervals(
    scores: ArrayLike,
    weights: ArrayLike,
    *,
    low: float,
    high: float,
    options: Any = None,
    criteria: Any = None,
) -> pd.DataFrame:
    """Which option comes first as one criterion's weight moves from ``low`` to ``high``.

    For each criterion in turn, every other weight stays as given. The weight's range is cut
    where the top option changes (methods: "which weights flip the ranking").

    Parameters
    ----------
    scores, weights:
        As for :func:`weighted_scores`; ``weights`` is one vector (1-D).
    low, high:
        The range of each weight, e.g. the sliders' 0 and 5; 0 <= low < high.
    options, criteria:
        Names for the rows and columns of ``scores``; by default the DataFrame's index and
        columns, else "0", "1", ...

    Returns
    -------
    pandas.DataFrame
        Columns ``criterion, start, end, leader``: one row per stretch of weights over which
        the same option leads; tied leaders are joined with " = ".

    >>> leader_intervals([[4, 2], [2, 4]], [1, 1], low=0, high=5,
    ...                  options=["A", "B"], criteria=["x", "y"]).values.tolist()
    [['x', 0.0, 1.0, 'B'], ['x', 1.0, 5.0, 'A'], ['y', 0.0, 1.0, 'A'], ['y', 1.0, 5.0, 'B']]
    """
    s, w = _weighing_arrays(scores, weights)
    if w.ndim != 1:
        raise ValueError(f"weights must be one weight vector (1 dimension), got shape {w.shape}")
    lo, hi = _weighing_bounds(low, high)
    frame = scores if isinstance(scores, pd.DataFrame) else None
    option_names = _names(options, s.shape[0], frame.index if frame is not None else None, "options")
    criterion_names = _names(
        criteria, s.shape[1], frame.columns if frame is not None else None, "criteria"
    )
    rows = [
        (criterion_names[c], start, end, " = ".join(option_names[k] for k in who))
        for c in range(s.shape[1])
        for start, end, who in _criterion_intervals(s, w, c, lo, hi)
    ]
    return pd.DataFrame(rows, columns=["criterion", "start", "end", "leader"]).astype(
        {"criterion": "str", "leader": "str"}
    )


def weight_flips(
    scores: ArrayLike,
    weights: ArrayLike,
    *,
    low: float,
    high: float,
    options: Any = None,
    criteria: Any = None,
) -> pd.DataFrame:
    """For each criterion, the nearest weights (below and above its current one) that change
    which option comes first, every other weight held fixed.

    Parameters
    ----------
    scores, weights, low, high, options, criteria:
        As for :func:`leader_intervals`; every weight must lie between ``low`` and ``high``.

    Returns
    -------
    pandas.DataFrame
        One row per criterion with columns ``criterion, weight, leader`` (the option(s) first
        now), ``lower`` and ``leader_below`` (the largest weight below the current one where
        another option takes over, and which), ``upper`` and ``leader_above`` (the same
        upwards). ``lower``/``upper`` are NaN and the leader ``""`` when nothing changes
        within the range. At a tie, any move breaks it: ``lower`` or ``upper`` is then the
        current weight itself.

    >>> flips = weight_flips([[4, 2], [2, 4]], [1, 2], low=0, high=5,
    ...                      options=["A", "B"], criteria=["x", "y"])
    >>> flips.loc[0, "leader"], float(flips.loc[0, "upper"]), flips.loc[0, "leader_above"]
    ('B', 2.0, 'A')
    """
    s, w = _weighing_arrays(scores, weights)
    if w.ndim != 1:
        raise ValueError(f"weights must be one weight vector (1 dimension), got shape {w.shape}")
    lo, hi = _weighing_bounds(low, high)
    _valid("weights", w, lo, hi)
    frame = scores if isinstance(scores, pd.DataFrame) else None
    option_names = _names(options, s.shape[0], frame.index if frame is not None else None, "options")
    criterion_names = _names(
        criteria, s.shape[1], frame.columns if frame is not None else None, "criteria"
    )

    def label(who: tuple[int, ...]) -> str:
        return " = ".join(option_names[k] for k in who)

    now = tuple(int(k) for k in np.flatnonzero(_top(s @ w)))
    rows = []
    for c in range(s.shape[1]):
        x = float(w[c])
        intervals = _criterion_intervals(s, w, c, lo, hi)
        upper, above = math.nan, ""
        for start, end, who in intervals:
            if end > x and who != now:
                upper, above = max(start, x), label(who)
                break
        lower, below = math.nan, ""
        for start, end, who in reversed(intervals):
            if start < x and who != now:
                lower, below = min(end, x), label(who)
                break
        rows.append((criterion_names[c], x, label(now), lower, below, upper, above))
    return pd.DataFrame(
        rows,
        columns=["criterion", "weight", "leader", "lower", "leader_below", "upper", "leader_above"],
    ).astype({"criterion": "str", "leader": "str", "leader_below": "str", "leader_above": "str"})
