"""The words lab 04's code and tables share: causes, error types, tenure bands, fixes, decisions.

The generator plants one of the :data:`CAUSES` (each has its own effects in code), the
reviews table speaks of :data:`ERROR_TYPES` and :data:`TENURE_BANDS`, and the consequence view
projects the :data:`FIXES`; the provider's report counts service level one of
the :data:`REPORT_DEFINITIONS` ways.  They are defined here once; what a scenario says about each of
them (feedback, credit) is data, in the scenario's ``incident.yaml``.
"""

from __future__ import annotations

__all__ = [
    "ALL_OFFERED",
    "ANSWERED_ONLY",
    "ATTRITION",
    "BACKFILL_FASTER",
    "CAUSES",
    "CSAT_CAMPAIGN",
    "ERROR_TYPES",
    "ESCALATION",
    "REPAIR_ESCALATION",
    "ESCALATION_TRAINING",
    "EVIDENCE",
    "FIX",
    "FIXES",
    "HIRE_CLASS",
    "HOLIDAY",
    "RETRAIN_NESTING",
    "NEW_VENDOR",
    "NO_ERROR",
    "POLICY",
    "POLICY_COACHING",
    "REFORECAST_STAFF",
    "REFRESHER_COURSE",
    "REPORT_CHECK",
    "REPORT_DEFINITIONS",
    "ROOT_CAUSE",
    "POLICY_OWNER",
    "SALE",
    "SHORT_ABANDONS_OUT",
    "SHORT_ABANDON_SECONDS",
    "STAFFING",
    "START_WEEK",
    "RETENTION_PLAN",
    "TENURE_BANDS",
    "TRAINING",
    "WORRIES",
    "WORRY_COMPLAINTS",
    "WORRY_CREDITS",
    "WORRY_QUEUE_CSAT",
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

# The options of the fix decision: for each cause the first step a director would defend and a
# weaker one a real team often takes, and two that treat the symptom.  The consequence view
# projects each of them (:mod:`.recovery`).
RETRAIN_NESTING = "retrain_nesting"
REFRESHER_COURSE = "refresher_course"
REPAIR_ESCALATION = "repair_escalation"
ESCALATION_TRAINING = "escalation_training"
POLICY_OWNER = "policy_owner"
POLICY_COACHING = "policy_coaching"
REFORECAST_STAFF = "reforecast_staff"
HIRE_CLASS = "hire_class"
RETENTION_PLAN = "retention_plan"
BACKFILL_FASTER = "backfill_faster"
CSAT_CAMPAIGN = "csat_campaign"
NEW_VENDOR = "new_vendor"
FIXES = (
    RETRAIN_NESTING,
    REFRESHER_COURSE,
    REPAIR_ESCALATION,
    ESCALATION_TRAINING,
    POLICY_OWNER,
    POLICY_COACHING,
    REFORECAST_STAFF,
    HIRE_CLASS,
    RETENTION_PLAN,
    BACKFILL_FASTER,
    CSAT_CAMPAIGN,
    NEW_VENDOR,
)

# How the provider's weekly report counts service level.  The course's definition is
# ALL_OFFERED (abandoned calls count as missed); the other two flatter the figure, and a
# variant may plant either (the report_check decision asks which one the report uses).
ALL_OFFERED = "all_offered"
SHORT_ABANDONS_OUT = "short_abandons_out"
ANSWERED_ONLY = "answered_only"
REPORT_DEFINITIONS = (ALL_OFFERED, SHORT_ABANDONS_OUT, ANSWERED_ONLY)
SHORT_ABANDON_SECONDS = 10  # "short abandons": hung up within this many seconds

# What the executive's note in the brief worries about: the CSAT of the queue whose CSAT fell
# most, formal complaints over every queue, or refunds and credits over every queue.  Only the
# first names a queue; with the others, which queue broke is for the learner to find.
WORRY_QUEUE_CSAT, WORRY_COMPLAINTS, WORRY_CREDITS = "queue_csat", "complaints", "credits"
WORRIES = (WORRY_QUEUE_CSAT, WORRY_COMPLAINTS, WORRY_CREDITS)

# The lab's decisions whose key and feedback each variant sets.
ROOT_CAUSE, EVIDENCE, START_WEEK, FIX = "root_cause", "evidence", "start_week", "fix"
REPORT_CHECK = "report_check"
