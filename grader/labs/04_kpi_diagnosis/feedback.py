"""The keys and feedback of a variant's decisions: they follow its incident, in the scenario's words.

The credit tables and every text are the scenario's ``incident.yaml``; this module only picks,
for each option, the frame that fits (right, partly right, wrong) and fills it with the named
parts and the variant's facts.
"""

from __future__ import annotations

from typing import Any

from grader.schema import AnyDecision, Scenario
from grader.schema.model import MultipleSelect, Numeric, Option, SingleChoice

from .content import IncidentContent
from .incident import Incident
from .vocabulary import EVIDENCE, FIX, ROOT_CAUSE, START_WEEK

__all__ = ["keyed_decisions", "root_credit", "fix_credit"]


def root_credit(content: IncidentContent, cause: str) -> dict[str, float]:
    """Credit of each root-cause option when ``cause`` is planted (options not listed earn none)."""
    planted = content.causes[cause]
    return {cause: 1.0, **{other: part.credit for other, part in planted.partly_right.items()}}


def fix_credit(content: IncidentContent, cause: str) -> dict[str, float]:
    """Credit of each fix option when ``cause`` is planted (options not listed earn none)."""
    planted = content.causes[cause]
    return {planted.fix: 1.0, **planted.partial_fixes}


def _uncapitalised(text: str) -> str:
    return text[:1].lower() + text[1:]


def _fill(text: str, values: dict[str, Any], **parts: str) -> str:
    return text.format(**values, **parts)


def _option(option: Option, **update: Any) -> Option:
    return option.model_copy(update=update)


def _root_cause(
    decision: SingleChoice, content: IncidentContent, cause: str, values: dict[str, Any]
) -> SingleChoice:
    frames = content.feedback.root_cause
    found = _fill(content.causes[cause].found, values)
    credit = root_credit(content, cause)
    partly = content.causes[cause].partly_right
    options = []
    for option in decision.options:
        if credit.get(option.id, 0.0) == 1.0:
            text = _fill(frames.right, values, found=found)
        elif option.id in partly:
            text = _fill(
                frames.partly_right, values, partly=_fill(partly[option.id].feedback, values), found=found
            )
        else:
            would_show = _fill(content.causes[option.id].would_show, values)
            text = _fill(
                frames.wrong, values, would_show=would_show, found_uncapitalised=_uncapitalised(found)
            )
        options.append(_option(option, credit=credit.get(option.id, 0.0), feedback=text))
    return decision.model_copy(update={"options": options})


def _evidence(
    decision: MultipleSelect, content: IncidentContent, cause: str, values: dict[str, Any]
) -> MultipleSelect:
    frames = content.feedback.evidence
    key = content.causes[cause].evidence
    options = []
    for option in decision.options:
        correct = option.id in key
        if option.id in content.red_herrings:
            text = _fill(content.red_herrings[option.id], values)
        elif correct:
            text = _fill(frames.fits, values, evidence=_fill(content.evidence[option.id], values))
        else:
            text = _fill(frames.does_not_fit, values)
        options.append(_option(option, correct=correct, feedback=text))
    return decision.model_copy(update={"options": options})


def _start_week(
    decision: Numeric, content: IncidentContent, incident: Incident, values: dict[str, Any]
) -> Numeric:
    note = _fill(content.causes[incident.cause].start_note, values)
    feedback = _fill(content.feedback.start_week, values, start_note=note)
    return decision.model_copy(update={"answer": float(incident.start_week), "feedback": feedback})


def _fix(
    decision: SingleChoice, content: IncidentContent, cause: str, values: dict[str, Any]
) -> SingleChoice:
    frames = content.feedback.fix
    credit = fix_credit(content, cause)
    labels = {o.id: o.label for o in decision.options}
    parts = {
        "cause_name": content.causes[cause].name,
        "right_fix_uncapitalised": _uncapitalised(labels[content.causes[cause].fix]),
    }
    options = []
    for option in decision.options:
        share = credit.get(option.id, 0.0)
        frame = frames.right if share == 1.0 else (frames.partly_right if share else frames.wrong)
        text = _fill(frame, values, about_fix=_fill(content.fixes[option.id], values), **parts)
        options.append(_option(option, credit=share, feedback=text))
    return decision.model_copy(update={"options": options})


def keyed_decisions(
    template: Scenario, content: IncidentContent, incident: Incident, values: dict[str, Any]
) -> list[AnyDecision]:
    """The template's decisions with the variant's keys and feedback (other decisions as they are)."""
    cause = incident.cause
    decisions = []
    for decision in template.decisions:
        if decision.id == ROOT_CAUSE and isinstance(decision, SingleChoice):
            decisions.append(_root_cause(decision, content, cause, values))
        elif decision.id == EVIDENCE and isinstance(decision, MultipleSelect):
            decisions.append(_evidence(decision, content, cause, values))
        elif decision.id == START_WEEK and isinstance(decision, Numeric):
            decisions.append(_start_week(decision, content, incident, values))
        elif decision.id == FIX and isinstance(decision, SingleChoice):
            decisions.append(_fix(decision, content, cause, values))
        else:
            decisions.append(decision)
    return decisions
