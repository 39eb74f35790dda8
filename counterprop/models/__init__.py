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
``funnel``      impressions → viewers → minutes → attitude change          09
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

The registry and shared validation live in ``models/base.py``, each model in a module of its own.

Source ids (``data/sources.csv``): conway_2017, berger_perez_2016, berger_morgan_2015,
alexander_2017, twitter_tr_2017h2, cep_2018, milton_2016, ihs_2018, redirect_pilot,
adl_moonshot_email, rand_redirect.
"""

from __future__ import annotations

from counterprop.models.base import (
    MODELS,
    PARAMETERS_CSV,
    STATUSES,
    defaults,
    load_parameters,
    ranges,
)
from counterprop.models.funnel import ATTITUDE_STATUS, funnel, funnel_counts
from counterprop.models.reach import production_index, reach, sensitivity
from counterprop.models.survival import (
    MixtureFit,
    fit_mixture,
    fit_single_hazard,
    fit_slow_hazard,
    followers_by_return,
    survival_mixture,
    survival_share,
    survival_single,
)
from counterprop.models.takedown import share_of_views_from_long, takedown_views
from counterprop.models.weighing import (
    TIE_TOLERANCE,
    WEIGHING_TABLES,
    leader_intervals,
    leader_stretches,
    rank_options,
    score_flip_counts,
    score_flips,
    weighing_inputs,
    weight_flips,
    weighted_scores,
)

__all__ = [
    "ATTITUDE_STATUS",
    "MODELS",
    "MixtureFit",
    "PARAMETERS_CSV",
    "STATUSES",
    "TIE_TOLERANCE",
    "WEIGHING_TABLES",
    "defaults",
    "fit_mixture",
    "fit_single_hazard",
    "fit_slow_hazard",
    "followers_by_return",
    "funnel",
    "funnel_counts",
    "leader_intervals",
    "leader_stretches",
    "load_parameters",
    "models",
    "production_index",
    "ranges",
    "rank_options",
    "reach",
    "score_flip_counts",
    "score_flips",
    "sensitivity",
    "share_of_views_from_long",
    "survival_mixture",
    "survival_share",
    "survival_single",
    "takedown_views",
    "weighing_inputs",
    "weight_flips",
    "weighted_scores",
]
