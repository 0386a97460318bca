"""Does `decisionlab validate` point at the file, line and field of each mistake?"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.cli import main
from grader.schema import ScenarioError, check_paths, load_scenario

REPO = Path(__file__).resolve().parents[2]


def _problems(folder: Path) -> list[str]:
    _, problems = check_paths([folder])
    return [str(p) for p in problems]


def _line_of(folder: Path, text: str) -> int:
    lines = (folder / "scenario.yaml").read_text().splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def _edit(folder: Path, old: str, new: str) -> None:
    path = folder / "scenario.yaml"
    text = path.read_text()
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1))


def test_course_scenarios_are_valid():
    """Are all scenarios shipped with the course valid?"""
    scenarios, problems = check_paths([REPO / "scenarios"])
    assert problems == []
    assert {s.lab for s in scenarios} >= {"00_orientation", "01_sourcing_models"}


def test_fixture_loads(every_kind_scenario):
    """Does a valid scenario with every decision kind load?"""
    assert [d.kind for d in every_kind_scenario.decisions] == [
        "single",
        "multiple",
        "assign",
        "order",
        "numeric",
    ]


def test_yaml_syntax_error_names_line(breakable_scenario):
    """Is a YAML syntax error reported with its line?"""
    _edit(breakable_scenario, "title: Pick one", "title: [Pick one")
    (problem,) = _problems(breakable_scenario)
    line = _line_of(breakable_scenario, "[Pick one")
    assert "YAML syntax error" in problem
    assert f"scenario.yaml:{line}:" in problem or f"scenario.yaml:{line + 1}:" in problem


def test_empty_file(breakable_scenario):
    """Is an empty file reported as empty, not as a crash?"""
    (breakable_scenario / "scenario.yaml").write_text("  \n")
    assert any("empty" in p for p in _problems(breakable_scenario))


def test_non_utf8_bytes_name_line(breakable_scenario):
    """Are bytes that are not UTF-8 reported with the line they are on?"""
    path = breakable_scenario / "scenario.yaml"
    lines = path.read_bytes().split(b"\n")
    lines[4] = b"company: Caf\xe9 Co"
    path.write_bytes(b"\n".join(lines))
    (problem,) = _problems(breakable_scenario)
    assert "scenario.yaml:5:" in problem and "UTF-8" in problem


def test_unknown_key_names_line_and_field(breakable_scenario):
    """Is a misspelt key reported with its line and dotted field?"""
    _edit(breakable_scenario, "    prompt: Which?", "    prompt: Which?\n    pionts: 2")
    problems = _problems(breakable_scenario)
    line = _line_of(breakable_scenario, "pionts")
    assert any(f":{line}: decisions.0.pionts: unknown key" in p for p in problems), problems


def test_missing_key_is_reported(breakable_scenario):
    """Is a missing required key named?"""
    _edit(breakable_scenario, "    principle: Check before you sign.\n", "")
    problems = _problems(breakable_scenario)
    assert any("decisions.1.principle: this required key is missing" in p for p in problems), problems


def test_duplicate_decision_ids(breakable_scenario):
    """Are two decisions with one id reported, naming the second one?"""
    _edit(breakable_scenario, "id: pick_many", "id: pick_one")
    problems = _problems(breakable_scenario)
    assert any("decisions.1.id: 'pick_one' is used twice" in p for p in problems), problems


def test_duplicate_yaml_key(breakable_scenario):
    """Is a key written twice in one block reported with the second line?"""
    _edit(breakable_scenario, "title: Every decision kind", "title: Every decision kind\ntitle: Again")
    problems = _problems(breakable_scenario)
    assert any(":5: title: this key appears twice" in p for p in problems), problems


def test_key_pointing_at_missing_category(breakable_scenario):
    """Is an assign key naming a category that does not exist reported at its field?"""
    _edit(breakable_scenario, "key: [far]", "key: [farr]")
    problems = _problems(breakable_scenario)
    assert any("decisions.2.items.1.key: 'farr' is not one of the categories" in p for p in problems), (
        problems
    )


def test_order_key_with_unknown_option(breakable_scenario):
    """Is an order key that names a missing option reported?"""
    _edit(breakable_scenario, "key: [x, y, z]", "key: [x, y, w]")
    problems = _problems(breakable_scenario)
    assert any("decisions.3.key" in p and "not an option: w" in p for p in problems), problems


def test_missing_csv(breakable_scenario):
    """Is a table whose file is missing reported at the table's line?"""
    (breakable_scenario / "queues.csv").unlink()
    problems = _problems(breakable_scenario)
    assert any("tables.0.file" in p and "does not exist" in p for p in problems), problems


def test_ragged_csv_row(breakable_scenario):
    """Is a CSV row with the wrong number of values reported with its line?"""
    (breakable_scenario / "queues.csv").write_text("id,contacts\nq1,600\nq2,1200,9\n")
    problems = _problems(breakable_scenario)
    assert any("queues.csv:3:" in p for p in problems), problems


def test_load_scenario_raises_with_all_problems(breakable_scenario):
    """Does load_scenario raise one error carrying every problem?"""
    _edit(breakable_scenario, "lab: 99_fixture", "lab: 99_fixture\nbogus: 1")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(breakable_scenario)
    assert caught.value.problems and "bogus" in str(caught.value)


def test_schema_command_prints_json_schema(capsys):
    """Does `decisionlab schema` print a JSON Schema that describes fields?"""
    import json

    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["additionalProperties"] is False
    assert "description" in schema["properties"]["brief"]


def test_missing_document_names_line(breakable_scenario):
    """Is a document whose file is missing reported at the line that names it?"""
    (breakable_scenario / "memo.md").unlink()
    (problem,) = _problems(breakable_scenario)
    assert f"scenario.yaml:{_line_of(breakable_scenario, 'file: memo.md')}:" in problem
    assert "documents.0.file" in problem and "'memo.md' does not exist" in problem


def test_empty_document_is_reported(breakable_scenario):
    """Is an empty document reported against its own file?"""
    (breakable_scenario / "memo.md").write_text("  \n")
    (problem,) = _problems(breakable_scenario)
    assert "memo.md" in problem and "is empty" in problem


def test_document_must_be_markdown(breakable_scenario):
    """Is a document that is not a .md file rejected at its field?"""
    _edit(breakable_scenario, "file: memo.md", "file: memo.txt")
    (problem,) = _problems(breakable_scenario)
    assert "documents.0.file" in problem


def test_unknown_kind_lists_every_kind(breakable_scenario):
    """Is an unknown kind reported at its decision's line, listing every registered kind?"""
    from grader.kinds import KINDS

    _edit(breakable_scenario, "kind: assign", "kind: asign")
    (problem,) = _problems(breakable_scenario)
    line = _line_of(breakable_scenario, "id: place")
    assert problem.endswith(f"scenario.yaml:{line}: decisions.2: kind must be one of: {', '.join(KINDS)}")


@pytest.mark.parametrize(
    ("decision_id", "index"), [("pick_one", 0), ("pick_many", 1), ("place", 2), ("rank", 3), ("estimate", 4)]
)
def test_mistake_inside_each_kind_names_its_line(breakable_scenario, decision_id, index):
    """Is a misspelt key in a decision of each kind reported at its line, with no kind tag in the field?"""
    text = (breakable_scenario / "scenario.yaml").read_text()
    start = text.index(f"- id: {decision_id}\n")
    principle = text.index("    principle:", start)
    end = text.index("\n", principle)
    (breakable_scenario / "scenario.yaml").write_text(
        text[: end + 1] + "    pirnciple: x\n" + text[end + 1 :]
    )
    (problem,) = _problems(breakable_scenario)
    line = _line_of(breakable_scenario, "pirnciple")
    assert f"scenario.yaml:{line}: decisions.{index}.pirnciple: unknown key" in problem
