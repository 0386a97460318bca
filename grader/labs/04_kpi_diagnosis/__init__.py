"""Lab 04, KPI diagnosis: each learner's own twenty weeks with one planted incident, read layer by layer."""

from grader.labs.base import LabCode

from .generator import realise
from .views import (
    consequence_view,
    daily_service_level,
    error_mix,
    layers_chart,
    qa_errors_chart,
    repeat_rate_table,
    staffing_chart,
)

LAB = LabCode(
    charts={"layers": layers_chart, "staffing": staffing_chart, "qa_errors": qa_errors_chart},
    consequences=consequence_view,
    generators={"kpi_incident": realise},
    reference={
        "repeat_rate_table": repeat_rate_table,
        "daily_service_level": daily_service_level,
        "error_mix": error_mix,
    },
)
