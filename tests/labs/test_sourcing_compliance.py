"""Are lab 01's contract and law rules data that validation checks against the scenario's key?"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from grader.catalog import scenario_folder
from grader.engine.rules import judge
from grader.notebook import open_lab
from tests.labs import lab_parts

VIEW = lab_parts("01_sourcing_models")


@pytest.fixture
def healthbenefits_copy(tmp_path: Path) -> Path:
    """A copy of the health-benefits scenario folder an author may edit."""
    folder = tmp_path / "sourcing-healthbenefits"
    shutil.copytree(scenario_folder("sourcing-healthbenefits"), folder)
    return folder


def _edit_queue(folder: Path, queue: str, **cells: str) -> None:
    path = folder / "queues.csv"
    table = pd.read_csv(path, keep_default_na=False)
    for column, value in cells.items():
        table.loc[table["id"] == queue, column] = value
    table.to_csv(path, index=False)


def test_shipped_scenarios_pass_the_rule_check():
    """Does every lab 01 scenario name only its own locations and key no queue where its rule forbids?"""
    for scenario_id in ("sourcing-healthbenefits", "sourcing-homegoods"):
        assert VIEW.check_queue_rules(scenario_folder(scenario_id)) == []


def test_the_rules_are_data_in_the_queues_table():
    """Does each scenario say in its queues table which queues a contract or law keeps closer?"""
    health = pd.read_csv(scenario_folder("sourcing-healthbenefits") / "queues.csv").set_index("id")
    assert health.loc["claims_status", "allowed_locations"].split() == ["inhouse", "onshore", "nearshore"]
    assert health.loc["cobra", "allowed_locations"].split() == ["inhouse", "onshore"]
    assert health.loc["provider_directory", "allowed_locations"] == "any"
    retail = pd.read_csv(scenario_folder("sourcing-homegoods") / "queues.csv").set_index("id")
    restricted = retail[retail["allowed_locations"] != "any"]
    assert restricted.index.tolist() == ["financing"]
    assert "United States" in restricted.loc["financing", "location_rule"]


def test_a_key_the_rule_forbids_is_a_problem_at_its_row(healthbenefits_copy):
    """Is a keyed location that the queue's rule leaves out reported at the queue's row?"""
    _edit_queue(healthbenefits_copy, "claims_status", allowed_locations="inhouse onshore")
    problems = VIEW.check_queue_rules(healthbenefits_copy)
    assert [(p.file.name, p.line) for p in problems] == [("queues.csv", 5)]
    assert "'claims_status' earns credit at 'nearshore'" in problems[0].message


def test_an_unknown_location_in_a_rule_is_a_problem(healthbenefits_copy):
    """Is a rule naming a location the scenario does not have reported, naming it?"""
    _edit_queue(healthbenefits_copy, "appeals", allowed_locations="inhouse moon")
    problems = VIEW.check_queue_rules(healthbenefits_copy)
    assert any("'moon', not a location" in p.message and p.line == 10 for p in problems)


def test_named_placements_are_grouped_by_rule():
    """Are queues placed where their rule forbids named by their own name, under the rule broken?"""
    queues = pd.read_csv(scenario_folder("sourcing-healthbenefits") / "queues.csv")
    placed = {
        "appeals": "offshore",
        "cobra": "nearshore",
        "claims_status": "offshore",
        "prior_auth": "nearshore",
    }
    broken = VIEW.forbidden_placements(queues, placed)
    assert [(rule.split(":")[0], names) for rule, names in broken.items()] == [
        ("PHI", ["Claim status and benefit statements", "Claim appeals and grievances"]),
        ("Client contracts", ["COBRA continuation notices and payments"]),
    ]


@pytest.mark.parametrize("scenario", ["sourcing-homegoods", "sourcing-healthbenefits"])
def test_ticking_every_check_earns_at_most_a_fifth(scenario, practice):
    """Does ticking every reform check, wrong ones included, earn no more than a fifth of the points,
    so that the checklist cannot be passed without reading it?"""
    lab = open_lab("01_sourcing_models", practice, scenario=scenario)
    decision = lab.decision("reform_checks")
    everything = judge(decision, [option.id for option in decision.options])
    assert everything.fraction <= 0.2 + 1e-9
