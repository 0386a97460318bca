"""The scenario schema: what an author writes in ``scenarios/<id>/scenario.yaml``.

Every model forbids unknown fields, so a misspelt key is an error rather than a silently
ignored setting, and every field carries a description, which the generated JSON Schema
(``decisionlab schema``) passes on to editors.  Cross-field rules (ids unique, keys that
point at options that exist) live in validators here so that code and data cannot drift.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = 1

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_\-]*$",
        max_length=64,
        description="Stable id: lower-case letters, digits, '_' and '-'.",
    ),
]


class Strict(BaseModel):
    """Base for every schema model: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(Strict):
    """One choice a learner can pick, with the feedback that explains it."""

    id: Identifier
    label: str = Field(min_length=1, description="Text the learner sees.")
    feedback: str = Field(min_length=1, description="Why this option is right, partly right or wrong.")
    credit: float = Field(
        default=0.0,
        ge=0.0,
        le=1.0,
        description="Share of the decision's points this option earns (single choice).",
    )
    correct: bool = Field(
        default=False, description="Whether the option belongs in the answer (multiple select)."
    )


class Item(Strict):
    """Something the learner places into a category (assign decisions)."""

    id: Identifier
    label: str = Field(min_length=1, description="Text the learner sees.")
    key: list[Identifier] = Field(min_length=1, description="Categories that earn full credit for this item.")
    partial: dict[Identifier, float] = Field(
        default_factory=dict,
        description="Other categories that earn part of the credit, as a share from 0 to 1.",
    )
    feedback: str = Field(min_length=1, description="Why the item belongs where the key puts it.")


class Category(Strict):
    """A bucket an item can be assigned to."""

    id: Identifier
    label: str = Field(min_length=1, description="Text the learner sees.")
    description: str = Field(default="", description="What the category means.")


class DecisionBase(Strict):
    """Fields every decision shares."""

    id: Identifier
    title: str = Field(min_length=1, description="Short name of the decision.")
    prompt: str = Field(min_length=1, description="The question, as the learner reads it.")
    points: float = Field(gt=0, description="Points the decision is worth.")
    principle: str = Field(min_length=1, description="The principle the debrief names for this decision.")


class SingleChoice(DecisionBase):
    """Pick one option; each option declares the share of points it earns."""

    kind: Literal["single"]
    options: list[Option] = Field(min_length=2, description="The options to choose from.")

    @model_validator(mode="after")
    def _one_full_credit(self) -> SingleChoice:
        _unique_ids(self.options, "options")
        if not any(o.credit == 1.0 for o in self.options):
            raise ValueError("options: at least one option needs 'credit: 1'")
        return self


class MultipleSelect(DecisionBase):
    """Pick every option that applies; false picks cost points."""

    kind: Literal["multiple"]
    options: list[Option] = Field(min_length=2, description="The options to choose from.")
    false_pick_penalty: float = Field(
        default=1.0,
        ge=0.0,
        description="How many correct picks one wrong pick cancels out.",
    )

    @model_validator(mode="after")
    def _some_correct(self) -> MultipleSelect:
        _unique_ids(self.options, "options")
        if not any(o.correct for o in self.options):
            raise ValueError("options: at least one option needs 'correct: true'")
        return self


class Assign(DecisionBase):
    """Place each item into one category."""

    kind: Literal["assign"]
    categories: list[Category] = Field(min_length=2, description="Where items can go.")
    items: list[Item] = Field(min_length=1, description="What the learner places.")

    @model_validator(mode="after")
    def _keys_exist(self) -> Assign:
        _unique_ids(self.categories, "categories")
        _unique_ids(self.items, "items")
        known = {c.id for c in self.categories}
        for index, item in enumerate(self.items):
            for field, categories in (("key", item.key), ("partial", list(item.partial))):
                unknown = [c for c in categories if c not in known]
                if unknown:
                    raise ValueError(
                        f"items.{index}.{field}: '{unknown[0]}' is not one of the categories "
                        f"({', '.join(sorted(known))})"
                    )
            for category, share in item.partial.items():
                if not 0.0 <= share <= 1.0:
                    raise ValueError(f"items.{index}.partial.{category}: must be from 0 to 1")
        return self


class Order(DecisionBase):
    """Put options in order; credit is the share of pairs placed in the right order."""

    kind: Literal["order"]
    options: list[Option] = Field(min_length=2, description="What the learner orders.")
    key: list[Identifier] = Field(min_length=2, description="The option ids in the right order.")

    @model_validator(mode="after")
    def _key_is_permutation(self) -> Order:
        _unique_ids(self.options, "options")
        ids = [o.id for o in self.options]
        if sorted(self.key) != sorted(ids):
            missing = sorted(set(ids) - set(self.key))
            unknown = sorted(set(self.key) - set(ids))
            detail = []
            if missing:
                detail.append(f"missing {', '.join(missing)}")
            if unknown:
                detail.append(f"not an option: {', '.join(unknown)}")
            if not detail:
                detail.append("an option is listed twice")
            raise ValueError(f"key: must list every option once ({'; '.join(detail)})")
        return self


class Numeric(DecisionBase):
    """Enter a number; full credit within the tolerance, part credit within a wider band."""

    kind: Literal["numeric"]
    answer: float = Field(description="The right value.")
    tolerance: float = Field(ge=0, description="Largest distance from the answer that earns full credit.")
    partial_tolerance: float | None = Field(
        default=None, ge=0, description="Largest distance that still earns partial credit."
    )
    partial_credit: float = Field(
        default=0.5, ge=0, le=1, description="Share of points earned within partial_tolerance."
    )
    unit: str = Field(default="", description="Unit shown beside the input, e.g. 'USD'.")
    feedback: str = Field(min_length=1, description="How the right value is worked out.")

    @model_validator(mode="after")
    def _bands_nest(self) -> Numeric:
        if self.partial_tolerance is not None and self.partial_tolerance < self.tolerance:
            raise ValueError("partial_tolerance: must not be smaller than tolerance")
        return self


Decision = Annotated[
    SingleChoice | MultipleSelect | Assign | Order | Numeric,
    Field(discriminator="kind"),
]


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
    generator: Identifier | None = Field(
        default=None,
        description=(
            "Generator that builds a variant of this scenario for each learner: its data tables "
            "(those without 'file') and its answer key: one of the generators of the scenario's lab."
        ),
    )

    @model_validator(mode="after")
    def _unique(self) -> Scenario:
        _unique_ids(self.tables, "tables")
        _unique_ids(self.documents, "documents")
        if self.generator is None:
            for index, table in enumerate(self.tables):
                if table.file is None:
                    raise ValueError(
                        f"tables.{index}.file: a table needs a CSV file unless the scenario names a generator"
                    )
        _unique_ids(self.decisions, "decisions")
        return self

    def decision(self, decision_id: str) -> SingleChoice | MultipleSelect | Assign | Order | Numeric:
        """The decision with this id; ``KeyError`` names the ids that exist."""
        for decision in self.decisions:
            if decision.id == decision_id:
                return decision
        known = ", ".join(d.id for d in self.decisions)
        raise KeyError(f"no decision '{decision_id}' in scenario '{self.id}' (it has: {known})")

    @property
    def max_points(self) -> float:
        return sum(d.points for d in self.decisions)


def _unique_ids(entries: list, field: str) -> None:
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if entry.id in seen:
            raise ValueError(
                f"{field}.{index}.id: '{entry.id}' is used twice (first at {field}.{seen[entry.id]})"
            )
        seen[entry.id] = index


AnyDecision = SingleChoice | MultipleSelect | Assign | Order | Numeric
