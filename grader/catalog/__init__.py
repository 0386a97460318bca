"""The course's scenarios by lab, and the rule that gives each learner theirs."""

from grader.catalog.assignment import (
    DEFAULT_SEED,
    Assignment,
    assign,
    assigned_scenario,
    choice_key,
    options_seed,
    variant_seed,
)
from grader.catalog.scenarios import lab_of, scenario_folder, scenarios_for

__all__ = [
    "DEFAULT_SEED",
    "Assignment",
    "assign",
    "assigned_scenario",
    "choice_key",
    "lab_of",
    "options_seed",
    "scenario_folder",
    "scenarios_for",
    "variant_seed",
]
