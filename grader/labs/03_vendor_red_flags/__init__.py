"""Lab 03, vendor red flags: vendors' figures against benchmarks, and a shortlist in operation."""

from grader.labs.base import LabCode

from .debrief import debrief_figures
from .screening import benchmark_status, benchmarks_chart
from .shortlist import consequence_view

LAB = LabCode(
    charts={"benchmarks": benchmarks_chart},
    consequences=consequence_view,
    reference={"benchmark_status": benchmark_status},
    debrief=debrief_figures,
)
