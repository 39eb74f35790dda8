"""Lesson 04 checks: right charts get ✅, typical wrong ones their own 💡 hint, `...` "not attempted".

The chart checks read the Axes a learner drew on, so these tests draw the solution's charts
(and typical mistakes) with the Agg backend, as solutions/04-charts-that-tell-the-truth.ipynb
draws them.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
import seaborn as sns  # noqa: E402
from conftest import run_check as run

from counterprop import charts, checks, data, style  # noqa: E402

NAMES = ["q04_1", "q04_2", "q04_3", "q04_4", "q04_5"]

SUSPENSIONS = data.load("suspensions")
PRODUCTION = data.load("production")
ESTIMATES = data.load("official_estimates")
HALF_YEARS = SUSPENSIONS[(SUSPENSIONS["channel"] == "transparency_report")
                         & (SUSPENSIONS["figure_kind"] == "period")].sort_values("window_start")
DESCRIPTION = (
    "Figure: A bar chart of the accounts Twitter suspended for promoting terrorism in three "
    "half-years, from its transparency reports; the y-axis counts accounts and starts at zero. "
    "The bars fall from 376,890 (July to December 2016) to 299,649 (January to June 2017) and "
    "274,460 (July to December 2017): about a quarter fewer in a year."
)


@pytest.fixture(autouse=True)
def _style_and_cleanup():
    style.apply()
    yield
    plt.close("all")


def new_axes():
    return plt.subplots()[1]


# --- the solution's charts ---------------------------------------------------------------


def half_year_bars(rows=HALF_YEARS, bottom=0, title="Suspensions fell by about a quarter"):
    ax = new_axes()
    names = (rows["window_start"].dt.strftime("%b %Y") + "–"
             + rows["window_end"].dt.strftime("%b %Y"))
    sns.barplot(x=names.to_list(), y=rows["accounts"].to_list(), color=style.PALETTE[1], ax=ax)
    ax.set_ylim(bottom=bottom)
    ax.set_title(title)
    return ax


def separate_series():
    ax = new_axes()
    sns.lineplot(data=PRODUCTION, x="period_start", y="count", hue="series_id",
                 style="series_id", markers=True, estimator=None, ax=ax)
    return ax


def arabic_title(title="تويتر: 360 ألف حساب منذ منتصف 2015", loc="right"):
    ax = new_axes()
    blog = SUSPENSIONS[(SUSPENSIONS["channel"] == "blog")
                       & (SUSPENSIONS["figure_kind"] == "period")]
    charts.draw_windows(ax, blog)
    ax.set_title(title, loc=loc)
    return ax


def killed_claims(keep_undated=False, one_marker=False, bottom=0, title="Claims rose sixfold"):
    ax = new_axes()
    killed = ESTIMATES[ESTIMATES["metric"] == "fighters_killed_cumulative"]
    if keep_undated:  # an undated row cannot get a middle date; put it on a made-up one
        rows = killed.assign(middle=range(len(killed)))
    else:
        rows = charts.with_spans(killed[killed["date_precision"] != "unknown"])
    rows = rows.assign(reading=rows["qualifier"].fillna("").map(charts.READING))
    if one_marker:
        ax.scatter(rows["middle"], rows["value_low"])
    else:
        sns.scatterplot(data=rows, x="middle", y="value_low", hue="reading", style="reading",
                        markers=charts.MARKER, ax=ax)
    ax.set_ylim(bottom=bottom)
    ax.set_title(title)
    return ax


RIGHT = {
    "q04_1": half_year_bars,
    "q04_2": separate_series,
    "q04_3": lambda: DESCRIPTION,
    "q04_4": arabic_title,
    "q04_5": killed_claims,
}


def test_every_lesson_04_check_is_tested_here():
    assert set(RIGHT) == {n for n in checks.CHECKS if n.startswith("q04_")} == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_solution_gets_a_tick(capsys, name):
    assert run(capsys, name, RIGHT[name]()).startswith("✅")


@pytest.mark.parametrize("name", NAMES)
def test_an_untouched_answer_is_not_attempted(capsys, name):
    assert run(capsys, name, ...).startswith("⏳ not attempted yet")


@pytest.mark.parametrize("name", ["q04_1", "q04_2", "q04_4", "q04_5"])
def test_an_empty_chart_says_nothing_is_drawn_yet(capsys, name):
    out = run(capsys, name, new_axes())
    assert out.startswith("💡") and ("nothing is drawn" in out or "title is still empty" in out)


@pytest.mark.parametrize("name", ["q04_1", "q04_2", "q04_4", "q04_5"])
def test_a_figure_instead_of_its_axes_gets_a_hint(capsys, name):
    fig, _ = plt.subplots()
    assert "pass the Axes" in run(capsys, name, fig)


# --- typical wrong answers, each with its own hint -----------------------------------------


def test_q04_1_the_right_total_is_27_percent_down(capsys):
    out = run(capsys, "q04_1", half_year_bars())
    assert "376,890" in out and "274,460" in out and "27%" in out


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        (SUSPENSIONS[SUSPENSIONS["figure_kind"] == "period"], "blog figures"),
        (SUSPENSIONS[SUSPENSIONS["channel"] == "transparency_report"], "cumulative rows"),
        (SUSPENSIONS, "every row"),
        (HALF_YEARS.iloc[::-1], "date order"),
    ],
)
def test_q04_1_wrong_rows(capsys, rows, words):
    out = run(capsys, "q04_1", half_year_bars(rows))
    assert out.startswith("💡") and words in out


def test_q04_1_a_truncated_axis_is_caught(capsys):
    out = run(capsys, "q04_1", half_year_bars(bottom=250_000))
    assert out.startswith("💡") and "starts at 250,000" in out


def test_q04_1_a_missing_title_is_caught(capsys):
    assert "add a title" in run(capsys, "q04_1", half_year_bars(title=""))


def test_q04_2_the_spliced_line_is_caught(capsys):
    ax = new_axes()
    spliced = PRODUCTION.sort_values(["period_start", "series_id"]).drop_duplicates("period_start")
    ax.plot(spliced["period_start"], spliced["count"], marker="o")
    assert "splice" in run(capsys, "q04_2", ax)


def test_q04_2_indices_instead_of_counts_are_caught(capsys):
    ax = new_axes()
    for _, rows in PRODUCTION.groupby("series_id"):
        ax.plot(rows["period_start"], 100 * rows["count"] / rows["count"].iloc[0])
    assert "count column" in run(capsys, "q04_2", ax)


def test_q04_2_a_missing_series_is_named(capsys):
    ax = new_axes()
    for series_id, rows in PRODUCTION.groupby("series_id"):
        if series_id != "ihs_2017":
            ax.plot(rows["period_start"], rows["count"])
    out = run(capsys, "q04_2", ax)
    assert out.startswith("💡") and "ihs_2017" in out


@pytest.mark.parametrize(
    ("description", "words"),
    [
        (DESCRIPTION.removeprefix("Figure: "), "start with 'Figure:'"),
        ("Figure: bars of 376,890, 299,649 and 274,460 suspended accounts.", "only 9 words"),
        (DESCRIPTION.replace("274,460", "a smaller number"), "missing: 274,460"),
        (DESCRIPTION.replace("suspended", "removed"), "what is counted"),
        (DESCRIPTION.replace("A bar chart", "A chart").replace("y-axis", "vertical line")
         .replace("The bars fall", "The numbers fall"), "what kind of chart"),
        (DESCRIPTION.replace("The bars fall from", "The values are")
         .replace("a quarter fewer", "that").replace(") to ", "), ").replace(") and ", "), "),
         "state the finding"),
        (42, "a string"),
    ],
)
def test_q04_3_typical_gaps(capsys, description, words):
    out = run(capsys, "q04_3", description)
    assert out.startswith("💡") and words in out


def test_q04_3_accepts_rounded_figures(capsys):
    rounded = (DESCRIPTION.replace("376,890", "377,000").replace("299,649", "300 thousand")
               .replace("274,460", "0.274 million"))
    assert run(capsys, "q04_3", rounded).startswith("✅")


@pytest.mark.parametrize(
    ("title", "loc", "words"),
    [
        ("Twitter: 360,000 accounts", "right", "no Arabic letters"),
        ("\ufe97\ufeee\ufef3\ufe98\ufeae", "right", "presentation forms"),  # reshaped تويتر
        ("رتيوت: 360 ألف حساب", "right", "reversed"),
        ("حساب منذ منتصف 2015", "right", "contain the word تويتر"),
        ("تويتر: 360 ألف حساب منذ منتصف 2015", "center", "loc='right'"),
    ],
)
def test_q04_4_typical_mistakes(capsys, title, loc, words):
    out = run(capsys, "q04_4", arabic_title(title, loc))
    assert out.startswith("💡") and words in out


def test_q04_5_the_undated_row_is_caught(capsys):
    out = run(capsys, "q04_5", killed_claims(keep_undated=True))
    assert out.startswith("💡") and "no date" in out


def test_q04_5_qualifiers_by_colour_alone_are_caught(capsys):
    assert "same marker" in run(capsys, "q04_5", killed_claims(one_marker=True))


def test_q04_5_a_truncated_axis_is_caught(capsys):
    assert "starts at 5,000" in run(capsys, "q04_5", killed_claims(bottom=5_000))


def test_q04_5_foreign_fighters_mixed_in_are_caught(capsys):
    ax = new_axes()
    ax.plot(range(len(ESTIMATES)), ESTIMATES["value_low"], marker="o", linestyle="")
    assert "foreign fighters" in run(capsys, "q04_5", ax)


# --- the solutions' fuller charts still pass ------------------------------------------------


def test_q04_2_dotted_lines_with_bound_markers_and_dodged_days_pass(capsys):
    # The solution draws each study as a dotted line, its bounds as triangles (a scatter on
    # top) and moves studies that counted the same month to different days of that month.
    ax = new_axes()
    counts = PRODUCTION.assign(reading=PRODUCTION["qualifier"].map(charts.READING))
    counts["day"] = counts["period_start"] + pd.to_timedelta(
        counts.groupby("period_start").cumcount() * 9 + 3, unit="D")
    sns.lineplot(data=counts, x="day", y="count", hue="series_id", estimator=None,
                 linestyle=":", ax=ax)
    sns.scatterplot(data=counts, x="day", y="count", hue="series_id", style="reading",
                    markers=charts.MARKER, ax=ax, legend=False)
    assert run(capsys, "q04_2", ax).startswith("✅")


def test_q04_5_a_range_drawn_as_a_range_passes(capsys):
    ax = killed_claims(title="Claimed totals went from more than 10,000 to 60,000–70,000")
    dated = ESTIMATES[(ESTIMATES["metric"] == "fighters_killed_cumulative")
                      & (ESTIMATES["date_precision"] != "unknown")]
    ranges = charts.with_spans(dated[dated["value_low"] != dated["value_high"]])
    ax.vlines(ranges["middle"], ranges["value_low"], ranges["value_high"])
    assert len(ranges) >= 1
    assert run(capsys, "q04_5", ax).startswith("✅")
