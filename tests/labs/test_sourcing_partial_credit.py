"""Does lab 01's part credit follow the quarter's cost order?

A learner who places a queue somewhere other than its key sees, in practice, what the map
costs per resolved contact in the simulated quarter. Credit that contradicts that figure
teaches the wrong lesson: if moving the escalations desk to a US provider earns nothing
while a dearer move of the fraud desk to the same provider earns a quarter, the learner
cannot tell from the quarter why. So, in each scenario:

- within a queue, a place with more credit never costs more than a place with less;
- across queues with the same key, a move to the same place earns more credit only where it
  costs no more.

The one stated exception is a contract or law: a place outside a queue's
``allowed_locations`` earns nothing whatever it costs, and the queues table's
``location_rule`` says why. Costs less than a cent apart are a tie: the rates are indicative,
and a cent per resolved contact is below what they can tell apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations
from pathlib import Path

import pytest

from grader.catalog import scenarios_for
from grader.engine.keys import perfect_answer
from grader.notebook import open_lab
from tests.labs import lab_parts

LAB = "01_sourcing_models"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
VIEW = lab_parts(LAB)
#: Cost differences per resolved contact below this are ties.
TIE = 0.01


@dataclass(frozen=True)
class Move:
    """One queue moved from the keyed map to one place, with its credit and what it costs."""

    item: str
    place: str
    key: frozenset[str]
    credit: float
    extra_cost: float  # per resolved contact in the quarter, against the keyed map
    ruled_out: bool  # the queue's contract or law forbids the place

    def __str__(self) -> str:
        return f"{self.item} -> {self.place} ({self.credit:g}, +{self.extra_cost:.3f})"


def _allowed(lab) -> dict[str, set[str] | None]:
    """Each queue's allowed places, or None where no contract or law limits them."""
    queues = lab.table("queues")
    return {
        row.id: None if row.allowed_locations.strip() == "any" else set(row.allowed_locations.split())
        for row in queues.itertuples()
    }


def _every_move(lab) -> list[Move]:
    decision = lab.decision("queue_mapping")
    key = perfect_answer(decision)

    def per_resolved(mapping: dict[str, str]) -> float:
        return VIEW.quarter(lab, VIEW.placed_queues(lab, mapping)).summary.cost_per_resolved_contact

    best = per_resolved(key)
    allowed = _allowed(lab)
    return [
        Move(
            item=item.id,
            place=category.id,
            key=frozenset(item.key),
            credit=1.0 if category.id in item.key else item.partial.get(category.id, 0.0),
            extra_cost=per_resolved({**key, item.id: category.id}) - best,
            ruled_out=allowed[item.id] is not None and category.id not in allowed[item.id],
        )
        for item in decision.items
        for category in decision.categories
    ]


@pytest.fixture(scope="module", params=SCENARIOS)
def moves(request, tmp_path_factory) -> list[Move]:
    folder: Path = tmp_path_factory.mktemp(request.param)
    with pytest.MonkeyPatch.context() as patch:
        for name in ("DECISIONLAB_MODE", "NBGRADER_EXECUTION", "DECISIONLAB_LEARNER", "JUPYTERHUB_USER"):
            patch.delenv(name, raising=False)
        return _every_move(open_lab(LAB, folder, scenario=request.param))


def _out_of_order(pairs) -> list[str]:
    """The pairs in which the move with more credit costs more than the one with less."""
    return [
        f"{more} costs more than {less}"
        for more, less in pairs
        if more.credit > less.credit and more.extra_cost > less.extra_cost + TIE
    ]


def test_every_scenario_of_the_lab_is_checked():
    """Are both shipped scenarios, and any added later, among the cases?"""
    assert {"sourcing-healthbenefits", "sourcing-homegoods"} <= set(SCENARIOS)


def test_the_sweep_finds_part_credit_to_order(moves):
    """Does each scenario give part credit to several moves, so the checks below cannot pass on nothing?"""
    assert sum(0 < move.credit < 1 for move in moves) >= 8


def test_within_a_queue_more_credit_never_costs_more(moves):
    """Within each queue, does a place with more credit never cost more per resolved contact than
    a place with less, leaving aside places its contract or law rules out?"""
    lawful = [move for move in moves if not move.ruled_out]
    pairs = [(a, b) for a, b in permutations(lawful, 2) if a.item == b.item]
    assert not _out_of_order(pairs)


def test_the_same_move_of_queues_with_the_same_key_earns_credit_by_its_cost(moves):
    """For queues with the same key sent to the same place, does the move with more credit never
    cost more per resolved contact than one with less, leaving aside places a rule forbids?"""
    lawful = [move for move in moves if not move.ruled_out and move.place not in move.key]
    pairs = [(a, b) for a, b in permutations(lawful, 2) if (a.key, a.place) == (b.key, b.place)]
    assert not _out_of_order(pairs)


def test_a_place_a_rule_forbids_earns_nothing(moves):
    """Does every place outside a queue's allowed locations earn no credit, whatever it costs?"""
    assert [str(move) for move in moves if move.ruled_out and move.credit > 0] == []


def test_order_check_catches_credit_against_the_cost():
    """Would the check report a move that earns more credit than a cheaper move of the same kind?"""
    key = frozenset({"inhouse"})
    dear = Move("fraud", "onshore", key, credit=0.25, extra_cost=1.80, ruled_out=False)
    cheap = Move("escalations", "onshore", key, credit=0.0, extra_cost=0.85, ruled_out=False)
    tied = Move("appeals", "onshore", key, credit=0.0, extra_cost=1.795, ruled_out=False)
    assert _out_of_order([(dear, cheap)]) == [f"{dear} costs more than {cheap}"]
    assert _out_of_order([(dear, tied), (cheap, dear)]) == []
