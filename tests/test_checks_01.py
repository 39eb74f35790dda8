"""Lesson 01's checks: right answers get ✅, typical wrong ones their specific 💡 hint, `...` "not attempted"."""

from __future__ import annotations

import re
import unicodedata

import pytest
from conftest import run_check as run

from counterprop import checks, data, text

# The right answers, computed the way solutions/01-the-raw-article.ipynb computes them.
ARTICLE = data.read_article()
QUERY = text.normalize("إلى")
TOUCHING = re.compile(
    "[\u0621-\u064a][0-9\u0660-\u0669\u06f0-\u06f9]|[0-9\u0660-\u0669\u06f0-\u06f9][\u0621-\u064a]"
)
GLUED = [token for token in ARTICLE.split() if TOUCHING.search(token)]
SAMPLE = "بلغ عدد الحسابات 3.5 مليون. هل انخفض العدد؟ نعم! انخفض كثيرا."


def sentence_spans(sample: str) -> list[tuple[int, int]]:
    end_mark = re.compile(r"[!?؟؛]|(?<![0-9])\.|\.(?![0-9])")
    ends = [mark.end() for mark in end_mark.finditer(sample)]
    starts = [0] + ends[:-1]
    starts = [start + len(sample[start:]) - len(sample[start:].lstrip()) for start in starts]
    return list(zip(starts, ends))


SPANS = sentence_spans(SAMPLE)

RIGHT = {
    "q01_1": (unicodedata.name("علي"[-1]),),
    "q01_2": (int("٢٣٥٬٠٠٠".replace("٬", "")),),
    "q01_3": (len(re.findall(rf"\b{QUERY}\b", text.split_glued_digits(text.normalize(ARTICLE)))),),
    "q01_4": (GLUED,),
    "q01_5": (SPANS, SAMPLE),
}

# (answers, words the specific hint must contain)
WRONG = {
    "q01_1": [
        (("ARABIC LETTER ALEF MAKSURA",), "standard spelling"),
        (("ي",), "character itself"),
        (("U+064A",), "code point"),
        (("ARABIC LETTER AIN",), "first letter"),
        ((ord("ي"),), "a str"),
    ],
    "q01_2": [
        ((235,), "part before the separator"),
        (("235000",), "still text"),
        ((235000.0,), "as a float"),
    ],
    "q01_3": [
        ((0,), "normalise the query"),
        ((len(re.findall(rf"\b{QUERY}\b", text.normalize(ARTICLE))),), "glued to a number"),
        ((3,), "one spelling"),
        ((text.normalize(ARTICLE).count(QUERY),), "substrings"),
        ((6.0,), "whole number"),
    ],
    "q01_4": [
        ((set(GLUED),), "not a set"),
        (([token for token in GLUED if token[-1].isalnum()],), "end with punctuation"),
        ((re.findall("[0-9]+", ARTICLE),), "whole tokens"),
        ((GLUED + ["الانترنت"],), "without a letter-digit contact"),
        (("عام2016",), "expected a list"),
    ],
    "q01_5": [
        (([(0, 19), (20, 27), *SPANS[1:]], SAMPLE), "decimal point"),
        ((SPANS[:2], SAMPLE), "question mark"),
        (([(max(start - 1, 0), end) for start, end in SPANS], SAMPLE), "skip the space"),
        (([(start, end - 1) for start, end in SPANS], SAMPLE), "include the end mark"),
        ((SPANS,), "both values"),
        ((["a", "b"], SAMPLE), "pair of two whole numbers"),
    ],
}


def test_every_lesson_01_check_has_right_and_wrong_answers_here():
    assert set(RIGHT) == {n for n in checks.CHECKS if n.startswith("q01_")} == set(WRONG)


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_the_right_answer_gets_a_tick(capsys, name):
    assert run(capsys, name, *RIGHT[name]).startswith("✅")


@pytest.mark.parametrize(
    ("name", "answers", "words"),
    [(name, answers, words) for name, cases in WRONG.items() for answers, words in cases],
)
def test_a_typical_wrong_answer_gets_its_specific_hint(capsys, name, answers, words):
    out = run(capsys, name, *answers)
    assert out.startswith("💡") and words in out, out


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_an_untouched_answer_is_not_attempted(capsys, name):
    answers = (...,) + RIGHT[name][1:]  # q01_5 also gets the sample, as in the notebook
    assert run(capsys, name, *answers).startswith("⏳ not attempted yet")


def test_the_right_values_are_the_articles():
    # Independent facts about the article, so the checks cannot silently drift.
    assert RIGHT["q01_1"] == ("ARABIC LETTER YEH",)
    assert RIGHT["q01_2"] == (235000,)
    assert RIGHT["q01_3"] == (6,)  # 3 الي + 3 إلي, one of them glued: الي194
    assert len(GLUED) == 13 and GLUED.count("عام2016") == 2
    assert SPANS == [(0, 27), (28, 43), (44, 48), (49, 61)]
    assert [SAMPLE[start:end] for start, end in SPANS][1] == "هل انخفض العدد؟"


def test_the_sample_spans_are_the_tested_tools():
    sentences = text.split_sentences(SAMPLE)
    assert SPANS == list(zip(sentences["start"], sentences["end"]))
