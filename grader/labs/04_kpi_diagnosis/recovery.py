"""An illustrative recovery model: how much of the gap a fix closes, and how fast; not a forecast.

After the last week of the data, each KPI of the hit queue closes a share of the gap to its
level before the incident (:data:`RECOVERY`, by fix and cause, per layer) at an exponential
pace (:data:`TIME_CONSTANT`).  The numbers are course assumptions; what they teach is whether
a fix reaches the layer where the break began.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .reading import period_mean
from .vocabulary import (
    ATTRITION,
    BACKFILL_FASTER,
    CAUSES,
    CSAT_CAMPAIGN,
    ESCALATION,
    ESCALATION_TRAINING,
    HIRE_CLASS,
    NEW_VENDOR,
    POLICY,
    POLICY_COACHING,
    POLICY_OWNER,
    REFORECAST_STAFF,
    REFRESHER_COURSE,
    REPAIR_ESCALATION,
    RETENTION_PLAN,
    RETRAIN_NESTING,
    STAFFING,
    TRAINING,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "HARM_FLOOR",
    "PROJECTION_WEEKS",
    "RECOVERY",
    "RECOVERY_KPIS",
    "RELIES_ON",
    "TIME_CONSTANT",
    "projection",
]

PROJECTION_WEEKS = 12
RECOVERY_KPIS = (("service_level", "Service level"), ("fcr", "FCR"), ("csat", "CSAT"))
#: Share of the gap to the pre-incident level a fix closes, by layer (service, quality, business),
#: for each cause; a cause not listed gets nothing.  Negative: the fix makes that layer worse.
#: Each cause's own first step closes it all; its weaker step closes part of it, later.
RECOVERY: dict[str, dict[str, tuple[float, float, float]]] = {
    RETRAIN_NESTING: {
        TRAINING: (1.0, 1.0, 1.0),
        ATTRITION: (0.3, 0.9, 0.6),
        POLICY: (0.0, 0.2, 0.1),
        STAFFING: (-0.3, 0.0, -0.1),  # coaches and new agents pulled off the phones
    },
    REFRESHER_COURSE: {  # the whole queue off the phones for a course; no exit test on the calls
        TRAINING: (-0.1, 0.5, 0.3),
        ATTRITION: (-0.1, 0.4, 0.2),
        POLICY: (-0.1, 0.1, 0.05),
        STAFFING: (-0.3, 0.0, -0.1),
    },
    REPAIR_ESCALATION: {ESCALATION: (1.0, 1.0, 1.0)},
    ESCALATION_TRAINING: {ESCALATION: (0.0, 0.2, 0.15)},  # the cases still stall after the hand-off
    POLICY_OWNER: {POLICY: (1.0, 1.0, 1.0)},
    POLICY_COACHING: {POLICY: (0.0, 0.45, 0.3)},  # one agent at a time; customers still call
    REFORECAST_STAFF: {
        STAFFING: (1.0, 1.0, 1.0),
        ATTRITION: (0.7, 0.1, 0.4),
        POLICY: (0.5, 0.0, 0.2),  # the planners have already re-forecast most of the surge
        TRAINING: (0.3, 0.0, 0.1),
        ESCALATION: (0.2, 0.0, 0.05),
    },
    HIRE_CLASS: {  # weeks of training first, then new agents' errors
        STAFFING: (1.0, -0.2, 0.6),
        ATTRITION: (0.5, -0.2, 0.3),  # a second class, behind the one already training
        POLICY: (0.3, 0.0, 0.1),
    },
    RETENTION_PLAN: {ATTRITION: (1.0, 1.0, 1.0), STAFFING: (0.2, 0.0, 0.1)},
    BACKFILL_FASTER: {  # the seats fill fast, with more untrained agents on the phones
        ATTRITION: (0.8, -0.3, 0.2),
        STAFFING: (0.2, -0.1, 0.1),  # headcount was never short
    },
    CSAT_CAMPAIGN: {cause: (0.0, 0.0, 0.15) for cause in CAUSES},  # a short lift, nothing below it
    NEW_VENDOR: {cause: (-0.5, -0.5, -0.3) for cause in CAUSES},  # a second launch curve
}
#: A weaker step that works only on a sign its cause leaves in some variants (by fix and cause):
#: where the variant lacks that sign (:attr:`.incident.Incident.lacks`), it closes nothing in the
#: quality and business layers, as the fix's credit there is nothing.  A refresher on product
#: knowledge for new agents who make no knowledge errors; coaching on a rule nobody applies wrongly.
RELIES_ON: dict[tuple[str, str], str] = {
    (REFRESHER_COURSE, TRAINING): "new_hire_errors",
    (POLICY_COACHING, POLICY): "policy_errors_everyone",
}
#: Weeks for a fix to close about 63 % of what it closes (an exponential approach).
TIME_CONSTANT = {
    RETRAIN_NESTING: 3.0,
    REFRESHER_COURSE: 6.0,
    REPAIR_ESCALATION: 1.5,
    ESCALATION_TRAINING: 3.0,
    POLICY_OWNER: 2.0,
    POLICY_COACHING: 4.0,
    REFORECAST_STAFF: 2.0,
    HIRE_CLASS: 8.0,
    RETENTION_PLAN: 4.0,
    BACKFILL_FASTER: 2.0,
    CSAT_CAMPAIGN: 1.0,
    NEW_VENDOR: 4.0,
}
HARM_FLOOR = 0.03  # the least a harmful fix takes off a KPI (share points)


def projection(
    weekly: pd.DataFrame,
    queue: str,
    start_week: int,
    cause: str,
    fixes: dict[str, str | None],
    lacks: str | None = None,
) -> pd.DataFrame:
    """Projected weekly KPIs of ``queue`` after the last week, for each plan in ``fixes`` (plan -> fix id).

    Each KPI starts from its mean over the last two weeks and closes a share of the gap to its
    mean over the four weeks before ``start_week`` (:data:`RECOVERY`), at the pace of
    :data:`TIME_CONSTANT`.  A plan whose fix is ``None`` changes nothing.  ``lacks`` is the sign
    of the cause's fingerprint the variant does not leave (:data:`RELIES_ON`).
    """
    import pandas as pd

    rows = weekly[weekly["queue"] == queue]
    last = int(rows["week"].max())
    before = range(max(4, start_week - 4), start_week)
    recent = rows[rows["week"] > last - 2]
    # Where each KPI stands and the loss it suffered are the same for every plan: read them once.
    levels = {
        column: (now := float(recent[column].mean()), period_mean(rows, column, before) - now)
        for column, _ in RECOVERY_KPIS
    }
    out = []
    for plan, fix in fixes.items():
        shares = RECOVERY.get(fix or "", {}).get(cause, (0.0, 0.0, 0.0))
        if lacks is not None and RELIES_ON.get((fix or "", cause)) == lacks:
            shares = (shares[0], 0.0, 0.0)
        pace = TIME_CONSTANT.get(fix or "", 1.0)
        for (column, label), share in zip(RECOVERY_KPIS, shares, strict=True):
            now, loss = levels[column]
            # Only a real loss is recovered (higher is better for all three); a fix that does
            # harm takes at least a visible slice off.
            gap = max(loss, 0.0)
            if share < 0:
                gap = max(gap, HARM_FLOOR)
            for step in range(0, PROJECTION_WEEKS + 1):
                value = now + gap * share * (1 - math.exp(-step / pace))
                out.append(
                    {"plan": plan, "kpi": label, "week": last + step, "value": min(max(value, 0.0), 1.0)}
                )
    return pd.DataFrame(out)
