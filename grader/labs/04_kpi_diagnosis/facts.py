"""The facts of a variant that its brief and feedback quote, read from the variant's own tables.

Each name is a placeholder an author may use (:data:`~.placeholders.FACTS` says what each holds).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .content import IncidentContent
from .incident import RAMP_WEEKS, WEEKS, Incident
from .vocabulary import TENURE_BANDS

__all__ = ["facts"]


def _pct(share: float) -> str:
    return f"{100 * share:.0f} %"


def facts(content: IncidentContent, incident: Incident, tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """The numbers the brief and the feedback quote, read from the variant's own tables."""
    weekly, reviews = tables["weekly"], tables["reviews"]
    s = incident.start_week
    live = incident.go_live_week or s
    before = (weekly.week.to_numpy() >= max(RAMP_WEEKS + 1, s - 4)) & (weekly.week.to_numpy() < s)
    periods = {
        "before": before,
        "after": weekly.week.to_numpy() > s,
        "late": weekly.week.to_numpy() >= min(live + 1, WEEKS),
    }
    mine = weekly.queue.to_numpy() == incident.queue
    plain = weekly.calendar.to_numpy() == ""

    def mean(column: str, period: str) -> float:
        rows = mine & periods[period]
        values = weekly[column].to_numpy()
        return float(values[rows & plain].mean() if (rows & plain).any() else values[rows].mean())

    overdue = weekly.escalations_overdue.to_numpy() / np.maximum(weekly.escalations.to_numpy(), 1)
    r_week, r_mine = reviews.week.to_numpy(), reviews.queue.to_numpy() == incident.queue
    r_tenure, r_error = reviews.tenure.to_numpy(), reviews.error_type.to_numpy()

    def share(band: str, error: str, first: int, last: int) -> str:
        rows = r_mine & (r_tenure == band) & (r_week >= first) & (r_week <= last)
        return _pct(float((r_error[rows] == error).mean()) if rows.any() else 0.0)

    dip_rows = weekly[weekly.queue.to_numpy() == incident.dip_queue].set_index("week")["csat"]
    first_before = max(RAMP_WEEKS + 1, s - 4)
    queue = content.queue(incident.queue)
    return {
        "queue": queue.label,
        "queue_id": incident.queue,
        "start": s,
        "start_next": s + 1,
        "training_from": live - 3,
        "go_live": live,
        "sale_week": incident.sale_week,
        "holiday_week": incident.holiday_week,
        "dip_week": incident.dip_week,
        "dip_queue": content.queue(incident.dip_queue).label,
        "dip_csat": _pct(float(dip_rows[incident.dip_week])),
        "dip_csat_before": _pct(float(dip_rows[incident.dip_week - 1])),
        "interval_queue": content.queue(incident.interval_queue).label,
        "launch": f"{content.launch.day} {content.launch:%B %Y}",
        "last_week": WEEKS,
        "policy": queue.policy or "",
        "policy_owner": queue.policy_owner,
        "escalation_path": queue.escalation_path or "",
        "sl_before": _pct(mean("service_level", "before")),
        "sl_after": _pct(mean("service_level", "after")),
        "abandon_before": _pct(mean("abandon_rate", "before")),
        "abandon_after": _pct(mean("abandon_rate", "after")),
        "aht_before": f"{mean('aht_seconds', 'before'):.0f}",
        "aht_after": f"{mean('aht_seconds', 'late'):.0f}",
        "fcr_before": f"{mean('fcr', 'before'):.2f}",
        "fcr_after": f"{mean('fcr', 'late'):.2f}",
        "calls_before": f"{mean('calls_offered', 'before'):,.0f}",
        "calls_after": f"{mean('calls_offered', 'after'):,.0f}",
        "complaints_before": f"{mean('complaints', 'before'):.0f}",
        "complaints_after": f"{mean('complaints', 'after'):.0f}",
        "required_after": f"{mean('required_agents', 'after'):.1f}",
        "scheduled_after": f"{mean('scheduled_agents', 'after'):.1f}",
        "overdue_before": _pct(float(overdue[mine & before].mean())),
        "overdue_after": _pct(float(overdue[mine & periods["after"]].mean())),
        "transfer_before": _pct(mean("transfer_rate", "before")),
        "transfer_after": _pct(mean("transfer_rate", "after")),
        "knowledge_new_before": share(TENURE_BANDS[0], "knowledge", first_before, s - 1),
        "knowledge_new_after": share(TENURE_BANDS[0], "knowledge", min(live + 1, WEEKS), WEEKS),
        "policy_senior_before": share(TENURE_BANDS[2], "policy", first_before, s - 1),
        "policy_senior_after": share(TENURE_BANDS[2], "policy", s + 1, WEEKS),
        "leavers": int(weekly.leavers.to_numpy()[mine & np.isin(weekly.week.to_numpy(), [s, s + 1])].sum()),
        "class_size": int(weekly.in_training.to_numpy()[mine].max()),
    }
