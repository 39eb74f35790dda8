"""Score find_numbers(words=True) on the hand-annotated news passages in tests/news/.

``tests/news/passages.csv`` holds short excerpts of ordinary Arabic news (outlet,
country, address, date); ``tests/news/expected.csv`` lists, by hand, every quantity
in them with its value or range and its form. Each passage belongs to a set:
"development" passages were read while the grammar was written; "held-out" passages
were collected and annotated after it was frozen, so their scores are the honest ones.

A found span counts when its offsets equal the annotated span; its value counts when
value, low, high and the percent flag all agree. Run ``python tests/news_evaluation.py``
to print the tables.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path

from counterprop import text as arabic_text

NEWS = Path(__file__).resolve().parent / "news"
NOT_A_QUANTITY = "(not a quantity)"
_LETTER = arabic_text._ARABIC_LETTER


@dataclass(frozen=True)
class Expected:
    """One hand-annotated quantity: its span in the passage, value, range and form."""

    passage_id: str
    start: int
    end: int
    value: float
    low: float
    high: float
    is_percent: bool
    form: str


def passages() -> dict[str, dict[str, str]]:
    """The passages, by id, with their outlet, country, address and date."""
    with (NEWS / "passages.csv").open(encoding="utf-8", newline="") as handle:
        return {row["passage_id"]: row for row in csv.DictReader(handle)}


def expected() -> list[Expected]:
    """The annotations, each located in its passage (in order, as a whole word at its end)."""
    texts = {key: row["text"] for key, row in passages().items()}
    searched_from: dict[str, int] = {}
    found = []
    with (NEWS / "expected.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            passage = row["passage_id"]
            whole_word = rf"(?![{_LETTER}])" if re.match(rf"[{_LETTER}]", row["raw"][-1]) else ""
            pattern = re.compile(re.escape(row["raw"]) + whole_word)
            match = pattern.search(texts[passage], searched_from.get(passage, 0))
            if match is None:
                raise ValueError(
                    f"{row['raw']!r} is not in passage {passage!r} (after the previous annotation)"
                )
            searched_from[passage] = match.end()
            found.append(
                Expected(
                    passage,
                    match.start(),
                    match.end(),
                    _number(row["value"]),
                    _number(row["low"]),
                    _number(row["high"]),
                    row["is_percent"] == "true",
                    row["form"],
                )
            )
    return found


def _number(cell: str) -> float:
    return float(cell) if cell else math.nan


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9)


def score(subset: str | None = None) -> dict[str, dict[str, float]]:
    """Per form (and "all"): counts, precision, recall and value accuracy.

    ``subset`` is "development", "held-out" or None for every passage.
    """
    gold = expected()
    texts = {key: row["text"] for key, row in passages().items() if subset in (None, row["set"])}
    counts: dict[str, dict[str, int]] = {}

    def bump(form: str, key: str) -> None:
        counts.setdefault(form, {"gold": 0, "predicted": 0, "matched": 0, "value_correct": 0})[
            key
        ] += 1
        counts.setdefault("all", {"gold": 0, "predicted": 0, "matched": 0, "value_correct": 0})[
            key
        ] += 1

    for passage, passage_text in texts.items():
        annotations = [g for g in gold if g.passage_id == passage]
        for annotation in annotations:
            bump(annotation.form, "gold")
        for row in arabic_text.find_numbers(passage_text, words=True).itertuples(index=False):
            overlapping = [g for g in annotations if g.start < row.end and row.start < g.end]
            form = overlapping[0].form if overlapping else NOT_A_QUANTITY
            bump(form, "predicted")
            exact = [g for g in overlapping if (g.start, g.end) == (row.start, row.end)]
            if exact:
                bump(form, "matched")
                g = exact[0]
                if (
                    _same(g.value, row.value)
                    and _same(g.low, row.low)
                    and _same(g.high, row.high)
                    and g.is_percent == row.is_percent
                ):
                    bump(form, "value_correct")
    for tally in counts.values():
        tally["precision"] = (
            tally["matched"] / tally["predicted"] if tally["predicted"] else math.nan
        )
        tally["recall"] = tally["matched"] / tally["gold"] if tally["gold"] else math.nan
        tally["value_accuracy"] = (
            tally["value_correct"] / tally["matched"] if tally["matched"] else math.nan
        )
    return counts


def table(subset: str | None = None) -> str:
    """The scores as a Markdown table, one row per form."""
    lines = [
        "| form | annotated | found | exact spans | precision | recall | value accuracy |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for form, tally in sorted(score(subset).items(), key=lambda item: (item[0] == "all", item[0])):
        cells = [
            f"{tally[key]:.2f}" if not math.isnan(tally[key]) else "–"
            for key in ("precision", "recall", "value_accuracy")
        ]
        lines.append(
            f"| {form} | {tally['gold']} | {tally['predicted']} | {tally['matched']} | "
            + " | ".join(cells)
            + " |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    for subset in ("development", "held-out"):
        chosen = [row for row in passages().values() if row["set"] == subset]
        outlets = sorted({f"{row['outlet']} ({row['country']})" for row in chosen})
        print(
            f"\n{subset}: {len(chosen)} passages from {len(outlets)} outlets: " + "; ".join(outlets)
        )
        print(table(subset))
