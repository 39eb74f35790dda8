"""Checks for lesson 00, Welcome."""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import pandas as pd

from counterprop import data
from counterprop.checks.base import Feedback, correct, exercise, hint, type_name, whole_number

__all__ = ["q00_1", "q00_2", "q00_3", "q00_4"]


@exercise
def q00_1(digest: Any) -> Feedback:
    """The article's sha256, as a hex string."""
    if isinstance(digest, bytes):
        return hint("that is the raw digest in bytes; call .hexdigest() instead of .digest().")
    if hasattr(digest, "hexdigest") and not isinstance(digest, str):
        return hint("that is the hash object itself; call .hexdigest() on it to get the text.")
    if not isinstance(digest, str):
        return hint(f"expected a hex string such as 'eb97…', got {type_name(digest)}.")
    expected = data.recorded_article_sha256()
    if digest.strip().lower() == expected:
        return correct("that is the article's fingerprint, and it matches the recorded one.")
    if digest.strip().lower() == hashlib.sha256(data.read_article().strip().encode()).hexdigest():
        return hint("close: you hashed the text after .strip(). Hash the file's bytes unchanged.")
    if len(digest.strip()) != 64:
        return hint(f"a sha256 hex digest has 64 characters; yours has {len(digest.strip())}.")
    return hint("not the article's digest. Hash article_path.read_bytes(): the file's bytes, unchanged.")


@exercise
def q00_2(n_sentences: Any) -> Feedback:
    """The number of sentences in the article."""
    expected = len(data.load("sentences"))
    n_sentences = whole_number(n_sentences) if whole_number(n_sentences) is not None else n_sentences
    if not isinstance(n_sentences, int) or isinstance(n_sentences, bool):
        return hint(f"expected a whole number such as 7, got {type_name(n_sentences)}.")
    if n_sentences == expected:
        return correct(f"{expected} sentences, each ending with a full stop.")
    if n_sentences == expected + 1:
        return hint("one too many: splitting on '.' leaves an empty piece after the last full stop.")
    return hint(f"{n_sentences} is not it. Count the full stops '.' in the article.")


@exercise
def q00_3(n_words: Any) -> Feedback:
    """The number of words, counted as whitespace-separated tokens."""
    article = data.read_article()
    expected = len(article.split())
    n_words = whole_number(n_words) if whole_number(n_words) is not None else n_words
    if not isinstance(n_words, int) or isinstance(n_words, bool):
        return hint(f"expected a whole number such as 7, got {type_name(n_words)}.")
    if n_words == expected:
        return correct(f"{expected} words, counted as pieces between whitespace (often called "
                       "tokens). Glued forms such as من761 count as one word here.")
    if n_words == len(article.split(" ")):
        return hint("close: split() without an argument handles every kind of whitespace.")
    if n_words == len(article):
        return hint("that is the number of characters, not words.")
    return hint(f"{n_words} is not it. Try len(article.split()).")


@exercise
def q00_4(sentence_ids: Any) -> Feedback:
    """The ids of the sentences that mention Twitter (تويتر), as a list of ints."""
    sentences = data.load("sentences")
    mask = sentences["text_raw"].str.contains("تويتر")
    expected = sorted(int(i) for i in sentences.loc[mask, "id"])
    if isinstance(sentence_ids, pd.DataFrame):
        return hint('that is a table; keep only its "id" column, as a list: ….loc[mask, "id"].tolist().')
    mask_hint = ('that is one True/False per sentence; use it to pick the ids: '
                 'sentences.loc[mask, "id"].tolist().')
    if isinstance(sentence_ids, pd.Series) and sentence_ids.dtype == bool:
        return hint(mask_hint)
    if isinstance(sentence_ids, (str, bytes, dict)) or not hasattr(sentence_ids, "__iter__"):
        return hint(f"expected a list of sentence ids, got {type_name(sentence_ids)}.")
    items = list(sentence_ids)
    if items and all(isinstance(i, (bool, np.bool_)) for i in items):
        return hint(mask_hint)
    numbers = [whole_number(i) for i in items]
    if None in numbers:
        return hint('sentence ids are whole numbers such as 3: take them from the "id" column.')
    given = sorted(numbers)
    if given == expected:
        return correct(f"sentences {expected} name Twitter (تويتر, Tuwītar).")
    if given == [i - 1 for i in expected]:
        return hint('those look like row positions, which count from 0; use the "id" column.')
    if set(given) < set(expected):
        return hint("some are missing: search every sentence's text_raw for 'تويتر'.")
    return hint("not quite: keep the ids of sentences whose text_raw contains 'تويتر'.")
