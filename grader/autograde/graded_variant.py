"""Which scenario and variant a submission is graded on: one rule for grading and for export.

``ScoreDecisions`` grades each submission on the scenario and variant that follow from the
nbgrader student id (or, for courses that set ``trust_recorded_assignment``, the ones the
answers file records).  ``decisionlab export`` must report the same scenario, variant and
choices the grade was computed from, so both call ``graded_variant``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from grader.answers import Answers
from grader.catalog import assign
from grader.schema import Scenario


class GradedVariant(NamedTuple):
    """The scenario template a submission is graded on, its variant seed, and what differed."""

    template: Scenario
    seed: int
    notes: list[str]


def graded_variant(
    pool: Sequence[Scenario], lab_id: str, student: str, answers: Answers, *, trust_recorded: bool
) -> GradedVariant:
    """The template and seed to grade ``answers`` of ``student`` on, from a non-empty ``pool``.

    The scenario and the variant follow from the student id nbgrader knows, not from the
    file, which the learner can edit or copy from someone else; differences are noted.
    """
    notes: list[str] = []
    by_id = {s.id: s for s in pool}
    if answers.learner and student and answers.learner != student:
        notes.append(f"the answers file was saved by learner '{answers.learner}', not by '{student}'")
    if trust_recorded and answers.scenario in by_id:
        template = by_id[answers.scenario]
        return GradedVariant(template, answers.variant_seed if template.generator else 0, notes)
    assignment = assign(pool, lab_id, student)
    template, seed = assignment.template, assignment.seed
    if answers.scenario and answers.scenario != template.id:
        where = "is not part of this lab" if answers.scenario not in by_id else "is not this student's"
        notes.append(
            f"the answers file's scenario '{answers.scenario}' {where}; graded on '{template.id}', "
            "the scenario assigned to this student"
        )
    elif template.generator and answers.variant_seed and answers.variant_seed != seed:
        notes.append(
            f"the answers file was last on variant {answers.variant_seed}; graded on variant "
            f"{seed}, the one assigned to this student"
        )
    return GradedVariant(template, seed, notes)
