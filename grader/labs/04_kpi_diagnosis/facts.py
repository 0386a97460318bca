"""The facts of a variant that its brief and feedback quote, read from the variant's own tables.

Each name is a placeholder an author may use (:data:`~.placeholders.FACTS` says what each holds).
The numbers behind the evidence statements come from :mod:`.evidence`; the provider's report
against the intervals from :func:`report_figures`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from grader.display.formats import usd

from .content import IncidentContent
from .evidence import evidence_readings
from .executive import company_figures, note_worry, queue_csat
from .incident import RAMP_WEEKS, WEEKS, Incident
from .vocabulary import WORRY_COMPLAINTS, WORRY_CREDITS

__all__ = ["facts", "report_figures"]


def _pct(share: float) -> str:
    return f"{100 * share:.0f} %"


def _pct1(share: float) -> str:
    """A share to a tenth of a point: the report's ways of counting can differ by less than one."""
    return f"{100 * share:.1f} %"


def report_figures(weekly: pd.DataFrame, intervals: pd.DataFrame) -> dict[str, float]:
    """The provider's weekly service level of the interval queue's last week, and the intervals' three ways.

    ``all_offered`` is the course's definition; ``short_abandons_out`` leaves calls abandoned
    within 10 seconds out of the denominator; ``answered_only`` leaves every abandoned call out.
    """
    queue = intervals["queue"].iloc[0]
    row = weekly[(weekly["queue"] == queue) & (weekly["week"] == weekly["week"].max())]
    quick, offered = float(intervals["answered_in_20s"].sum()), float(intervals["calls_offered"].sum())
    abandoned, short = float(intervals["abandoned"].sum()), float(intervals["abandoned_within_10s"].sum())
    return {
        "report": float(row["service_level"].iloc[0]),
        "all_offered": quick / offered,
        "short_abandons_out": quick / (offered - short),
        "answered_only": quick / (offered - abandoned),
    }


def facts(
    content: IncidentContent,
    incident: Incident,
    tables: dict[str, pd.DataFrame],
    numbers: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The numbers the brief and the feedback quote, read from the variant's own tables.

    ``numbers`` are the evidence facts of :func:`.evidence.evidence_readings` on the same
    tables, when the caller has them already (reading them is a good part of a variant's cost).
    """
    weekly = tables["weekly"]
    s = incident.start_week
    live = incident.go_live_week or s
    week = weekly["week"].to_numpy()
    mine = weekly["queue"].to_numpy() == incident.queue
    plain = weekly["calendar"].to_numpy() == ""
    before = (week >= RAMP_WEEKS + 1) & (week < s)

    def mean(column: str, period: Any) -> float:
        rows = mine & period
        values = weekly[column].to_numpy()
        return float(values[rows & plain].mean() if (rows & plain).any() else values[rows].mean())

    on_dip_queue = weekly["queue"].to_numpy() == incident.dip_queue
    dip_csat = {
        w: float(weekly["csat"].to_numpy()[on_dip_queue & (week == w)][0])
        for w in (incident.dip_week - 1, incident.dip_week)
    }
    # What a COO sees first: the queue whose CSAT fell most lately, against the settled weeks.
    settled, recent = queue_csat(weekly)
    coo_queue = str((recent - settled).idxmin())
    queue = content.queue(incident.queue)
    report = report_figures(weekly, tables["intervals"])
    if numbers is None:
        _, numbers = evidence_readings(tables, incident)
    company = company_figures(weekly)
    values = {
        "queue": queue.label,
        "queue_id": incident.queue,
        "start": s,
        "start_next": s + 1,
        "training_from": live - 3,
        "go_live": live,
        "class_lead": live - s,
        "sale_week": incident.sale_week,
        "holiday_week": incident.holiday_week,
        "dip_week": incident.dip_week,
        "dip_queue": content.queue(incident.dip_queue).label,
        "dip_csat": _pct(dip_csat[incident.dip_week]),
        "dip_csat_before": _pct(dip_csat[incident.dip_week - 1]),
        "coo_queue": content.queue(coo_queue).label,
        "coo_csat": _pct(float(recent[coo_queue])),
        "coo_csat_before": _pct(float(settled[coo_queue])),
        "interval_queue": content.queue(incident.interval_queue).label,
        "launch": f"{content.launch.day} {content.launch:%B %Y}",
        "last_week": WEEKS,
        "policy": queue.policy or "",
        "policy_owner": queue.policy_owner,
        "escalation_path": queue.escalation_path or "",
        "complaints_before": f"{mean('complaints', before):.0f}",
        "complaints_after": f"{mean('complaints', week > s):.0f}",
        "required_after": f"{mean('required_agents', week > s):.1f}",
        "scheduled_after": f"{mean('scheduled_agents', week > s):.1f}",
        "leavers": int(weekly["leavers"].to_numpy()[mine & ((week == s) | (week == s + 1))].sum()),
        "report_sl": _pct1(report["report"]),
        "intervals_sl": _pct1(report["all_offered"]),
        "short_out_sl": _pct1(report["short_abandons_out"]),
        "answered_only_sl": _pct1(report["answered_only"]),
        "all_complaints": f"{company[WORRY_COMPLAINTS][1]:.0f}",
        "all_complaints_before": f"{company[WORRY_COMPLAINTS][0]:.0f}",
        "all_credits": usd(company[WORRY_CREDITS][1]),
        "all_credits_before": usd(company[WORRY_CREDITS][0]),
        **numbers,
    }
    note = content.executive_notes[note_worry(weekly, incident.worries, company, (settled, recent))]
    return {**values, "exec_note": " ".join(note.format(**values).split())}
