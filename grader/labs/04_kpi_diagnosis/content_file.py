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

from grader.catalog import scenario_folder
from grader.schema import Problem, Scenario, ScenarioError
from grader.schema.loader import SCENARIO_FILE, schema_problems
from grader.schema.yaml_lines import LocatedYaml, load_located

from .content import IncidentContent
from .vocabulary import CAUSES, EVIDENCE, FIX, REPORT_CHECK, REPORT_DEFINITIONS, ROOT_CAUSE

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
    # decision id -> (its index in the file, its option ids in order)
    offered = {d.id: (i, [o.id for o in getattr(d, "options", [])]) for i, d in enumerate(scenario.decisions)}
    return _uncovered_options(scenario_path, scenario_lines, offered, content) + _keys_not_offered(
        folder / INCIDENT_FILE, located, offered, content
    )


Offered = dict[str, tuple[int, list[str]]]


def _at(path: Path, lines: LocatedYaml, where: tuple[str | int, ...], message: str) -> Problem:
    return Problem(path, message, lines.line_of(where), ".".join(map(str, where)))


def _uncovered_options(
    path: Path, lines: LocatedYaml, offered: Offered, content: IncidentContent
) -> list[Problem]:
    """Options in the scenario file that the generator could not key or give feedback."""
    from .evidence import RULES  # here, not at the top: the evidence rules read the incident module

    covers = {
        ROOT_CAUSE: (set(CAUSES), f"is not a cause lab 04 can plant ({', '.join(CAUSES)})"),
        EVIDENCE: (
            set(content.evidence) & set(RULES),
            f"has no text under evidence in {INCIDENT_FILE}, or no rule in the generator that reads it off "
            f"the tables ({', '.join(RULES)})",
        ),
        FIX: (set(content.fixes), f"has no text under fixes in {INCIDENT_FILE}"),
        REPORT_CHECK: (
            set(REPORT_DEFINITIONS),
            f"is not a way lab 04 counts a report ({', '.join(REPORT_DEFINITIONS)})",
        ),
    }
    problems = []
    for decision_id, (known, why) in covers.items():
        index, options = offered.get(decision_id, (0, []))
        problems.extend(
            _at(path, lines, ("decisions", index, "options", number, "id"), f"'{option}' {why}")
            for number, option in enumerate(options)
            if option not in known
        )
    return problems


def _keys_not_offered(
    path: Path, lines: LocatedYaml, offered: Offered, content: IncidentContent
) -> list[Problem]:
    """Causes, evidence and fixes the content keys that the scenario file does not offer."""
    problems = []
    if ROOT_CAUSE in offered:
        missing = [c for c in CAUSES if c not in offered[ROOT_CAUSE][1]]
        if missing:
            message = f"{', '.join(missing)}: planted by the generator but not an option of {ROOT_CAUSE}"
            problems.append(_at(path, lines, ("causes",), message))
    for cause_id, cause in content.causes.items():
        keys: list[tuple[str, tuple[str | int, ...], str]] = [
            (EVIDENCE, ("evidence", number), option) for number, option in enumerate(cause.evidence)
        ]
        keys += [(FIX, ("fix",), cause.fix), *((FIX, ("partial_fixes", o), o) for o in cause.partial_fixes)]
        problems.extend(
            _at(path, lines, ("causes", cause_id, *where), f"'{option}' is not an option of {decision_id}")
            for decision_id, where, option in keys
            if decision_id in offered and option not in offered[decision_id][1]
        )
    return problems
