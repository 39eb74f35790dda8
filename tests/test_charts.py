"""counterprop.charts, the Arabic rendering path, and reproducible PNG files.

Arabic: matplotlib >= 3.11 shapes Arabic itself, so the course passes plain strings and never
runs them through arabic_reshaper or python-bidi (on 3.11 that draws text backwards). These
tests render real Arabic and check, from the pixels, that the letters are joined and the words
laid out right to left, and they check that no course code reshapes labels.
"""

from __future__ import annotations

import doctest
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
    assert texts[0] == "over 125,000" and texts[2] == "376,890"
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
