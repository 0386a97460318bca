"""The scenario schema: what an author writes in ``scenarios/<id>/scenario.yaml``.

Every model forbids unknown fields, so a misspelt key is an error rather than a silently
ignored setting, and every field carries a description, which the generated JSON Schema
(``decisionlab schema``) passes on to editors.  Cross-field rules (ids unique, keys that
point at options that exist) live in validators beside the models so that code and data
cannot drift.  Each decision kind's model lives with its kind in ``grader.kinds``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from grader.kinds import KINDS
from grader.kinds.assign import Assign, Category, Item
from grader.kinds.base import DecisionBase, Identifier, Option, Strict, unique_ids
from grader.kinds.multiple import MultipleSelect
from grader.kinds.numeric import Numeric
from grader.kinds.order import Order
from grader.kinds.single import SingleChoice

# Decision models live with their kind; these names stay importable from here for labs,
# notebooks and tests written against this module.
__all__ = [
    "SCHEMA_VERSION",
    "AnyDecision",
    "Assign",
    "Category",
    "Debrief",
    "Decision",
    "DecisionBase",
    "Document",
    "Identifier",
    "Item",
    "MultipleSelect",
    "Numeric",
    "Option",
    "Order",
    "Scenario",
    "SingleChoice",
    "Strict",
    "Table",
]

SCHEMA_VERSION = 1

# Each kind's module in grader.kinds defines what a decision of that kind holds; these
# unions are built from the registry, so a new kind needs no change here.
AnyDecision = KINDS.model_union()
"""Any decision model (one of every registered kind's model), for type hints."""
Decision = KINDS.discriminated_union()
"""A decision as the scenario file holds it: its ``kind`` picks the model."""


class Table(Strict):
    """A data file shipped with the scenario, shown to the learner as a pandas table."""

    id: Identifier
    file: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9_\-]+\.csv$",
        description="CSV file in the scenario folder; leave out for a table the scenario's generator builds.",
    )
    title: str = Field(min_length=1, description="Caption shown above the table.")
    description: str = Field(default="", description="What each row is and where it comes from.")
    columns: dict[str, str] = Field(default_factory=dict, description="Column name to its meaning and unit.")


class Document(Strict):
    """A text shipped with the scenario (a vendor proposal, a memo), shown as Markdown."""

    id: Identifier
    file: str = Field(pattern=r"^[A-Za-z0-9_\-]+\.md$", description="Markdown file in the scenario folder.")
    title: str = Field(min_length=1, description="Title shown above the document.")
    description: str = Field(default="", description="What the document is, in one line.")


class Debrief(Strict):
    """What the lab's debrief says once the expert answers may be shown."""

    expert_path: str = Field(
        min_length=1,
        description=(
            "The expert path through the whole scenario and why, in Markdown: the reasoning a "
            "director would defend from the scenario's own facts, not a list of principles."
        ),
    )
    reflection: str = Field(
        min_length=1,
        description="A question for the learner to think over or discuss, in Markdown; it names no key.",
    )


class Scenario(Strict):
    """One scenario: the brief, its data and the decisions the learner owns."""

    schema_version: Literal[1] = Field(description="Version of this schema the file follows.")
    id: Identifier
    lab: Identifier = Field(description="Lab this scenario belongs to, e.g. '01_sourcing_models'.")
    title: str = Field(min_length=1, description="Scenario title.")
    company: str = Field(min_length=1, description="The fictional company the learner works for.")
    role: str = Field(min_length=1, description="The learner's role in the scenario.")
    brief: str = Field(min_length=1, description="The situation, in Markdown.")
    tables: list[Table] = Field(default_factory=list, description="Data shown to the learner.")
    documents: list[Document] = Field(
        default_factory=list, description="Texts the learner reads (proposals, memos), as Markdown files."
    )
    decisions: list[Decision] = Field(min_length=1, description="What the learner decides.")
    sources: list[str] = Field(
        default_factory=list, description="Where the figures come from (article, benchmark)."
    )
    debrief: Debrief | None = Field(
        default=None,
        description="The debrief's expert path and reflection question (see the lab's debrief cell).",
    )
    withheld: bool = Field(
        default=False,
        description=(
            "Set in the learner's copy of an assessment release (written by the release step, "
            "never by an author): keys and feedback are neutral, and only the grading side scores."
        ),
    )
    generator: Identifier | None = Field(
        default=None,
        description=(
            "Generator that builds a variant of this scenario for each learner: its data tables "
            "(those without 'file') and its answer key: one of the generators of the scenario's lab."
        ),
    )

    @model_validator(mode="after")
    def _unique(self) -> Scenario:
        unique_ids(self.tables, "tables")
        unique_ids(self.documents, "documents")
        if self.generator is None:
            for index, table in enumerate(self.tables):
                if table.file is None:
                    raise ValueError(
                        f"tables.{index}.file: a table needs a CSV file unless the scenario names a generator"
                    )
        unique_ids(self.decisions, "decisions")
        return self

    def decision(self, decision_id: str) -> AnyDecision:
        """The decision with this id; ``KeyError`` names the ids that exist."""
        for decision in self.decisions:
            if decision.id == decision_id:
                return decision
        known = ", ".join(d.id for d in self.decisions)
        raise KeyError(f"no decision '{decision_id}' in scenario '{self.id}' (it has: {known})")

    @property
    def max_points(self) -> float:
        return sum(d.points for d in self.decisions)
