"""The scenarios of a lab, found in the scenario folders and validated once per content.

Opening a lab must be quick (it is the first cell a learner runs, and nbgrader runs it once
per learner per lab), so only that lab's scenarios are read: a scenario file names its lab
on a line of its own (``lab: 04_kpi_diagnosis``), which is found without parsing the file.
Each file is validated once per process for a given content: an author's edit changes the
content and is picked up without a restart.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from grader.display.cache import BoundedCache
from grader.paths import scenario_dirs
from grader.schema import Scenario, ScenarioError, load_scenario
from grader.schema.loader import SCENARIO_FILE

_LAB_LINE = re.compile(rb"^lab:\s*['\"]?([A-Za-z0-9_\-]+)", re.M)
_validated: BoundedCache[Scenario | None] = BoundedCache(64)


def lab_of(file: Path) -> str | None:
    """The lab a scenario file names on its top-level ``lab:`` line, read without parsing it."""
    try:
        match = _LAB_LINE.search(file.read_bytes())
    except OSError:
        return None
    return match.group(1).decode() if match else None


def _fingerprint(folder: Path) -> str:
    """The content of a scenario folder: its file, and the names, sizes and times of its assets."""
    digest = hashlib.sha256((folder / SCENARIO_FILE).read_bytes())
    for asset in sorted(folder.iterdir()):
        if asset.is_file() and asset.name != SCENARIO_FILE:
            stat = asset.stat()
            digest.update(f"{asset.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _load_once(folder: Path) -> Scenario | None:
    def load() -> Scenario | None:
        try:
            return load_scenario(folder)
        except ScenarioError:
            return None  # `decisionlab validate` reports it; a lab must still open

    return _validated.get((str(folder.resolve()), _fingerprint(folder)), load)


def scenarios_for(lab_id: str, search: tuple[Path, ...] | None = None) -> list[Scenario]:
    """Valid scenarios of ``lab_id``, sorted by id; a private pack shadows same-id scenarios."""
    found: dict[str, Scenario] = {}
    for root in search or tuple(scenario_dirs()):
        for file in sorted(root.glob(f"*/{SCENARIO_FILE}")):
            if lab_of(file) != lab_id:
                continue
            scenario = _load_once(file.parent)
            if scenario is not None and scenario.lab == lab_id:
                found.setdefault(scenario.id, scenario)
    return [found[k] for k in sorted(found)]


def scenario_folder(scenario_id: str, search: tuple[Path, ...] | None = None) -> Path:
    """The folder of ``scenario_id`` (for its data files)."""
    roots = search or tuple(scenario_dirs())
    for root in roots:
        candidate = root / scenario_id
        if (candidate / SCENARIO_FILE).exists():
            return candidate
    raise KeyError(f"no scenario folder named '{scenario_id}' in {', '.join(map(str, roots))}")
