"""The files ``tools/grade.py`` writes: gradebook, feedback per learner, class summary.

Kept apart from the grading itself so that the wording and layout of the reports can be read
(and tested) in one place. Nothing here runs a notebook.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

GRADEBOOK_COLUMNS = ["learner", "lesson", "exercise", "status", "points", "feedback"]
FILES_COLUMNS = ["learner", "file", "lesson", "state", "seconds", "note", "same_cells_as"]
SYMBOLS = {
    "passed": "✅", "hint": "💡", "not_attempted": "⏳", "error": "❗", "timeout": "⏱",
    "not_reached": "⏭", "missing": "📭",
}
ORDER = list(SYMBOLS)
LABELS = {status: status.replace("_", " ") for status in ORDER}
TOP_HINTS = 10
CHART = "share-passed.png"


@dataclass(frozen=True)
class Row:
    """One learner × exercise: the status, the points earned of those possible, and why."""

    learner: str
    lesson: str
    exercise: str
    status: str
    points: float
    possible: float
    feedback: str


@dataclass
class Report:
    rows: list[Row]
    lessons: list[tuple[str, str, tuple[str, ...]]]  # number, title, check ids
    learners: list[str]
    files: list  # FileNote records from grade.py
    points: dict[str, float]
    course_version: str
    timeout: float


def number(value: float) -> str:
    """``1.0`` → ``"1"``, ``1.5`` → ``"1.5"``."""
    return f"{value:g}"


def plural(count: int, noun: str) -> str:
    """``plural(1, "learner")`` → ``"1 learner"``; with 2, ``"2 learners"``."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def count_statuses(statuses: Iterable[str]) -> str:
    """``"3 passed, 1 hint"``: the statuses that occur, in the fixed order."""
    counts = Counter(statuses)
    return ", ".join(f"{counts[s]} {LABELS[s]}" for s in ORDER if counts[s]) or "no exercises"


def exercise_label(check: str) -> str:
    """``"q05_3"`` → ``"exercise 3"``."""
    return f"exercise {check.split('_', 1)[1]}"


def _md(text: str) -> str:
    """Learner-supplied text made safe for Markdown: no HTML, no table breaks, one line."""
    return " ".join(text.replace("<", "&lt;").replace("|", "\\|").split())


def write_gradebook(report: Report, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(GRADEBOOK_COLUMNS)
        for row in report.rows:
            writer.writerow([row.learner, row.lesson, row.exercise, row.status, number(row.points),
                             row.feedback])


def write_files(report: Report, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(FILES_COLUMNS)
        for note in report.files:
            seconds = "" if note.seconds is None else f"{note.seconds:.1f}"
            writer.writerow([note.learner, note.file, note.lesson, note.state, seconds, note.note,
                             getattr(note, "same_cells_as", "")])


def write_points(report: Report, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["exercise", "points"])
        for _, _, checks in report.lessons:
            for check in checks:
                writer.writerow([check, number(report.points[check])])


def feedback_text(report: Report, learner: str) -> str:
    """The Markdown feedback for one learner: every exercise, its status and the check's words."""
    rows = [r for r in report.rows if r.learner == learner]
    passed = sum(r.status == "passed" for r in rows)
    earned = sum(r.points for r in rows)
    possible = sum(r.possible for r in rows)
    lines = [
        f"# Feedback for {_md(learner)}",
        "",
        f"You passed {passed} of {len(rows)} exercises ({number(earned)} of {number(possible)} "
        "points). Below, each exercise says what its check found, in the words you saw in the "
        "notebook. A 💡 hint says what to look at; “not attempted” means the `...` was still "
        "there. Every one of them can still be fixed: change the cell, run it and its check.",
    ]
    titles = {number_: title for number_, title, _ in report.lessons}
    for lesson in dict.fromkeys(r.lesson for r in rows):
        lines += ["", f"## {lesson} · {_md(titles.get(lesson, ''))}", ""]
        in_lesson = [r for r in rows if r.lesson == lesson]
        if len(in_lesson) > 1 and all(r.status == "missing" and r.feedback == in_lesson[0].feedback
                                      for r in in_lesson):
            lines.append(f"- {SYMBOLS['missing']} **All {len(in_lesson)} exercises**, missing: "
                         f"{_md(in_lesson[0].feedback)}")
            continue
        for row in in_lesson:
            label = exercise_label(row.exercise).capitalize()
            lines.append(f"- {SYMBOLS[row.status]} **{label}** (`{row.exercise}`), "
                         f"{LABELS[row.status]}: {_md(row.feedback)}")
    notes = [n for n in report.files if n.learner == learner and n.for_learner
             and (n.state != "graded" or n.note)]
    if notes:
        lines += ["", "## About your files", ""]
        for note in notes:
            state = note.state.replace("_", " ")
            detail = f"; {_md(note.note)}" if note.note else ""
            lines.append(f"- `{_md(note.file)}`: {state}{detail}.")
    return "\n".join(lines) + "\n"


def _normalise_hint(message: str) -> str:
    """A grouping key for hints: the numbers a learner typed should not split one misconception."""
    return re.sub(r"\d+(?:[.,]\d+)*", "#", message.strip().lower())


def frequent_hints(report: Report, top: int = TOP_HINTS) -> list[tuple[int, str, str]]:
    """The most frequent hints: (learners, exercise, the most common wording), most first."""
    groups: dict[tuple[str, str], Counter] = {}
    learners: dict[tuple[str, str], set[str]] = {}
    for row in report.rows:
        if row.status == "hint":
            key = (row.exercise, _normalise_hint(row.feedback))
            groups.setdefault(key, Counter())[row.feedback] += 1
            learners.setdefault(key, set()).add(row.learner)
    order = {check: i for i, check in enumerate(c for _, _, cs in report.lessons for c in cs)}
    ranked = sorted(groups, key=lambda k: (-len(learners[k]), order.get(k[0], 0), k[1]))
    return [(len(learners[k]), k[0], groups[k].most_common(1)[0][0]) for k in ranked[:top]]


def frequent_errors(report: Report, top: int = TOP_HINTS) -> list[tuple[int, str, str]]:
    """The most frequent errors by exercise and exception type: (learners, exercise, type)."""
    counts: Counter = Counter()
    for row in report.rows:
        if row.status == "error":
            match = re.search(r"could run: ([\w.]+)", row.feedback)
            counts[(row.exercise, match[1] if match else "the kernel stopped")] += 1
    return [(n, ex, kind) for (ex, kind), n in counts.most_common(top)]


def share_passed(report: Report) -> list[tuple[str, int, int]]:
    """(exercise, learners who passed, learners) for every exercise, in course order."""
    out = []
    for _, _, checks in report.lessons:
        for check in checks:
            rows = [r for r in report.rows if r.exercise == check]
            out.append((check, sum(r.status == "passed" for r in rows), len(rows)))
    return out


def draw_chart(report: Report, path: Path) -> None:
    """A horizontal bar per exercise: the share of all learners whose check passed."""
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    from counterprop import style

    style.apply()
    shares = share_passed(report)
    n_learners = len(report.learners)
    labels = [f"{c} · lesson {c[1:3]}, {exercise_label(c)}" for c, _, _ in shares]
    values = [100 * passed / total if total else 0 for _, passed, total in shares]
    fig, ax = plt.subplots(figsize=(7.5, 1.2 + 0.3 * len(shares)))
    bars = ax.barh(labels, values, color=style.PALETTE[0])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("learners whose check passed (%)")
    ax.set_title(f"Share of the {plural(n_learners, 'learner')} who passed each exercise")
    for bar, (_, passed, total) in zip(bars, shares, strict=True):
        inside = bar.get_width() >= 80  # long bars carry their label inside, at the end
        ax.annotate(f"{passed} of {total}", (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(-4 if inside else 4, 0), textcoords="offset points",
                    va="center", ha="right" if inside else "left", fontsize=9)
    fig.savefig(path)
    plt.close(fig)


def summary_text(report: Report, now: dt.datetime | None = None) -> str:
    """The class summary in Markdown: chart, status table, shared misconceptions, files."""
    now = now or dt.datetime.now(dt.UTC)
    n_exercises = sum(len(c) for _, _, c in report.lessons)
    lines = [
        "# Class summary",
        "",
        f"{plural(len(report.learners), 'learner')}, {plural(len(report.lessons), 'lesson')} with "
        f"{plural(n_exercises, 'checked exercise')}, graded on {now:%Y-%m-%d %H:%M} UTC with "
        f"course version `{report.course_version}`; time limit {report.timeout:g} s per notebook.",
        "",
        f"![Share of the learners who passed each exercise]({CHART})",
        "",
        "Figure: for each exercise, the share of all learners whose check passed (a learner who "
        "handed in no notebook for the lesson counts as not passed); the label gives the count.",
        "",
        "## Status per exercise",
        "",
        "| Exercise | " + " | ".join(LABELS[s].capitalize() for s in ORDER) + " |",
        "|---|" + "---:|" * len(ORDER),
    ]
    for _, _, checks in report.lessons:
        for check in checks:
            counts = Counter(r.status for r in report.rows if r.exercise == check)
            lines.append(f"| `{check}` | " + " | ".join(str(counts[s]) for s in ORDER) + " |")
    others = ORDER[1:]
    lines += ["", "## Learners", "",
              "| Learner | Passed | Points | " + " | ".join(LABELS[s].capitalize() for s in others)
              + " |", "|---|---:|---:|" + "---:|" * len(others)]
    for learner in report.learners:
        rows = [r for r in report.rows if r.learner == learner]
        counts = Counter(r.status for r in rows)
        earned, possible = sum(r.points for r in rows), sum(r.possible for r in rows)
        lines.append(f"| {_md(learner)} | {counts['passed']} of {len(rows)} | "
                     f"{number(earned)} of {number(possible)} | "
                     + " | ".join(str(counts[s]) for s in others) + " |")
    lines += [
        "",
        "## The class's most frequent hints",
        "",
        "Each row is one hint, as the check words it, and how many learners got it: the class's "
        "shared misconceptions. Numbers a learner typed are ignored when hints are grouped.",
        "",
    ]
    hints = frequent_hints(report)
    if hints:
        lines += ["| Learners | Exercise | Hint |", "|---:|---|---|"]
        lines += [f"| {n} | `{check}` | {_md(text)} |" for n, check, text in hints]
    else:
        lines.append("No hints: every checked answer either passed or was not attempted.")
    errors = frequent_errors(report)
    if errors:
        lines += ["", "## Errors before the check", "",
                  "| Learners | Exercise | Error |", "|---:|---|---|"]
        lines += [f"| {n} | `{check}` | {_md(kind)} |" for n, check, kind in errors]
    lines += ["", "## Files to look at", ""]
    flagged = [n for n in report.files if n.for_learner and (n.state != "graded" or n.note)]
    if flagged:
        lines += ["| Learner | File | State | Note |", "|---|---|---|---|"]
        lines += [f"| {_md(n.learner) or '(none)'} | `{_md(n.file)}` | "
                  f"{n.state.replace('_', ' ')} | {_md(n.note)} |" for n in flagged]
    else:
        lines.append("None: every file was an exercise notebook of this course version.")
    timed = sorted(n.seconds for n in report.files if n.seconds is not None)
    shared = sum(1 for n in report.files if getattr(n, "same_cells_as", ""))
    if timed:
        lines += ["", "## Grading time", "",
                  f"{plural(len(timed), 'notebook')} run; median {timed[len(timed) // 2]:.1f} s, "
                  f"slowest {timed[-1]:.1f} s per notebook (kernel start included)."]
        if shared:
            lines[-1] += (f" {plural(shared, 'more notebook')} had the same cells as one of these, "
                          "for the same lesson, and share its statuses (files.csv names which).")
    return "\n".join(lines) + "\n"


def write_all(report: Report, out: Path) -> None:
    """Write gradebook.csv, files.csv, points.csv, feedback/<learner>.md and the summary."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "feedback").mkdir(exist_ok=True)
    write_gradebook(report, out / "gradebook.csv")
    write_files(report, out / "files.csv")
    write_points(report, out / "points.csv")
    for learner in report.learners:
        text = feedback_text(report, learner)
        (out / "feedback" / f"{learner}.md").write_text(text, encoding="utf-8")
    draw_chart(report, out / CHART)
    (out / "summary.md").write_text(summary_text(report), encoding="utf-8")
