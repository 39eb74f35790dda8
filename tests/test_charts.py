"""counterprop.charts, the Arabic rendering path, and reproducible PNG files.

Arabic: matplotlib >= 3.11 shapes Arabic itself, so the course passes plain strings and never
runs them through arabic_reshaper or python-bidi (on 3.11 that draws text backwards). These
tests render real Arabic and check, from the pixels, that the letters are joined and the words
laid out right to left, and they check that no course code reshapes labels.
"""

from __future__ import annotations

import doctest
import functools
import re
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from conftest import ROOT, notebooks, read  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402

from counterprop import charts, data, style  # noqa: E402

SUSPENSIONS = data.load("suspensions")
PERIODS = SUSPENSIONS[SUSPENSIONS["figure_kind"] == "period"].sort_values("window_start")


@pytest.fixture(autouse=True)
def _style_and_cleanup():
    style.apply()
    yield
    plt.close("all")


def test_doctests():
    assert doctest.testmod(charts).failed == 0


# --- dates at a stated precision ------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "precision", "first", "last"),
    [
        ("2015-06-03", "day", "2015-06-03", "2015-06-03"),
        ("2015-07", "month", "2015-07-01", "2015-07-31"),
        ("2016-02", "month", "2016-02-01", "2016-02-29"),  # a leap year
        ("2017", "year", "2017-01-01", "2017-12-31"),
    ],
)
def test_date_span(date, precision, first, last):
    assert charts.date_span(date, precision) == (pd.Timestamp(first), pd.Timestamp(last))


@pytest.mark.parametrize(
    ("date", "precision", "message"),
    [
        ("", "unknown", "cannot place a date of precision 'unknown'"),
        ("2015-07", "day", "not written at precision 'day'"),
        ("2015-07-01", "month", "not written at precision 'month'"),
        (None, "year", "not written at precision 'year'"),
    ],
)
def test_date_span_refuses_what_it_cannot_place(date, precision, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        charts.date_span(date, precision)


def test_with_spans_adds_start_end_and_middle():
    events = charts.with_spans(data.load("events")).set_index("event_id")
    memo = events.loc["ev_2015_12_paycut_memo"]
    assert (memo["start"], memo["end"]) == (pd.Timestamp("2015-12-01"), pd.Timestamp("2015-12-31"))
    assert memo["middle"] == pd.Timestamp("2015-12-16")
    emwazi = events.loc["ev_2015_11_12_emwazi"]
    assert emwazi["start"] == emwazi["end"] == emwazi["middle"] == pd.Timestamp("2015-11-12")
    assert (events["start"] <= events["middle"]).all() and (events["middle"] <= events["end"]).all()


def test_with_spans_refuses_undated_rows_by_name():
    estimates = data.load("official_estimates")
    with pytest.raises(ValueError, match=r"1 row\(s\) have no usable date.*'unknown'"):
        charts.with_spans(estimates)
    dated = charts.with_spans(estimates[estimates["date_precision"] != "unknown"])
    assert len(dated) == len(estimates) - 1 and dated["middle"].notna().all()


# --- qualifiers -----------------------------------------------------------------------------


@pytest.mark.parametrize("table", ["official_estimates", "production", "suspensions"])
def test_every_qualifier_in_the_course_tables_has_a_reading(table):
    used = set(data.load(table)["qualifier"].fillna(""))
    assert used <= set(charts.READING), used - set(charts.READING)


def test_every_reading_has_its_own_marker():
    assert set(charts.READING.values()) | {"range"} == set(charts.MARKER)
    assert len(set(charts.MARKER.values())) == len(charts.MARKER)


# --- reporting windows ----------------------------------------------------------------------


def test_draw_windows_draws_one_interval_per_window():
    fig, ax = plt.subplots()
    bars = charts.draw_windows(ax, PERIODS)
    assert len(bars) == len(PERIODS)
    starts = matplotlib.dates.date2num(PERIODS["window_start"])
    ends = matplotlib.dates.date2num(PERIODS["window_end"])
    assert [bar.get_x() for bar in bars] == pytest.approx(list(starts))
    assert [bar.get_x() + bar.get_width() for bar in bars] == pytest.approx(list(ends))
    assert [bar.get_hatch() or "" for bar in bars] == [
        "//" if c == "blog" else "" for c in PERIODS["channel"]]
    texts = [t.get_text() for t in ax.texts]
    # Twitter's own February 2016 post is primary; the reports were read in news stories.
    assert texts[0] == "over 125,000" and texts[2] == "376,890 [s]"
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "blog, Feb 2016"
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # first window on top


def test_draw_windows_takes_arabic_labels_unchanged():
    fig, ax = plt.subplots()
    labels = ["بحظر أكثر من125 ألف حساب", "وحذف235 ألف حساب اضافي"]
    charts.draw_windows(ax, PERIODS.head(2), labels=labels, value_labels=["أ", "ب"])
    assert [t.get_text() for t in ax.get_yticklabels()] == labels
    assert [t.get_text() for t in ax.texts] == ["أ", "ب"]


def test_draw_windows_wants_one_label_per_window():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="got 5 windows, 1 labels"):
        charts.draw_windows(ax, PERIODS, labels=["only one"])


def test_draw_windows_leaves_room_for_its_labels_and_dates_every_tick():
    fig, ax = plt.subplots(figsize=(8, 3.4))
    charts.draw_windows(ax, PERIODS)
    assert charts.chart_problems(fig) == []
    fig.canvas.draw()
    frame = ax.get_window_extent()
    assert all(t.get_window_extent().x1 <= frame.x1 for t in ax.texts)


# --- status tags ----------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "derived", "tag"), [
    ("primary", False, ""), ("secondary", False, " [s]"), ("primary", True, " [d]"),
    ("secondary", True, " [s, d]")])
def test_status_tag(kind, derived, tag):
    assert charts.status_tag(kind, derived) == tag


def test_status_tag_refuses_an_unknown_kind_by_name():
    with pytest.raises(ValueError, match="'tertiary'"):
        charts.status_tag("tertiary")


def test_the_status_key_explains_both_tags_under_the_figure():
    fig, ax = plt.subplots()
    key = charts.status_key(fig)
    assert "[s] secondary" in key.get_text() and "[d] derived" in key.get_text()
    fig.canvas.draw()
    assert key.get_window_extent().y1 < ax.get_window_extent().y0


def test_the_25000_killed_is_marked_secondary_and_derived():
    estimates = data.load("official_estimates").set_index("estimate_id")
    row = estimates.loc["fk_2016_01"]
    assert (row["value_low"], row["qualifier"]) == (25_000, "at least")
    assert charts.status_tag(row["kind"], row["derived"]) == " [s, d]"
    assert not estimates.drop("fk_2016_01")["derived"].any()


# --- chart furniture ------------------------------------------------------------------------


def crowded_points():
    """Four points close together, the way the foreign-fighter estimates of February 2016 sit."""
    fig, ax = plt.subplots(figsize=(6, 3.5))
    x = pd.to_datetime(["2016-02-09", "2016-02-23", "2016-02-23", "2015-11-20"])
    y = [36_500, 35_000, 25_000, 30_000]
    ax.plot(x, y, marker="o", linestyle=":")
    ax.set_ylim(0, 50_000)
    charts.date_axis(ax)
    return fig, ax, x, y


def test_naive_labels_collide_and_chart_problems_says_which():
    fig, ax, x, y = crowded_points()
    for xi, yi, text in zip(x, y, ["more than 36,500", "35,000", "about 25,000", "30,000"]):
        ax.annotate(text, (xi, yi), xytext=(8, 4), textcoords="offset points")
    problems = charts.chart_problems(fig)
    assert "'more than 36,500' overlaps '35,000'" in problems


def test_place_labels_finds_a_free_place_for_each_label():
    fig, ax, x, y = crowded_points()
    labels = charts.place_labels(ax, x, y, ["more than 36,500", "35,000", "about 25,000", "30,000"])
    assert [label.get_text() for label in labels] == ["more than 36,500", "35,000",
                                                      "about 25,000", "30,000"]
    assert charts.chart_problems(fig) == []


def test_place_labels_keeps_clear_of_a_line_through_the_point():
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot([0, 10], [0, 10])  # a diagonal line through the labelled point
    ax.plot([5], [5], marker="o")
    (label,) = charts.place_labels(ax, [5], [5], ["the middle"])
    assert charts.chart_problems(fig) == []
    assert label.get_text() == "the middle"


def test_place_labels_wants_one_text_per_point():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="got 2 x values, 2 y values and 1 texts"):
        charts.place_labels(ax, [1, 2], [1, 2], ["one"])


def test_chart_problems_finds_a_label_crossed_by_a_line():
    fig, ax = plt.subplots()
    ax.plot([0, 10], [5, 5])
    ax.set_xlim(0, 10)
    ax.text(5, 5, "crossed", ha="center", va="center")
    assert charts.chart_problems(fig) == ["'crossed' is crossed by a line or covers a marker"]


def test_chart_problems_finds_date_ticks_without_a_year():
    fig, ax = plt.subplots()
    ax.plot(pd.to_datetime(["2015-07-01", "2016-03-01"]), [1, 2])
    ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%b"))
    assert any("shows no year" in p for p in charts.chart_problems(fig))
    charts.date_axis(ax)
    assert charts.chart_problems(fig) == []
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert ticks and all(re.search(r"\d{4}", t) for t in ticks)


def test_date_axis_refuses_an_unknown_axis():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="'z'"):
        charts.date_axis(ax, axis="z")


def test_chart_problems_finds_a_title_cut_off_at_the_edge():
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.set_title("a title far too long for a figure three inches wide, cut off at its edge")
    assert any("runs off the edge" in p for p in charts.chart_problems(fig))


def test_legend_keeps_one_entry_per_label_and_hides_no_data():
    fig, ax = plt.subplots(figsize=(6, 4))
    for i in range(3):  # three points that share a label, as the timeline's markers do
        ax.plot([i], [i], marker="o", linestyle="", color="C0", label="in the article")
    ax.plot([0, 2], [2, 2], marker="s", linestyle="", color="C1", label="context")
    ax.set(xlim=(-0.5, 2.5), ylim=(-0.5, 2.5))
    box = charts.legend(ax, title="events")
    assert [t.get_text() for t in box.get_texts()] == ["in the article", "context"]
    assert charts.chart_problems(fig) == []


def test_a_legend_over_data_is_reported():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [1, 1], marker="o", label="a series along the top")
    ax.set_ylim(0, 1.05)
    ax.legend(loc="upper left")
    assert "the legend covers data" in charts.chart_problems(fig)


def test_legend_says_nothing_when_nothing_has_a_label():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    assert charts.legend(ax) is None


# --- every chart of lesson 04, lesson and solutions -----------------------------------------


@functools.cache
def shown_figures(path):
    """Run a notebook's code cells here and return each figure it shows, by cell number."""
    namespace, shown = {}, []
    cells = read(path).cells
    for number, cell in enumerate(cells):
        if cell.cell_type != "code" or "raises-exception" in cell.metadata.get("tags", []):
            continue
        source = "\n".join(line for line in cell.source.splitlines() if not line.startswith("%"))
        namespace["plt"] = plt
        original = plt.show
        plt.show = lambda *args, number=number, **kwargs: shown.append((number, plt.gcf()))
        try:
            exec(compile(source, f"{path.name}, cell {number}", "exec"), namespace)
        finally:
            plt.show = original
    return shown


@pytest.mark.parametrize("folder", ["notebooks", "solutions"])
def test_every_lesson_04_chart_is_free_of_collisions_and_dates_every_tick(folder, capsys):
    path = ROOT / folder / "04-charts-that-tell-the-truth.ipynb"
    shown = shown_figures(path)
    assert len(shown) >= 5
    problems = {number: charts.chart_problems(fig) for number, fig in shown}
    assert problems == {number: [] for number, _ in shown}


def test_lesson_04_draws_the_articles_10000_as_a_rise_not_a_level():
    shown = dict(shown_figures(ROOT / "notebooks" / "04-charts-that-tell-the-truth.ipynb"))
    killed_chart = next(fig for fig in shown.values()
                        if "claimed totals" in (fig._suptitle.get_text() if fig._suptitle else ""))
    ax = killed_chart.axes[0]
    levels = [line for line in ax.get_lines()
              if len(set(np.round(line.get_ydata(), 6))) == 1 and 10_000 in line.get_ydata()]
    assert not levels  # no horizontal line at 10,000 on an axis of running totals
    arrows = [a for a in ax.texts if getattr(a, "arrow_patch", None) is not None]
    rises = [a.xy[1] - a.xyann[1] for a in arrows
             if a.xycoords == "data" and a.get_anncoords() == "data"]
    assert 10_000 in rises


# --- the Arabic rendering path --------------------------------------------------------------

FONT = FontProperties(family=style.ARABIC_FONT, size=40)


def text_width(text: str) -> float:
    fig = plt.figure()
    width, _, _ = fig.canvas.get_renderer().get_text_width_height_descent(text, FONT, ismath=False)
    return width


def inked_columns(text: str) -> np.ndarray:
    """For each pixel column of a rendering of ``text``: does it hold any ink?"""
    fig = plt.figure(figsize=(8, 1), dpi=100)
    fig.text(0.02, 0.3, text, fontproperties=FONT, color="black")
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3].min(axis=2)
    columns = (pixels < 128).any(axis=0)
    first, last = np.flatnonzero(columns)[[0, -1]]
    return columns[first:last + 1]


def widest_gap(columns: np.ndarray) -> tuple[int, int]:
    """Start and length of the longest run of blank columns (the space between two words)."""
    best, start = (0, 0), None
    for i, inked in enumerate([*columns, True]):
        if not inked and start is None:
            start = i
        elif inked and start is not None:
            best = max(best, (i - start, start))
            start = None
    return best[1], best[0]


def test_this_matplotlib_shapes_arabic_itself():
    assert style.has_native_arabic_shaping()
    family = matplotlib.rcParams["font.family"]
    default_font = matplotlib.font_manager.findfont(FontProperties(family=family))
    assert default_font.endswith("DejaVuSans.ttf"), default_font  # a font with Arabic glyphs


def test_arabic_letters_are_joined():
    # Joined letters take their connected forms, far narrower than the same letters drawn
    # apart (isolated forms), which is what a renderer without shaping shows.
    word = "تويتر"
    isolated = sum(text_width(letter) for letter in word)
    assert text_width(word) < 0.7 * isolated


def test_arabic_words_run_right_to_left():
    # "الجهاد الالكتروني": the first word in reading order must be drawn on the right.
    first, second = "الجهاد", "الالكتروني"
    phrase = inked_columns(f"{first} {second}")
    gap_start, gap_length = widest_gap(phrase)
    left_part, right_part = gap_start, len(phrase) - gap_start - gap_length
    first_alone, second_alone = len(inked_columns(first)), len(inked_columns(second))
    assert abs(second_alone - first_alone) > 50  # the test can tell the two words apart
    assert abs(right_part - first_alone) <= 2 and abs(left_part - second_alone) <= 2


def test_the_course_passes_arabic_labels_as_plain_strings():
    # No course code may reshape or reorder Arabic before matplotlib draws it, and no chart
    # code may hold already-reshaped text (Arabic presentation forms, U+FB50-U+FDFF and
    # U+FE70-U+FEFF, are what arabic_reshaper outputs).
    reshaping = re.compile(r"^\s*(import|from)\s+(arabic_reshaper|bidi)\b|get_display\(", re.M)
    presentation_forms = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
    draws_text = re.compile(r"set_title|set_[xy]label|set_[xy]tick|\.text\(|annotate\(|suptitle"
                            r"|legend\(|draw_windows|plt\.|sns\.")
    sources = [(p.name, p.read_text(encoding="utf-8")) for p in (ROOT / "counterprop").glob("*.py")]
    for path in notebooks():
        sources += [(path.name, c.source) for c in read(path).cells if c.cell_type == "code"]
    for name, source in sources:
        assert not reshaping.search(source), f"{name} reshapes Arabic text"
        chart_code = name.endswith(".ipynb") and draws_text.search(source)
        if name in ("charts.py", "style.py") or chart_code:
            assert not presentation_forms.search(source), f"{name} draws reshaped Arabic"


def test_lessons_save_figures_only_under_work():
    for path in notebooks("notebooks", "solutions"):
        for cell in read(path).cells:
            for call in re.findall(r"savefig\(([^,)]*)", cell.source):
                assert call.strip().startswith("work"), f"{path.name} saves a figure outside work/"


# --- reproducible PNG files -----------------------------------------------------------------

RENDER = """
import sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from counterprop import charts, data, style

style.apply()
suspensions = data.load("suspensions")
windows = suspensions[suspensions["figure_kind"] == "period"].sort_values("window_start")
fig, ax = plt.subplots(figsize=(8, 3.4))
charts.draw_windows(ax, windows)
ax.set_title("أعلن تويتر تعليق 235 ألف حساب في أغسطس 2016، لا في ديسمبر", loc="right")
fig.savefig(sys.argv[1])
"""


def test_a_chart_saves_to_the_same_png_bytes_every_time(tmp_path):
    paths = [tmp_path / f"run{i}.png" for i in (1, 2)]
    # Two separate Python processes, as two learners would run it (side by side, to save time).
    runs = [subprocess.Popen([sys.executable, "-c", RENDER, str(p)], cwd=ROOT) for p in paths]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    first, second = (p.read_bytes() for p in paths)
    assert first[:8] == b"\x89PNG\r\n\x1a\n" and len(first) > 10_000
    assert first == second
