"""Is lab 04's content a data file an author can edit, with mistakes told at their file, line and field?"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from grader.cli import main
from grader.labs import lab_code, realise
from grader.schema import ScenarioError, check_paths, load_scenario
from tests.labs import lab_parts

kpis = lab_parts("04_kpi_diagnosis")

LAB = "04_kpi_diagnosis"
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
INCIDENT = "incident.yaml"


@pytest.fixture
def breakable_kpi_scenario(tmp_path: Path) -> Path:
    """A valid lab 04 scenario folder copied to tmp, for tests that damage it."""
    target = tmp_path / "kpi-homegoods"
    shutil.copytree(SCENARIOS / "kpi-homegoods", target)
    return target


def _edit(folder: Path, old: str, new: str, file: str = INCIDENT) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{file} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(folder: Path, text: str, file: str = INCIDENT) -> int:
    lines = (folder / file).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def _problems(folder: Path) -> list[str]:
    return [str(p) for p in kpis.check_content(folder)]


# --------------------------------------------------------------------------- broken files


def test_course_content_files_have_no_problem():
    """Do both course scenarios' incident files pass the lab's checks?"""
    for scenario in ("kpi-homegoods", "kpi-broadband"):
        assert kpis.check_content(SCENARIOS / scenario) == []


def test_unknown_key_names_file_line_and_field(breakable_kpi_scenario):
    """Is a misspelt key an error at its own line, not a silently ignored setting?"""
    _edit(breakable_kpi_scenario, "    headcount: 30\n", "    headcount: 30\n    head_count: 28\n")
    (problem,) = _problems(breakable_kpi_scenario)
    line = _line_of(breakable_kpi_scenario, "head_count: 28")
    assert problem.startswith(f"{breakable_kpi_scenario / INCIDENT}:{line}: queues.0.head_count: unknown key")


def test_wrong_type_names_file_line_and_field(breakable_kpi_scenario):
    """Is a value of the wrong type reported at its line, with the field's dotted path?"""
    _edit(breakable_kpi_scenario, "headcount: 24", "headcount: twenty-four")
    (problem,) = _problems(breakable_kpi_scenario)
    line = _line_of(breakable_kpi_scenario, "headcount: twenty-four")
    assert problem.startswith(f"{breakable_kpi_scenario / INCIDENT}:{line}: queues.1.headcount: ")
    assert "integer" in problem


def test_missing_field_names_the_block_it_belongs_to(breakable_kpi_scenario):
    """Is a missing required key reported at the line of the block that lacks it?"""
    _edit(
        breakable_kpi_scenario,
        "    start_note: That week the share of escalations open past 48 hours jumps.\n",
        "",
    )
    (problem,) = _problems(breakable_kpi_scenario)
    line = _line_of(breakable_kpi_scenario, "  escalation_workflow:")
    assert problem == (
        f"{breakable_kpi_scenario / INCIDENT}:{line}: causes.escalation_workflow.start_note: "
        "this required key is missing"
    )


def test_misspelt_placeholder_is_named_with_the_likely_one(breakable_kpi_scenario):
    """Is a text naming a fact that does not exist reported at its line, with the name meant?"""
    _edit(breakable_kpi_scenario, "{dip_csat_before}) and came back", "{dip_csat_befor}) and came back")
    (problem,) = _problems(breakable_kpi_scenario)
    line = _line_of(breakable_kpi_scenario, "  csat_dip:") + 1  # its 'shows:' key
    assert f"{INCIDENT}:{line}: evidence.csat_dip.shows:" in problem
    assert "'{dip_csat_befor}'" in problem and "did you mean {dip_csat_before}?" in problem


def test_a_frame_may_name_its_parts_but_not_another_decisions(breakable_kpi_scenario):
    """May the fix frame name {about_fix}, but not the root-cause part {found}?"""
    _edit(breakable_kpi_scenario, "    right: Right. {about_fix}", "    right: Well chosen. {found}")
    (problem,) = _problems(breakable_kpi_scenario)
    line = _line_of(breakable_kpi_scenario, "right: Well chosen. {found}")
    assert f"{INCIDENT}:{line}: feedback.fix.right: '{{found}}' is not a name this text may use" in problem


def test_credit_naming_a_fix_without_text_points_at_its_line(breakable_kpi_scenario):
    """Does a partial fix with no text under fixes get reported at the line that names it?"""
    _edit(breakable_kpi_scenario, "      backfill_faster:\n", "      backfill_fastest:\n")
    (problem,) = _problems(breakable_kpi_scenario)
    line = _line_of(breakable_kpi_scenario, "backfill_fastest:")
    assert f"{INCIDENT}:{line}: causes.attrition_spike.partial_fixes.backfill_fastest:" in problem


def test_a_cause_without_content_is_reported(breakable_kpi_scenario):
    """Does leaving out one of the causes the generator plants say which, at the causes block?"""
    text = (breakable_kpi_scenario / INCIDENT).read_text(encoding="utf-8")
    start = text.index("\n  staffing_shortfall:\n")
    end = text.index("\n  attrition_spike:\n")
    (breakable_kpi_scenario / INCIDENT).write_text(text[:start] + text[end:], encoding="utf-8")
    (problem,) = _problems(breakable_kpi_scenario)
    assert (
        f"{INCIDENT}:{_line_of(breakable_kpi_scenario, 'causes:')}: causes: no entry for staffing_shortfall"
        in (problem)
    )


def test_a_sign_for_a_statement_the_cause_does_not_list_is_reported(breakable_kpi_scenario):
    """Is a conditional sign keyed to a statement outside its cause's fingerprint reported at its line?"""
    _edit(
        breakable_kpi_scenario, "    signs:\n      new_hire_errors:", "    signs:\n      escalations_stuck:"
    )
    (problem,) = _problems(breakable_kpi_scenario)
    line = _line_of(breakable_kpi_scenario, "escalations_stuck: >-")
    assert f"{INCIDENT}:{line}: causes.training_gap.signs.escalations_stuck: not one of" in problem


def test_signs_with_nowhere_to_go_in_the_fingerprint_are_reported(breakable_kpi_scenario):
    """Is a cause with signs whose fingerprint text does not name {signs} reported, not silently muted?"""
    _edit(breakable_kpi_scenario, "came). {signs} AHT", "came). AHT")
    (problem,) = _problems(breakable_kpi_scenario)
    assert "causes.training_gap.found: name {signs} where" in problem


def test_a_wrong_pick_frame_naming_the_planted_cause_is_reported(breakable_kpi_scenario):
    """Is a wrong-pick frame that would tell the planted cause's fingerprint ({found}) refused at its line?

    Practice shows a wrong pick's feedback at once, so only the right pick may tell the fingerprint.
    """
    frame = "wrong: Not this time. {would_show} {reads}"
    _edit(breakable_kpi_scenario, frame, "wrong: Not this time. {found}")
    (problem,) = _problems(breakable_kpi_scenario)
    line = _line_of(breakable_kpi_scenario, "wrong: Not this time. {found}")
    assert f"{INCIDENT}:{line}: feedback.root_cause.wrong" in problem
    assert "'{found}' is not a name this text may use" in problem


def test_a_part_credit_needing_an_unknown_statement_is_reported(breakable_kpi_scenario):
    """Is a part credit that needs an evidence statement with no text reported, not silently always earned?"""
    _edit(breakable_kpi_scenario, "        needs: new_hire_errors\n", "        needs: new_hire_error\n")
    (problem,) = _problems(breakable_kpi_scenario)
    assert "causes.training_gap: 'refresher_course' needs 'new_hire_error'" in problem


def test_queues_too_small_for_an_attrition_wave_are_reported(breakable_kpi_scenario):
    """Does a company with no queue of 16 agents or more fail the check, since no wave could land?"""
    for headcount in ("30", "24", "21", "21"):
        _edit(breakable_kpi_scenario, f"    headcount: {headcount}\n", "    headcount: 15\n")
    (problem,) = _problems(breakable_kpi_scenario)
    assert "queues: no queue has a headcount of 16 or more" in problem


def test_duplicate_key_and_syntax_error_have_lines(breakable_kpi_scenario):
    """Are a key given twice and a YAML syntax error each reported at their line?"""
    _edit(breakable_kpi_scenario, "    fcr: 0.78\n", "    fcr: 0.78\n    fcr: 0.79\n")
    (problem,) = _problems(breakable_kpi_scenario)
    line = _line_of(breakable_kpi_scenario, "fcr: 0.79")
    assert f"{INCIDENT}:{line}: queues.0.fcr: this key appears twice" in problem
    _edit(breakable_kpi_scenario, "    fcr: 0.79\n", "    fcr: [0.79\n")
    (problem,) = _problems(breakable_kpi_scenario)
    assert "YAML syntax error" in problem and f"{INCIDENT}:" in problem


def test_missing_content_file_is_named(breakable_kpi_scenario):
    """Does a lab 04 scenario folder without its incident file get a problem naming that file?"""
    (breakable_kpi_scenario / INCIDENT).unlink()
    (problem,) = _problems(breakable_kpi_scenario)
    assert problem.startswith(f"{breakable_kpi_scenario / INCIDENT}: missing")


def test_option_the_content_does_not_cover_points_at_the_scenario_line(breakable_kpi_scenario):
    """Is an evidence option with no text in the incident file reported at its line in scenario.yaml?"""
    _edit(
        breakable_kpi_scenario,
        "      - id: launch_aht\n",
        "      - id: weather\n        label: It rained\n        feedback: Built for each variant.\n"
        "      - id: launch_aht\n",
        file="scenario.yaml",
    )
    (problem,) = _problems(breakable_kpi_scenario)
    line = _line_of(breakable_kpi_scenario, "- id: weather", file="scenario.yaml")
    assert problem.startswith(
        f"{breakable_kpi_scenario / 'scenario.yaml'}:{line}: decisions.1.options.14.id: "
    )
    assert "'weather' has no text under evidence in incident.yaml, or no rule" in problem


def test_key_naming_an_option_the_scenario_lacks_points_at_the_content_line(breakable_kpi_scenario):
    """Is evidence keyed to an option the scenario does not offer reported at its line in incident.yaml?"""
    _edit(breakable_kpi_scenario, "      - id: quality_held\n", "      - id: quality_kept\n", "scenario.yaml")
    problems = _problems(breakable_kpi_scenario)
    line = _line_of(breakable_kpi_scenario, "evidence: [schedule_short, quality_held]")
    assert f"{breakable_kpi_scenario / INCIDENT}:{line}: causes.staffing_shortfall.evidence.1: " in "\n".join(
        problems
    )


def test_root_cause_options_must_be_the_causes_the_generator_plants(breakable_kpi_scenario):
    """Is a root-cause option the generator cannot plant reported, and the cause it then lacks too?"""
    _edit(breakable_kpi_scenario, "      - id: attrition_spike\n", "      - id: bad_luck\n", "scenario.yaml")
    problems = _problems(breakable_kpi_scenario)
    line = _line_of(breakable_kpi_scenario, "- id: bad_luck", file="scenario.yaml")
    assert problems == [
        f"{breakable_kpi_scenario / 'scenario.yaml'}:{line}: decisions.0.options.4.id: 'bad_luck' is not a "
        "cause lab 04 can plant (training_gap, escalation_workflow, policy_change, staffing_shortfall, "
        "attrition_spike)",
        f"{breakable_kpi_scenario / INCIDENT}:{_line_of(breakable_kpi_scenario, 'causes:')}: causes: "
        "attrition_spike: planted by the generator but not an option of root_cause",
    ]


# --------------------------------------------------------------------------- the command line


def test_validate_reports_the_content_problem_and_builds_no_variant(breakable_kpi_scenario, capsys):
    """Does `decisionlab validate` run the lab's check and print the incident file's line, and only that?"""
    assert main(["validate", str(breakable_kpi_scenario)]) == 0
    capsys.readouterr()
    _edit(breakable_kpi_scenario, "weekly_calls: 2200", "weekly_calls: lots")
    assert main(["validate", str(breakable_kpi_scenario)]) == 1
    out = capsys.readouterr().out.splitlines()
    line = _line_of(breakable_kpi_scenario, "weekly_calls: lots")
    assert out[0].startswith(f"{breakable_kpi_scenario / INCIDENT}:{line}: queues.2.weekly_calls: ")
    assert "1 problem(s) found" in out[1] and len(out) == 2


def test_the_lab_declares_its_check_and_schema():
    """Does lab 04's interface carry its folder check and the schema of incident.yaml?"""
    code = lab_code(LAB)
    assert code.check_scenario is kpis.check_content
    assert code.content_schemas[INCIDENT]() == kpis.content_schema()


def test_schema_command_prints_the_lab_content_schemas(capsys):
    """Does `decisionlab schema --lab` print each content file's schema, and --file one alone?"""
    assert main(["schema", "--lab", LAB]) == 0
    schemas = json.loads(capsys.readouterr().out)
    assert list(schemas) == [INCIDENT]
    assert main(["schema", "--lab", LAB, "--file", INCIDENT]) == 0
    assert json.loads(capsys.readouterr().out) == schemas[INCIDENT]
    assert main(["schema", "--lab", "99_no_such_lab"]) == 2
    assert main(["schema", "--lab", LAB, "--file", "nope.yaml"]) == 2
    assert main(["schema", "--file", INCIDENT]) == 2


def _models(schema: dict) -> list[tuple[str, dict]]:
    return [("IncidentContent", schema), *schema["$defs"].items()]


def test_content_schema_is_strict_and_describes_every_field():
    """Does every model of the content schema forbid unknown keys and describe each of its fields?"""
    schema = kpis.content_schema()
    for name, model in _models(schema):
        assert model["additionalProperties"] is False, name
        undescribed = [field for field, spec in model["properties"].items() if not spec.get("description")]
        assert not undescribed, (name, undescribed)
    assert "{dip_csat_before}" in schema["description"]  # the facts a text may name are listed


# --------------------------------------------------------------------------- content is data


def test_a_new_scenario_is_a_new_folder(tmp_path):
    """Does a lab 04 scenario under a new id, with its own queues, build variants with no code?"""
    folder = tmp_path / "kpi-garden"
    shutil.copytree(SCENARIOS / "kpi-broadband", folder)
    _edit(folder, "id: kpi-broadband", "id: kpi-garden", "scenario.yaml")
    _edit(folder, "label: Repairs and outages", "label: Lawn-mower repairs")
    _edit(folder, "  - id: repairs\n", "  - id: mowers\n")
    scenarios, problems = check_paths([folder])
    assert problems == [] and [s.id for s in scenarios] == ["kpi-garden"]
    template = scenarios[0]
    variant = realise(template, 3, folder)
    assert "mowers" in set(variant.tables["weekly"]["queue"]) and "repairs" not in set(
        variant.tables["weekly"]["queue"]
    )
    incident = kpis.incident_for(template, 3, folder)
    assert (
        kpis.content_for(template, folder).queue(incident.queue).label
        in variant.scenario.decision("start_week").feedback
    )


def test_an_authors_feedback_edit_reaches_the_variant(breakable_kpi_scenario):
    """Does a feedback frame changed in the incident file show in every variant's fix feedback?"""
    template = load_scenario(breakable_kpi_scenario)
    _edit(breakable_kpi_scenario, "    right: Right. {about_fix}", "    right: Well chosen. {about_fix}")
    variant = kpis.realise(template, 5, breakable_kpi_scenario)
    right = next(o for o in variant.scenario.decision("fix").options if o.credit == 1.0)
    assert right.feedback.startswith("Well chosen. ")


def test_a_broken_content_file_stops_the_generator_with_its_problems(breakable_kpi_scenario):
    """Does building a variant from a broken incident file raise the file's problems, not a KeyError?"""
    template = load_scenario(breakable_kpi_scenario)
    _edit(breakable_kpi_scenario, "launch: 2026-03-02", "launch: the second of March")
    with pytest.raises(ScenarioError) as caught:
        kpis.realise(template, 5, breakable_kpi_scenario)
    assert f"{INCIDENT}:{_line_of(breakable_kpi_scenario, 'launch: the second')}: launch:" in str(
        caught.value
    )


def test_every_fact_a_text_may_name_is_computed(breakable_kpi_scenario):
    """Are the facts a variant computes exactly the placeholders an author is told about?"""
    template = load_scenario(breakable_kpi_scenario)
    content = kpis.content_for(template, breakable_kpi_scenario)
    incident = kpis.draw_incident(content, 8)
    values = kpis.facts(content, incident, kpis.build_tables(content, incident, 8))
    assert set(values) == set(kpis.FACTS)


def test_credit_tables_come_from_the_content():
    """Does an attrition spike credit its neighbours, and its own weaker step, as the incident file says?"""
    content = kpis.load_content(SCENARIOS / "kpi-homegoods")
    assert kpis.root_credit(content, "attrition_spike") == {
        "attrition_spike": 1.0,
        "training_gap": 0.25,
        "staffing_shortfall": 0.25,
    }
    # Where the new class's errors do not show, nesting earns nothing; a training-gap diagnosis
    # earns as little as ever, for the class it did notice.
    quiet = {"new_hire_errors": False}
    assert kpis.root_credit(content, "attrition_spike", quiet)["training_gap"] == 0.25
    assert "retrain_nesting" not in kpis.fix_credit(content, "attrition_spike", quiet)
    assert kpis.fix_credit(content, "attrition_spike", quiet)["backfill_faster"] == 0.25
    assert kpis.fix_credit(content, "attrition_spike") == {
        "retention_plan": 1.0,
        "retrain_nesting": 0.5,
        "backfill_faster": 0.25,
        "reforecast_staff": 0.25,
        "hire_class": 0.25,
    }
