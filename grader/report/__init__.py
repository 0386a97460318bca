"""The cohort debrief: one self-contained HTML report of how a graded course went.

``decisionlab report COURSE_DIR -o report.html`` and ``instructor/cohort_report.ipynb`` show
the same view through the same functions: ``data`` reads the gradebook and the submitted
answers files, ``statistics`` works out difficulty, discrimination, shared mistakes and who
may need help, ``outcomes`` prices each learner's choices with their lab's own debrief
figures, ``charts`` draws them as inline SVG, and ``page`` puts them in one HTML file that
opens offline.  What each statistic means is in ``docs/report.md``.
"""
