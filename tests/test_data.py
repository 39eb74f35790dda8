"""The data package: valid, typed, traceable, and guarded against edits."""

from __future__ import annotations

import hashlib
import re

import frictionless
import pandas as pd
import pytest
from conftest import ROOT

from counterprop import data

ARTICLE = ROOT / "data" / "article" / "ar.txt"


def _errors(report: frictionless.Report) -> list:
    return report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def test_data_package_is_valid():
    report = frictionless.validate(str(ROOT / "data" / "datapackage.json"))
    assert report.valid, _errors(report)


def test_every_csv_in_data_is_described_by_the_package():
    described = {r["path"] for r in data.descriptor()["resources"]}
    on_disk = {p.name for p in (ROOT / "data").glob("*.csv")}
    assert on_disk <= described, f"tables missing from datapackage.json: {on_disk - described}"


def test_article_checksum_matches_the_recorded_one():
    actual = hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    assert actual == data.recorded_article_sha256()
    assert actual == data.load("article").loc[0, "sha256"]


def test_article_is_the_shared_original_byte_for_byte():
    shared = ROOT.parent / "shared" / "article" / "ar.txt"
    if not shared.exists():
        pytest.skip("the shared original is not beside this clone")
    assert ARTICLE.read_bytes() == shared.read_bytes()


def test_one_changed_byte_in_the_article_fails_validation(course_copy):
    article = course_copy / "data" / "article" / "ar.txt"
    raw = bytearray(article.read_bytes())
    raw[-1] ^= 0x01  # flip one bit of the last byte
    article.write_bytes(bytes(raw))
    report = frictionless.validate(str(course_copy / "data" / "datapackage.json"))
    assert not report.valid
    assert any(e[3] == "hash-count" for e in _errors(report))
    assert data.sha256_of_file(article) != data.recorded_article_sha256(course_copy / "data")


def test_article_record_matches_the_text():
    record = data.load("article").iloc[0]
    text = data.read_article()
    assert record["characters"] == len(text) == 2350
    assert not text.endswith("\n")


@pytest.mark.parametrize("name", data.table_names())
def test_every_table_loads_with_schema_dtypes(name):
    table = data.load(name)
    resource = next(r for r in data.descriptor()["resources"] if r["name"] == name)
    expected = {"integer": "Int64", "number": "Float64", "boolean": "boolean", "string": "str"}
    for field in resource["schema"]["fields"]:
        dtype = str(table[field["name"]].dtype)
        if field.get("type", "string") == "date":
            assert dtype.startswith("datetime64"), (name, field["name"], dtype)
        else:
            assert dtype == expected[field.get("type", "string")], (name, field["name"], dtype)


def test_sentence_offsets_slice_the_article():
    text = data.read_article()
    sentences = data.load("sentences")
    assert len(sentences) == 12 == text.count(".")
    for row in sentences.itertuples():
        assert text[row.start:row.end] == row.text_raw
    gaps = [text[a:b] for a, b in zip(sentences["end"][:-1], sentences["start"][1:])]
    assert all(gap.strip() == "" for gap in gaps)


def test_sources_have_a_url_and_a_date_or_a_reason():
    sources = data.load("sources")
    assert sources["url"].str.match(r"https?://").all()
    undated = sources[sources["date"] == "undated"]
    assert undated["date_note"].notna().all(), list(undated["source_id"])


def test_the_glossary_covers_the_arabic_terms_of_lesson_00():
    glossary = set(data.load("glossary")["term_ar"])
    for term in ["داعش", "الجهاد الالكتروني", "الأهرام المسائي", "تويتر"]:
        assert term in glossary


# --- a broken table gets a clear error naming the table and the field ---------------------


def _rewrite(course_copy, table: str, edit) -> None:
    path = course_copy / "data" / f"{table}.csv"
    frame = edit(pd.read_csv(path, dtype=str, keep_default_na=False))
    frame.to_csv(path, index=False)


def test_a_value_of_the_wrong_type_names_table_field_row_and_value(course_copy):
    _rewrite(course_copy, "sentences", lambda f: f.assign(start=["x", *f["start"][1:]]))
    with pytest.raises(data.SchemaError, match=r"table 'sentences', field 'start', row 2: got 'x', expected an integer"):
        data.load("sentences", course_copy / "data")


def test_a_missing_required_value_is_named(course_copy):
    _rewrite(course_copy, "sources", lambda f: f.assign(url=["", *f["url"][1:]]))
    with pytest.raises(data.SchemaError, match=r"table 'sources', field 'url', row 2: .*required"):
        data.load("sources", course_copy / "data")


def test_a_missing_column_is_named(course_copy):
    _rewrite(course_copy, "glossary", lambda f: f.drop(columns=["english"]))
    with pytest.raises(data.SchemaError, match=r"table 'glossary'.*missing field\(s\): english"):
        data.load("glossary", course_copy / "data")


def test_a_value_outside_an_enum_is_named(course_copy):
    _rewrite(course_copy, "sources", lambda f: f.assign(kind=["tertiary", *f["kind"][1:]]))
    with pytest.raises(data.SchemaError, match=r"field 'kind', row 2: got 'tertiary', expected one of"):
        data.load("sources", course_copy / "data")
    assert not frictionless.validate(str(course_copy / "data" / "datapackage.json")).valid


def test_a_duplicated_key_is_named(course_copy):
    _rewrite(course_copy, "sentences", lambda f: f.assign(id=["1"] * len(f)))
    with pytest.raises(data.SchemaError, match=r"table 'sentences', field 'id', row 3: .*unique"):
        data.load("sentences", course_copy / "data")


def test_an_unknown_table_lists_the_tables():
    with pytest.raises(KeyError, match=r"no course table named 'articles'; did you mean 'article'\?"):
        data.load("articles")
    with pytest.raises(KeyError, match=r"no course table named 'zzz'; data.table_names\(\) lists them all"):
        data.load("zzz")


def test_a_table_name_of_the_wrong_type_is_a_type_error():
    with pytest.raises(TypeError, match="got int"):
        data.load(3)


def test_no_table_holds_a_link_to_a_social_media_account_or_a_hash():
    # Aggregates only: sources may link to reports and news, never to accounts or content.
    account = re.compile(r"https?://(www\.)?(twitter|x|t|telegram|facebook|youtube)\.(com|me)/(?!.*(blog|policy))", re.IGNORECASE)
    sha_like = re.compile(r"\b[0-9a-f]{32,}\b")
    for csv in (ROOT / "data").glob("*.csv"):
        text = csv.read_text(encoding="utf-8")
        assert not account.search(text), csv.name
        if csv.name != "article.csv":  # the article's own checksum is the one allowed hash
            assert not sha_like.search(text), csv.name


def test_an_empty_boolean_cell_loads_as_missing_not_false():
    # verdicts.csv leaves window_matches empty where no date or window is stated (c01), and
    # gives false only where the window is wrong (c09).
    window = data.load("verdicts").set_index("claim_id")["window_matches"]
    assert window.dtype == "boolean"
    assert bool(window.isna()["c01"])
    assert window["c09"] == False  # noqa: E712
    assert not window.isna()["c09"]
