"""Lab 05, ROI and staffing: agents from a week of volumes, cost by delivery model, and migration waves."""

from grader.labs.base import LabCode

from .cases import agents_needed_cases, annual_cost_cases
from .charts import business_case_table, costs_chart, explorer_chart, volumes_chart
from .costs import annual_cost
from .debrief import wave_debrief
from .order_prices import priced_scenario
from .views import consequence_view
from .what_if import what_if_chart

LAB = LabCode(
    charts={
        "volumes": volumes_chart,
        "costs": costs_chart,
        "explorer": explorer_chart,
        "business_case": business_case_table,
        "what_if": what_if_chart,
    },
    consequences=consequence_view,
    reference={"annual_cost": annual_cost},
    cases={"agents_needed": agents_needed_cases, "annual_cost": annual_cost_cases},
    debrief=wave_debrief,
    graded_scenario=priced_scenario,
)
