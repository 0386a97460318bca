"""Lab 02, offshore trade-offs: cost per resolved contact by program and location, and what a plan risks."""

from grader.labs.base import LabCode
from grader.models.cost import cost_per_resolved_contact

from .cases import cost_per_resolution_cases
from .charts import programs_chart, resolution_costs_chart
from .checks import check_folder
from .debrief import debrief_figures
from .plans import consequence_view

LAB = LabCode(
    charts={"programs": programs_chart, "resolution_costs": resolution_costs_chart},
    consequences=consequence_view,
    reference={"cost_per_resolved_contact": cost_per_resolved_contact},
    cases={"cost_per_resolution": cost_per_resolution_cases},
    check_scenario=check_folder,
    debrief=debrief_figures,
)
