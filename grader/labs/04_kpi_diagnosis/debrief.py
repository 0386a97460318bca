"""Lab 04's debrief figures: the learner's diagnosis beside the expert path, in the variant's numbers.

Four measures, one per part of the diagnosis: how far the learner's start week is from the
incident's, the evidence ticks against the statements the data bear out, where the hit
queue's KPIs stand twelve weeks on under the learner's fix and the expert's (the recovery
projection of :mod:`.recovery`, the same the consequence view draws), and how the provider's
report counts service level.  On the expert's own choices each figure equals the expert's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grader.labs.base import DebriefFigure

from .content_file import content_for
from .facts import report_figures
from .incident import draw_incident
from .recovery import PROJECTION_WEEKS, RECOVERY_KPIS, projection
from .vocabulary import (
    ALL_OFFERED,
    ANSWERED_ONLY,
    EVIDENCE,
    FIX,
    REPORT_CHECK,
    SHORT_ABANDONS_OUT,
    START_WEEK,
)

if TYPE_CHECKING:
    import pandas as pd

    from grader.labs.base import LabContext as Lab

__all__ = ["WAYS", "debrief_figures"]


def _start(start: int, chosen: object) -> str:
    if not isinstance(chosen, int | float) or isinstance(chosen, bool):
        return "no start week given"
    gap = round(float(chosen)) - start
    when = (
        "on the week"
        if gap == 0
        else f"{abs(gap)} week{'s' * (abs(gap) != 1)} {'late' if gap > 0 else 'early'}"
    )
    return f"week {round(float(chosen))}: {when}"


def _ticks(correct: set[str], chosen: object) -> str:
    if not isinstance(chosen, list | tuple | set):
        return "no statement ticked"
    picked = {c for c in chosen if isinstance(c, str)}
    return (
        f"{len(picked & correct)} right, {len(picked - correct)} wrong, of {len(correct)} your data bear out"
    )


def _kpis(lab: Lab, weekly: pd.DataFrame, fixes: dict[str, str | None]) -> dict[str, str]:
    """Each plan's hit-queue KPIs at the projection's end (plan -> fix id), from one projection."""
    chosen = {plan: fix for plan, fix in fixes.items() if fix is not None}
    written = dict.fromkeys(fixes, "no fix chosen")
    if not chosen:
        return written
    content = content_for(lab.template)
    incident = draw_incident(content, lab.seed)
    data = projection(weekly, incident.queue, incident.start_week, incident.cause, chosen, incident.lacks)
    end = data[data["week"] == data["week"].max()]
    value = dict(zip(zip(end["plan"], end["kpi"], strict=True), end["value"], strict=True))
    for plan in chosen:
        written[plan] = ", ".join(
            f"{label} {value[plan, label]:.2f}"
            if column == "fcr"
            else f"{label} {100 * value[plan, label]:.0f} %"
            for column, label in RECOVERY_KPIS
        )
    return written


#: Each way of counting, as the debrief names it.
WAYS = {
    ALL_OFFERED: "on every offered call",
    SHORT_ABANDONS_OUT: "short abandons left out",
    ANSWERED_ONLY: "on answered calls only",
}


def _report(figures: dict[str, float], way: object) -> str:
    if not isinstance(way, str) or way not in WAYS:
        return "not answered"
    return f"{WAYS[way]}: {100 * figures[way]:.1f} % (the report says {100 * figures['report']:.1f} %)"


def debrief_figures(lab: Lab) -> list[DebriefFigure]:
    """The learner's start week, evidence, fix and report reading beside the expert path's."""
    scenario = lab.scenario
    start = int(scenario.decision(START_WEEK).answer)  # type: ignore[union-attr]
    correct = {o.id for o in scenario.decision(EVIDENCE).options if o.correct}  # type: ignore[union-attr]
    fixes = {o.id: o.credit for o in scenario.decision(FIX).options}  # type: ignore[union-attr]
    best_fix = max(fixes, key=lambda option: fixes[option])
    chosen_fix = lab.choice(FIX)
    ways = {o.id: o.credit for o in scenario.decision(REPORT_CHECK).options}  # type: ignore[union-attr]
    weekly = lab.table("weekly")  # read, never changed: one copy serves every figure
    week = int(weekly["week"].max()) + PROJECTION_WEEKS
    # The learner's fix and the expert's, projected together; the report read once for both.
    kpis = _kpis(
        lab,
        weekly,
        {
            "yours": chosen_fix if isinstance(chosen_fix, str) and chosen_fix in fixes else None,
            "expert": best_fix,
        },
    )
    figures = report_figures(weekly, lab.table("intervals"))
    return [
        DebriefFigure(
            "Start week against the incident's", _start(start, lab.choice(START_WEEK)), _start(start, start)
        ),
        DebriefFigure(
            "Evidence ticks", _ticks(correct, lab.choice(EVIDENCE)), _ticks(correct, sorted(correct))
        ),
        DebriefFigure(
            f"The hit queue in week {week} under the fix (illustrative; service level as reported)",
            kpis["yours"],
            kpis["expert"],
        ),
        DebriefFigure(
            "How the provider's report counts service level, and what that gives for its last week",
            _report(figures, lab.choice(REPORT_CHECK)),
            _report(figures, max(ways, key=lambda option: ways[option])),
        ),
    ]
