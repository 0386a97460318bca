"""Lab 03, vendor red flags: vendors' figures against benchmarks, and a shortlist in operation."""

from grader.labs.base import LabCode

from .cases import benchmark_status_cases
from .debrief import debrief_figures
from .screening import benchmark_status, benchmarks_chart
from .shortlist import consequence_view

LAB = LabCode(
    charts={"benchmarks": benchmarks_chart},
    consequences=consequence_view,
    reference={"benchmark_status": benchmark_status},
    cases={"benchmark_status": benchmark_status_cases},
    debrief=debrief_figures,
)
