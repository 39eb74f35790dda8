"""Lessons 01-02: the shipped tables are exactly what counterprop.text builds from the article.

sentences.csv (offsets and the text_norm view), numbers.csv, claims.csv and attributions.csv are
checked against the raw article and the tested text tools, so that a change to either shows up
here, and so that the tables the lessons build stay equal to the ones the course ships.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import ROOT, read

from counterprop import data, text

ARTICLE = data.read_article()
SENTENCES = data.load("sentences")
NUMBERS = data.load("numbers")
CLAIMS = data.load("claims")
ATTRIBUTIONS = data.load("attributions")
VERDICTS = data.load("verdicts")
LESSONS = {
    "01": ROOT / "notebooks" / "01-the-raw-article.ipynb",
    "02": ROOT / "notebooks" / "02-from-text-to-claims.ipynb",
}


def sentence_of(position: int) -> int:
    inside = SENTENCES[(SENTENCES["start"] <= position) & (position < SENTENCES["end"])]
    assert len(inside) == 1, position
    return int(inside["id"].iloc[0])


def resource(name: str) -> dict:
    return next(r for r in data.descriptor()["resources"] if r["name"] == name)


# --------------------------------------------------------------------------- sentences


def test_sentence_spans_are_split_sentences_of_the_article():
    built = text.split_sentences(ARTICLE)
    assert SENTENCES["id"].tolist() == list(range(1, len(built) + 1))
    assert SENTENCES["start"].tolist() == built["start"].tolist()
    assert SENTENCES["end"].tolist() == built["end"].tolist()
    assert SENTENCES["text_raw"].tolist() == built["text"].tolist()


def test_text_norm_is_normalize_with_every_rule_on():
    assert SENTENCES["text_norm"].tolist() == [text.normalize(t) for t in SENTENCES["text_raw"]]
    # The view changes the article: hamza forms and teh marbuta, never its length here.
    assert (SENTENCES["text_norm"] != SENTENCES["text_raw"]).all()
    assert (SENTENCES["text_norm"].str.len() == SENTENCES["text_raw"].str.len()).all()
    assert not SENTENCES["text_norm"].str.contains("[أإآىة]").any()


def test_text_norm_sits_between_text_raw_and_text_en():
    fields = [f["name"] for f in resource("sentences")["schema"]["fields"]]
    assert fields == ["id", "start", "end", "text_raw", "text_norm", "text_en"]
    assert list(SENTENCES.columns) == fields


# --------------------------------------------------------------------------- numbers


def built_numbers(article: str) -> pd.DataFrame:
    """numbers.csv as lesson 02 builds it."""
    found = text.find_numbers(article)
    found.insert(0, "number_id", [f"n{k:02d}" for k in range(1, len(found) + 1)])
    found.insert(1, "sentence_id", found["start"].map(sentence_of))
    return found


def test_numbers_table_is_find_numbers_of_the_article():
    pd.testing.assert_frame_equal(built_numbers(ARTICLE), NUMBERS, check_dtype=False)


def test_number_spans_slice_the_raw_article():
    for row in NUMBERS.itertuples():
        assert ARTICLE[row.start:row.end] == row.raw
        assert sentence_of(row.start) == row.sentence_id == sentence_of(row.end - 1)


@pytest.mark.parametrize("digits", ["٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"], ids=["arabic-indic", "persian"])
def test_the_numbers_table_survives_other_digit_families(digits):
    rewritten = ARTICLE.translate(str.maketrans("0123456789", digits))
    built = built_numbers(rewritten)
    columns = ["number_id", "sentence_id", "start", "end", "value", "is_percent", "multiplier", "kind"]
    pd.testing.assert_frame_equal(built[columns], NUMBERS[columns], check_dtype=False)
    assert built["raw"].tolist() == [raw.translate(str.maketrans("0123456789", digits)) for raw in NUMBERS["raw"]]


# --------------------------------------------------------------------------- claims


def test_claims_are_the_verdicts_claims():
    # Lesson 03 joins claims and verdicts on claim_id: same ids, same words, same sentences.
    assert CLAIMS["claim_id"].tolist() == VERDICTS["claim_id"].tolist() == [f"c{k:02d}" for k in range(1, 17)]
    assert CLAIMS["claim_ar"].tolist() == VERDICTS["claim_ar"].tolist()
    assert CLAIMS["sentence_id"].tolist() == VERDICTS["sentence_id"].tolist()


def test_claim_text_is_a_unique_verbatim_piece_of_its_sentence():
    for claim in CLAIMS.itertuples():
        assert ARTICLE.count(claim.claim_ar) == 1, claim.claim_id
        start = ARTICLE.index(claim.claim_ar)
        assert sentence_of(start) == claim.sentence_id == sentence_of(start + len(claim.claim_ar) - 1)


def test_claim_values_are_their_numbers_values_from_inside_the_claim():
    numbers = NUMBERS.set_index("number_id")
    for claim in CLAIMS.itertuples():
        if pd.isna(claim.number_id):
            assert pd.isna(claim.value) and pd.isna(claim.unit), claim.claim_id
            continue
        number = numbers.loc[claim.number_id]
        start = ARTICLE.index(claim.claim_ar)
        assert start <= number["start"] and number["end"] <= start + len(claim.claim_ar), claim.claim_id
        assert number["kind"] in {"count", "percent"}, claim.claim_id  # a year is never a value
        assert claim.value == number["value"], claim.claim_id
        assert isinstance(claim.unit, str) and claim.unit, claim.claim_id
    assert CLAIMS.loc[CLAIMS["unit"] == "percent", "number_id"].map(numbers["is_percent"]).all()


def test_claim_periods_come_from_years_written_in_the_claim():
    for claim in CLAIMS.itertuples():
        years = set(text.find_numbers(claim.claim_ar).query("kind == 'year'")["value"].astype(int))
        for bound in (claim.period_start, claim.period_end):
            if not pd.isna(bound):
                assert bound.year in years, claim.claim_id
        if not pd.isna(claim.period_start) and not pd.isna(claim.period_end):
            assert claim.period_start <= claim.period_end, claim.claim_id


@pytest.mark.parametrize(("claim_id", "month"), [("c06", "2016-08"), ("c09", "2016-12")])
def test_month_claims_cover_the_whole_month(claim_id, month):
    claim = CLAIMS.set_index("claim_id").loc[claim_id]
    period = pd.Period(month, freq="M")
    assert claim["period_start"] == period.start_time
    assert claim["period_end"] == period.end_time.normalize()


def test_claimbuster_labels_agree_with_the_verdicts():
    labels = CLAIMS.set_index("claim_id")["claimbuster_label"]
    opinion = VERDICTS.set_index("claim_id")["verdict"] == "opinion"
    assert set(labels) == {"non_factual", "unimportant_factual", "check_worthy_factual"}
    assert ((labels == "non_factual") == opinion).all()


# --------------------------------------------------------------------------- attributions

CUES = {
    "ذكر": "reported", "نقلت": "relayed (quoted)", "قوله": "his saying", "مضيفا": "adding",
    "تقدر": "estimates", "وفقا": "according to", "قال": "said", "أعلن": "announced",
}
POINTS_BACK = {"قوله", "مضيفا"}
SOURCES = {
    "هافنجتون بوست": ("HuffPost", "huffpost_2017"),
    "لاكومي": ("Lakomy", "lakomy_2017"),
    "مركز مكافحة الارهاب": ("CTC", "milton_2016"),
    "الحكومة الامريكية": ("US government", None),
}


def built_attributions() -> pd.DataFrame:
    """attributions.csv by lesson 02's rule: a clause-opening cue takes the next named source,
    a cue that points back takes the previous one."""
    cue_re = re.compile(r"(?<!\w)و?(" + "|".join(text.normalize(c) for c in CUES) + r")(?!\w)")
    spelling = {text.normalize(c): c for c in CUES}
    rows = []
    for claim in CLAIMS.itertuples():
        view = text.normalize(claim.claim_ar)
        named = sorted((m.start(), m.end(), name) for name in SOURCES
                       for m in re.finditer(text.normalize(name), view))
        for match in cue_re.finditer(view):
            cue = spelling[match[1]]
            if cue in POINTS_BACK:
                name = [n for s, e, n in named if e <= match.start()][-1]
            else:
                name = [n for s, e, n in named if s >= match.end()][0]
            rows.append({"claim_id": claim.claim_id, "cue": cue, "cue_en": CUES[cue],
                         "source_named": SOURCES[name][0], "source_id": SOURCES[name][1]})
    return pd.DataFrame(rows)


def test_attributions_table_is_the_cue_rule_applied_to_the_claims():
    pd.testing.assert_frame_equal(built_attributions(), ATTRIBUTIONS, check_dtype=False)


def test_attributions_name_the_articles_sources():
    assert ATTRIBUTIONS.groupby("claim_id")["source_named"].apply(list).to_dict() == {
        "c02": ["HuffPost"], "c04": ["HuffPost", "Lakomy", "Lakomy"], "c05": ["US government"], "c06": ["CTC"],
    }
    sources = set(data.load("sources")["source_id"])
    assert set(ATTRIBUTIONS["source_id"].dropna()) <= sources


def test_twitter_is_an_actor_never_a_source():
    assert "تويتر" in ARTICLE
    assert not ATTRIBUTIONS["source_named"].str.contains("Twitter").any()


# --------------------------------------------------------------------------- data package


def test_foreign_keys_join_the_lesson_tables():
    def keys(name):
        return [(fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"])
                for fk in resource(name)["schema"].get("foreignKeys", [])]

    assert ("sentence_id", "sentences", "id") in keys("numbers")
    assert ("sentence_id", "sentences", "id") in keys("claims")
    assert ("number_id", "numbers", "number_id") in keys("claims")
    assert ("claim_id", "claims", "claim_id") in keys("attributions")
    assert ("source_id", "sources", "source_id") in keys("attributions")
    assert ("claim_id", "claims", "claim_id") in keys("verdicts")


# --------------------------------------------------------------------------- the lessons


def code_of(path) -> str:
    return "\n".join(c.source for c in read(path).cells if c.cell_type == "code")


@pytest.mark.parametrize(
    ("lesson", "tables"), [("01", ["sentences"]), ("02", ["numbers", "attributions"])]
)
def test_lessons_assert_that_they_build_the_shipped_tables(lesson, tables):
    code = code_of(LESSONS[lesson])
    assert "pd.testing.assert_frame_equal" in code
    for table in tables:
        assert f'data.load("{table}")' in code


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_lessons_do_not_import_pyarabic(lesson):
    # pyarabic's pitfalls are shown as recorded text; the course does not install it.
    assert not re.search(r"^\s*(import|from)\s+pyarabic", code_of(LESSONS[lesson]), re.M)


GLOSSED = re.compile(r"([\u0600-\u06FF][\u0600-\u06FF ]*[\u0600-\u06FF])(?:,\s|\s\()\*[^*]+\*")


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_every_arabic_term_glossed_in_the_lesson_is_in_the_glossary(lesson):
    glossary = set(data.load("glossary")["term_ar"])
    cells = [c for c in read(LESSONS[lesson]).cells if c.cell_type == "markdown"]
    terms = {term for c in cells for term in GLOSSED.findall(c.source)}
    assert terms, "the lesson glosses its Arabic terms inline"
    assert terms <= glossary, sorted(terms - glossary)


def test_the_lessons_key_arabic_terms_are_in_the_glossary():
    glossary = set(data.load("glossary")["term_ar"])
    cues = set(CUES) | {"أكثر من", "نحو", "فقط"}
    multipliers = {"ألف", "آلاف", "الف", "الاف", "مليون", "ملايين", "مليار"}
    spellings = {"على", "علي", "إلى", "الي", "إلي", "ألف مقصورة", "تاء مربوطة", "همزة", "تشكيل", "تطويل"}
    names = {"هافنجتون بوست", "ميرون لاكومي", "مركز مكافحة الارهاب", "الحكومة الامريكية", "تويتر"}
    assert (cues | multipliers | spellings | names) <= glossary
