"""The cohort debrief: one self-contained HTML report of how a graded course went.

``decisionlab report COURSE_DIR -o report.html`` and ``instructor/cohort_report.ipynb`` show
the same view through the same functions: ``data`` reads the gradebook and the submitted
answers files, ``mistakes`` names the wrong parts of a choice, ``statistics`` works out
difficulty, discrimination, shared mistakes and who may need help, ``outcomes`` prices each
learner's choices with their lab's own debrief figures, ``charts`` draws them as inline SVG,
``summaries`` says what each chart shows, ``sections`` pairs them, and ``page`` makes one
HTML file that opens offline.  What each statistic means is in ``docs/report.md``.
"""

from grader.report.data import DECISION_COLUMNS, decision_results, read_cohort
from grader.report.page import report_html, write_report
from grader.report.sections import CohortReport, Section, build_report

__all__ = [
    "DECISION_COLUMNS",
    "CohortReport",
    "Section",
    "build_report",
    "decision_results",
    "read_cohort",
    "report_html",
    "write_report",
]
