"""Does practice feedback on a wrong answer keep every course decision's key to itself?

For every decision of every course scenario (two variants of a generated one), a wrong
answer is scored with ``practice_result``; the feedback shown must not contain the text
of any option, item or working the learner did not choose.  Each kind's rule is tested
on its own in tests/kinds/test_<kind>.py.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from grader.catalog import scenarios_for
from grader.engine import practice_result, score_decision
from grader.labs import realise
from grader.paths import lab_ids
from grader.schema import AnyDecision


def _course_decisions() -> list[tuple[str, AnyDecision]]:
    found = []
    for lab_id in lab_ids():
        for template in scenarios_for(lab_id):
            for seed in (1, 2) if template.generator else (0,):
                scenario = realise(template, seed).scenario
                found += [(f"{scenario.id}@{seed}:{d.id}", d) for d in scenario.decisions]
    return found


COURSE_DECISIONS = _course_decisions()


def _wrong_answer(decision: AnyDecision) -> tuple[object, list[str], list[str]]:
    """A wrong answer, the texts it must not show, and the labels it must not name."""
    if decision.kind == "single":
        chosen = min(decision.options, key=lambda o: o.credit)
        others = [o for o in decision.options if o.id != chosen.id]
        return chosen.id, [o.feedback for o in others], [o.label for o in others]
    if decision.kind == "multiple":
        ticked = [o for o in decision.options if not o.correct] or decision.options[:1]
        unticked = [o for o in decision.options if o not in ticked]
        return [o.id for o in ticked], [o.feedback for o in unticked], [o.label for o in unticked]
    if decision.kind == "assign":
        placed = {}
        for item in decision.items:
            wrong = [c.id for c in decision.categories if c.id not in item.key and c.id not in item.partial]
            placed[item.id] = (wrong or [c.id for c in decision.categories if c.id not in item.key])[0]
        unused = [c.label for c in decision.categories if c.id not in placed.values()]
        return placed, [i.feedback for i in decision.items], unused
    if decision.kind == "order":
        return list(reversed(decision.key)), [o.feedback for o in decision.options], []
    if decision.kind == "numeric":
        wrong = decision.answer + 10 * max(decision.tolerance, decision.partial_tolerance or 0) + 7
        return wrong, [decision.feedback], [f"{decision.answer:g}"]
    raise AssertionError(f"no wrong answer written for kind '{decision.kind}'")


def test_every_course_decision_is_covered():
    """Does the sweep reach every kind the course uses?"""
    assert {d.kind for _, d in COURSE_DECISIONS} == {"single", "multiple", "assign", "order", "numeric"}


@pytest.mark.parametrize(("where", "decision"), COURSE_DECISIONS, ids=[w for w, _ in COURSE_DECISIONS])
def test_practice_feedback_on_a_wrong_answer_shows_no_key(where, decision):
    """Does practice feedback on a wrong answer quote no unchosen text and name no unchosen label?"""
    value, hidden_texts, hidden_labels = _wrong_answer(decision)
    result = practice_result(decision, value)
    assert result.problems == () and result.notes, "the wrong answer must be well formed and explained"
    assert result.points == score_decision(decision, value).points, (
        "practice changes the notes, not the points"
    )
    assert result.points < result.max_points
    html = unescape(result._repr_html_())
    notes = " ".join(f"{n.subject} {n.text}" for n in result.notes)
    for text in hidden_texts:
        assert text.strip() not in html
    for label in hidden_labels:
        assert not re.search(rf"(?<![\w.]){re.escape(label)}(?![\w])", notes), label


def test_the_expert_result_does_show_the_key():
    """Can the sweep fail: does the expert feedback of the same answers quote hidden text?"""
    quoting = 0
    for _, decision in COURSE_DECISIONS:
        value, hidden_texts, _ = _wrong_answer(decision)
        html = unescape(score_decision(decision, value)._repr_html_())
        quoting += any(text.strip()[:40] in html for text in hidden_texts)
    assert quoting > len(COURSE_DECISIONS) / 2


def test_item_hints_name_no_category():
    """Does every assign item's hint stay at the level of what to weigh, naming no category?"""
    hinted = [(where, d, i) for where, d in COURSE_DECISIONS if d.kind == "assign" for i in d.items if i.hint]
    assert hinted, "lab 01's queues carry hints"
    for where, decision, item in hinted:
        for category in decision.categories:
            words = category.label.split(" (")[0].lower()
            assert words not in item.hint.lower(), f"{where}: {item.id}'s hint names {category.label!r}"
