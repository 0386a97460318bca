"""Load and validate scenario folders, reporting every mistake with file, line and field."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path

import yaml
from pydantic import ValidationError

from grader.kinds import KINDS
from grader.schema.model import Scenario
from grader.schema.problems import Problem, ScenarioError
from grader.schema.yaml_lines import LocatedYaml, load_located

SCENARIO_FILE = "scenario.yaml"

# Validators in model.py start their message with the dotted path they concern
# ("items.3: ..."), so the error can be pointed at that line instead of the parent's.
_LEADING_PATH = re.compile(r"^(?:Value error, )?([A-Za-z_][\w]*(?:\.[\w\-]+)*): (.*)$", re.S)


def load_scenario(folder: Path | str) -> Scenario:
    """Load ``folder/scenario.yaml`` and check its data files; raise ``ScenarioError``."""
    scenario, problems = check_scenario(Path(folder))
    if problems or scenario is None:
        raise ScenarioError(problems)
    return scenario


def check_scenario(folder: Path) -> tuple[Scenario | None, list[Problem]]:
    """Validate one scenario folder; return the scenario (if valid) and every problem."""
    path = folder / SCENARIO_FILE if folder.is_dir() else folder
    folder = path.parent
    if not path.exists():
        return None, [Problem(path, f"no {SCENARIO_FILE} here: each scenario folder needs one")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(path, "this file is not UTF-8 text; save it with UTF-8 encoding", line=line)]
    if not text.strip():
        return None, [Problem(path, "the file is empty; start from an existing scenario.yaml")]
    try:
        located = load_located(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        line = mark.line + 1 if mark is not None else None
        return None, [Problem(path, f"YAML syntax error: {reason}", line=line)]
    problems = [
        Problem(path, "this key appears twice in the same block", line=line, field=_dotted(dup))
        for dup, line in located.duplicates
    ]
    if not isinstance(located.data, dict):
        problems.append(Problem(path, "the file must be a mapping of keys to values", line=1))
        return None, problems
    try:
        scenario = Scenario.model_validate(located.data)
    except ValidationError as error:
        problems.extend(schema_problems(path, located, error))
        return None, problems
    problems.extend(_table_problems(folder, scenario, located))
    problems.extend(_document_problems(folder, scenario, located))
    if folder.name != scenario.id:
        problems.append(
            Problem(
                path,
                f"the folder is named '{folder.name}' but the id is '{scenario.id}'; "
                "rename one so they match",
                line=located.line_of(("id",)),
                field="id",
            )
        )
    return (None if problems else scenario), problems


def check_paths(paths: Iterable[Path]) -> tuple[list[Scenario], list[Problem]]:
    """Validate scenario folders (or folders holding them) against the schema, one file at a time.

    Only the schema: whether a scenario fits its lab, and whether its generator works, is
    checked one layer up, by ``grader.authoring`` (what ``decisionlab validate`` runs).
    """
    folders, problems = scenario_folders(paths)
    scenarios: list[tuple[Path, Scenario]] = []
    for folder in folders:
        scenario, found = check_scenario(folder)
        problems.extend(found)
        if scenario is not None:
            scenarios.append((folder / SCENARIO_FILE, scenario))
    problems.extend(duplicate_id_problems(scenarios))
    return [s for _, s in scenarios], problems


def scenario_folders(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The scenario folders ``paths`` name (each a scenario, its file, or a folder of them)."""
    folders: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_file():
            folders.append(path.parent)
        elif (path / SCENARIO_FILE).exists():
            folders.append(path)
        elif path.is_dir():
            inside = sorted(p.parent for p in path.glob(f"*/{SCENARIO_FILE}"))
            if not inside:
                problems.append(Problem(path, f"no {SCENARIO_FILE} here, nor in any folder inside"))
            folders.extend(inside)
        else:
            problems.append(Problem(path, "no such file or folder"))
    return folders, problems


def duplicate_id_problems(scenarios: list[tuple[Path, Scenario]]) -> list[Problem]:
    """Scenarios validated together need different ids (a lab finds its scenarios by id)."""
    problems: list[Problem] = []
    first_by_id: dict[str, Path] = {}
    for path, scenario in scenarios:
        if scenario.id in first_by_id:
            problems.append(
                Problem(
                    path,
                    f"'{scenario.id}' is also the id of {first_by_id[scenario.id]}",
                    field="id",
                )
            )
        first_by_id.setdefault(scenario.id, path)
    return problems


def _table_problems(folder: Path, scenario: Scenario, located: LocatedYaml) -> list[Problem]:
    problems: list[Problem] = []
    for index, table in enumerate(scenario.tables):
        if table.file is None:
            continue  # built by the scenario's generator; checked with the generator
        csv_path = folder / table.file
        text = _asset_text(folder, located, ("tables", index, "file"), problems)
        if text is None:
            continue
        rows = list(csv.reader(io.StringIO(text)))
        if len(rows) < 2:
            problems.append(Problem(csv_path, "needs a header row and at least one data row"))
            continue
        header = rows[0]
        for number, row in enumerate(rows[1:], start=2):
            if row and len(row) != len(header):
                problems.append(
                    Problem(csv_path, f"has {len(row)} values but the header has {len(header)}", number)
                )
        for column in table.columns:
            if column not in header:
                problems.append(
                    Problem(
                        located_file(folder),
                        f"column '{column}' is not in {table.file} (it has: {', '.join(header)})",
                        located.line_of(("tables", index, "columns", column)),
                        f"tables.{index}.columns.{column}",
                    )
                )
    return problems


def _asset_text(
    folder: Path, located: LocatedYaml, where: tuple[str, int, str], problems: list[Problem]
) -> str | None:
    """The text of a file the scenario names at ``where``, or ``None`` with the problem added."""
    name = located.data
    for part in where:
        name = name[part]
    path = folder / str(name)
    if not path.exists():
        problems.append(
            Problem(
                located_file(folder),
                f"'{name}' does not exist in {folder}",
                located.line_of(where),
                ".".join(map(str, where)),
            )
        )
        return None
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        problems.append(Problem(path, "this file is not UTF-8 text; save it with UTF-8 encoding"))
        return None


def _document_problems(folder: Path, scenario: Scenario, located: LocatedYaml) -> list[Problem]:
    problems: list[Problem] = []
    for index, document in enumerate(scenario.documents):
        path = folder / document.file
        text = _asset_text(folder, located, ("documents", index, "file"), problems)
        if text is None:
            continue
        if not text.strip():
            problems.append(Problem(path, "is empty; write the document or remove it from documents"))
    return problems


def located_file(folder: Path) -> Path:
    return folder / SCENARIO_FILE


def schema_problems(path: Path, located: LocatedYaml, error: ValidationError) -> list[Problem]:
    """Pydantic's errors for the YAML file ``path`` as problems at their lines (lab content files too)."""
    problems: list[Problem] = []
    for detail in error.errors(include_url=False):
        loc = _data_path(detail["loc"])
        message = detail["msg"]
        match = _LEADING_PATH.match(message)
        if detail["type"] == "value_error" and match:
            loc = (*loc, *(_part(p) for p in match.group(1).split(".")))
            message = match.group(2)
        elif message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        if detail["type"] == "extra_forbidden":
            message = "unknown key; check its spelling against the schema (decisionlab schema)"
        elif detail["type"] == "missing":
            message = "this required key is missing"
        elif detail["type"] == "union_tag_invalid":
            message = f"kind must be one of: {', '.join(KINDS)}"
        problems.append(Problem(path, message, located.line_of(loc), _dotted(loc)))
    return problems


def _data_path(loc: tuple) -> tuple[str | int, ...]:
    # Discriminated unions add the tag ('assign') to the location; the data has no such key.
    return tuple(
        p
        for i, p in enumerate(loc)
        if not (isinstance(p, str) and p in KINDS and i and isinstance(loc[i - 1], int))
    )


def _part(text: str) -> str | int:
    return int(text) if text.isdigit() else text


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path)
