"""The bottom layer: what every other part uses to show things to a learner.

Charts that render offline, money in words, notices, learner-facing errors, HTML tables,
the one consequence-view type and what a live widget shows of it (:mod:`.live`), plus a
small bounded cache.  Nothing here imports another part of ``grader`` except
:mod:`grader.runtime` (to know whether nbgrader is grading, when nobody sees a chart), so
labs, widgets and the session can all build on it.
"""
