"""Lesson 09's weighing view: which response option comes first, and which changes flip it."""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from counterprop import data, models, style
from counterprop.views.base import WATERMARK, ModelView, Parameter, SteppedParameter


class WeighingView(ModelView):
    """Which response option comes first, and which weight changes would change that.

    Left: each option's weighted mean score (1-5) under the sliders' weights, a mark at the
    equal-weight score, and its rank. Right: for each criterion, who comes first as that one
    weight moves across its range with the others held where they are; the triangle marks
    the current weight, so the nearest colour change is the nearest flip. Under the chart, the
    notes also count the single-score changes of ±1 that would tie or flip the leader.

    The option-by-criterion scores (``data/option_scores.csv``) are judgements, status
    illustrative, each with its reasoning and, where one exists, a cited fact. The weights are
    yours: illustrative, equal by default. The sliders come from ``data/criteria.csv``, not
    from the parameter registry.
    """

    name = "weighing"
    title = "Choosing a response: weighing response options (scores and weights are judgements)"
    figsize = (10.5, 4.8)

    def __init__(self, *, canvas: str = "auto", blit: bool = True) -> None:
        self.scores, _weights = models.weighing_inputs()
        self.score_array = self.scores.to_numpy(dtype=np.float64)  # what a move computes with
        self.options_table = data.load("options").set_index("option_id")
        self.criteria_table = data.load("criteria").set_index("criterion_id")
        self.option_ids = list(self.scores.index)
        self.criterion_ids = list(self.scores.columns)
        self.low = float(self.criteria_table["min_weight"].min())
        self.high = float(self.criteria_table["max_weight"].max())
        super().__init__(canvas=canvas, blit=blit)
        for slider in self.sliders.values():
            slider.style.description_width = "340px"
            slider.layout.width = "640px"

    # ---- parameters ------------------------------------------------------------------------

    def define_parameters(self) -> list[Parameter]:
        parameters: list[Parameter] = []
        for criterion_id, row in self.criteria_table.iterrows():
            parameters.append(
                SteppedParameter(
                    model="weighing",
                    name=str(criterion_id),
                    label=str(row["criterion"]),
                    symbol=f"w_{criterion_id}",
                    default=float(row["default_weight"]),
                    min=float(row["min_weight"]),
                    max=float(row["max_weight"]),
                    unit="weight (how much this criterion counts)",
                    status=str(row["weight_status"]),
                    source_id="",
                    note=f"{row['question']} Scores: {row['scale']}. {row['note']}",
                    fixed_step=float(row["weight_step"]),
                )
            )
        return parameters

    def constrain(self, values: dict[str, float]) -> dict[str, float]:
        self.constraint_note = ""
        if sum(values.values()) <= 0:
            first = self.criterion_ids[0]
            raised = self.parameters[first].step
            self.sliders[first].value = raised
            values = {**values, first: raised}
            self.constraint_note = (
                f"<b>{html.escape(self.parameters[first].label)} was set to {raised:g}</b>: "
                "with every weight at 0 nothing counts, so nothing can be ranked."
            )
        return values

    def fixed_assumptions(self) -> list[str]:
        """Every option-by-criterion score (``data/option_scores.csv``, all status
        illustrative), one entry per option: ``"s_redirect = 2/3/4/4/4/5/4 (...)"``, the scores
        in criteria order. No slider moves them, and each is a judgement."""
        order = "/".join(self.criterion_ids)
        return super().fixed_assumptions() + [
            f"s_{option_id} = " + "/".join(f"{v:g}" for v in self.scores.loc[option_id])
            + f" (judgement scores for {order}, status illustrative in data/option_scores.csv)"
            for option_id in self.option_ids
        ]

    def mark_text(self, assumptions: list[str]) -> str:
        """A summary on the chart (the status line lists every weight and score): your weights
        and every judgement score are assumptions."""
        weights = sum(a.startswith("w_") for a in assumptions)
        scores = sum(a.startswith("s_") for a in assumptions) * len(self.criterion_ids)
        return (f"{WATERMARK}: rests on {weights} weights and {scores} judgement scores "
                "(listed under the sliders)")

    # ---- the model -------------------------------------------------------------------------

    def compute(self, values: Mapping[str, float]) -> dict[str, Any]:
        weights = np.array([values[c] for c in self.criterion_ids], dtype=np.float64)
        scores = self.score_array
        stretches = models.leader_stretches(scores, weights, low=self.low, high=self.high)
        fragile = models.score_flip_counts(scores, weights, low=1, high=5, step=1)
        return {
            "weights": weights,
            "score_changes": np.array([fragile["changes"]], dtype=np.int64),
            "score_ties": np.array([fragile["ties"]], dtype=np.int64),
            "score_flips": np.array([fragile["flips"]], dtype=np.int64),
            "scores": models.weighted_scores(scores, weights),
            "ranks": models.rank_options(scores, weights),
            "stretch_criterion": stretches["criterion"],
            "stretch_start": stretches["start"],
            "stretch_end": stretches["end"],
            # -1: a tie all along the stretch (identical options)
            "stretch_leader": stretches["leader"],
        }

    @property
    def leaders(self) -> list[str]:
        """The option id(s) that come first now (more than one: a tie)."""
        return [o for o, rank in zip(self.option_ids, self.outputs["ranks"]) if rank == 1]

    def flips(self, outputs: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """For each criterion: the nearest weights below and above the current one at which
        another option comes first (the others held), read off the model's stretches.
        ``models.weight_flips`` gives the same table; the tests check that they agree."""
        outputs = self.outputs if outputs is None else outputs
        now = [self.option_ids.index(o) for o in self.leaders_of(outputs)]
        rows = []
        for c, criterion in enumerate(self.criterion_ids):
            x = float(outputs["weights"][c])
            mine = outputs["stretch_criterion"] == c
            stretches = list(zip(outputs["stretch_start"][mine], outputs["stretch_end"][mine],
                                 outputs["stretch_leader"][mine]))
            row: dict[str, Any] = {"criterion": criterion, "weight": x, "lower": math.nan,
                                   "leader_below": "", "upper": math.nan, "leader_above": ""}
            for start, end, who in stretches:
                if end > x and [int(who)] != now:
                    row["upper"], row["leader_above"] = max(float(start), x), self._name(who)
                    break
            for start, end, who in reversed(stretches):
                if start < x and [int(who)] != now:
                    row["lower"], row["leader_below"] = min(float(end), x), self._name(who)
                    break
            rows.append(row)
        return rows

    def leaders_of(self, outputs: Mapping[str, Any]) -> list[str]:
        return [o for o, rank in zip(self.option_ids, outputs["ranks"]) if rank == 1]

    def _name(self, index: int) -> str:
        return self.option_ids[int(index)] if index >= 0 else "tie"

    def _option(self, option_id: str, column: str = "option") -> str:
        return str(self.options_table.loc[option_id, column]) if option_id != "tie" else "a tie"

    # ---- the chart -------------------------------------------------------------------------

    def _style(self, option_id: str) -> tuple[Any, str]:
        """An option's colour and marker: the marker's shape names the option without colour."""
        k = self.option_ids.index(option_id)
        return style.PALETTE[k % len(style.PALETTE)], style.MARKERS[k % len(style.MARKERS)]

    def build_chart(self, figure: Figure) -> dict[str, Any]:
        import textwrap  # only for the axis labels

        from matplotlib.lines import Line2D
        from matplotlib.patches import Rectangle

        bars_axis, strips = figure.subplots(1, 2, width_ratios=[1.05, 1])
        n_options, n_criteria = len(self.option_ids), len(self.criterion_ids)
        rows = np.arange(n_options)[::-1].astype(float)
        equal = models.weighted_scores(self.scores, np.ones(n_criteria))
        marks = {"ls": "none", "ms": 7, "mfc": "white", "mec": "black", "mew": 1.2, "zorder": 5}
        artists: dict[str, Any] = {"bars": [], "values": [], "bar_marks": []}
        for option_id, y in zip(self.option_ids, rows):
            colour, marker = self._style(option_id)
            artists["bars"].append(bars_axis.barh([y], [0.0], height=0.62, color=colour,
                                                  edgecolor="black", linewidth=0.6)[0])
            artists["values"].append(bars_axis.text(0, y, "", va="center", fontsize=9))
            artists["bar_marks"].append(bars_axis.plot([0.3], [y], marker=marker, **marks)[0])
        artists["equal"] = bars_axis.plot(equal, rows, ls="none", marker="|", ms=18, mew=2.2,
                                          color="black", zorder=4)[0]  # redrawn over the bars
        bars_axis.set_yticks(rows, [textwrap.fill(str(self.options_table.loc[o, "option"]), 22)
                                    for o in self.option_ids])
        bars_axis.set(xlim=(0, 6.0), ylim=(rows[-1] - 0.6, rows[0] + 0.6),
                      xlabel="weighted mean score, 1-5 (| = equal weights)")
        bars_axis.set_xticks([0, 1, 2, 3, 4, 5])
        # The title names the leader: it changes with the sliders, so it moves with the bars.
        artists["title"] = bars_axis.set_title(" ", loc="left", fontsize=10, fontweight="bold")

        crit_rows = np.arange(n_criteria)[::-1].astype(float)
        pool = n_options * (n_options - 1) // 2 + 1  # at most one stretch per crossing, plus one
        artists["segments"] = []
        for y in crit_rows:
            for _ in range(pool):
                patch = Rectangle((self.low, y - 0.35), 0.0, 0.7, facecolor="white",
                                  edgecolor="black", linewidth=0.5, visible=False)
                strips.add_patch(patch)
                artists["segments"].append(patch)
        artists["segment_marks"] = [
            strips.plot([], [], marker=self._style(o)[1], **marks)[0] for o in self.option_ids
        ]
        artists["marker"] = strips.plot(np.zeros(n_criteria), crit_rows + 0.47, ls="none",
                                        marker="v", ms=8, color="black", zorder=5)[0]
        strips.set_yticks(crit_rows, [textwrap.fill(str(self.criteria_table.loc[c, "criterion"]), 20)
                                      for c in self.criterion_ids])
        strips.set(xlim=(self.low, self.high), ylim=(crit_rows[-1] - 0.6, crit_rows[0] + 0.75),
                   xlabel="one weight, the others held (▼ = now)")
        strips.set_title("Who is first as one weight moves", loc="left", fontsize=10,
                         fontweight="bold")
        strips.grid(False)
        figure.legend(
            handles=[Line2D([], [], color=self._style(o)[0], lw=7, marker=self._style(o)[1],
                            ms=7, mfc="white", mec="black", mew=1.2,
                            label=str(self.options_table.loc[o, "option"]))
                     for o in self.option_ids],
            loc="lower center", bbox_to_anchor=(0.5, 0.03), ncol=3, fontsize=7.5, frameon=False,
            handlelength=2.4,
        )
        figure.text(0.995, 0.003, "ILLUSTRATIVE: scores and weights are judgements, not "
                    "measurements (data/option_scores.csv)", fontsize=7.5, color="0.25",
                    ha="right", va="bottom")
        figure.set_layout_engine("constrained", rect=(0, 0.12, 1, 0.88))  # room for the legend
        artists["watermark"] = self._watermark(figure)
        self._crit_rows = crit_rows
        self._pool = pool
        return artists

    def apply_outputs(self, artists: dict[str, Any], outputs: Mapping[str, Any]) -> bool:
        for bar, text, score, rank in zip(
            artists["bars"], artists["values"], outputs["scores"], outputs["ranks"]
        ):
            bar.set_width(score)
            bar.set_linewidth(2.2 if rank == 1 else 0.6)
            text.set_x(score + 0.08)
            text.set_text(f"{score:.2f}")  # short: every glyph costs time on each move
            text.set_fontweight("bold" if rank == 1 else "normal")

        segments = artists["segments"]
        used = np.zeros(len(self.criterion_ids), dtype=np.int64)
        shown = set()
        centres: list[list[tuple[float, float]]] = [[] for _ in self.option_ids]
        for c, start, end, who in zip(outputs["stretch_criterion"], outputs["stretch_start"],
                                      outputs["stretch_end"], outputs["stretch_leader"]):
            k = int(c) * self._pool + int(used[c])
            used[c] += 1
            shown.add(k)
            patch = segments[k]
            patch.set_x(start)
            patch.set_width(end - start)
            patch.set_facecolor(self._style(self._name(who))[0] if who >= 0 else "0.85")
            patch.set_visible(True)
            if who >= 0:
                centres[int(who)].append(((start + end) / 2, self._crit_rows[c]))
        for k, patch in enumerate(segments):
            if k not in shown:
                patch.set_visible(False)
        for line, points in zip(artists["segment_marks"], centres):
            line.set_data([x for x, _ in points], [y for _, y in points])
        artists["marker"].set_xdata(outputs["weights"])

        leaders = self.leaders_of(outputs)
        if len(leaders) == 1:
            title = f"First: {self._option(leaders[0])}"
        else:
            title = "A tie: " + " and ".join(self._option(o) for o in leaders)
        artists["title"].set_text(title)
        return False

    def notes_html(self, values: Mapping[str, float], outputs: Mapping[str, Any]) -> str:
        parts = []
        for row in self.flips(outputs):
            name = html.escape(str(self.criteria_table.loc[row["criterion"], "criterion"]))
            moves = []
            if not math.isnan(row["upper"]):
                moves.append(f"above {row['upper']:.2f} → "
                             f"{html.escape(self._option(row['leader_above']))}")
            if not math.isnan(row["lower"]):
                moves.append(f"below {row['lower']:.2f} → "
                             f"{html.escape(self._option(row['leader_below']))}")
            parts.append(f"<li>{name} (now {row['weight']:g}): "
                         + ("; ".join(moves) if moves else f"no weight from {self.low:g} to "
                            f"{self.high:g} changes who comes first") + "</li>")
        ranking = sorted(zip(outputs["ranks"], outputs["scores"], self.option_ids))
        order = ", ".join(f"{rank}. {html.escape(self._option(o))} ({score:.2f})"
                          for rank, score, o in ranking)
        changes = int(outputs["score_changes"][0])
        ties, flips = int(outputs["score_ties"][0]), int(outputs["score_flips"][0])
        text = (
            f"<b>Ranking</b>: {order}.<br>"
            "<b>What would change who comes first</b> (one weight at a time, the others held):"
            f"<ul style='margin:2px 0'>{''.join(parts)}</ul>"
            f"<b>And the scores</b>: of the {changes} single-score changes of ±1 (within 1-5), "
            f"{flips} would flip the leader and {ties} would make a tie "
            "(<code>models.score_flips</code>).<br>"
            "Every score is a judgement (status <i>illustrative</i> in "
            "<code>data/option_scores.csv</code>, each with its reasoning and, where one exists, "
            "a cited fact); the weights are yours. Robust or fragile, a ranking of judgements is a "
            "prompt for discussion, not a finding."
        )
        return text + (f"<br>{self.constraint_note}" if self.constraint_note else "")
