"""The sentences beside each chart: what it shows, in words, for reading, printing and screen readers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from grader.report.outcomes import amount_text
from grader.report.statistics import LOW_SHARE

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "decisions_summary",
    "first_sentence",
    "gap_text",
    "heatmap_summary",
    "help_summary",
    "mistakes_summary",
    "outcomes_summary",
    "scores_summary",
]


def _pct(value: float) -> str:
    return f"{value:.0%}"


def scores_summary(shares: pd.DataFrame) -> list[str]:
    """Per lab: how many submitted, the median and the middle half of the scores, how many are low."""
    lines = []
    for lab, group in shares.groupby("lab", sort=False):
        submitted = group[group["submitted"]]["share"]
        if submitted.empty:
            lines.append(f"{lab}: no submission graded yet.")
            continue
        low = int((submitted < LOW_SHARE).sum())
        q1, median, q3 = (float(submitted.quantile(q)) for q in (0.25, 0.5, 0.75))
        lines.append(
            f"{lab}: {len(submitted)} of {len(group)} learners submitted; median {_pct(median)} of the "
            f"points, middle half from {_pct(q1)} to {_pct(q3)}; {low} below {_pct(LOW_SHARE)}."
        )
    return ["Each blue tick is one learner's score; the vermilion tick is the lab's median.", *lines]


def heatmap_summary(shares: pd.DataFrame) -> list[str]:
    """How many learners, how many submitted every lab, and the lab most often missing."""
    learners = shares["learner"].nunique()
    complete = int(shares.groupby("learner")["submitted"].all().sum())
    lines = [f"{learners} learners; {complete} submitted every lab."]
    missing = shares[~shares["submitted"]].groupby("lab").size()
    if not missing.empty:
        lab = str(missing.idxmax())
        lines.append(f"Most often missing: {lab} ({int(missing.max())} learners).")
    return lines


def decisions_summary(statistics: pd.DataFrame) -> list[str]:
    """The hardest and easiest decisions, the ones that tell learners apart poorly, and reveals."""
    if statistics.empty:
        return ["No decision was graded."]
    ordered = statistics.sort_values("difficulty", kind="stable")
    hardest, easiest = ordered.iloc[0], ordered.iloc[-1]
    lines = [
        "Bars: the mean share of each decision's points (difficulty). Dots: how well it separates "
        "learners strong in the rest of the lab from weak ones (discrimination, dashed line at 0.2).",
        f"Hardest: {hardest['lab']} “{hardest['title']}”, {_pct(hardest['difficulty'])} of its points on "
        f"average. Easiest: {easiest['lab']} “{easiest['title']}”, {_pct(easiest['difficulty'])}.",
    ]
    weak = statistics[statistics["discrimination"] < 0.2]
    if not weak.empty:
        names = ", ".join(f"{r.lab} “{r.title}” (r = {r.discrimination:.2f})" for r in weak.itertuples())
        lines.append(f"Tell strong and weak learners apart poorly (r below 0.2): {names}.")
    unknown = int(statistics["discrimination"].isna().sum())
    if unknown:
        lines.append(f"{unknown} decision(s) have no discrimination: too few learners, or all scored alike.")
    revealed = statistics[statistics["revealed"] > 0]
    if not revealed.empty:
        names = ", ".join(f"{r.lab} “{r.title}” ({r.revealed})" for r in revealed.itertuples())
        lines.append(f"Expert answers revealed before submission: {names}.")
    return lines


def mistakes_summary(mistakes: pd.DataFrame, top: int = 3) -> list[str]:
    """The most shared mistakes in sentences, each with the principle it misses."""
    if mistakes.empty:
        return ["No shared mistake: every answered decision earned full credit."]
    return [
        f"{r.learners} {'learner' if r.learners == 1 else 'learners'} ({_pct(r.share)} of those who "
        f"answered) in {r.lab} “{r.title}”: "
        f"{r.mistake}. The principle missed: {first_sentence(r.principle)}"
        for r in mistakes.head(top).itertuples()
    ]


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, which states a principle; the rest argues it.

    >>> first_sentence("Place work by its attributes. Not by rate: complexity matters.")
    'Place work by its attributes.'
    """
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def gap_text(value: float, unit: str, per: str = "") -> str:
    """A gap to the expert path with its sign; shares as percentage points.

    >>> gap_text(3.98, "usd"), gap_text(-0.07, "share"), gap_text(0.0, "usd")
    ('+$3.98', '-7 percentage points', 'none')
    """
    if abs(value) < 1e-9:
        return "none"
    if unit == "share":
        return f"{value * 100:+.0f} percentage points"
    text = amount_text(value, unit, per)
    return text if value < 0 else f"+{text}"


def outcomes_summary(outcomes: pd.DataFrame) -> list[str]:
    """Per measure of one lab: the expert path, how many learners reach it, the median and widest gaps."""
    lines = []
    for measure, group in outcomes.groupby("measure", sort=False):
        gaps = group["gap"].dropna()
        if group["expert_value"].isna().all():
            continue  # a figure in words: in the table only
        unit, per = str(group["unit"].iloc[0]), str(group["per"].iloc[0])
        expert = sorted({amount_text(v, unit, per) for v in group["expert_value"].dropna()})
        unfinished = len(group) - len(gaps)
        text = f"{measure}: expert path {' or '.join(expert)}"
        if gaps.empty:
            lines.append(f"{text}; no learner's choices were complete enough to price.")
            continue
        on_path = int((gaps.abs() < 1e-9).sum())
        widest = gap_text(float(gaps.loc[gaps.abs().idxmax()]), unit, per)
        median = gap_text(float(gaps.median()), unit, per)
        text += f"; {on_path} of {len(gaps)} priced learners on it; median gap {median}, widest {widest}"
        if unfinished:
            text += f"; {unfinished} not priced (choices incomplete)"
        lines.append(text + ".")
    if lines:
        lines.insert(
            0, "Each blue tick is one learner's gap to the expert path; the vermilion line (0) is the path."
        )
    return lines


def help_summary(help_list: pd.DataFrame, learners: int) -> list[str]:
    """How many learners may need help, and why."""
    if help_list.empty:
        return [f"None of the {learners} learners is below {_pct(LOW_SHARE)} in two labs or missing a lab."]
    return [
        f"{len(help_list)} of {learners} learners may need help: "
        + "; ".join(f"{r.learner} ({r.reason})" for r in help_list.itertuples())
        + "."
    ]
