"""Model IV: the counter-messaging funnel (lesson 09; methods §1.4, §2.5)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from counterprop.models.base import valid

ATTITUDE_STATUS = "unknown: no published effect size"
"""Status of the funnel's last stage. RAND (rand_redirect) did not assess it."""


def funnel(
    *, impressions: float, ctr: float, minutes_per_viewer: float, attitude_change: None = None
) -> pd.DataFrame:
    """A Redirect-style funnel whose last stage is honestly unknown.

    impressions → viewers = impressions · CTR → minutes = viewers · minutes per viewer
    → attitude change = unknown

    CTR = 4,000/175,000 = 0.023 (adl_moonshot_email, derived; RAND, rand_redirect: "on par
    with industry standards"): both counts are lower bounds ("over"), so their ratio is
    neither a lower nor an upper bound. Minutes per viewer = 500,000/320,000 = 1.56
    (redirect_pilot, derived). The attitude-change stage has **no published effect size**
    (RAND: "did not assess the impact of the video content on user attitudes or behavior"),
    so its value is always NaN and no number can be given for it.

    Parameters
    ----------
    impressions:
        Ad impressions, a single number >= 0.
    ctr:
        Clicks per impression, 0-1.
    minutes_per_viewer:
        Minutes watched per viewer, >= 0.
    attitude_change:
        Leave it out. Any value raises ``ValueError``: a number here would be made up.

    Returns
    -------
    pandas.DataFrame
        Four rows (``impressions``, ``viewers``, ``minutes_watched``, ``attitude_change``)
        with columns ``stage, value, unit, status, formula``.
    """
    if attitude_change is not None:
        raise ValueError(
            f"attitude_change cannot be given a number (got {attitude_change!r}): no published "
            "study measured it (RAND did not assess the videos' effect on attitudes or "
            "behaviour), so the funnel's last stage stays unknown. Leave attitude_change out."
        )
    counts = funnel_counts(impressions=impressions, ctr=ctr, minutes_per_viewer=minutes_per_viewer)
    return pd.DataFrame(
        {
            "stage": ["impressions", "viewers", "minutes_watched", "attitude_change"],
            "value": np.append(counts, np.nan),
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


def funnel_counts(*, impressions: float, ctr: float, minutes_per_viewer: float) -> np.ndarray:
    """The three counted stages of :func:`funnel` as an array: impressions, viewers
    (impressions · CTR) and minutes watched (viewers · minutes per viewer), without the table
    and without the last stage, which has no number. Same parameters and checks as
    :func:`funnel`.

    >>> funnel_counts(impressions=175_000, ctr=0.02, minutes_per_viewer=1.5).tolist()
    [175000.0, 3500.0, 5250.0]
    """
    shown = float(valid("impressions", impressions, scalar=True))
    rate = float(valid("ctr", ctr, 0.0, 1.0, scalar=True))
    minutes = float(valid("minutes_per_viewer", minutes_per_viewer, scalar=True))
    viewers = shown * rate
    return np.array([shown, viewers, viewers * minutes], dtype=np.float64)
