"""The words lab 04's code and tables share: causes, error types, tenure bands, fixes, decisions.

The generator plants one of the :data:`CAUSES` (each has its own effects in code), the
reviews table speaks of :data:`ERROR_TYPES` and :data:`TENURE_BANDS`, and the consequence view
projects the :data:`FIXES`.  They are defined here once; what a scenario says about each of
them (feedback, credit) is data, in the scenario's ``incident.yaml``.
"""

from __future__ import annotations

__all__ = [
    "ATTRITION",
    "CAUSES",
    "CSAT_CAMPAIGN",
    "ERROR_TYPES",
    "ESCALATION",
    "EVIDENCE",
    "FIX",
    "FIXES",
    "HOLIDAY",
    "NEW_VENDOR",
    "NO_ERROR",
    "POLICY",
    "POLICY_OWNER",
    "REFORECAST_STAFF",
    "REPAIR_ESCALATION",
    "RETENTION_PLAN",
    "RETRAIN_NESTING",
    "ROOT_CAUSE",
    "SALE",
    "STAFFING",
    "START_WEEK",
    "TENURE_BANDS",
    "TRAINING",
]

# The root causes a variant can plant.  Their order is part of every seed's draw: keep it.
TRAINING = "training_gap"
ESCALATION = "escalation_workflow"
POLICY = "policy_change"
STAFFING = "staffing_shortfall"
ATTRITION = "attrition_spike"
CAUSES = (TRAINING, ESCALATION, POLICY, STAFFING, ATTRITION)

# The reviews table: the error found in a scored contact, and the agent's tenure band.
ERROR_TYPES = ("policy", "process", "knowledge", "tone")  # the order error_mix returns them in
NO_ERROR = "none"
TENURE_BANDS = ("0-3 months", "3-12 months", "12+ months")

# The weekly table's calendar column.
SALE, HOLIDAY = "sale", "public holiday"

# The options of the fix decision, whose recovery the consequence view projects.
RETRAIN_NESTING = "retrain_nesting"
REPAIR_ESCALATION = "repair_escalation"
POLICY_OWNER = "policy_owner"
REFORECAST_STAFF = "reforecast_staff"
RETENTION_PLAN = "retention_plan"
CSAT_CAMPAIGN = "csat_campaign"
NEW_VENDOR = "new_vendor"
FIXES = (
    RETRAIN_NESTING,
    REPAIR_ESCALATION,
    POLICY_OWNER,
    REFORECAST_STAFF,
    RETENTION_PLAN,
    CSAT_CAMPAIGN,
    NEW_VENDOR,
)

# The lab's decisions whose key and feedback each variant sets.
ROOT_CAUSE, EVIDENCE, START_WEEK, FIX = "root_cause", "evidence", "start_week", "fix"
