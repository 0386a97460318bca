"""What a lab 04 scenario's ``incident.yaml`` holds: the team's queues and every text of the feedback.

The generator is the mechanism (how each cause moves the KPIs, which seed plants what); this
file is the course content around it, one per scenario folder, so a new company is a new
folder and no code.  Like the scenario schema, every model forbids unknown keys and every
field has a description, which ``decisionlab schema --lab 04_kpi_diagnosis`` passes on.

Texts may name the variant's facts in braces (``{queue}``, ``{start}``: :data:`FACTS`), which
the generator fills from the learner's own tables.  The ``feedback`` frames put a decision's
feedback together from named parts (``{found}``, ``{about_fix}``) and the facts.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, model_validator

from grader.kinds.base import Identifier, Strict

from .placeholders import FACTS, unknown_placeholders
from .vocabulary import CAUSES

__all__ = [
    "CONTENT_VERSION",
    "CauseContent",
    "EvidenceFeedback",
    "Feedback",
    "FixFeedback",
    "IncidentContent",
    "PartCredit",
    "QueueProfile",
    "RootCauseFeedback",
]

CONTENT_VERSION = 1

#: The parts a decision's feedback frame may name besides the facts.
ROOT_CAUSE_PARTS = ("found", "found_uncapitalised", "partly", "would_show")
EVIDENCE_PARTS = ("evidence",)
START_WEEK_PARTS = ("start_note",)
FIX_PARTS = ("about_fix", "cause_name", "right_fix_uncapitalised")


def _template(*parts: str) -> Any:
    """A text that may name the facts, and ``parts``, in braces."""
    known = (*FACTS, *parts)

    def check(text: str) -> str:
        problem = unknown_placeholders(text, known)
        if problem:
            raise ValueError(problem)
        return text

    return Annotated[str, Field(min_length=1), AfterValidator(check)]


FactText = _template()
RootCauseFrame = _template(*ROOT_CAUSE_PARTS)
EvidenceFrame = _template(*EVIDENCE_PARTS)
StartWeekFrame = _template(*START_WEEK_PARTS)
FixFrame = _template(*FIX_PARTS)
CauseId = Literal[CAUSES]  # the causes the generator knows how to plant
Share = Annotated[float, Field(gt=0.0, lt=1.0)]


class QueueProfile(Strict):
    """One phone queue of the team, at its level in the weeks after launch."""

    id: Identifier
    label: str = Field(min_length=1, description="The queue's name in the charts and the feedback.")
    weekly_calls: float = Field(gt=0, description="Calls offered in a plain week at launch.")
    aht_seconds: float = Field(
        gt=0, description="Average handle time once agents are past the ramp-up, in seconds."
    )
    fcr: float = Field(
        gt=0, lt=1, description="First-contact resolution before anything goes wrong, a share."
    )
    csat: float = Field(
        gt=0, lt=1, description="Share of surveyed customers satisfied before anything goes wrong."
    )
    headcount: int = Field(ge=1, description="Agents taking calls on the queue at launch.")
    escalation_rate: float = Field(
        ge=0, le=1, description="Escalations to a second-line team per answered call."
    )
    credits_per_call_usd: float = Field(
        ge=0, description="Refunds and goodwill credits per answered call, in USD."
    )
    policy: str | None = Field(
        default=None,
        description="An upstream rule change that could land on this queue, as a clause that follows "
        "'from week N on the queue (...)'. Leave out if none: no policy change is planted here.",
    )
    policy_owner: str = Field(
        default="the team that owns the rule",
        description="Who owns that rule, as it follows 'Working with' in the fix feedback.",
    )
    escalation_path: str | None = Field(
        default=None,
        description="Where the queue hands cases on, as a clause ('refund disputes go to the finance "
        "team'). Leave out if nowhere: no broken escalation path is planted here.",
    )
    after_sale: float = Field(
        default=1.0,
        gt=0,
        description="Calls in the week after a sale against the forecast (above 1 when returns come back).",
    )


class PartCredit(Strict):
    """Part of the root cause's points for a cause next to the planted one."""

    credit: Share = Field(description="Share of the decision's points this pick earns, between 0 and 1.")
    feedback: FactText = Field(
        description="Why the pick is partly right: the {partly} of the root-cause frame."
    )


class CauseContent(Strict):
    """What the feedback says about one root cause, and what earns credit when it is the planted one."""

    name: str = Field(
        min_length=1, description="The cause in a few words, as in 'Here the cause is a training gap'."
    )
    found: FactText = Field(
        description="Its fingerprint in the variant's data, told when it is the cause: the {found} of the "
        "root-cause frame. Start with a capital; {found_uncapitalised} lowers its first letter."
    )
    would_show: FactText = Field(
        description="What it would look like, told to a learner who picked it when it is not the cause."
    )
    start_note: FactText = Field(description="What its first week looks like, for the start-week feedback.")
    partly_right: dict[CauseId, PartCredit] = Field(
        default_factory=dict,
        description="Other causes that earn part of the root cause's points when this one is planted.",
    )
    evidence: list[Identifier] = Field(
        min_length=1,
        description="The evidence options that prove this cause (the key of the evidence decision); each "
        "needs a text under `evidence`.",
    )
    fix: Identifier = Field(description="The fix option that follows from this cause: it earns full credit.")
    partial_fixes: dict[Identifier, Share] = Field(
        default_factory=dict,
        description="Other fix options that earn a share of the fix's points when this cause is planted.",
    )


class RootCauseFeedback(Strict):
    """How the root-cause feedback is put together for a right, a partly right and a wrong pick."""

    right: RootCauseFrame = Field(description="For the planted cause; may name {found}.")
    partly_right: RootCauseFrame = Field(
        description="For a cause under the planted cause's partly_right; may name {partly} and {found}."
    )
    wrong: RootCauseFrame = Field(
        description="For any other cause; may name {would_show} (the picked one's) and {found_uncapitalised}."
    )


class EvidenceFeedback(Strict):
    """How the feedback on an evidence option is put together (red herrings have their own texts)."""

    fits: EvidenceFrame = Field(
        description="For an option that proves the planted cause; may name {evidence}."
    )
    does_not_fit: FactText = Field(description="For an option that does not prove the planted cause.")


class FixFeedback(Strict):
    """How the feedback on a fix option is put together."""

    right: FixFrame = Field(description="For the planted cause's fix; may name {about_fix}.")
    partly_right: FixFrame = Field(
        description="For one of its partial_fixes; may name {about_fix}, {cause_name} and "
        "{right_fix_uncapitalised}."
    )
    wrong: FixFrame = Field(description="For any other fix; may name the same parts as partly_right.")


class Feedback(Strict):
    """The frames each keyed decision's feedback is built from."""

    root_cause: RootCauseFeedback = Field(description="Feedback frames of the root_cause decision.")
    evidence: EvidenceFeedback = Field(description="Feedback frames of the evidence decision.")
    start_week: StartWeekFrame = Field(
        description="Feedback of the start_week decision; may name {start_note} (the planted cause's)."
    )
    fix: FixFeedback = Field(description="Feedback frames of the fix decision.")


def _list_facts(schema: dict[str, Any]) -> None:
    facts = "; ".join(f"{{{name}}}: {meaning}" for name, meaning in FACTS.items())
    schema["description"] = f"{schema.get('description', '')}\n\nFacts a text may name: {facts}."


class IncidentContent(Strict):
    """A lab 04 scenario's company and feedback (``incident.yaml`` in its folder).

    Texts may name the variant's facts in braces, such as {queue} or {start}.
    """

    model_config = ConfigDict(json_schema_extra=_list_facts)

    schema_version: Literal[1] = Field(description="Version of this file's schema.")
    launch: date = Field(description="Monday of the launch week, week 1 of the data (YYYY-MM-DD).")
    queues: list[QueueProfile] = Field(
        min_length=1, description="The team's phone queues, in the order the tables list them."
    )
    causes: dict[CauseId, CauseContent] = Field(
        description="For every cause the generator can plant, its texts and credit."
    )
    evidence: dict[Identifier, FactText] = Field(
        description="For each evidence option that can prove a cause, what the data shows when it does: "
        "the {evidence} of feedback.evidence.fits."
    )
    red_herrings: dict[Identifier, FactText] = Field(
        default_factory=dict,
        description="For each evidence option that is a red herring, its feedback, ticked or not.",
    )
    fixes: dict[Identifier, FactText] = Field(
        description="For each fix option, when it fits: the {about_fix} of the fix frames."
    )
    feedback: Feedback = Field(description="How each keyed decision's feedback is put together.")

    def queue(self, queue_id: str) -> QueueProfile:
        """The queue ``queue_id``."""
        return next(q for q in self.queues if q.id == queue_id)

    @model_validator(mode="after")
    def _consistent(self) -> IncidentContent:
        seen: dict[str, int] = {}
        for index, queue in enumerate(self.queues):
            if queue.id in seen:
                raise ValueError(f"queues.{index}.id: '{queue.id}' is also the id of queue {seen[queue.id]}")
            seen[queue.id] = index
        if not any(q.policy for q in self.queues):
            raise ValueError("queues: no queue has a policy; a policy change needs one to land on")
        if not any(q.escalation_path for q in self.queues):
            raise ValueError("queues: no queue has an escalation_path; a broken escalation path needs one")
        missing = [c for c in CAUSES if c not in self.causes]
        if missing:
            raise ValueError(
                f"causes: no entry for {', '.join(missing)}; every cause the generator plants needs one"
            )
        both = sorted(set(self.evidence) & set(self.red_herrings))
        if both:
            raise ValueError(
                f"red_herrings.{both[0]}: '{both[0]}' is under evidence too; an option is one or the other"
            )
        for cause_id, cause in self.causes.items():
            where = f"causes.{cause_id}"
            if cause_id in cause.partly_right:
                raise ValueError(
                    f"{where}.partly_right.{cause_id}: the planted cause earns full credit; list other causes"
                )
            for index, option in enumerate(cause.evidence):
                if option not in self.evidence:
                    raise ValueError(f"{where}.evidence.{index}: '{option}' has no text under evidence")
            for option in (cause.fix, *cause.partial_fixes):
                if option not in self.fixes:
                    part = "fix" if option == cause.fix else f"partial_fixes.{option}"
                    raise ValueError(f"{where}.{part}: '{option}' has no text under fixes")
            if cause.fix in cause.partial_fixes:
                raise ValueError(
                    f"{where}.partial_fixes.{cause.fix}: this is the cause's fix, which earns full credit"
                )
        return self
