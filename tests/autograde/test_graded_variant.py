"""Is a submission graded (and exported) on the scenario and variant its student id gives?"""

from __future__ import annotations

from grader.answers import Answers
from grader.autograde.graded_variant import graded_variant
from grader.catalog import assign, scenarios_for

LAB = "04_kpi_diagnosis"  # generated: two scenarios, a variant per learner


def _other(pool, template_id: str) -> str:
    return next(s.id for s in pool if s.id != template_id)


def test_the_student_id_decides_not_the_file():
    """Is a file that names another scenario and variant graded on the student's own, and noted?"""
    pool = scenarios_for(LAB)
    own = assign(pool, LAB, "ada")
    answers = Answers(
        lab=LAB, learner="grace", scenario=_other(pool, own.template.id), variant_seed=own.seed + 1
    )
    template, seed, notes = graded_variant(pool, LAB, "ada", answers, trust_recorded=False)
    assert (template.id, seed) == (own.template.id, own.seed)
    assert any("saved by learner 'grace', not by 'ada'" in note for note in notes)
    assert any(f"graded on '{own.template.id}'" in note for note in notes)


def test_a_course_that_trusts_the_file_grades_the_recorded_variant():
    """With trust_recorded, is the scenario and variant the file records the one graded, silently?"""
    pool = scenarios_for(LAB)
    own = assign(pool, LAB, "ada")
    other = _other(pool, own.template.id)
    answers = Answers(lab=LAB, learner="ada", scenario=other, variant_seed=own.seed + 1)
    template, seed, notes = graded_variant(pool, LAB, "ada", answers, trust_recorded=True)
    assert (template.id, seed, notes) == (other, own.seed + 1, [])


def test_a_matching_file_has_no_notes():
    """Is a file made for the student's own variant graded on it with nothing to note?"""
    pool = scenarios_for(LAB)
    own = assign(pool, LAB, "ada")
    answers = Answers(lab=LAB, learner="ada", scenario=own.template.id, variant_seed=own.seed)
    assert graded_variant(pool, LAB, "ada", answers, trust_recorded=False) == (own.template, own.seed, [])
