"""Verdicts from evidence: the written decision rules of lesson 03, as one function.

A verdict class sums up how a claim of the article compares with its sources. The class is
never typed in by hand: each row of ``data/verdicts.csv`` records the *evidence* (was the
issuer's text read? does the value match? the window? the meaning? does a source contradict
it?), and :func:`derive_verdict` turns that evidence into the class. A test checks that every
row's ``verdict`` equals the derivation, so a label can never disagree with its own evidence.

>>> derive_verdict({"checkable": True, "primary_seen": True, "contradicted": False,
...                 "value_match": "same", "window_matches": False})
'wrong_date_or_window'

The rules, tested in this order (the first that applies decides):

1. not ``checkable`` (a judgement) → ``opinion``;
2. the value matches (``same`` or ``rounded``) but ``window_matches`` is false →
   ``wrong_date_or_window``;
3. ``contradicted`` by a source, or a ``value_match`` of ``different`` → ``unsupported``;
4. the issuer's own words were not read (``primary_seen`` false): ``unconfirmed`` when
   ``other_sources_consistent`` (other sources give the figure or bounds that contain it),
   else ``unsupported``;
5. ``adds_unsupported_part`` (a cause or an attribute no source supports) →
   ``partly_unsupported``;
6. ``definition_matches`` false (a shifted meaning, a dropped qualifier or window) →
   ``reworded``;
7. ``value_match`` of ``rounded`` → ``rounded``;
8. otherwise → ``exact``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

VERDICT_CLASSES: tuple[str, ...] = (
    "exact",
    "rounded",
    "reworded",
    "partly_unsupported",
    "wrong_date_or_window",
    "unconfirmed",
    "unsupported",
    "opinion",
)
"""Every verdict class, from the closest match to the source to a judgement."""

VALUE_MATCHES: tuple[str, ...] = ("same", "rounded", "different")
"""The allowed values of ``value_match`` (empty when the claim has no figure, or when the
issuer's figure could not be read)."""

EVIDENCE_FIELDS: tuple[str, ...] = (
    "checkable",
    "primary_seen",
    "other_sources_consistent",
    "contradicted",
    "value_match",
    "window_matches",
    "definition_matches",
    "adds_unsupported_part",
)
"""The columns of ``verdicts.csv`` that :func:`derive_verdict` reads."""

_BOOLEAN_FIELDS = tuple(f for f in EVIDENCE_FIELDS if f != "value_match")


def _is_missing(value: Any) -> bool:
    """True for an empty cell: None, NaN or pandas' NA."""
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def _flag(evidence: Mapping[str, Any], field: str, *, needed: bool) -> bool | None:
    """The boolean ``field`` of ``evidence``: True, False, or None when empty and not needed."""
    value = evidence.get(field)
    if _is_missing(value):
        if needed:
            raise ValueError(f"evidence field {field!r} is empty, but this claim needs it: "
                             "expected True or False")
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise ValueError(f"evidence field {field!r} is {value!r}: expected True, False or empty")


def derive_verdict(evidence: Mapping[str, Any]) -> str:
    """Return the verdict class that the evidence of one claim calls for.

    Parameters
    ----------
    evidence:
        One claim's evidence, e.g. a row of ``verdicts.csv`` (a dict or a pandas Series).
        Booleans are ``True``/``False``; an empty cell (None or NA) means "does not apply".
        ``checkable`` is always needed; the other fields only when a rule reaches them:

        - ``primary_seen``: the issuer's own words for the claim were read (in the original or
          quoted word for word);
        - ``other_sources_consistent``: when ``primary_seen`` is false, whether sources other
          than the story the article copied give the figure or bounds that contain it;
        - ``contradicted``: a source gives an incompatible figure, date or fact;
        - ``value_match``: ``"same"``, ``"rounded"`` or ``"different"``, empty without a figure;
        - ``window_matches``: the date or window matches the source's, empty if none is stated;
        - ``definition_matches``: same thing counted, same qualifiers, conditions and verbs;
        - ``adds_unsupported_part``: the claim adds a cause or an attribute no source supports.

    Returns
    -------
    str
        One of :data:`VERDICT_CLASSES`.

    Raises
    ------
    ValueError
        A field holds something other than True, False or empty (``value_match``: one of
        :data:`VALUE_MATCHES` or empty), or a field that a rule needs is empty.
    """
    if not isinstance(evidence, Mapping) and not isinstance(evidence, pd.Series):
        raise TypeError(f"derive_verdict expects a mapping of evidence fields, got "
                        f"{type(evidence).__name__}")
    if not _flag(evidence, "checkable", needed=True):
        return "opinion"
    value_match = evidence.get("value_match")
    if _is_missing(value_match):
        value_match = None
    elif value_match not in VALUE_MATCHES:
        raise ValueError(f"evidence field 'value_match' is {value_match!r}: expected one of "
                         f"{', '.join(VALUE_MATCHES)} or empty")
    window_matches = _flag(evidence, "window_matches", needed=False)
    if value_match in ("same", "rounded") and window_matches is False:
        return "wrong_date_or_window"
    if _flag(evidence, "contradicted", needed=True) or value_match == "different":
        return "unsupported"
    if not _flag(evidence, "primary_seen", needed=True):
        consistent = _flag(evidence, "other_sources_consistent", needed=True)
        return "unconfirmed" if consistent else "unsupported"
    if _flag(evidence, "adds_unsupported_part", needed=True):
        return "partly_unsupported"
    if not _flag(evidence, "definition_matches", needed=True):
        return "reworded"
    return "rounded" if value_match == "rounded" else "exact"


def derive_verdicts(verdicts: pd.DataFrame) -> pd.Series:
    """The derived class of every row of a table shaped like ``verdicts.csv``.

    Returns a Series of verdict classes with the table's index. A row whose evidence is
    incomplete raises a ValueError that names its ``claim_id`` (or its index).
    """
    missing = [f for f in ("checkable",) if f not in verdicts.columns]
    if missing:
        raise ValueError(f"the table has no {missing[0]!r} column; expected the evidence "
                         f"fields {', '.join(EVIDENCE_FIELDS)}")
    derived = {}
    for index, row in verdicts.iterrows():
        try:
            derived[index] = derive_verdict(row)
        except ValueError as error:
            name = row["claim_id"] if "claim_id" in row.index else index
            raise ValueError(f"claim {name}: {error}") from None
    return pd.Series(derived, name="derived_verdict", dtype="str")
