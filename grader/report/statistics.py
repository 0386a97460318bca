"""The cohort's numbers: how hard each decision was, whether it told learners apart, the
mistakes they shared, and who may need help.

* **Difficulty** of a decision: the mean share of its points the submitted learners earned
  (1.0 everyone right, 0.0 nobody).  Classical test theory calls it the facility index.
* **Discrimination**: the corrected item-total correlation, Pearson's r between the share of
  a decision's points and the share of the rest of the lab's points, over the submitted
  learners (the point-biserial correlation when a decision is all or nothing).  Leaving the
  decision out of the total keeps it from correlating with itself.  Below 0.2 a decision
  barely separates strong learners from weak ones; below zero, strong learners did worse.
  It needs :data:`MIN_LEARNERS` learners and some spread; otherwise it is missing (NaN).
* **Common mistakes**: the wrong parts of choices (``grader.report.mistakes``) counted per
  scenario, with the principle the decision tests.
* **Learners who may need help**: below :data:`LOW_SHARE` of the points on
  :data:`LOW_LABS` labs or more, or a lab not submitted.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from grader.report.mistakes import wrong_parts

if TYPE_CHECKING:
    import pandas as pd

    from grader.report.data import CohortData

__all__ = [
    "LOW_LABS",
    "LOW_SHARE",
    "MIN_LEARNERS",
    "common_mistakes",
    "decision_statistics",
    "discrimination",
    "lab_shares",
    "learners_needing_help",
]

MIN_LEARNERS = 5  # fewer: a correlation says more about chance than about the decision
LOW_SHARE = 0.5
LOW_LABS = 2


def lab_shares(scores: pd.DataFrame) -> pd.DataFrame:
    """``scores`` with ``share``: the score as a share of the lab's points (NaN when not submitted)."""
    shares = scores.copy()
    shares["share"] = [
        score / top if submitted and top else math.nan
        for score, top, submitted in zip(
            shares["score"], shares["max_score"], shares["submitted"], strict=True
        )
    ]
    return shares


def discrimination(item: list[float], rest: list[float]) -> float:
    """Pearson's r of a decision's shares against the rest of the lab's; NaN without enough spread.

    >>> round(discrimination([1, 1, 0, 0, 1], [0.9, 0.8, 0.2, 0.3, 0.7]), 2)
    0.97
    >>> math.isnan(discrimination([1, 1, 1, 1, 1], [0.9, 0.8, 0.2, 0.3, 0.7]))
    True
    """
    n = len(item)
    if n < MIN_LEARNERS or n != len(rest):
        return math.nan
    mean_item, mean_rest = sum(item) / n, sum(rest) / n
    spread_item = sum((x - mean_item) ** 2 for x in item)
    spread_rest = sum((y - mean_rest) ** 2 for y in rest)
    if spread_item < 1e-12 or spread_rest < 1e-12:
        return math.nan
    covariance = sum((x - mean_item) * (y - mean_rest) for x, y in zip(item, rest, strict=True))
    return covariance / math.sqrt(spread_item * spread_rest)


def decision_statistics(data: CohortData) -> pd.DataFrame:
    """Per lab and decision: title, principle, learners, answered, revealed, difficulty, discrimination."""
    import pandas as pd

    frame = data.decisions
    rows = []
    for (lab, decision), group in frame.groupby(["lab", "decision"], sort=False):
        share = [p / m if m else 0.0 for p, m in zip(group["points"], group["max_points"], strict=True)]
        per_learner = frame[frame["lab"] == lab].groupby("learner")[["points", "max_points"]].sum()
        rest = []
        for learner, points, top in zip(group["learner"], group["points"], group["max_points"], strict=True):
            left = per_learner.loc[learner, "max_points"] - top
            rest.append((per_learner.loc[learner, "points"] - points) / left if left else 0.0)
        title, principle = _words(data, group, decision)
        rows.append(
            {
                "lab": lab,
                "decision": decision,
                "title": title,
                "principle": principle,
                "learners": len(group),
                "answered": int(group["choice"].notna().sum()),
                "revealed": int(group["revealed"].sum()),
                "difficulty": sum(share) / len(share) if share else math.nan,
                "discrimination": discrimination(share, rest),
            }
        )
    columns = ["lab", "decision", "title", "principle", "learners", "answered", "revealed"]
    return pd.DataFrame(rows, columns=[*columns, "difficulty", "discrimination"])


def _words(data: CohortData, group: pd.DataFrame, decision: str) -> tuple[str, str]:
    """The decision's title and principle, from the first learner's scenario that has it."""
    for scenario, variant in zip(group["scenario"], group["variant"], strict=True):
        if (scenario, variant) in data.scenarios:
            found = data.scenario(scenario, variant).decision(decision)
            return found.title, found.principle
    return decision, ""


def common_mistakes(data: CohortData, top: int = 3) -> pd.DataFrame:
    """Per lab, scenario and decision, its ``top`` most shared wrong parts, with the principle.

    ``learners`` is how many made the mistake, ``share`` that number over those who answered.
    """
    import pandas as pd

    frame = data.decisions[data.decisions["scenario"] != ""]
    rows = []
    for (lab, scenario, decision), group in frame.groupby(["lab", "scenario", "decision"], sort=False):
        counts: Counter[str] = Counter()
        answered = 0
        for choice, variant in zip(group["choice"], group["variant"], strict=True):
            if choice is None:
                continue
            answered += 1
            counts.update(set(wrong_parts(data.scenario(scenario, variant).decision(decision), choice)))
        found = data.scenario(scenario, int(group["variant"].iloc[0])).decision(decision)
        for mistake, learners in _most_shared(counts, top):
            rows.append(
                {
                    "lab": lab,
                    "scenario": scenario,
                    "decision": decision,
                    "title": found.title,
                    "mistake": mistake,
                    "learners": learners,
                    "share": learners / answered,
                    "principle": found.principle,
                }
            )
    columns = ["lab", "scenario", "decision", "title", "mistake", "learners", "share", "principle"]
    frame = pd.DataFrame(rows, columns=columns)
    # Equal counts keep the decisions' notebook order (the frame's), then the mistake's words:
    # never the order a set or a hash happened to give.
    return frame.sort_values(["learners", "lab"], ascending=[False, True], kind="stable", ignore_index=True)


def _most_shared(counts: Counter[str], top: int) -> list[tuple[str, int]]:
    """The ``top`` most counted mistakes; equal counts in the order of their words.

    ``Counter.most_common`` keeps ties in insertion order, which for parts counted from a set
    follows the string hashes and so changes from one run to the next.

    >>> _most_shared(Counter({"b": 2, "c": 1, "a": 2}), 2)
    [('a', 2), ('b', 2)]
    """
    return sorted(counts.items(), key=lambda counted: (-counted[1], counted[0]))[:top]


def learners_needing_help(
    scores: pd.DataFrame, low_share: float = LOW_SHARE, low_labs: int = LOW_LABS
) -> pd.DataFrame:
    """Learners below ``low_share`` on ``low_labs`` labs or more, or with a lab not submitted.

    Columns: learner, low (labs below the share), missing (labs not submitted), reason.
    """
    import pandas as pd

    shares = lab_shares(scores)
    rows = []
    for learner, group in shares.groupby("learner", sort=True):
        missing = list(group.loc[~group["submitted"], "lab"])
        low = list(group.loc[group["submitted"] & (group["share"] < low_share), "lab"])
        reasons = []
        if len(low) >= low_labs:
            reasons.append(f"below {low_share:.0%} of the points in {len(low)} labs")
        if missing:
            reasons.append(f"{len(missing)} lab{'s' if len(missing) > 1 else ''} not submitted")
        if reasons:
            rows.append({"learner": learner, "low": low, "missing": missing, "reason": "; ".join(reasons)})
    return pd.DataFrame(rows, columns=["learner", "low", "missing", "reason"])
