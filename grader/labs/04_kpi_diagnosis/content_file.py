"""Reading and checking a scenario's ``incident.yaml``, with problems told as ``file:line: field: message``.

``decisionlab validate`` runs :func:`check_content` on every lab 04 scenario folder (it is the
lab's ``check_scenario``): the file against its schema, then against the scenario's decisions,
whose options it must cover.  The generator and the views read the file through
:func:`content_for`, which reads each version of a file once.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from grader.kinds.base import Strict
from grader.schema import Problem, Scenario, ScenarioError
from grader.schema.loader import SCENARIO_FILE, schema_problems
from grader.schema.yaml_lines import LocatedYaml, load_located

from .content import IncidentContent
from .vocabulary import CAUSES, EVIDENCE, FIX, ROOT_CAUSE

__all__ = ["INCIDENT_FILE", "check_content", "content_for", "content_schema", "load_content"]

INCIDENT_FILE = "incident.yaml"


def content_schema() -> dict[str, Any]:
    """The JSON Schema of ``incident.yaml``."""
    return IncidentContent.model_json_schema()


def check_content(folder: Path) -> list[Problem]:
    """Every problem of ``folder``'s ``incident.yaml``, and of its fit with the folder's scenario file."""
    content, located, problems = _read(Path(folder) / INCIDENT_FILE)
    if content is None or located is None:
        return problems
    return problems + _decision_problems(Path(folder), content, located)


def load_content(folder: Path) -> IncidentContent:
    """The content of ``folder``'s ``incident.yaml``; :class:`ScenarioError` if it has a problem."""
    path = Path(folder) / INCIDENT_FILE
    try:
        stat = path.stat()
    except OSError:
        raise ScenarioError(_read(path)[2]) from None
    # Keyed by the file's size and time: an author's edit is read again, an unchanged file is not.
    return _load_once(str(path.resolve()), stat.st_size, stat.st_mtime_ns)


def content_for(template: Scenario, folder: Path | None = None) -> IncidentContent:
    """The content a variant of ``template`` is built from: its folder's (by default the catalog's) file."""
    if folder is None:
        from grader.catalog import scenario_folder

        try:
            folder = scenario_folder(template.id)
        except KeyError:
            raise ScenarioError(
                [
                    Problem(
                        Path(template.id),
                        f"lab 04 reads {INCIDENT_FILE} from the scenario's folder; none found",
                    )
                ]
            ) from None
    return load_content(folder)


@lru_cache(maxsize=16)
def _load_once(path: str, size: int, mtime_ns: int) -> IncidentContent:
    content, _, problems = _read(Path(path))
    if content is None or problems:
        raise ScenarioError(problems)
    return content


def _read(path: Path) -> tuple[IncidentContent | None, LocatedYaml | None, list[Problem]]:
    """The file's content and lines, or the problems that stop it loading."""
    if not path.exists():
        return None, None, [Problem(path, "missing: every lab 04 scenario folder needs one (copy another's)")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return (
            None,
            None,
            [Problem(path, "this file is not UTF-8 text; save it with UTF-8 encoding", line=line)],
        )
    try:
        located = load_located(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        return None, None, [Problem(path, f"YAML syntax error: {reason}", mark.line + 1 if mark else None)]
    problems = [
        Problem(path, "this key appears twice in the same block", line, ".".join(map(str, where)))
        for where, line in located.duplicates
    ]
    if not isinstance(located.data, dict):
        return None, None, [*problems, Problem(path, "the file must be a mapping of keys to values", line=1)]
    try:
        content = IncidentContent.model_validate(located.data)
    except ValidationError as error:
        return None, None, problems + schema_problems(path, located, error)
    return (None if problems else content), located, problems


def _decision_problems(folder: Path, content: IncidentContent, located: LocatedYaml) -> list[Problem]:
    """Options of the scenario's keyed decisions the content does not cover, and the reverse.

    A scenario file that does not load is left to the scenario's own checks.
    """
    scenario_path = folder / SCENARIO_FILE
    try:
        scenario_lines = load_located(scenario_path.read_text(encoding="utf-8"))
        scenario = Scenario.model_validate(scenario_lines.data)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError):
        return []
    incident_path = folder / INCIDENT_FILE
    problems: list[Problem] = []

    def in_scenario(decision_id: str, option_id: str, message: str) -> None:
        index = next(i for i, d in enumerate(scenario.decisions) if d.id == decision_id)
        options = _options(scenario.decisions[index])
        where = (
            "decisions",
            index,
            "options",
            next(i for i, o in enumerate(options) if o.id == option_id),
            "id",
        )
        problems.append(
            Problem(scenario_path, message, scenario_lines.line_of(where), ".".join(map(str, where)))
        )

    def in_content(where: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(incident_path, message, located.line_of(where), ".".join(map(str, where))))

    offered = {d.id: {o.id for o in _options(d)} for d in scenario.decisions}
    for option in sorted(offered.get(ROOT_CAUSE, set()) - set(CAUSES)):
        in_scenario(ROOT_CAUSE, option, f"'{option}' is not a cause lab 04 can plant ({', '.join(CAUSES)})")
    if ROOT_CAUSE in offered and offered[ROOT_CAUSE] < set(CAUSES):
        missing = ", ".join(c for c in CAUSES if c not in offered[ROOT_CAUSE])
        in_content(("causes",), f"{missing}: planted by the generator but not an option of {ROOT_CAUSE}")
    for option in sorted(offered.get(EVIDENCE, set()) - set(content.evidence) - set(content.red_herrings)):
        in_scenario(
            EVIDENCE, option, f"'{option}' has no text in {INCIDENT_FILE} (under evidence or red_herrings)"
        )
    for option in sorted(offered.get(FIX, set()) - set(content.fixes)):
        in_scenario(FIX, option, f"'{option}' has no text under fixes in {INCIDENT_FILE}")
    for cause_id, cause in content.causes.items():
        if EVIDENCE in offered:
            for index, option in enumerate(cause.evidence):
                if option not in offered[EVIDENCE]:
                    in_content(
                        ("causes", cause_id, "evidence", index), f"'{option}' is not an option of {EVIDENCE}"
                    )
        if FIX in offered:
            for option, where in [
                (cause.fix, "fix"),
                *((o, f"partial_fixes.{o}") for o in cause.partial_fixes),
            ]:
                if option not in offered[FIX]:
                    in_content(
                        ("causes", cause_id, *where.split(".")), f"'{option}' is not an option of {FIX}"
                    )
    return problems


def _options(decision: Strict) -> list[Any]:
    return list(getattr(decision, "options", []))
