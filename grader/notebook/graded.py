"""The scenario as the grading side scores it, built outside any learner's session.

A lab may add to a full scenario what its decisions' scoring needs from its own model
(``LabCode.graded_scenario``: lab 05 prices every wave order).  The learner's session asks
it when it opens a full copy; the grading process, which scores a withheld release from the
instructor's full copy, asks it here, with only the scenario and its tables to read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grader.catalog import scenario_folder
from grader.labs import lab_code, realise
from grader.notebook.reading import ScenarioReading
from grader.runtime import Runtime

if TYPE_CHECKING:
    from pathlib import Path

    from grader.schema import AnyDecision, Scenario


class GradingReader(ScenarioReading):
    """A full scenario and its tables, with no learner, answers or widgets: a lab context for grading."""

    def __init__(self, lab_id: str, template: Scenario, seed: int, search: tuple[Path, ...]) -> None:
        variant = realise(template, seed, scenario_folder(template.id, search))
        self.lab_id, self.search = lab_id, search
        self.template, self.seed = template, seed
        self.scenario = variant.scenario
        self._generated = dict(variant.tables)
        self.runtime = Runtime(mode="assessment")  # grading: no practice aids

    def decision(self, decision_id: str) -> AnyDecision:
        return self.scenario.decision(decision_id)

    def choice(self, decision_id: str) -> object | None:
        return None  # the grading side scores answers; it never reads them through the lab


def graded_scenario(lab_id: str, template: Scenario, seed: int, search: tuple[Path, ...]) -> Scenario:
    """``template``'s variant ``seed`` with what its lab's scoring adds (as it is, if withheld)."""
    reader = GradingReader(lab_id, template, seed, search)
    if reader.scenario.withheld:
        return reader.scenario
    return lab_code(lab_id).graded_scenario(reader)
