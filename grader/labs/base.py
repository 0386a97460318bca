"""The one interface through which a lab adds code to the shared session.

A lab is one folder, ``grader/labs/<lab_id>/``, named like its notebook folder
``labs/<lab_id>/`` and its scenarios' ``lab:`` field.  Its ``__init__.py`` defines ``LAB``, a
:class:`LabCode`, and that is all the session, the grading step and the command line ever
look at: nothing is registered by hand, and a lab without a folder simply adds nothing.

What a lab may add:

* ``charts``: named charts, for ``lab.chart(name)``;
* ``consequences``: for a decision, a :class:`~grader.display.html.ConsequenceView` of what
  the learner's choice does; the session decides what of it a learner may see;
* ``generators``: by name, the functions that build a learner's variant of a scenario
  (``generator:`` in the scenario file);
* ``reference``: by name, the lab's reference functions (what its case builders compute with);
* ``cases``: by graded function, the case builder of its hidden test
  (:mod:`grader.labs.cases`): inputs drawn from a seed, with the reference's results;
* ``check_scenario``: more checks of a scenario folder of this lab (content files its code
  reads), run by ``decisionlab validate`` on every valid scenario of the lab;
* ``content_schemas``: by file name, the JSON Schema of each such file, printed by
  ``decisionlab schema --lab <lab_id>``;
* ``debrief``: what the learner's choices cost against the expert path, in the lab's own
  numbers (:class:`DebriefFigure` rows), for the debrief once the expert answers may be shown;
* ``graded_scenario``: the scenario with what its decisions' scoring needs from the lab's own
  model (lab 05 prices every wave order, for an order scored by the money it loses).  It is
  asked only of a full copy (never a withheld one: what the model knows would hand over keys),
  by the learner's session and by the grading side alike, so both score the same way.

Lab code sees the open notebook through :class:`LabContext`, the few things a view needs,
so it never depends on the session above it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from grader.schema import AnyDecision, Problem, Scenario

if TYPE_CHECKING:
    import pandas as pd

    from grader.display.html import ConsequenceView
    from grader.labs.cases import CaseBuilder
    from grader.runtime import Runtime


class LabContext(Protocol):
    """What lab code may ask of an open lab notebook."""

    lab_id: str
    scenario: Scenario  # the learner's scenario, with their variant's key filled in
    template: Scenario  # the scenario as written in its file (a generated one's template)
    seed: int  # the variant seed (0 for a scenario without a generator)
    runtime: Runtime

    def table(self, table_id: str) -> pd.DataFrame: ...

    def decision(self, decision_id: str) -> AnyDecision: ...

    def choice(self, decision_id: str) -> object | None: ...


@dataclass(frozen=True)
class Variant:
    """One concrete version of a generated scenario."""

    seed: int
    scenario: Scenario  # the template with this variant's key (and text) filled in
    tables: Mapping[str, pd.DataFrame]  # generated tables by table id


Chart = Callable[[LabContext], object]
Consequences = Callable[[LabContext, str], "ConsequenceView | None"]
#: ``generator(template, seed, folder) -> Variant``: pure and deterministic in ``seed``;
#: ``folder`` is the template's scenario folder, for content the generator reads from it.
Generator = Callable[[Scenario, int, "Path | None"], Variant]


@dataclass(frozen=True)
class DebriefFigure:
    """One measure of the debrief: its value on the learner's choices and on the expert path."""

    measure: str  # what is measured, with its unit ("Cost per resolved contact, USD")
    yours: str  # formatted; says what is missing when the learner's choices do not give it
    expert: str


Debrief = Callable[[LabContext], "Sequence[DebriefFigure]"]


def _no_consequences(lab: LabContext, decision_id: str) -> ConsequenceView | None:
    return None


def _no_figures(lab: LabContext) -> Sequence[DebriefFigure]:
    return ()


def _as_written(lab: LabContext) -> Scenario:
    return lab.scenario


@dataclass(frozen=True)
class LabCode:
    """Everything one lab adds in code (see the module docstring)."""

    charts: Mapping[str, Chart] = field(default_factory=dict)
    consequences: Consequences = _no_consequences
    generators: Mapping[str, Generator] = field(default_factory=dict)
    reference: Mapping[str, Callable[..., object]] = field(default_factory=dict)
    cases: Mapping[str, CaseBuilder] = field(default_factory=dict)
    check_scenario: Callable[[Path], list[Problem]] | None = None
    content_schemas: Mapping[str, Callable[[], dict]] = field(default_factory=dict)
    debrief: Debrief = _no_figures
    graded_scenario: Callable[[LabContext], Scenario] = _as_written
