"""Is the simulation's data file read into checked figures, and is a broken one refused by file and key?"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from grader.models.consequences import ASSUMPTIONS, CSAT_WEIGHTS, FIT_RULES, SimulationSettings
from grader.models.consequences.assumptions import (
    ASSUMPTIONS_FILE,
    AssumptionsError,
    load_assumptions,
)
from grader.models.cost import REFERENCE_RANGES

SHIPPED = yaml.safe_load(ASSUMPTIONS_FILE.read_text(encoding="utf-8"))


def written(tmp_path: Path, change: Callable[[dict], object]) -> Path:
    """A copy of the shipped file with ``change`` applied to its data."""
    data = copy.deepcopy(SHIPPED)
    change(data)
    path = tmp_path / "assumptions.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the shipped file


def test_public_figures_are_the_files():
    """Are ASSUMPTIONS, CSAT_WEIGHTS and FIT_RULES what the shipped file says?"""
    loaded = load_assumptions()
    assert ASSUMPTIONS == dict(loaded.settings)
    assert CSAT_WEIGHTS == loaded.csat_weights == (0.5, 0.3, 0.2)
    assert FIT_RULES == loaded.fit_rules
    assert len(FIT_RULES) == len(SHIPPED["fit_rules"])


def test_every_setting_of_a_run_has_a_sourced_default():
    """Does every scalar setting of SimulationSettings take its default from a figure with unit and source?"""
    defaults = SimulationSettings()
    for name, figure in ASSUMPTIONS.items():
        assert getattr(defaults, name) == figure.value
        assert figure.unit and figure.source


def test_references_take_the_cost_models_figures():
    """Does a figure naming a reference take that entry's value, range and source, and keep its own unit?"""
    fcr, occupancy = REFERENCE_RANGES["fcr"], REFERENCE_RANGES["occupancy"]
    assert ASSUMPTIONS["base_fcr"].describe() == fcr.describe().replace("fcr:", "base_fcr:", 1)
    assert ASSUMPTIONS["occupancy"].value == occupancy.value
    # its note adds the staffing rule it carries for email and back-office work
    assert ASSUMPTIONS["occupancy"].source.startswith(occupancy.source + "; ")
    assert "staffed by workload" in ASSUMPTIONS["occupancy"].source
    assert ASSUMPTIONS["occupancy"].unit != occupancy.unit
    assert (
        SimulationSettings().annual_attrition["offshore"] == REFERENCE_RANGES["attrition_philippines"].value
    )


def test_source_notes_are_added_to_the_reference_source():
    """Does the shrinkage source keep the reference's source and add the file's note?"""
    table = SimulationSettings().table().set_index("name")
    source = table.loc["shrinkage[offshore]", "source"]
    assert source.startswith(REFERENCE_RANGES["shrinkage"].source + "; ")
    assert "night-shift" in source


def test_every_cost_of_a_poor_fit_is_sourced_within_its_range():
    """Does every figure pricing a poor fit or a broken rule carry a source or a course-assumption label?"""
    names = (
        "error_share_per_fit_point",
        "escalation_share_per_fit_point",
        "escalation_effort",
        "breach_probability",
        "breach_cost_per_contact",
    )
    figures = [ASSUMPTIONS[name] for name in names] + list(load_assumptions().error_cost.values())
    for figure in figures:
        assert figure.low <= figure.value <= figure.high, figure.name
        assert "course assumption" in figure.source, figure.name


def test_a_changed_file_changes_the_figures(tmp_path):
    """Do the numbers come from the file: does a copy with another value give that value?"""

    def change(data: dict) -> None:
        data["settings"]["ramp_weeks"]["value"] = 4.5
        data["fit_rules"][0]["penalties"]["offshore"] = 0.09

    loaded = load_assumptions(written(tmp_path, change))
    assert loaded.settings["ramp_weeks"].value == 4.5
    assert loaded.fit_rules[0].penalties["offshore"] == 0.09


# --------------------------------------------------------------------------- broken files


def _drop(*keys: str) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        *parents, last = keys
        for key in parents:
            data = data[key]
        del data[last]

    return change


def _set(value: object, *keys: str | int) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        *parents, last = keys
        for key in parents:
            data = data[key]
        data[last] = value

    return change


BROKEN = [
    ("a setting is missing", _drop("settings", "ramp_weeks"), "settings.ramp_weeks: Field required"),
    ("an unknown key", _set(1, "settings", "ramp_weeks", "vlaue"), "settings.ramp_weeks.vlaue: Extra inputs"),
    (
        "a number written as text",
        _set("0.8", "settings", "service_target", "value"),
        "settings.service_target.value",
    ),
    (
        "a figure without a source",
        _drop("settings", "volume_noise", "source"),
        "settings.volume_noise: needs source",
    ),
    (
        "a value outside its own range",
        _set(0.95, "settings", "service_target", "value"),
        "settings.service_target: value",
    ),
    (
        "a value in its own range the model cannot run",
        _set({**SHIPPED["settings"]["volume_noise"], "value": 1.0, "high": 1.0}, "settings", "volume_noise"),
        "settings.volume_noise.value: must be in [0, 1) for the simulation",
    ),
    (
        "an unknown reference",
        _set("fcr_typo", "settings", "base_fcr", "reference"),
        "settings.base_fcr.reference",
    ),
    ("weeks that are not whole", _set(13.5, "weeks", "value"), "weeks.value"),
    (
        "shrinkage of all paid time",
        _set(1.0, "shrinkage", "by_location", "offshore"),
        "shrinkage.by_location.offshore",
    ),
    (
        "no home shrinkage",
        _drop("shrinkage", "by_location", "inhouse"),
        "shrinkage.by_location: needs a value",
    ),
    (
        "an unknown attrition reference",
        _set("nowhere", "annual_attrition", "by_location", "offshore"),
        "annual_attrition.by_location.offshore",
    ),
    (
        "weights that do not sum to 1",
        _set(0.4, "csat_weights", "fcr"),
        "csat_weights: must be >= 0 and sum to 1",
    ),
    ("a rule on an unknown attribute", _set("mood", "fit_rules", 2, "attribute"), "fit_rules[2].attribute"),
    (
        "a rule penalising in-house",
        _set(0.01, "fit_rules", 0, "penalties", "inhouse"),
        "fit_rules[0].penalties.inhouse",
    ),
    (
        "a negative penalty",
        _set(-0.02, "fit_rules", 3, "penalties", "offshore"),
        "fit_rules[3].penalties.offshore",
    ),
    ("a rule without a reason", _drop("fit_rules", 1, "reason"), "fit_rules[1].reason: Field required"),
    (
        "a risk level without a cost of a mistake",
        _drop("error_cost", "medium_risk"),
        "error_cost.medium_risk: Field required",
    ),
    (
        "a cost of a mistake outside its own range",
        _set(900.0, "error_cost", "high_risk", "value"),
        "error_cost.high_risk: value",
    ),
    (
        "a negative cost of a mistake",
        _set({**SHIPPED["error_cost"]["low_risk"], "value": -5.0, "low": -10.0}, "error_cost", "low_risk"),
        "error_cost.low_risk.value: must be in [0, inf) for the simulation",
    ),
    (
        "a breach chance above 1",
        _set(
            {**SHIPPED["settings"]["breach_probability"], "value": 1.2, "high": 2.0},
            "settings",
            "breach_probability",
        ),
        "settings.breach_probability.value: must be in [0, 1] for the simulation",
    ),
    (
        "an escalation figure without a source",
        _drop("settings", "escalation_effort", "source"),
        "settings.escalation_effort: needs source",
    ),
]


@pytest.mark.parametrize(
    ("change", "key"), [(change, key) for _, change, key in BROKEN], ids=[what for what, _, _ in BROKEN]
)
def test_a_broken_file_is_refused_naming_file_and_key(tmp_path, change, key):
    """Does each mistake raise AssumptionsError starting with the file's path, then naming the key?"""
    path = written(tmp_path, change)
    with pytest.raises(AssumptionsError) as error:
        load_assumptions(path)
    assert str(error.value).startswith(f"{path}: {key}")


def test_a_file_that_is_not_yaml_is_refused(tmp_path):
    """Is a file that is not YAML refused with its path, as a ValueError?"""
    path = tmp_path / "assumptions.yaml"
    path.write_text("settings: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"^{re.escape(str(path))}: cannot be read"):
        load_assumptions(path)


def test_a_missing_file_is_refused(tmp_path):
    """Is a missing file refused with its path?"""
    path = tmp_path / "gone.yaml"
    with pytest.raises(AssumptionsError, match=rf"^{re.escape(str(path))}: cannot be read"):
        load_assumptions(path)


def test_an_empty_file_is_refused(tmp_path):
    """Is an empty file refused as a whole, with its path?"""
    path = tmp_path / "assumptions.yaml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(AssumptionsError, match=rf"^{re.escape(str(path))}: the whole file"):
        load_assumptions(path)
