"""The learner's copy of a scenario for an assessment: everything but the keys and feedback.

A lab released for assessment must not hold its keys where the learner can read them (the
learner's kernel can print any object it loads).  The release step writes this copy beside
the notebook; the grading side scores from the full scenario, which stays with the
instructor.  The copy is still a valid scenario, so the lab opens, draws its panels and
records choices as usual: each kind neutralises its own key (``Kind.withhold``: every option
credited alike, every feedback text the same sentence), each decision's principle is replaced
by the same sentence (a principle often states what the key is), and the debrief's expert path
is left out.  The options are written in an order drawn from the scenario and decision ids, so
the copy is the same on every release, and the file's order (often the key first) is gone.
"""

from __future__ import annotations

from grader.kinds import kind_of
from grader.kinds.base import WITHHELD, shuffled_options
from grader.schema.model import AnyDecision, Scenario

# Enough redraws to find a listing that opens with no keyed first step: at most two options of
# an ordering may stand first, so each draw finds one about three times in five or more.
REDRAWS = 20


def listed(decision: AnyDecision, seed: str) -> AnyDecision:
    """``decision`` with its options in the withheld copy's order, drawn from ``seed``.

    Every learner can print the withheld copy, and its listing is the same for all of them, so
    an ordering whose copy happened to open with its keyed first step (lab 05's pilot, in both
    scenarios) would show that step on top to a whole cohort.  Such a listing is drawn again, as
    :func:`~grader.kinds.base.shuffled_options` redraws a multiple select with every correct
    option on top.  The panels are untouched: each learner's own order is drawn apart.
    """
    shuffled = shuffled_options(decision, seed)
    if decision.kind != "order":
        return shuffled
    tries = 0
    while 1 in decision.places(shuffled.options[0].id) and tries < REDRAWS:
        tries += 1
        shuffled = shuffled_options(decision, f"{seed}:again{tries}")
    return shuffled


def withhold(scenario: Scenario) -> Scenario:
    """``scenario`` with its keys, feedback and expert path removed, marked ``withheld``."""
    decisions = [
        kind_of(decision)
        .withhold(listed(decision, f"withheld:{scenario.id}:{decision.id}"))
        .model_copy(update={"principle": WITHHELD})
        for decision in scenario.decisions
    ]
    return scenario.model_copy(update={"decisions": decisions, "debrief": None, "withheld": True})


def withheld_yaml(scenario: Scenario) -> str:
    """The withheld copy as the text of a scenario file (keys in the schema's order)."""
    import yaml

    data = withhold(scenario).model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
