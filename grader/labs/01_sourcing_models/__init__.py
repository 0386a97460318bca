"""Lab 01, sourcing models: the queue profile chart, a queue map played out over a quarter, and
the debrief's figures for the learner's map against the keyed one."""

from grader.labs.base import LabCode

from .compliance import check_queue_rules
from .debrief import debrief_figures
from .quarter import consequence_view, queue_profile_chart

LAB = LabCode(
    charts={"queues": queue_profile_chart},
    consequences=consequence_view,
    check_scenario=check_queue_rules,
    debrief=debrief_figures,
)
