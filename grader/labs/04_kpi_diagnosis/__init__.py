"""Lab 04, KPI diagnosis: each learner's own twenty weeks with one planted incident, read layer by layer.

The mechanism is here (how each cause moves the KPIs, the tables, which evidence statements
a variant's tables show (:mod:`.evidence`), how the provider's report counts service level,
the charts, the recovery projection and the debrief figures); each scenario's company and
feedback are its folder's ``incident.yaml``, which ``decisionlab validate`` checks
(:func:`.content_file.check_content`) and whose schema ``decisionlab schema --lab
04_kpi_diagnosis`` prints.
"""

from grader.labs.base import LabCode

from .cases import error_mix_cases, repeat_rate_cases, service_level_by_day_cases
from .charts import layers_chart, qa_errors_chart, staffing_chart
from .content_file import INCIDENT_FILE, check_content, content_schema
from .debrief import debrief_figures
from .exercises import daily_service_level, error_mix, repeat_rate_table
from .generator import realise
from .recovery_view import consequence_view

LAB = LabCode(
    charts={"layers": layers_chart, "staffing": staffing_chart, "qa_errors": qa_errors_chart},
    consequences=consequence_view,
    generators={"kpi_incident": realise},
    reference={
        "repeat_rate_table": repeat_rate_table,
        "daily_service_level": daily_service_level,
        "error_mix": error_mix,
    },
    cases={
        "repeat_rate": repeat_rate_cases,
        "service_level_by_day": service_level_by_day_cases,
        "error_mix": error_mix_cases,
    },
    check_scenario=check_content,
    content_schemas={INCIDENT_FILE: content_schema},
    debrief=debrief_figures,
)
