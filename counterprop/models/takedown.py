"""Model II: takedown speed and hash-sharing (lesson 06; methods §2.2)."""

from __future__ import annotations

from numpy.typing import ArrayLike

from counterprop.models.base import FloatOrArray, result, valid


def takedown_views(
    *,
    share_long: ArrayLike,
    views_short: ArrayLike,
    views_long: ArrayLike,
    uploads_per_video: ArrayLike,
    share_blocked: ArrayLike,
    share_first_hashed: ArrayLike,
) -> FloatOrArray:
    """Expected views per known video per quarter, CEP 2018's two-bin arithmetic.

    V = [(1 − c·b) + (U − 1)·(1 − b)] · [(1 − q)·v_s + q·v_l]

    Each upload is either removed within two hours (share 1 − q, v_s views) or lives
    longer (share q, v_l views) (cep_2018: q = 0.24; v_s = 14,801/(0.76·1,348) = 14.4,
    v_l = 148,590/(0.24·1,348) = 459, U = 1,348/229 = 5.9, all derived).

    Hash-sharing (b, **illustrative**: no published hit rate) is modelled as blocking a
    share b of uploads whose hash is known, so they get no views; uploads that get through
    keep the observed short/long mix. Re-uploads are always hashed. Whether the *first*
    upload is is an assumption, c (**illustrative**): c = 0 says its hash is not yet known,
    so it is never blocked; c = 1 says it is (CEP searched for videos it had already
    fingerprinted), so blocking acts on every upload: V = U·(1 − b)·[…]. With b = 0, c
    has no effect and the model reproduces CEP's total by construction (an identity, not a
    check): (1,348/229)·(163,391/1,348) = 163,391/229 = 713.5 views per known video.

    Parameters
    ----------
    share_long:
        q, share of uploads live for over two hours, 0-1.
    views_short, views_long:
        v_s, v_l, views per short- and long-lived upload, >= 0.
    uploads_per_video:
        U, uploads of one known video per quarter, >= 1.
    share_blocked:
        b, share of hashed uploads blocked by hash match, 0-1.
    share_first_hashed:
        c, share of first uploads whose hash is already known, 0-1 (registry default 0).
    """
    q = valid("share_long", share_long, 0.0, 1.0)
    v_short = valid("views_short", views_short)
    v_long = valid("views_long", views_long)
    uploads = valid("uploads_per_video", uploads_per_video, 1.0)
    b = valid("share_blocked", share_blocked, 0.0, 1.0)
    c = valid("share_first_hashed", share_first_hashed, 0.0, 1.0)
    live_uploads = (1.0 - c * b) + (uploads - 1.0) * (1.0 - b)
    return result(live_uploads * ((1.0 - q) * v_short + q * v_long))


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
    q = valid("share_long", share_long, 0.0, 1.0)
    v_short = valid("views_short", views_short, low_open=True)
    v_long = valid("views_long", views_long, low_open=True)
    long_views = q * v_long
    return result(long_views / (long_views + (1.0 - q) * v_short))
