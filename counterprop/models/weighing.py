"""Model V: weighing response options against criteria (lesson 09; methods §1.3-§1.5)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from counterprop.models.base import valid

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
    ((5, 7), [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0])
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
    s = valid("scores", scores)
    if s.ndim != 2 or 0 in s.shape:
        raise ValueError(
            f"scores must be a table of options × criteria (2 dimensions), got shape {s.shape}"
        )
    w = valid("weights", weights)
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
    lo = float(valid("low", low, scalar=True))
    hi = float(valid("high", high, lo, low_open=True, scalar=True))
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
        for c, start, end, who in _all_intervals(s, w, lo, hi)
    ]
    return pd.DataFrame(rows, columns=["criterion", "start", "end", "leader"]).astype(
        {"criterion": "str", "leader": "str"}
    )


def _all_intervals(
    s: NDArray[np.float64], w: NDArray[np.float64], low: float, high: float
) -> list[tuple[int, float, float, tuple[int, ...]]]:
    return [
        (c, start, end, who)
        for c in range(s.shape[1])
        for start, end, who in _criterion_intervals(s, w, c, low, high)
    ]


def leader_stretches(
    scores: ArrayLike, weights: ArrayLike, *, low: float, high: float
) -> dict[str, NDArray]:
    """:func:`leader_intervals` as arrays of positions, without names or a table: what a view
    that redraws on every slider move needs, at a fraction of the cost.

    Returns
    -------
    dict of numpy arrays, one entry per stretch
        ``criterion`` (column position), ``start``, ``end``, and ``leader`` (row position of
        the option first along the stretch, or -1 where options tie all along it).

    >>> stretches = leader_stretches([[4, 2], [2, 4]], [1, 1], low=0, high=5)
    >>> stretches["criterion"].tolist(), stretches["end"].tolist(), stretches["leader"].tolist()
    ([0, 0, 1, 1], [1.0, 5.0, 1.0, 5.0], [1, 0, 0, 1])
    """
    s, w = _weighing_arrays(scores, weights)
    if w.ndim != 1:
        raise ValueError(f"weights must be one weight vector (1 dimension), got shape {w.shape}")
    lo, hi = _weighing_bounds(low, high)
    rows = _all_intervals(s, w, lo, hi)
    return {
        "criterion": np.array([c for c, _, _, _ in rows], dtype=np.int64),
        "start": np.array([start for _, start, _, _ in rows], dtype=np.float64),
        "end": np.array([end for _, _, end, _ in rows], dtype=np.float64),
        "leader": np.array([who[0] if len(who) == 1 else -1 for _, _, _, who in rows],
                           dtype=np.int64),
    }


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
    valid("weights", w, lo, hi)
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


def score_flips(
    scores: pd.DataFrame,
    weights: ArrayLike,
    *,
    low: float,
    high: float,
    step: float,
) -> pd.DataFrame:
    """Every single-score change of ``±step`` (kept within ``low``-``high``), and what it does
    to the top of the ranking, every other score and every weight held fixed.

    A score is a judgement: this asks how fragile the ranking is to one judgement moving by
    one point, as :func:`weight_flips` asks it of one weight.

    Parameters
    ----------
    scores:
        The options × criteria DataFrame of :func:`weighing_inputs` (index: options,
        columns: criteria).
    weights:
        One weight per criterion, as for :func:`weighted_scores`.
    low, high:
        The ends of the score scale, e.g. 1 and 5: changes that would leave it are skipped.
    step:
        How far each score moves, e.g. 1.

    Returns
    -------
    pandas.DataFrame
        One row per change, with columns ``option, criterion, score, new_score, leader``
        (the option(s) first after the change, tied ones joined with " = ") and ``effect``:
        ``"flip"`` (another option alone first), ``"tie"`` (the leader now shares first
        place, or loses it to a tie) or ``"none"``.

    >>> table = pd.DataFrame([[4.0, 2.0], [2.0, 3.0]], index=["A", "B"], columns=["x", "y"])
    >>> flips = score_flips(table, [1, 1], low=1, high=5, step=1)
    >>> changed = flips[flips["effect"] != "none"]
    >>> changed[["option", "criterion", "new_score", "effect"]].values.tolist()
    [['A', 'x', 3.0, 'tie'], ['A', 'y', 1.0, 'tie'], ['B', 'x', 3.0, 'tie'], ['B', 'y', 4.0, 'tie']]
    """
    if not isinstance(scores, pd.DataFrame):
        raise ValueError(
            f"scores must be a DataFrame of options × criteria, got {type(scores).__name__}"
        )
    changes = _score_changes(scores, weights, low=low, high=high, step=step)
    options = [str(o) for o in scores.index]
    criteria = [str(c) for c in scores.columns]
    leaders = [" = ".join(options[k] for k in np.flatnonzero(row)) for row in changes["after"]]
    return pd.DataFrame(
        {
            "option": [options[k] for k in changes["option"]],
            "criterion": [criteria[k] for k in changes["criterion"]],
            "score": changes["score"],
            "new_score": changes["new_score"],
            "leader": leaders,
            "effect": changes["effect"],
        }
    ).astype({"option": "str", "criterion": "str", "leader": "str", "effect": "str"})


def score_flip_counts(
    scores: ArrayLike, weights: ArrayLike, *, low: float, high: float, step: float
) -> dict[str, int]:
    """How many single-score changes :func:`score_flips` tries, and how many of them flip or
    tie the leader: the counts alone, without the table (a view shows them on every move).

    >>> score_flip_counts([[4.0, 2.0], [2.0, 3.0]], [1, 1], low=1, high=5, step=1)
    {'changes': 8, 'flips': 0, 'ties': 4}
    """
    effect = _score_changes(scores, weights, low=low, high=high, step=step)["effect"]
    return {
        "changes": int(effect.size),
        "flips": int((effect == "flip").sum()),
        "ties": int((effect == "tie").sum()),
    }


def _score_changes(
    scores: ArrayLike, weights: ArrayLike, *, low: float, high: float, step: float
) -> dict[str, NDArray]:
    """Every single-score change of ``±step`` within ``low``-``high`` as arrays: ``option``,
    ``criterion`` (positions), ``score``, ``new_score``, ``after`` (who is first after it,
    one boolean row per change) and ``effect``, ordered by option, criterion and step."""
    s, w = _weighing_arrays(scores, weights)
    if w.ndim != 1:
        raise ValueError(f"weights must be one weight vector (1 dimension), got shape {w.shape}")
    lo, hi = _weighing_bounds(low, high)
    size = float(valid("step", step, 0.0, low_open=True, scalar=True))
    # One score s_oc moving by δ moves only option o's weighted score, by δ·w_c/Σw.
    n_options, n_criteria = s.shape
    option, criterion = (a.ravel() for a in np.indices(s.shape))
    option, criterion = np.concatenate([option, option]), np.concatenate([criterion, criterion])
    delta = np.repeat([-size, size], n_options * n_criteria)
    old = s[option, criterion]
    new = old + delta
    inside = (new >= lo - TIE_TOLERANCE) & (new <= hi + TIE_TOLERANCE)
    order = np.lexsort((delta[inside], criterion[inside], option[inside]))
    option, criterion, delta = option[inside][order], criterion[inside][order], delta[inside][order]
    old, new = old[inside][order], new[inside][order]
    values = weighted_scores(s, w)
    moved = np.repeat(values[np.newaxis, :], len(option), axis=0)
    moved[np.arange(len(option)), option] += delta * w[criterion] / w.sum()
    now = _top(values)
    after = _top(moved)
    same = (after == now).all(axis=1)
    alone = after.sum(axis=1) == 1
    return {
        "option": option,
        "criterion": criterion,
        "score": old.astype(np.float64),
        "new_score": new.astype(np.float64),
        "after": after,
        "effect": np.where(same, "none", np.where(alone, "flip", "tie")),
    }
