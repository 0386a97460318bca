"""Can a learner find the answers of a choice decision by their length, or by copied feedback?

A careful author writes the right options in full and the wrong ones in a hurry, and
learners soon learn to tick the longest. These tests hold every single, multiple and order
decision of every course scenario to thresholds that rule out that tell:

- multiple select: at least one wrong option is as long as some correct one (labels are not
  split into a short wrong half and a long right half), and the correct labels are on average
  at most ``MEAN_RATIO`` times as long as the wrong ones;
- single choice with ``MIN_SINGLE_OPTIONS`` options or more: no full-credit option is
  strictly longer than every other option (with two or three options, one is the longest by
  chance too often for the rule to mean anything);
- every kind: each option has feedback of its own, not empty and not shared with another
  option, so a learner is told why *that* choice is right or wrong.

Length is the label's length in characters: the label is what the learner compares. A
generated scenario is checked in its default variant, whose feedback the generator writes.
"""

from __future__ import annotations

from statistics import mean

import pytest

from grader.catalog import DEFAULT_SEED, scenarios_for
from grader.kinds.base import Option
from grader.labs import realise
from grader.paths import lab_ids

CHOICE_KINDS = ("single", "multiple", "order")
MEAN_RATIO = 1.3
MIN_SINGLE_OPTIONS = 4

# Cases that wait for work elsewhere, per test: (test, "scenario:decision") -> reason.
KNOWN_FAILURES: dict[tuple[str, str], str] = {}


# Decisions whose options are names, not statements: a vendor's name says nothing of its merit,
# so how long it is cannot give the key away.  Kept out of the length check only.
NAMES_NOT_STATEMENTS = {"shortlist"}


def _choice_decisions(test: str) -> list:
    cases = []
    for lab in lab_ids():
        for template in scenarios_for(lab):
            scenario = realise(template, DEFAULT_SEED).scenario
            for decision in scenario.decisions:
                if decision.kind not in CHOICE_KINDS:
                    continue
                if test == "lengths" and decision.id in NAMES_NOT_STATEMENTS:
                    continue
                case_id = f"{scenario.id}:{decision.id}"
                reason = KNOWN_FAILURES.get((test, case_id))
                marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
                cases.append(pytest.param(decision, id=case_id, marks=marks))
    return cases


def _length(option: Option) -> int:
    return len(" ".join(option.label.split()))


def test_every_lab_has_choice_decisions_to_check() -> None:
    """Does the sweep below find decisions at all, so that it cannot pass by checking nothing?"""
    cases = _choice_decisions("lengths")
    assert len(cases) >= 10, [case.id for case in cases]


@pytest.mark.parametrize("decision", _choice_decisions("lengths"))
def test_correct_options_are_not_told_apart_by_length(decision) -> None:
    """Are the right options of this decision free of the 'longest is right' tell?"""
    if decision.kind == "multiple":
        right = [_length(o) for o in decision.options if o.correct]
        wrong = [_length(o) for o in decision.options if not o.correct]
        if not wrong:
            return
        assert min(right) <= max(wrong), (
            f"every correct label ({sorted(right)}) is longer than every wrong one ({sorted(wrong)})"
        )
        assert mean(right) <= MEAN_RATIO * mean(wrong), (
            f"correct labels average {mean(right):.0f} characters, wrong ones {mean(wrong):.0f}: "
            f"more than {MEAN_RATIO} times as long"
        )
    elif decision.kind == "single" and len(decision.options) >= MIN_SINGLE_OPTIONS:
        for best in (o for o in decision.options if o.credit == 1.0):
            others = [_length(o) for o in decision.options if o.id != best.id]
            assert _length(best) <= max(others), (
                f"the full-credit option {best.id!r} ({_length(best)} characters) is longer than "
                f"every other option (longest {max(others)})"
            )


@pytest.mark.parametrize("decision", _choice_decisions("feedback"))
def test_every_option_explains_itself(decision) -> None:
    """Does every option carry feedback of its own, not empty and not another option's?"""
    texts = {o.id: " ".join((o.feedback or "").split()) for o in decision.options}
    empty = sorted(option_id for option_id, text in texts.items() if not text)
    assert not empty, f"options without feedback: {empty}"
    shared = sorted(option_id for option_id, text in texts.items() if list(texts.values()).count(text) > 1)
    assert not shared, f"options sharing the same feedback: {shared}"
