"""One learner's decisions in one graded lab: the gradebook's points beside the choice they were for.

Points and maxima come from the gradebook (a decision's grade cell is ``decision-<id>``), so
an instructor's manual score is what is exported.  The choice, the scenario, the variant and
the reveal come from the answers file in the submission's autograded folder (nbgrader copies
it there from the submitted folder), read the way ``ScoreDecisions`` reads it, and on the
scenario and variant ``ScoreDecisions`` graded (``grader.autograde.graded_variant``): the
choices exported are the ones the points were given for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from grader.answers import answers_path, read_answers
from grader.autograde.cells import DECISION_PREFIX
from grader.autograde.graded_variant import graded_variant
from grader.catalog import choice_key, scenarios_for
from grader.export.records import DecisionRow, GradedLab
from grader.schema import Scenario


@dataclass
class ScenarioSource:
    """Where the grading side finds a lab's scenarios, and whether it trusts the recorded one;
    the course's ``ScoreDecisions`` settings.  Each lab's scenarios are loaded once."""

    folders: tuple[Path, ...]
    trust_recorded: bool = False
    _pools: dict[str, list[Scenario]] = field(default_factory=dict)

    def pool(self, lab_id: str) -> list[Scenario]:
        if lab_id not in self._pools:
            self._pools[lab_id] = scenarios_for(lab_id, self.folders)
        return self._pools[lab_id]


def decision_rows(
    graded: GradedLab, autograded: Path, scenarios: ScenarioSource
) -> tuple[list[DecisionRow], list[str]]:
    """The rows of ``graded``'s decisions, in the scenario's order, and notes for the instructor.

    ``autograded`` is the submission's autograded folder.  Without its answers file, or
    without a scenario of the lab, the choices are blank and a note says why.
    """
    decisions = {
        c.cell[len(DECISION_PREFIX) :]: c for c in graded.cells if c.cell.startswith(DECISION_PREFIX)
    }
    if not decisions:
        return [], []
    where = f"{graded.learner}/{graded.lab}"
    notes: list[str] = []
    report = read_answers(answers_path(autograded, graded.lab), graded.lab)
    answers = report.answers
    if report.missing:
        notes.append(f"{where}: no answers file in {autograded}; its choices are blank")
    elif report.warnings:  # as grading logged it: an unreadable file, entries left out
        notes.append(f"{where}: {report.warnings[0]}")
    pool = scenarios.pool(graded.lab)
    template: Scenario | None = None
    seed, key = 0, ""
    if pool:
        template, seed, _ = graded_variant(
            pool, graded.lab, graded.learner, answers, trust_recorded=scenarios.trust_recorded
        )
        key = choice_key(template, seed)
    else:
        notes.append(f"{where}: no scenario of lab '{graded.lab}' was found; its choices are blank")
    chosen = answers.for_scenario(key) if key else {}
    rows = [
        DecisionRow(
            learner=graded.learner,
            lab=graded.lab,
            decision=decision_id,
            choice=recorded_choice(chosen.get(decision_id)),
            points=cell.points,
            max_points=cell.max_points,
            scenario=template.id if template is not None else "",
            variant=seed,
            revealed=bool(answers.revealed_at(key, decision_id)) if key else False,
            revealed_at=answers.revealed_at(key, decision_id) if key else "",
        )
        for decision_id, cell in decisions.items()
    ]
    order = {d.id: n for n, d in enumerate(template.decisions)} if template is not None else {}
    rows.sort(key=lambda row: (order.get(row.decision, len(order)), row.decision))
    return rows, notes


def recorded_choice(value: object) -> str:
    """A choice as the answers file records it, in one CSV cell: text as it is, anything else
    (numbers, lists, item-to-place maps) as JSON; no choice is empty.

    >>> recorded_choice("offshore"), recorded_choice(1.5), recorded_choice(None)
    ('offshore', '1.5', '')
    >>> recorded_choice({"billing": "nearshore", "fraud": "in_house"})
    '{"billing": "nearshore", "fraud": "in_house"}'
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
