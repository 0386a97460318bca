"""Scenario schema, loading and validation."""

from grader.schema.loader import check_paths, check_scenario, load_scenario
from grader.schema.model import SCHEMA_VERSION, AnyDecision, Scenario
from grader.schema.problems import Problem, ScenarioError

__all__ = [
    "SCHEMA_VERSION",
    "AnyDecision",
    "Problem",
    "Scenario",
    "ScenarioError",
    "check_paths",
    "check_scenario",
    "load_scenario",
]
