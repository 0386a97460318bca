"""Lab 01, sourcing models: the queue profile chart, and a queue map played out over a quarter."""

from grader.labs.base import LabCode

from .compliance import check_queue_rules
from .quarter import consequence_view, queue_profile_chart

LAB = LabCode(
    charts={"queues": queue_profile_chart},
    consequences=consequence_view,
    check_scenario=check_queue_rules,
)
