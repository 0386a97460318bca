"""The scenarios available to each lab, loaded once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from grader.paths import scenario_dirs
from grader.schema import Scenario, ScenarioError, load_scenario
from grader.schema.loader import SCENARIO_FILE


@cache
def _load(folder: Path, mtime: float) -> Scenario:
    # mtime is part of the key so an author's edit is picked up without a restart.
    return load_scenario(folder)


def scenarios_for(lab_id: str, search: tuple[Path, ...] | None = None) -> list[Scenario]:
    """Valid scenarios of ``lab_id``, sorted by id; a private pack shadows same-id scenarios."""
    found: dict[str, Scenario] = {}
    for root in search or tuple(scenario_dirs()):
        for file in sorted(root.glob(f"*/{SCENARIO_FILE}")):
            try:
                scenario = _load(file.parent, file.stat().st_mtime)
            except ScenarioError:
                continue  # `decisionlab validate` reports it; a lab must still open
            if scenario.lab == lab_id:
                found.setdefault(scenario.id, scenario)
    return [found[k] for k in sorted(found)]


def scenario_folder(scenario_id: str, search: tuple[Path, ...] | None = None) -> Path:
    """The folder of ``scenario_id`` (for its data files)."""
    for root in search or tuple(scenario_dirs()):
        candidate = root / scenario_id
        if (candidate / SCENARIO_FILE).exists():
            return candidate
    raise KeyError(f"no scenario folder named '{scenario_id}' in {', '.join(map(str, scenario_dirs()))}")
