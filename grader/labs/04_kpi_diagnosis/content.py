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
from .vocabulary import CAUSES, REPORT_DEFINITIONS, WORRIES

__all__ = [
    "ATTRITION_MIN_HEADCOUNT",
    "CONTENT_VERSION",
    "CauseContent",
    "DebriefContent",
    "EvidenceContent",
    "EvidenceFeedback",
    "Feedback",
    "FixFeedback",
    "IncidentContent",
    "PartCredit",
    "QueueProfile",
    "ReportContent",
    "RootCauseFeedback",
]

CONTENT_VERSION = 1
ATTRITION_MIN_HEADCOUNT = 16  # a wave of 15-25 % is at least four agents only on a queue this size

#: The parts a decision's feedback frame may name besides the facts.
# A wrong or partly right pick is told only about itself ({would_show}, {reads}, {partly}): practice
# shows it at once, so {found}, the planted cause's fingerprint, belongs to the right pick and the debrief.
ROOT_CAUSE_RIGHT_PARTS = ("found",)
ROOT_CAUSE_PICK_PARTS = ("partly", "reads", "would_show")
EVIDENCE_PARTS = ("shows", "fits", "not_alone")
START_WEEK_PARTS = ("start_note",)
FIX_PARTS = ("about_fix", "cause_name", "partly")
DEBRIEF_PARTS = ("found", "evidence_list", "fix_label", "fix_why", "report_note")
FOUND_PARTS = ("signs",)


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
FoundText = _template(*FOUND_PARTS)
RootCauseRightFrame = _template(*ROOT_CAUSE_RIGHT_PARTS)
RootCausePickFrame = _template(*ROOT_CAUSE_PICK_PARTS)
EvidenceFrame = _template(*EVIDENCE_PARTS)
StartWeekFrame = _template(*START_WEEK_PARTS)
FixFrame = _template(*FIX_PARTS)
DebriefFrame = _template(*DEBRIEF_PARTS)
CauseId = Literal[CAUSES]  # the causes the generator knows how to plant
Share = Annotated[float, Field(gt=0.0, lt=1.0)]
DefinitionId = Literal[REPORT_DEFINITIONS]  # the ways a provider's report may count service level
WorryId = Literal[WORRIES]  # what the executive's note in the brief may worry about


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
    headcount: int = Field(
        ge=1,
        description=f"Agents taking calls on the queue at launch. An attrition spike lands only on a "
        f"queue of {ATTRITION_MIN_HEADCOUNT} or more.",
    )
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
        description="Calls in the week after a sale against a plain week (above 1 when returns come back); "
        "the planners forecast them, and the brief says so.",
    )


class PartCredit(Strict):
    """Part of a decision's points for an option next to the key (a neighbouring cause, a weaker step)."""

    credit: Share = Field(description="Share of the decision's points this pick earns, between 0 and 1.")
    feedback: FactText = Field(
        description="Why the pick is partly right: the {partly} of the root-cause or fix frame. It speaks "
        "of the pick itself and never names or describes the planted cause: practice shows it at once."
    )
    needs: Identifier | None = Field(
        default=None,
        description="An evidence statement the variant's data must show for this credit (say, new "
        "agents' errors for a training step after an attrition spike). Where the data do not show it, "
        "the pick earns nothing and gets the wrong frame.",
    )


class CauseContent(Strict):
    """What the feedback says about one root cause, and what earns credit when it is the planted one."""

    name: str = Field(
        min_length=1, description="The cause in a few words, as in 'Here the cause is a training gap'."
    )
    found: FoundText = Field(
        description="Its fingerprint in the variant's data, told when it is the cause: the {found} of the "
        "right pick's frame and of the debrief, never of another pick's. May name {signs}, where the "
        "`signs` the variant's data show go."
    )
    reads: FactText = Field(
        description="What this cause's own signs read in the variant's data, told when a learner picks "
        "it and it is not the cause (the {reads} of the wrong and partly right frames): facts about "
        "the picked cause's fingerprint, never a description of the planted one, and no week number."
    )
    signs: dict[Identifier, FactText] = Field(
        default_factory=dict,
        description="Sentences of the fingerprint that hold only where the variant's data show one of the "
        "cause's evidence statements, by that statement's id; each is told in place of {signs} in `found` "
        "when the same rule that keys the statement says the data show it, and left out otherwise, so no "
        "text states a sign the evidence key calls not borne out.",
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
        description="The evidence statements of this cause's fingerprint; each is keyed in a variant only "
        "when that variant's tables show it (the generator's rule for it). Each needs an entry under "
        "`evidence`.",
    )
    fix: Identifier = Field(description="The first step a director would take for this cause: full credit.")
    fix_why: FactText = Field(
        description="Why that step comes first, in the variant's numbers: the {fix_why} of the debrief."
    )
    partial_fixes: dict[Identifier, PartCredit] = Field(
        default_factory=dict,
        description="Other fix options that earn a share of the fix's points when this cause is planted "
        "(the cause's weaker step, a neighbour's), each with why it falls short: the {partly} of the fix "
        "frames.",
    )


class EvidenceContent(Strict):
    """What the feedback on one evidence statement says, in the variant's numbers."""

    shows: FactText = Field(
        description="What the learner's tables show for this statement, with the numbers: it reads right "
        "whether the data bear the statement out or not (the {shows} of every evidence frame)."
    )
    fits: FactText | None = Field(
        default=None,
        description="Why the statement belongs to the fingerprint of the causes that list it (the {fits} "
        "of the keyed frame). Needed when a cause lists it.",
    )
    not_alone: FactText = Field(
        description="Why, where the data show it but it is not keyed, it does not prove the cause: a "
        "symptom several causes leave, a calendar effect, another cause's sign (the {not_alone})."
    )


class ReportContent(Strict):
    """What the report-check feedback says about one way of counting service level."""

    right: FactText = Field(description="When the report counts this way and the learner says so.")
    wrong: FactText = Field(description="When the learner says so and the report counts another way.")


class DebriefContent(Strict):
    """The expert path of a variant, put together from its cause's texts and its numbers."""

    expert_path: DebriefFrame = Field(
        description="The expert path in Markdown; may name {found}, {evidence_list}, {fix_label}, {fix_why} "
        "and {report_note}."
    )
    report_notes: dict[DefinitionId, FactText] = Field(
        description="For each way the provider's report may count service level, the expert's note on it."
    )
    reflection: str = Field(min_length=1, description="A question to reflect on, naming no key.")


class RootCauseFeedback(Strict):
    """How the root-cause feedback is put together for a right, a partly right and a wrong pick."""

    right: RootCauseRightFrame = Field(description="For the planted cause; may name {found}.")
    partly_right: RootCausePickFrame = Field(
        description="For a cause under the planted cause's partly_right; may name {partly} and {reads} "
        "(the picked cause's)."
    )
    wrong: RootCausePickFrame = Field(
        description="For any other cause; may name {would_show} and {reads} (both the picked cause's)."
    )


class EvidenceFeedback(Strict):
    """How the feedback on an evidence statement is put together, from its own texts."""

    keyed: EvidenceFrame = Field(
        description="For a statement of the planted cause's fingerprint that the data show; may name "
        "{shows} and {fits}."
    )
    not_keyed: EvidenceFrame = Field(
        description="For a statement the data show that is not part of the planted cause's fingerprint; "
        "may name {shows} and {not_alone}."
    )
    not_shown: EvidenceFrame = Field(
        description="For a statement the data do not show clearly; may name {shows}."
    )


class FixFeedback(Strict):
    """How the feedback on a fix option is put together."""

    right: FixFrame = Field(description="For the planted cause's fix; may name {about_fix}.")
    partly_right: FixFrame = Field(
        description="For one of its partial_fixes; may name {about_fix}, {cause_name} and {partly} (why "
        "the option falls short)."
    )
    wrong: FixFrame = Field(description="For any other fix; may name {about_fix} and {cause_name}.")


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
    evidence: dict[Identifier, EvidenceContent] = Field(
        description="For each evidence statement (each has a rule in the generator that says when the data "
        "show it), the texts of its feedback."
    )
    fixes: dict[Identifier, FactText] = Field(
        description="For each fix option, what it does and when it fits: the {about_fix} of the fix frames."
    )
    report: dict[DefinitionId, ReportContent] = Field(
        description="For each way the provider's report may count service level, the report_check feedback."
    )
    feedback: Feedback = Field(description="How each keyed decision's feedback is put together.")
    executive_notes: dict[WorryId, FactText] = Field(
        description="The executive's note the brief quotes as {exec_note}, one per worry: 'queue_csat' "
        "(the queue whose CSAT fell most, {coo_queue}), 'complaints' ({all_complaints}) and 'credits' "
        "({all_credits}) over every queue. Each variant voices the first worry, in an order of its own, "
        "that its data bear out; only 'queue_csat' may name a queue."
    )
    debrief: DebriefContent = Field(
        description="The expert path of each variant, and the reflection question."
    )

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
        if not any(q.headcount >= ATTRITION_MIN_HEADCOUNT for q in self.queues):
            raise ValueError(
                f"queues: no queue has a headcount of {ATTRITION_MIN_HEADCOUNT} or more; an attrition "
                "spike needs one, so that 15-25 % of it is at least four agents"
            )
        missing = [c for c in CAUSES if c not in self.causes]
        if missing:
            raise ValueError(
                f"causes: no entry for {', '.join(missing)}; every cause the generator plants needs one"
            )
        missing_notes = [w for w in WORRIES if w not in self.executive_notes]
        if missing_notes:
            raise ValueError(f"executive_notes: no entry for {', '.join(missing_notes)}")
        missing_reports = [d for d in REPORT_DEFINITIONS if d not in self.report]
        if missing_reports:
            raise ValueError(f"report: no entry for {', '.join(missing_reports)}")
        for cause_id, cause in self.causes.items():
            where = f"causes.{cause_id}"
            if cause_id in cause.partly_right:
                raise ValueError(
                    f"{where}.partly_right.{cause_id}: the planted cause earns full credit; list other causes"
                )
            for option in cause.signs:
                if option not in cause.evidence:
                    raise ValueError(
                        f"{where}.signs.{option}: not one of this cause's evidence statements; a sign is "
                        "told only when the data show one of them"
                    )
            if cause.signs and "{signs}" not in cause.found:
                raise ValueError(f"{where}.found: name {{signs}} where the signs the data show go")
            for index, option in enumerate(cause.evidence):
                if option not in self.evidence:
                    raise ValueError(f"{where}.evidence.{index}: '{option}' has no text under evidence")
                if self.evidence[option].fits is None:
                    raise ValueError(
                        f"evidence.{option}: {cause_id} lists it, so it needs 'fits' (why it belongs there)"
                    )
            for part_id, part in (*cause.partly_right.items(), *cause.partial_fixes.items()):
                if part.needs is not None and part.needs not in self.evidence:
                    raise ValueError(
                        f"{where}: '{part_id}' needs '{part.needs}', which has no text under evidence"
                    )
            for option in (cause.fix, *cause.partial_fixes):
                if option not in self.fixes:
                    part = "fix" if option == cause.fix else f"partial_fixes.{option}"
                    raise ValueError(f"{where}.{part}: '{option}' has no text under fixes")
            if cause.fix in cause.partial_fixes:
                raise ValueError(
                    f"{where}.partial_fixes.{cause.fix}: this is the cause's fix, which earns full credit"
                )
        return self
