"""``configure(c)``: add decision grading to an nbgrader configuration.

Call it from a course's ``nbgrader_config.py``.  It composes nbgrader's own chain rather
than copying it: our steps go around ``Execute`` in whatever
``Autograde.autograde_preprocessors`` list the configuration has (nbgrader's default when
it has none), so a newer nbgrader's new steps and a course's own extra steps stay.  The
course's identity and folders (``course_id``, ``source_directory``) are the caller's.
Calling it twice changes nothing the second time.  It also makes ``generate_assignment``
release each lab in assessment mode (``grader.autograde.release``), unless the course set
its own ``GenerateAssignment.post_convert_hook``, writes each hidden test's expected values
into its grade cell before nbgrader saves the cell in the gradebook
(``grader.autograde.expected_cases``), and runs every submitted notebook in the autograde
sandbox (``grader.autograde.sandbox``; ``c.Sandbox.enabled = False`` turns it off).
``generate_feedback`` writes pages that open offline with their charts drawn
(``grader.autograde.feedback``).

A tool that only reads a course's settings and never grades (the cohort report) reads the
configuration inside :func:`settings_only`: composing the chain imports nbgrader's converters,
seconds of start-up, and ``configure`` writes only the grading steps' sections, never
``CourseDirectory`` or ``ScoreDecisions``, so the settings read are the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from traitlets.config import Config, LazyConfigValue
from traitlets.utils.importstring import import_item

__all__ = ["configure", "settings_only"]

_SETTINGS_ONLY: ContextVar[bool] = ContextVar("settings_only", default=False)


@contextmanager
def settings_only() -> Iterator[None]:
    """Inside the block, ``configure(c)`` leaves the grading chain alone (see the module docstring).

    >>> c = Config()
    >>> with settings_only():
    ...     configure(c)
    >>> "Autograde" in c
    False
    """
    token = _SETTINGS_ONLY.set(True)
    try:
        yield
    finally:
        _SETTINGS_ONLY.reset(token)


def configure(c: Config) -> None:
    """Install the decision-grading steps around nbgrader's own autograde pipeline."""
    if _SETTINGS_ONLY.get():
        return
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import DeduplicateIds, Execute

    from grader.autograde.confined_execute import CheckSandbox, ConfinedExecute
    from grader.autograde.preprocessors import CaptureSubmittedAnswers, DeduplicateGradeIds, ScoreDecisions

    # Capture before Execute (no learner code has run yet), score after it (nbgrader gives
    # the autograde pass fresh resources, so both must be in this list, not in sanitize).
    steps = _configured_list(c, Autograde, "autograde_preprocessors")
    capture = _take(steps, CaptureSubmittedAnswers) or CaptureSubmittedAnswers
    score = _take(steps, ScoreDecisions) or ScoreDecisions
    execute = next((i for i, step in enumerate(steps) if _is_a(step, Execute)), None)
    if execute is None:
        raise ValueError(
            "Autograde.autograde_preprocessors has no Execute step; decisions are scored around it, "
            "so put nbgrader.preprocessors.Execute back in the list before calling configure(c)"
        )
    # Learner code runs in the sandbox (grader.autograde.sandbox): nbgrader's own Execute is
    # replaced by ours, a course's subclass of it is kept as it is.
    run = ConfinedExecute if _class_of(steps[execute]) is Execute else steps[execute]
    steps[execute : execute + 1] = [capture, run, score]
    c.Autograde.autograde_preprocessors = steps
    # Checked before the first submission is copied, so that a stopped autograde leaves nothing
    # half done (the Execute step checks again for a course that set its own hook).
    if "pre_convert_hook" not in c.Autograde:
        c.Autograde.pre_convert_hook = CheckSandbox(c)

    # nbgrader 0.9's DeduplicateIds leaves empty metadata that crashes add_missing_cells;
    # ours removes it.  Only nbgrader's own class is replaced, never a course's subclass.
    sanitize = _configured_list(c, Autograde, "sanitize_preprocessors")
    c.Autograde.sanitize_preprocessors = [
        DeduplicateGradeIds if _class_of(step) is DeduplicateIds else step for step in sanitize
    ]

    # Answers files must never sit in the source folder: nbgrader would copy a source file
    # over the learner's submitted one.  `generate_into` leaves them out, and a test checks
    # that labs/ holds none.  (They must not be in CourseDirectory.ignore either: ignored
    # files are not copied from submitted/ to autograded/.)
    if "timeout" not in c.Execute:
        c.Execute.timeout = 120
    # A learner who deletes a grade cell gets it back, run against their work (and a
    # decision cell scored from their answers file), rather than a silent zero; nbgrader
    # logs each one it adds.
    if "add_missing_cells" not in c.OverwriteCells:
        c.OverwriteCells.add_missing_cells = True
    _embed_expected_cases(c)
    # A released lab must not hand over its keys by trial and feedback (see release.py).
    if "post_convert_hook" not in c.GenerateAssignment:
        from grader.autograde.release import ReleaseInAssessment

        c.GenerateAssignment.post_convert_hook = ReleaseInAssessment(c)
    # Feedback a learner can open offline: no MathJax from a CDN, and the charts drawn.
    from grader.autograde.feedback import configure_feedback

    configure_feedback(c)


def _embed_expected_cases(c: Config) -> None:
    """Put ``EmbedExpectedCases`` before the first checksum (so before ``SaveCells``): the
    gradebook must store, with its checksum, the hidden test as rewritten."""
    from nbgrader.converters import GenerateAssignment
    from nbgrader.preprocessors import ClearHiddenTests, ComputeChecksums, SaveCells

    from grader.autograde.expected_cases import EmbedExpectedCases

    steps = _configured_list(c, GenerateAssignment, "preprocessors")
    embed = _take(steps, EmbedExpectedCases) or EmbedExpectedCases
    before = next(
        (
            i
            for i, step in enumerate(steps)
            if any(_is_a(step, k) for k in (ComputeChecksums, SaveCells, ClearHiddenTests))
        ),
        len(steps),
    )
    steps.insert(before, embed)
    c.GenerateAssignment.preprocessors = steps


def _configured_list(c: Config, app: type, name: str) -> list[Any]:
    """The list ``app.name`` will have: the configured one, else the traitlet's default."""
    default = list(app.class_traits()[name].default())
    section = c[app.__name__]
    if name not in section:
        return default
    value = section[name]
    if isinstance(value, LazyConfigValue):  # `c.Autograde.x.append(...)` before us
        return list(value.get_value(default))
    return list(value)


def _class_of(step: Any) -> type | None:
    """The class of a step given as a class, a dotted name or an instance."""
    if isinstance(step, str):
        try:
            step = import_item(step)
        except ImportError:
            return None  # nbgrader will report it; it is not one of ours
    return step if isinstance(step, type) else type(step)


def _is_a(step: Any, kind: type) -> bool:
    cls = _class_of(step)
    return cls is not None and issubclass(cls, kind)


def _take(steps: list[Any], kind: type) -> Any:
    """Remove every step of ``kind`` from ``steps``; return the first (or ``None``)."""
    found = [step for step in steps if _is_a(step, kind)]
    steps[:] = [step for step in steps if not _is_a(step, kind)]
    return found[0] if found else None
