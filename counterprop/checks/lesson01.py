"""Checks for lesson 01, The raw article."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from numbers import Integral
from typing import Any

from counterprop import data
from counterprop import text as _text
from counterprop.checks.base import Feedback, correct, exercise, hint, is_number, type_name

__all__ = ["q01_1", "q01_2", "q01_3", "q01_4", "q01_5"]


# An Arabic letter and a digit of any family touching, in either order (lesson 01).
_L01_LETTER_DIGIT = re.compile(
    "[\u0621-\u064a][0-9\u0660-\u0669\u06f0-\u06f9]|[0-9\u0660-\u0669\u06f0-\u06f9][\u0621-\u064a]"
)


def _l01_words(word: str, view: str) -> int:
    """How many times ``word`` occurs in ``view`` as a whole word."""
    return len(re.findall(rf"\b{re.escape(word)}\b", view))


@exercise
def q01_1(last_letter: Any) -> Feedback:
    """The Unicode name of the last letter of the article's spelling علي."""
    article_spelling = re.search(r"\bعلي\b", data.read_article()).group()
    expected = unicodedata.name(article_spelling[-1])
    if not isinstance(last_letter, str):
        return hint(f"expected a name such as 'ARABIC LETTER ...' (a str), got {type_name(last_letter)}.")
    answer = last_letter.strip().upper()
    if answer == expected:
        return correct(f"{expected}: the article types ي (U+064A), the letter that also ends the name Ali.")
    if answer == unicodedata.name("ى"):
        return hint("that is ى, the last letter of the standard spelling على. "
                    "The article types another letter: look at \"علي\"[-1].")
    if len(answer) == 1:
        return hint("that is the character itself; unicodedata.name(...) gives its name.")
    if answer.startswith("U+"):
        return hint("that is the code point; the exercise asks for the name, from unicodedata.name(...).")
    if answer == unicodedata.name(article_spelling[0]):
        return hint("that is the first letter, ع; the last character of a string is [-1].")
    return hint("not that one. Try unicodedata.name(\"علي\"[-1]).")


_L01_ACCOUNTS_TEXT = "٢٣٥٬٠٠٠"


@exercise
def q01_2(accounts: Any) -> Feedback:
    """The integer value of ٢٣٥٬٠٠٠ (Arabic-Indic digits, Arabic thousands separator)."""
    expected = int(_text.to_ascii_digits(_L01_ACCOUNTS_TEXT).replace(",", ""))
    if isinstance(accounts, str):
        return hint("that is still text; turn it into a number with int(...).")
    if not is_number(accounts):
        return hint(f"expected a whole number (int), got {type_name(accounts)}.")
    if accounts == expected:
        if isinstance(accounts, Integral):
            return correct(f"{expected:,}: Python reads Arabic-Indic digits once the ٬ is gone.")
        return hint("the right value, but as a float; the exercise asks for an int.")
    if accounts == expected // 1000:
        return hint("that is only the part before the separator ٬; remove the separator, "
                    "don't split on it.")
    return hint(f"{accounts} is not it. Remove '٬' with .replace('٬', ''), then call int(...).")


@exercise
def q01_3(n_ila: Any) -> Feedback:
    """How many words of the normalised article, glued digits split, equal the normalised إلى."""
    article = data.read_article()
    view = _text.normalize(article)
    query = _text.normalize("إلى")
    expected = _l01_words(query, _text.split_glued_digits(view))
    if isinstance(n_ila, bool) or not isinstance(n_ila, Integral):
        return hint(f"expected a whole number (int), got {type_name(n_ila)}.")
    if n_ila == expected:
        return correct(f"{expected}: the view merges الي and إلي, so one query finds both.")
    if n_ila == 0:
        return hint("normalise the query too: text.normalize('إلى') is 'الي'.")
    if n_ila == _l01_words(query, view):
        return hint("one is missing: الي194 is glued to a number, and \\b sees no word boundary "
                    "between a letter and a digit. Split glued digits first (text.split_glued_digits).")
    split_raw = _text.split_glued_digits(article)
    if n_ila in {_l01_words(w, a) for w in ("الي", "إلي") for a in (article, split_raw)}:
        return hint("that counts one spelling of the raw text only; count in the normalised view, "
                    "where الي and إلي become one word.")
    if n_ila == view.count(query):
        return hint("that counts substrings too (الي is inside words such as حاليا); "
                    "count whole words with \\b...\\b.")
    return hint(f"{n_ila} is not it. Normalise, split glued digits, then count whole words.")


@exercise
def q01_4(glued: Any) -> Feedback:
    """The whitespace tokens of the article in which an Arabic letter and a digit touch."""
    tokens = data.read_article().split()
    expected = [token for token in tokens if _L01_LETTER_DIGIT.search(token)]
    if isinstance(glued, (str, bytes)) or not hasattr(glued, "__iter__"):
        return hint(f"expected a list of tokens (str), got {type_name(glued)}.")
    given = list(glued)
    if not all(isinstance(token, str) for token in given):
        return hint("every item of the list should be a token (a str) from article.split().")
    if Counter(given) == Counter(expected):
        return correct(f"all {len(expected)} glued tokens: every number in the article is glued to a word.")
    if set(given) == set(expected):
        return hint("some tokens appear twice in the article (عام2016); keep every token, "
                    "duplicates too: use a list, not a set.")
    if all(re.fullmatch("[0-9%.]+", token) for token in given) and given:
        return hint("keep the whole tokens (such as عام2016), not only their digits.")
    missing = Counter(expected) - Counter(given)
    if missing and all(not token[-1].isalnum() for token in missing):
        return hint("you missed the tokens that end with punctuation (a full stop, %): search inside "
                    "each token with re.search, don't require the whole token to match.")
    if Counter(given) - Counter(expected):
        return hint("your list has tokens without a letter-digit contact; keep only tokens where an "
                    "Arabic letter and a digit touch.")
    return hint(f"{len(given)} tokens; the article has {len(expected)}. Check each token with re.search.")


@exercise
def q01_5(spans: Any, sample: Any = None) -> Feedback:
    """(start, end) pairs of the sentences of the exercise's sample text."""
    if not isinstance(sample, str):
        return hint("call the check with both values: check.q01_5(spans, sample).")
    sentences = _text.split_sentences(sample)
    expected = list(zip(sentences["start"].tolist(), sentences["end"].tolist()))
    if isinstance(spans, (str, bytes)) or not hasattr(spans, "__iter__"):
        return hint(f"expected a list of (start, end) pairs, got {type_name(spans)}.")
    try:
        given = [(int(start), int(end)) for start, end in spans]
    except (TypeError, ValueError):
        return hint("each item should be a pair of two whole numbers: (start, end).")
    if given == expected:
        return correct(f"{len(expected)} sentences, each sliced back exactly by sample[start:end].")
    decimal = re.search(r"[0-9]\.[0-9]", sample)
    if decimal and any(end == decimal.start() + 2 for _, end in given):
        return hint("a full stop between two digits (3.5) is a decimal point, not the end of a sentence.")
    if len(given) < len(expected):
        return hint("some sentences are missing: the Arabic question mark ؟ and ! end sentences too.")
    if [end for _, end in given] == [end for _, end in expected]:
        return hint("the ends are right; each start should skip the space before the sentence.")
    if [end + 1 for _, end in given] == [end for _, end in expected]:
        return hint("include the end mark: end is the position just after it (mark.end()).")
    return hint("not quite. Check that sample[start:end] gives each sentence with its end mark.")
