"""The keys and feedback of a variant's decisions: they follow its incident, in the scenario's words.

The credit tables and every text are the scenario's ``incident.yaml``; this module only picks,
for each option, the frame that fits (right, partly right, wrong; for evidence: keyed, shown but
not keyed, not shown) and fills it with the named parts and the variant's facts.  The evidence
key is the planted cause's fingerprint statements that the variant's own tables show.
"""

from __future__ import annotations

from typing import Any

from grader.schema import AnyDecision, Scenario
from grader.schema.model import Debrief, MultipleSelect, Numeric, Option, SingleChoice

from .content import IncidentContent, PartCredit
from .incident import Incident
from .vocabulary import EVIDENCE, FIX, REPORT_CHECK, ROOT_CAUSE, START_WEEK

__all__ = ["evidence_key", "expert_debrief", "fix_credit", "found_text", "keyed_decisions", "root_credit"]

SAME_QUEUE = "On the affected queue, "  # the evidence labels' common start, left out of the debrief's list


def _earned(part: PartCredit, shown: dict[str, bool] | None) -> bool:
    """Whether a part credit holds: always, or where the variant's data show the sign it needs."""
    return part.needs is None or shown is None or shown.get(part.needs, False)


def root_credit(
    content: IncidentContent, cause: str, shown: dict[str, bool] | None = None
) -> dict[str, float]:
    """Credit of each root-cause option when ``cause`` is planted (options not listed earn none).

    ``shown`` is what the variant's data bear out (:mod:`.evidence`); a part credit that needs a
    sign the data do not show is left out.  Without it, every part credit is listed.
    """
    planted = content.causes[cause]
    parts = {other: part.credit for other, part in planted.partly_right.items() if _earned(part, shown)}
    return {cause: 1.0, **parts}


def fix_credit(
    content: IncidentContent, cause: str, shown: dict[str, bool] | None = None
) -> dict[str, float]:
    """Credit of each fix option when ``cause`` is planted (none if not listed); ``shown`` as above."""
    planted = content.causes[cause]
    parts = {option: part.credit for option, part in planted.partial_fixes.items() if _earned(part, shown)}
    return {planted.fix: 1.0, **parts}


def evidence_key(content: IncidentContent, cause: str, shown: dict[str, bool]) -> list[str]:
    """The evidence statements keyed when ``cause`` is planted: its fingerprint, where the data show it.

    The first statement of each fingerprint is one the planted cause always leaves clearly (the
    generator's tests sweep hundreds of seeds for it); should the data ever show none, that one is
    keyed rather than leaving the decision without a key.
    """
    fingerprint = content.causes[cause].evidence
    return [option for option in fingerprint if shown.get(option, False)] or fingerprint[:1]


def found_text(
    content: IncidentContent,
    cause: str,
    shown: dict[str, bool],
    values: dict[str, Any],
    with_signs: bool = True,
) -> str:
    """The planted cause's fingerprint in the variant's numbers, with only the signs its data show.

    The debrief tells it with those signs, so it never states a sign that the evidence decision
    calls not borne out.  The root-cause feedback tells it without them (``with_signs`` false):
    practice shows that feedback before the evidence decision is answered, and a sign present
    or absent there would tell the learner which optional signs to tick.
    """
    planted = content.causes[cause]
    signs = " ".join(
        _fill(text, values)
        for option, text in planted.signs.items()
        if with_signs and shown.get(option, False)
    )
    return " ".join(_fill(planted.found, values, signs=signs).split())


def _uncapitalised(text: str) -> str:
    """``text`` with its first letter lowered, unless the first word is an acronym (FCR, ASA, QA)."""
    if text[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def _fill(text: str, values: dict[str, Any], **parts: str) -> str:
    return text.format(**values, **parts)


def _option(option: Option, **update: Any) -> Option:
    return option.model_copy(update=update)


def _root_cause(
    decision: SingleChoice,
    content: IncidentContent,
    cause: str,
    shown: dict[str, bool],
    values: dict[str, Any],
) -> SingleChoice:
    frames = content.feedback.root_cause
    credit = root_credit(content, cause, shown)
    partly = content.causes[cause].partly_right
    options = []
    for option in decision.options:
        # A pick other than the planted cause is told what its own signs read in the data, never
        # the planted cause's fingerprint: practice shows this text at once.
        reads = _fill(content.causes[option.id].reads, values)
        if credit.get(option.id, 0.0) == 1.0:
            found = found_text(content, cause, shown, values, with_signs=False)
            text = _fill(frames.right, values, found=found)
        elif option.id in credit:
            text = _fill(
                frames.partly_right, values, partly=_fill(partly[option.id].feedback, values), reads=reads
            )
        else:
            would_show = _fill(content.causes[option.id].would_show, values)
            text = _fill(frames.wrong, values, would_show=would_show, reads=reads)
        options.append(_option(option, credit=credit.get(option.id, 0.0), feedback=" ".join(text.split())))
    return decision.model_copy(update={"options": options})


def _evidence(
    decision: MultipleSelect,
    content: IncidentContent,
    cause: str,
    shown: dict[str, bool],
    values: dict[str, Any],
) -> MultipleSelect:
    frames = content.feedback.evidence
    key = evidence_key(content, cause, shown)
    options = []
    for option in decision.options:
        texts = content.evidence[option.id]
        parts = {"shows": _fill(texts.shows, values)}
        if option.id in key:
            text = _fill(frames.keyed, values, **parts, fits=_fill(texts.fits or "", values))
        elif shown.get(option.id, False):
            text = _fill(frames.not_keyed, values, **parts, not_alone=_fill(texts.not_alone, values))
        else:
            text = _fill(frames.not_shown, values, **parts)
        options.append(_option(option, correct=option.id in key, feedback=text))
    return decision.model_copy(update={"options": options})


def _start_week(
    decision: Numeric, content: IncidentContent, incident: Incident, values: dict[str, Any]
) -> Numeric:
    note = _fill(content.causes[incident.cause].start_note, values)
    feedback = _fill(content.feedback.start_week, values, start_note=note)
    return decision.model_copy(update={"answer": float(incident.start_week), "feedback": feedback})


def _fix(
    decision: SingleChoice,
    content: IncidentContent,
    cause: str,
    shown: dict[str, bool],
    values: dict[str, Any],
) -> SingleChoice:
    frames = content.feedback.fix
    credit = fix_credit(content, cause, shown)
    partial = content.causes[cause].partial_fixes
    options = []
    for option in decision.options:
        share = credit.get(option.id, 0.0)
        parts = {
            "cause_name": content.causes[cause].name,
            "about_fix": _fill(content.fixes[option.id], values),
        }
        if share == 1.0:
            text = _fill(frames.right, values, **parts)
        elif option.id in credit:
            text = _fill(
                frames.partly_right, values, **parts, partly=_fill(partial[option.id].feedback, values)
            )
        else:
            text = _fill(frames.wrong, values, **parts)
        options.append(_option(option, credit=share, feedback=text))
    return decision.model_copy(update={"options": options})


def _report_check(
    decision: SingleChoice, content: IncidentContent, incident: Incident, values: dict[str, Any]
) -> SingleChoice:
    options = []
    for option in decision.options:
        right = option.id == incident.report_definition
        texts = content.report[option.id]  # type: ignore[index]
        text = _fill(texts.right if right else texts.wrong, values)
        options.append(_option(option, credit=1.0 if right else 0.0, feedback=text))
    return decision.model_copy(update={"options": options})


def expert_debrief(
    template: Scenario,
    content: IncidentContent,
    incident: Incident,
    shown: dict[str, bool],
    values: dict[str, Any],
) -> Debrief:
    """The variant's expert path, in its own numbers: the cause, the evidence its data show, the fix."""
    cause = content.causes[incident.cause]
    evidence = {o.id: o.label for o in _options(template, EVIDENCE)}
    fixes = {o.id: o.label for o in _options(template, FIX)}
    listed = [evidence[o] for o in evidence_key(content, incident.cause, shown) if o in evidence]
    frame = content.debrief
    text = _fill(
        frame.expert_path,
        values,
        found=found_text(content, incident.cause, shown, values),
        evidence_list="; ".join(f"*{_uncapitalised(label.removeprefix(SAME_QUEUE))}*" for label in listed),
        fix_label=fixes.get(cause.fix, cause.fix),
        fix_why=_fill(cause.fix_why, values),
        report_note=_fill(frame.report_notes[incident.report_definition], values),  # type: ignore[index]
    )
    return Debrief(expert_path=text, reflection=frame.reflection)


def _options(template: Scenario, decision_id: str) -> list[Option]:
    return next((list(getattr(d, "options", [])) for d in template.decisions if d.id == decision_id), [])


def keyed_decisions(
    template: Scenario,
    content: IncidentContent,
    incident: Incident,
    shown: dict[str, bool],
    values: dict[str, Any],
) -> list[AnyDecision]:
    """The template's decisions with the variant's keys and feedback (other decisions as they are).

    ``shown`` says which evidence statements the variant's tables bear out (:mod:`.evidence`).
    """
    cause = incident.cause
    decisions = []
    for decision in template.decisions:
        if decision.id == ROOT_CAUSE and isinstance(decision, SingleChoice):
            decisions.append(_root_cause(decision, content, cause, shown, values))
        elif decision.id == EVIDENCE and isinstance(decision, MultipleSelect):
            decisions.append(_evidence(decision, content, cause, shown, values))
        elif decision.id == START_WEEK and isinstance(decision, Numeric):
            decisions.append(_start_week(decision, content, incident, values))
        elif decision.id == FIX and isinstance(decision, SingleChoice):
            decisions.append(_fix(decision, content, cause, shown, values))
        elif decision.id == REPORT_CHECK and isinstance(decision, SingleChoice):
            decisions.append(_report_check(decision, content, incident, values))
        else:
            decisions.append(decision)
    return decisions
