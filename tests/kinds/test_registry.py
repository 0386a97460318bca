"""Is every decision kind registered once, complete, and the one source of the schema's union?"""

from __future__ import annotations

import importlib
import random
import sys
import textwrap
from pathlib import Path
from typing import get_args

import ipywidgets
import pytest
from pydantic import TypeAdapter, ValidationError

from grader.kinds import KINDS, Kind, Registry, discover, kind_of
from grader.kinds.base import DecisionBase
from grader.schema.model import AnyDecision, Decision, Scenario

COURSE_KINDS = ["single", "multiple", "assign", "order", "numeric"]


def _example(name: str) -> dict:
    """The example decision that ``tests/kinds/test_<name>.py`` must provide."""
    return importlib.import_module(f"tests.kinds.test_{name}").EXAMPLE


def assert_meets_contract(kind: Kind, example: dict) -> None:
    """What every kind must do with a valid decision of its own."""
    decision = kind.model.model_validate(example)
    perfect = kind.perfect_answer(decision)
    judgement = kind.judge(decision, perfect)
    assert (judgement.fraction, judgement.problems) == (1.0, [])
    assert judgement.notes, "the perfect answer must be explained too"
    rng = random.Random(7)
    for _ in range(50):
        guess = kind.random_answer(decision, rng)
        assert kind.judge(decision, guess).problems == [], guess
    assert kind.judge(decision, None).problems == [f"expected {kind.value_form}, got None"]
    assert kind.practice_notes(decision, perfect), "practice feedback must explain the perfect answer too"
    assert kind.practice_notes(decision, None) == [], "a value of the wrong shape gets no practice notes"
    changes: list[object] = []
    widget, read = kind.control(decision, perfect, changes.append)
    assert isinstance(widget, ipywidgets.Widget)
    assert read() == perfect, "the control must show the saved answer and read it back"
    assert changes == [], "drawing the saved answer is not a change"
    withheld = kind.withhold(decision)
    assert kind.model.model_validate(withheld.model_dump()) == withheld, "a withheld copy must stay valid"
    assert kind.withhold(withheld) == withheld, "withholding twice changes nothing more"


def test_course_kinds_come_in_their_order():
    """Are the course's five kinds registered, in the order authors see them listed?"""
    assert list(KINDS)[: len(COURSE_KINDS)] == COURSE_KINDS


@pytest.mark.parametrize("name", list(KINDS))
def test_every_kind_has_every_part(name):
    """Does each kind have its model, one-line value form and its own tests, and meet the contract?"""
    kind = KINDS[name]
    assert kind.name == name and issubclass(kind.model, DecisionBase)
    assert kind.value_form.strip() and "\n" not in kind.value_form
    assert kind.model.__doc__, "the model's docstring describes the kind in the JSON Schema"
    assert_meets_contract(kind, _example(name))
    assert kind_of(kind.model.model_validate(_example(name))) is kind


def test_schema_union_has_exactly_the_registered_kinds():
    """Is the scenario schema's decision union made of the registered models, in their order?"""
    assert get_args(AnyDecision) == KINDS.models
    assert get_args(get_args(Decision)[0]) == KINDS.models
    items = Scenario.model_json_schema()["properties"]["decisions"]["items"]
    assert [ref["$ref"].split("/")[-1] for ref in items["oneOf"]] == [m.__name__ for m in KINDS.models]
    assert set(items["discriminator"]["mapping"]) == set(KINDS)


def test_json_schema_describes_every_kind():
    """Does `decisionlab schema` describe each kind and each of its fields?"""
    definitions = Scenario.model_json_schema()["$defs"]
    for kind in KINDS.values():
        definition = definitions[kind.model.__name__]
        assert definition["description"] == kind.model.__doc__
        undescribed = [f for f, spec in definition["properties"].items() if "description" not in spec]
        assert undescribed == ["kind"], kind.name


def test_unknown_kind_is_found_by_name():
    """Does asking for a kind that is not registered name the kinds that are?"""
    with pytest.raises(KeyError, match="no decision kind 'rating' \\(kinds: single, multiple"):
        KINDS["rating"]


RATING_MODULE = '''
"""A kind the course does not have: rate from 1 to 5."""

from __future__ import annotations

import random
from typing import Literal

from pydantic import Field

from grader.kinds.base import DecisionBase, Judgement, Kind, Note, Verdict, verdict_for


class Rating(DecisionBase):
    """Give a rating from 1 to 5; each step away from the best costs a quarter."""

    kind: Literal["rating"]
    best: int = Field(ge=1, le=5, description="The rating that earns full credit.")


class RatingKind(Kind[Rating]):
    model = Rating
    value_form = "a whole number from 1 to 5"
    position = 99

    def judge(self, decision, value):
        if isinstance(value, bool) or not isinstance(value, int):
            return self.wrong_shape(value)
        share = 1 - abs(value - decision.best) / 4
        return Judgement(share, [Note(decision.title, verdict_for(share), "Count the steps.")])

    def practice_notes(self, decision, value):
        if isinstance(value, bool) or not isinstance(value, int):
            return []
        return [Note(decision.title, Verdict.INFO, f"You rated it {value}.")]

    def control(self, decision, saved, on_change):
        import ipywidgets as w

        slider = w.IntSlider(value=saved if isinstance(saved, int) else 3, min=1, max=5)
        slider.observe(on_change, names="value")
        return slider, lambda: slider.value

    def withhold(self, decision):
        return decision.model_copy(update={"best": 3})

    def perfect_answer(self, decision):
        return decision.best

    def random_answer(self, decision, rng: random.Random):
        return rng.randint(1, 5)


KIND = RatingKind()
'''


@pytest.fixture
def package_with_new_kind(tmp_path, monkeypatch):
    """A package holding one new kind module, importable as ``extra_kinds``."""
    folder = tmp_path / "extra_kinds"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "rating.py").write_text(textwrap.dedent(RATING_MODULE))
    monkeypatch.syspath_prepend(str(tmp_path))
    yield folder
    for name in [m for m in sys.modules if m == "extra_kinds" or m.startswith("extra_kinds.")]:
        del sys.modules[name]


def test_new_kind_module_registers_and_validates(package_with_new_kind):
    """Does a new kind module, once found, join the union, validate, and meet the contract?"""
    (rating,) = discover("extra_kinds", [str(package_with_new_kind)])
    registry = Registry([*KINDS.values(), rating])
    assert list(registry) == [*KINDS, "rating"]
    example = {"id": "mood", "kind": "rating", "title": "Mood", "prompt": "How?", "points": 1}
    example |= {"principle": "Ask.", "best": 4}
    decisions = TypeAdapter(list[registry.discriminated_union()]).validate_python(
        [example, _example("single")]
    )
    assert [d.kind for d in decisions] == ["rating", "single"]
    assert registry.of(decisions[0]) is rating
    assert registry.of(decisions[0]).judge(decisions[0], 2).fraction == 0.5
    assert_meets_contract(rating, example)
    with pytest.raises(ValidationError, match="best"):
        TypeAdapter(registry.discriminated_union()).validate_python({**example, "best": 9})


def test_module_without_kind_is_refused(package_with_new_kind):
    """Is a module in the kinds package that defines no KIND refused, by name?"""
    (package_with_new_kind / "notes.py").write_text("TEXT = 'not a kind'\n")
    with pytest.raises(TypeError, match="extra_kinds.notes is a kind module but defines no KIND"):
        discover("extra_kinds", [str(package_with_new_kind)])


def test_kind_is_registered_once():
    """Is a second kind of the same name refused?"""
    with pytest.raises(ValueError, match="kind 'single' is registered twice"):
        Registry([KINDS["single"], KINDS["single"]])


def test_position_is_taken_once(package_with_new_kind):
    """Is a new kind that takes the position of another refused, naming both?"""
    (rating,) = discover("extra_kinds", [str(package_with_new_kind)])
    type(rating).position = KINDS["order"].position
    with pytest.raises(ValueError, match="kinds 'order' and 'rating' share position"):
        Registry([*KINDS.values(), rating])


def test_kind_needs_one_line_value_form(package_with_new_kind):
    """Is a kind without a one-line description of its value refused?"""
    (rating,) = discover("extra_kinds", [str(package_with_new_kind)])
    type(rating).value_form = "a number\nfrom 1 to 5"
    with pytest.raises(ValueError, match="kind 'rating' needs a one-line value_form"):
        Registry([rating])


def test_registry_lists_value_forms():
    """Does the registry say, one line per kind, how a value of each kind is written?"""
    lines = KINDS.value_forms().splitlines()
    assert lines[0] == "single: one option id (text)"
    assert len(lines) == len(KINDS)


def test_every_kind_module_has_a_test_module():
    """Is there a tests/kinds/test_<name>.py for every kind module in grader/kinds?"""
    package = Path(importlib.import_module("grader.kinds").__file__).parent
    modules = {p.stem for p in package.glob("*.py") if p.stem not in {"__init__", "base"}}
    assert modules == set(KINDS)
    here = Path(__file__).parent
    assert {m for m in modules if not (here / f"test_{m}.py").exists()} == set()
