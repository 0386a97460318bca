"""Lab 01: where a contract or a law keeps a queue, read from the scenario's queues table.

A scenario says which queues carry such a rule in two columns of ``queues.csv``:
``allowed_locations`` (location ids, or ``any``) and ``location_rule`` (the contract or law, in
words). The quarter simulation prices a placement outside them as an expected cost; this
module names those placements for the view, and checks a scenario's rules against its own
locations and answer key, so that ``decisionlab validate`` catches a key that breaks its rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import yaml
from pydantic import ValidationError

from grader.models.consequences import ALLOWED_COLUMN, allowed_locations
from grader.schema import Problem, Scenario
from grader.schema.loader import SCENARIO_FILE

__all__ = ["RULE_COLUMN", "check_queue_rules", "forbidden_placements", "forbidden_sentence"]

RULE_COLUMN = "location_rule"
_MAP = "queue_mapping"


def forbidden_placements(queues: pd.DataFrame, placed: Mapping[str, str]) -> dict[str, list[str]]:
    """The placed queues (by name) whose location their rule leaves out, grouped by the rule.

    >>> q = pd.DataFrame({"id": ["a", "b", "c"], "queue": ["Claims", "COBRA", "Lookups"],
    ...                   "allowed_locations": ["inhouse nearshore", "inhouse", "any"],
    ...                   "location_rule": ["PHI at approved sites", "US only", None]})
    >>> forbidden_placements(q, {"a": "offshore", "b": "inhouse", "c": "offshore"})
    {'PHI at approved sites': ['Claims']}
    """
    names = queues["queue"] if "queue" in queues.columns else queues["id"]
    rules = queues[RULE_COLUMN] if RULE_COLUMN in queues.columns else pd.Series([None] * len(queues))
    out: dict[str, list[str]] = {}
    for queue, name, rule, allowed in zip(queues["id"], names, rules, allowed_locations(queues), strict=True):
        where = placed.get(queue)
        if where is not None and allowed is not None and where not in allowed:
            text = rule if isinstance(rule, str) and rule.strip() else "a contract or law"
            out.setdefault(text, []).append(str(name))
    return out


def forbidden_sentence(queues: pd.DataFrame, placed: Mapping[str, str]) -> str:
    """The placed queues whose contract or law leaves their location out, in one sentence.

    Shown in assessment too: the rules are in the queues table the learner reads.

    >>> q = pd.DataFrame({"id": ["b"], "queue": ["COBRA"], "allowed_locations": ["inhouse"],
    ...                   "location_rule": ["US only"]})
    >>> forbidden_sentence(q, {"b": "offshore"})
    ' Placed where their contract or law forbids: COBRA (US only).'
    """
    broken = forbidden_placements(queues, placed)
    if not broken:
        return ""
    named = "; ".join(f"{', '.join(names)} ({rule})" for rule, names in broken.items())
    return f" Placed where their contract or law forbids: {named}."


def check_queue_rules(folder: Path) -> list[Problem]:
    """Rules naming a location the scenario does not have, and keyed placements a rule forbids.

    A scenario file or table that does not load is left to the scenario's own checks.
    """
    folder = Path(folder)
    try:
        scenario = Scenario.model_validate(
            yaml.safe_load((folder / SCENARIO_FILE).read_text(encoding="utf-8"))
        )
        files = {t.id: folder / t.file for t in scenario.tables if t.file is not None}
        queues, locations = pd.read_csv(files["queues"]), pd.read_csv(files["locations"])
    except (OSError, KeyError, ValueError, yaml.YAMLError, ValidationError):
        return []
    if ALLOWED_COLUMN not in queues.columns or "id" not in locations.columns:
        return []
    path = files["queues"]
    rules = dict(zip(queues["id"].astype(str), allowed_locations(queues), strict=True))
    problems = []
    known = set(locations["id"].astype(str))
    for row, (queue, allowed) in enumerate(rules.items(), start=2):  # line 1 is the header
        for unknown in sorted((allowed or set()) - known):
            problems.append(
                Problem(path, f"{ALLOWED_COLUMN} of '{queue}' names '{unknown}', not a location", row)
            )
    mapping = next((d for d in scenario.decisions if d.id == _MAP), None)
    for item in getattr(mapping, "items", []):
        allowed = rules.get(item.id)
        credited = [*item.key, *item.partial]
        for loc in credited:
            if allowed is not None and loc not in allowed:
                problems.append(
                    Problem(
                        path,
                        f"'{item.id}' earns credit at '{loc}' in {_MAP}, which its {ALLOWED_COLUMN} forbids",
                        list(rules).index(item.id) + 2,
                    )
                )
    return problems
