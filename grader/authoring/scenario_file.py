"""A scenario that passed the schema, with the file it came from and the line of every value."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from grader.schema import Problem, Scenario
from grader.schema.yaml_lines import LocatedYaml, load_located


@dataclass(frozen=True)
class ScenarioFile:
    """A valid scenario, its ``scenario.yaml`` and where each value stands in it."""

    path: Path
    scenario: Scenario
    located: LocatedYaml

    @classmethod
    def read(cls, path: Path, scenario: Scenario) -> ScenarioFile:
        """``scenario`` as loaded from ``path``; the file has already passed the schema."""
        return cls(path, scenario, load_located(path.read_text(encoding="utf-8")))

    def problem(self, message: str, *where: str | int) -> Problem:
        """A problem at the value ``where`` (a path such as ``"decisions", 0, "points"``)."""
        return Problem(self.path, message, self.located.line_of(where), ".".join(map(str, where)))
