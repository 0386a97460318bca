"""Does where an option stands in a learner's panel tell nothing about the key, in every scenario?

Authors tend to list the key first.  These tests draw the panels of every single, multiple
and order decision of the course for fixed learner ids and read the order their controls
list the options in, so each check gives the same answer on every run.  Each order is
random for its learner, so every bound leaves room for chance: a bound at exactly the
chance rate would fail for half of all choices of learner ids.
"""

from __future__ import annotations

from collections.abc import Iterator

import ipywidgets as w
import pytest

from grader.catalog import scenarios_for
from grader.kinds.base import PLACEHOLDER
from grader.notebook import open_lab
from grader.paths import lab_ids
from grader.widgets.panels import DecisionPanel, shown_order

LEARNERS = [f"learner-{n:02d}" for n in range(20)]
KINDS_WITH_OPTIONS = ("single", "multiple", "order")
CASES = [(lab, s.id) for lab in lab_ids() for s in scenarios_for(lab)]
MODE_AND_LEARNER = ("DECISIONLAB_MODE", "NBGRADER_EXECUTION", "JUPYTERHUB_USER")

Listed = dict[tuple[str, str, str], dict[str, list[str]]]
"""(lab, scenario, decision) -> learner -> the option ids in the order the panel lists them."""


def listed_ids(panel: DecisionPanel) -> list[str]:
    """The option ids in the order the panel's control lists them to the learner."""
    control = panel.children[1]
    by_label = {o.label: o.id for o in panel.decision.options}
    if isinstance(control, w.RadioButtons):
        return [value for _label, value in control.options]
    first = control.children[0]
    if isinstance(first, w.Checkbox):
        return [by_label[box.description] for box in control.children]
    assert isinstance(first, w.Dropdown), control
    return [value for label, value in first.options if label != PLACEHOLDER]


def _open_as(lab_id: str, scenario_id: str, learner: str, folder) -> object:
    with pytest.MonkeyPatch.context() as patch:
        for name in MODE_AND_LEARNER:
            patch.delenv(name, raising=False)
        patch.setenv("DECISIONLAB_LEARNER", learner)
        return open_lab(lab_id, folder, scenario=scenario_id)


# The learners whose panels are drawn; the order every learner's panel lists is ``shown_order``'s
# (a test below holds the drawn panels to it), which is all the other tests need, at a fraction of
# the cost of drawing a panel's widgets.
DRAWN = LEARNERS[:3]


@pytest.fixture(scope="module")
def orders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Listed, Listed]:
    """Every option decision's order by ``shown_order`` for each of the fixed learners, and the
    order its panel lists for each learner in ``DRAWN``."""
    shown: Listed = {}
    drawn: Listed = {}
    for lab_id, scenario_id in CASES:
        for learner in LEARNERS:
            lab = _open_as(lab_id, scenario_id, learner, tmp_path_factory.mktemp(lab_id))
            for decision in lab.scenario.decisions:
                if decision.kind in KINDS_WITH_OPTIONS:
                    where = (lab_id, scenario_id, decision.id)
                    shown.setdefault(where, {})[learner] = [o.id for o in shown_order(lab, decision).options]
                    if learner in DRAWN:
                        drawn.setdefault(where, {})[learner] = listed_ids(DecisionPanel(lab, decision))
    return shown, drawn


@pytest.fixture(scope="module")
def listed(orders: tuple[Listed, Listed]) -> Listed:
    """Every option decision's listed order, for each of the fixed learners."""
    return orders[0]


def test_a_panel_lists_the_options_in_the_order_shown_order_gives(orders: tuple[Listed, Listed]):
    """Does each drawn panel list its options in the order ``shown_order`` gives its learner?"""
    shown, drawn = orders
    assert drawn.keys() == shown.keys()
    for where, by_learner in drawn.items():
        assert sorted(by_learner) == sorted(DRAWN), where
        for learner, ids in by_learner.items():
            assert ids == shown[where][learner], (where, learner)


def _decisions(kind: str) -> Iterator[tuple[tuple[str, str, str], object]]:
    for lab_id, scenario_id in CASES:
        scenario = next(s for s in scenarios_for(lab_id) if s.id == scenario_id)
        for decision in scenario.decisions:
            if decision.kind == kind:
                yield (lab_id, scenario_id, decision.id), decision


def test_a_panel_lists_every_option_once(listed: Listed):
    """Does each panel list every option of its decision exactly once?"""
    for kind in KINDS_WITH_OPTIONS:
        for where, decision in _decisions(kind):
            for ids in listed[where].values():
                assert sorted(ids) == sorted(o.id for o in decision.options), where


def test_a_learner_sees_the_same_order_after_a_restart(listed: Listed, tmp_path):
    """Does reopening the lab (a kernel restart) show a learner the same order as before?"""
    lab_id, scenario_id = CASES[-1]
    lab = _open_as(lab_id, scenario_id, LEARNERS[3], tmp_path)
    for decision in lab.scenario.decisions:
        if decision.kind in KINDS_WITH_OPTIONS:
            again = listed_ids(DecisionPanel(lab, decision))
            assert again == listed[(lab_id, scenario_id, decision.id)][LEARNERS[3]], decision.id


def test_learners_do_not_all_see_the_same_order(listed: Listed):
    """Do the fixed learners see more than one order of each decision's options?"""
    for where, orders in listed.items():
        assert len({tuple(ids) for ids in orders.values()}) > 1, where


def test_no_single_choice_shows_its_key_first_to_every_learner(listed: Listed):
    """For each single choice, does at least one of the fixed learners see a wrong option first?"""
    for where, decision in _decisions("single"):
        keys = {o.id for o in decision.options if o.credit == 1.0}
        assert any(ids[0] not in keys for ids in listed[where].values()), where


def test_across_the_course_the_key_is_first_at_most_half_the_time(listed: Listed):
    """Over every single choice and fixed learner, is the key first in at most half the panels?

    A learner who always picks the first option should earn about one in n, not most points.
    """
    firsts = []
    for where, decision in _decisions("single"):
        keys = {o.id for o in decision.options if o.credit == 1.0}
        firsts += [ids[0] in keys for ids in listed[where].values()]
    assert firsts and sum(firsts) <= len(firsts) / 2, f"{sum(firsts)} of {len(firsts)}"


def test_the_correct_options_of_a_multiple_select_are_not_always_on_top(listed: Listed):
    """Does at least one fixed learner see a wrong option among the first k, k being how many belong?"""
    for where, decision in _decisions("multiple"):
        correct = {o.id for o in decision.options if o.correct}
        tops = [set(ids[: len(correct)]) for ids in listed[where].values()]
        assert any(top != correct for top in tops), where


def test_an_orderings_listed_order_earns_about_half_the_pairs(listed: Listed):
    """Taking an ordering's drop-down options in their listed order: does it earn no more than
    chance (half the pairs), with a margin, on average over the fixed learners?"""
    for where, decision in _decisions("order"):
        shares = [
            right / pairs for right, pairs in (decision.pairs_right(ids) for ids in listed[where].values())
        ]
        assert sum(shares) / len(shares) <= 0.65, (where, shares)
        assert all(ids != decision.key for ids in listed[where].values()), where


def test_an_unanswered_ordering_starts_with_every_place_empty(tmp_path):
    """Does an unanswered ordering's every drop-down start on the placeholder, not on an option?"""
    for where, _decision in _decisions("order"):
        lab = _open_as(where[0], where[1], LEARNERS[0], tmp_path / where[1])
        menus = DecisionPanel(lab, lab.decision(where[2])).children[1].children
        assert {m.value for m in menus} == {""}, where
