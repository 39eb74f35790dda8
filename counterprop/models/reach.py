"""Model III: production and reach (lesson 07; methods §2.3, §2.4)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from counterprop.models.base import FloatOrArray, result, valid


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
    base = valid("P0", P0)
    t_share = valid("territory", territory, 0.0, 1.0)
    e = valid("epsilon", epsilon)
    o_share = valid("operatives", operatives, 0.0, 1.0)
    m = valid("mu", mu)
    b_share = valid("budget", budget, 0.0, 1.0)
    bt = valid("beta", beta)
    return result(base * t_share**e * o_share**m * b_share**bt)


def reach(
    *, P: ArrayLike, k: ArrayLike, F: ArrayLike, s: ArrayLike, o: ArrayLike, d: ArrayLike
) -> FloatOrArray:
    """Monthly exposures, a teaching toy (methods §2.4 calls it "unique reach").

    R = P · k · F · s · (1 − o) · (1 − d)

    R is linear in the number of products P, so it counts **exposures** (a follower who sees
    two products counts twice), not unique people, which would saturate. Halving any of the
    six multiplied factors (P, k, F, s, 1 − o, 1 − d) halves R; halving o does not. No published study estimates the product as a whole; the factors multiply, so
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
    products = valid("P", P)
    sharers = valid("k", k)
    followers = valid("F", F)
    realised = valid("s", s, 0.0, 1.0)
    overlap = valid("o", o, 0.0, 1.0)
    displaced = valid("d", d, 0.0, 1.0)
    return result(products * sharers * followers * realised * (1.0 - overlap) * (1.0 - displaced))


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
