"""Provenance as data (lesson 03): verdicts agree with the research, sums add up, windows overlap
where the research says they do, and every figure resolves to a dated source with a quote."""

from __future__ import annotations

import pandas as pd
import pytest

from counterprop import data

VERDICTS = data.load("verdicts")
LINKS = data.load("claim_sources")
SOURCES = data.load("sources")
SUSPENSIONS = data.load("suspensions")
ACCOUNTS = SUSPENSIONS.set_index("window_id")["accounts"]

# research/facts.md section (a), claim by claim: its verdict, and the course's verdict class.
FACTS_VERDICTS = {
    "c01": "reworded",              # accurate as a paraphrase, but "losing" became "lost"
    "c02": "reworded",              # approximately right, source role garbled
    "c03": "reworded",              # approximately right ("propagandists" became "preachers")
    "c04": "reworded",              # garbled in three places
    "c05": "reworded",              # approximately right, but the wording drifted
    "c06": "unsupported",           # copied from HuffPost; 761 and 194 not checkable against the CTC
    "c07": "exact",                 # accurate
    "c08": "exact",                 # number accurate, context missing
    "c09": "wrong_date_or_window",  # garbled (wrong date)
    "c10": "reworded",              # approximately right (Microsoft omitted, automation overstated)
    "c11": "exact",                 # accurate: Jihadi John killed by a drone
    "c12": "exact",                 # accurate
    "c13": "reworded",              # approximately right (vague)
    "c14": "unsupported",           # not verifiable; inconsistent with official figures
    "c15": "exact",                 # 50% cut accurate (its stated cause is unsupported)
    "c16": "opinion",               # opinion, not checkable
}


def _source_tables() -> list[tuple[str, str]]:
    """Every (table, column) with a foreign key to sources."""
    found = []
    for resource in data.descriptor()["resources"]:
        for key in resource.get("schema", {}).get("foreignKeys", []):
            if key["reference"]["resource"] == "sources":
                found.append((resource["name"], key["fields"]))
    return found


def _spellings(value: int) -> list[str]:
    """How a whole number may be written in a quote: 1,210,357 / 1.210.357 / 1 210 357 / 1210357."""
    grouped = f"{value:,}"
    return [grouped, grouped.replace(",", "."), grouped.replace(",", " "), str(value)]


# --- one verdict per claim, agreeing with facts.md ----------------------------------------


def test_every_claim_of_facts_md_has_exactly_one_verdict_row():
    ids = VERDICTS["claim_id"].tolist()
    assert sorted(ids) == [f"c{i:02d}" for i in range(1, 17)]
    assert len(ids) == len(set(ids))


def test_verdicts_agree_with_facts_md():
    assert dict(zip(VERDICTS["claim_id"], VERDICTS["verdict"])) == FACTS_VERDICTS


@pytest.mark.parametrize(("claim_id", "verdict"), [
    ("c09", "wrong_date_or_window"),  # the 235,000 "in December 2016"
    ("c14", "unsupported"),           # "about 10,000 killed in 18 months"
    ("c11", "exact"),                 # Jihadi John's death by drone
])
def test_the_issues_named_verdicts(claim_id, verdict):
    assert VERDICTS.set_index("claim_id").loc[claim_id, "verdict"] == verdict


def test_every_claim_is_quoted_verbatim_from_the_article_inside_its_sentence():
    text = data.read_article()
    sentences = data.load("sentences").set_index("id")
    for row in VERDICTS.itertuples():
        assert text[row.char_start:row.char_end] == row.claim_ar, row.claim_id
        sentence = sentences.loc[row.sentence_id]
        assert sentence["start"] <= row.char_start < row.char_end <= sentence["end"], row.claim_id


def test_no_source_supports_the_10000_killed_in_18_months():
    c14 = LINKS[LINKS["claim_id"] == "c14"]
    assert "supports" not in set(c14["relation"])
    assert (c14["relation"] == "contradicts").sum() >= 1


def test_761_appears_only_in_the_huffpost_story():
    # The article's 761 matches no source but the story it copied (facts.md claim 6 and (d) 2).
    quoted = pd.concat([
        LINKS[["source_id", "quote"]], SOURCES[["source_id", "quote"]],
        data.load("production")[["source_id", "quote"]],
    ])
    with_761 = quoted[quoted["quote"].str.contains(r"\b761\b")]
    assert set(with_761["source_id"]) == {"huffpost_2017"}


def test_december_2016_is_the_hash_database_not_the_235000():
    window = SUSPENSIONS.set_index("window_id").loc["tw_blog_2016_08"]
    assert window["accounts"] == 235_000
    assert window["announced"] == pd.Timestamp("2016-08-18")
    assert window["window_end"] < pd.Timestamp("2016-12-01")
    events = data.load("events")
    december = events[events["date"].str.startswith("2016-12")]
    assert december["source_id"].tolist() == ["hash_db_2016"]


# --- Twitter's windows: the totals that add up, and the windows that overlap ---------------


def test_transparency_report_totals_add_up_exactly():
    assert ACCOUNTS["tw_tr_2016h2_cum"] == 636_248
    assert ACCOUNTS["tw_tr_2016h2_cum"] + ACCOUNTS["tw_tr_2017h1"] == ACCOUNTS["tw_tr_2017h1_cum"] == 935_897
    assert ACCOUNTS["tw_tr_2017h1"] == 299_649
    assert ACCOUNTS["tw_tr_2017h1_cum"] + ACCOUNTS["tw_tr_2017h2"] == ACCOUNTS["tw_tr_2017h2_cum"] == 1_210_357
    assert ACCOUNTS["tw_tr_2017h2"] == 274_460


def test_every_transparency_report_total_is_the_previous_plus_the_half_year():
    reports = SUSPENSIONS[SUSPENSIONS["channel"] == "transparency_report"]
    cumulative = reports[reports["figure_kind"] == "cumulative"].set_index("window_end")["accounts"]
    half_year = reports[reports["figure_kind"] == "period"].set_index("window_end")["accounts"]
    assert (reports.loc[reports["figure_kind"] == "cumulative", "window_start"] == pd.Timestamp("2015-08-01")).all()
    assert (cumulative.shift(1) + half_year).iloc[1:].tolist() == cumulative.iloc[1:].tolist()


def test_blog_figures_add_up():
    assert ACCOUNTS["tw_blog_2016_02"] + ACCOUNTS["tw_blog_2016_08"] == ACCOUNTS["tw_blog_2016_08_cum"] == 360_000


def _overlapping_period_pairs() -> set[frozenset[str]]:
    """The lesson's rule, written independently with pandas Intervals (closed on the left)."""
    periods = SUSPENSIONS[SUSPENSIONS["figure_kind"] == "period"]
    intervals = {row.window_id: pd.Interval(row.window_start, row.window_end, closed="left")
                 for row in periods.itertuples()}
    ids = sorted(intervals)
    return {frozenset((a, b)) for i, a in enumerate(ids) for b in ids[i + 1:]
            if intervals[a].overlaps(intervals[b])}


def test_the_overlap_check_flags_the_feb_aug_2016_blog_window_against_h2_2016():
    assert _overlapping_period_pairs() == {frozenset({"tw_blog_2016_08", "tw_tr_2016h2"})}


def test_the_lessons_self_merge_rule_finds_the_same_single_pair():
    periods = SUSPENSIONS[SUSPENSIONS["figure_kind"] == "period"]
    pairs = periods.merge(periods, how="cross", suffixes=("", "_other"))
    pairs = pairs[pairs["window_id"] < pairs["window_id_other"]]
    hit = (pairs["window_start"] < pairs["window_end_other"]) & (pairs["window_start_other"] < pairs["window_end"])
    found = {frozenset(p) for p in zip(pairs.loc[hit, "window_id"], pairs.loc[hit, "window_id_other"])}
    assert found == _overlapping_period_pairs()
    overlap = pairs[hit].iloc[0]
    days = (min(overlap["window_end"], overlap["window_end_other"])
            - max(overlap["window_start"], overlap["window_start_other"])).days
    assert days == 48  # 1 Jul to 18 Aug 2016


def test_the_naive_sum_of_period_figures_exceeds_twitters_own_total():
    periods = SUSPENSIONS[SUSPENSIONS["figure_kind"] == "period"]
    assert periods["accounts"].sum() == 1_310_999 > ACCOUNTS["tw_tr_2017h2_cum"]


# --- every figure resolves to a dated source with a quote ----------------------------------


@pytest.mark.parametrize(("table", "column"), _source_tables())
def test_every_source_id_resolves(table, column):
    frame = data.load(table)
    known = set(SOURCES["source_id"])
    used = set(frame[column].dropna())
    assert used <= known, sorted(used - known)


def test_every_verdict_rests_on_a_quoted_link():
    linked = set(zip(LINKS["claim_id"], LINKS["source_id"]))
    for row in VERDICTS.itertuples():
        assert (row.claim_id, row.source_id) in linked, row.claim_id
    assert set(LINKS["claim_id"]) <= set(VERDICTS["claim_id"])


def test_every_source_has_a_url_and_a_date_or_an_explicit_undated_with_a_reason():
    assert SOURCES["url"].str.match(r"https?://\S+").all()
    dated = SOURCES["date"].str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?")
    undated = SOURCES["date"] == "undated"
    assert (dated | undated).all()
    reasons = SOURCES.loc[undated, "date_note"].fillna("").str.strip()
    assert (reasons.str.len() > 0).all(), SOURCES.loc[undated & (reasons == ""), "source_id"].tolist()


@pytest.mark.parametrize("table", ["sources", "claim_sources", "suspensions", "official_estimates",
                                   "production", "events"])
def test_no_row_lacks_a_short_quote(table):
    quotes = data.load(table)["quote"].fillna("").str.strip()
    assert (quotes.str.len() > 0).all()
    assert (quotes.str.len() <= 320).all(), quotes[quotes.str.len() > 320].tolist()


@pytest.mark.parametrize(("table", "columns"), [
    ("suspensions", ["accounts"]),
    ("official_estimates", ["value_low", "value_high"]),
    ("production", ["count"]),
])
def test_every_figure_appears_in_its_quote(table, columns):
    frame = data.load(table)
    for _, row in frame.iterrows():
        for column in columns:
            assert any(s in row["quote"] for s in _spellings(int(row[column]))), (table, row.iloc[0], column)


def test_every_corrected_value_appears_in_the_quote_of_its_source():
    linked = LINKS.set_index(["claim_id", "source_id"])["quote"]
    numeric = VERDICTS[VERDICTS["corrected_value"].notna()]
    assert len(numeric) >= 4
    for row in numeric.itertuples():
        quote = linked[(row.claim_id, row.source_id)]
        value = int(row.corrected_value)
        words = ["half"] if (row.corrected_unit, value) == ("percent", 50) else _spellings(value)
        assert any(w in quote for w in words), row.claim_id
