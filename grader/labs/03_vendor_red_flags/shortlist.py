"""Lab 03's consequence view: what a shortlist brings into operation, and once revealed its flags.

The view is shown as soon as a vendor is ticked, while the red flags are still open to change, so
by default it gives each vendor's figures side by side with no verdict on them ("still learning",
"early leavers on top"): those verdicts would say which statements are flags.  Practice feedback
on the red flags shows only the ticked statements' verdicts, so it hands over no others; the
verdicts come only once the red flags' expert answer is revealed, or the learner has every flag
right and nothing more, or with the shortlist's own revealed part, which lists the flags anyway.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from grader.display.html import ConsequenceView, Table
from grader.engine import score_decision

from .screening import (
    FLAGS,
    IN_OPERATION,
    SHORTLIST,
    SHORTLIST_COLUMNS,
    _missing,
    lab_screen,
    outside,
    programme_values,
    value_text,
    vendor_label,
    vendor_of,
)

if TYPE_CHECKING:
    from grader.labs.base import LabContext as Lab
    from grader.schema.model import Option


def _operation(feedback: str) -> str:
    """What a flag does in operation: the part of its feedback after ``In operation:``."""
    text = " ".join(feedback.split())  # YAML folds lines anywhere, even inside the marker
    _, found, after = text.partition(IN_OPERATION)
    return after.strip() if found else text


def flags_by_vendor(options: list[Option]) -> dict[str, list[Option]]:
    """The real red flags (correct options) of the red-flag decision, by vendor id."""
    found: dict[str, list[Option]] = {}
    for option in options:
        if option.correct:
            found.setdefault(vendor_of(option.id), []).append(option)
    return found


def _weeks(n: float) -> str:
    """A span as a fact sheet gives it in weeks; a part of a week reads in days, as vendors say it.

    >>> _weeks(1), _weeks(8), _weeks(1.4), _weeks(0.5)
    ('1 week', '8 weeks', '10 days', '4 days')
    """
    if n != int(n):
        days = round(n * 7)
        return "1 day" if days == 1 else f"{days} days"
    return f"{n:g} week" if n == 1 else f"{n:g} weeks"


def _peak_text(
    extra: float, scale_weeks: float, training_weeks: float, notice_weeks: float, training_floor: float
) -> str:
    """What a vendor's peak promise means, against the benchmark's training, its own and your notice.

    The benchmark's minimum comes first: a vendor that trains for less gets the same warning
    however soon it promises the peak, since a fast or slow hire changes nothing of how little
    its agents learn.  Then the promise is read against the vendor's own training (agents still
    learning) and your notice (too late).

    >>> _peak_text(30, 4, 1, 12, 3).split(", less")[0]
    'promises your 30 peak agents in 4 weeks, trained for 1 week'
    >>> _peak_text(30, 4, 1, 12, 3) == _peak_text(30, 1, 1, 12, 3).replace("in 1 week", "in 4 weeks")
    True
    >>> _peak_text(30, 8, 5, 12, 3)
    "adds your 30 peak agents in 8 weeks, after its 5-week training and within your 12 weeks' notice"
    """
    if training_weeks < training_floor:
        late = (
            f" more than the {notice_weeks:g} weeks' notice you can give,"
            if scale_weeks > notice_weeks
            else ""
        )
        return (
            f"promises your {extra:.0f} peak agents in {_weeks(scale_weeks)},{late} trained for "
            f"{_weeks(training_weeks)}, less than the {_weeks(training_floor)} the benchmark gives training "
            "alone: the peak would be answered by agents hired and trained in a hurry"
        )
    if scale_weeks < training_weeks:
        return (
            f"promises your {extra:.0f} peak agents in {_weeks(scale_weeks)}, before its own "
            f"{training_weeks:g}-week training can finish: the peak would be answered by agents still "
            "learning or moved from other work"
        )
    if scale_weeks > notice_weeks:
        return (
            f"needs {_weeks(scale_weeks)} for your {extra:.0f} peak agents, more than the "
            f"{notice_weeks:g} weeks' notice you can give"
        )
    return (
        f"adds your {extra:.0f} peak agents in {_weeks(scale_weeks)}, after its {training_weeks:g}-week "
        f"training and within your {notice_weeks:g} weeks' notice"
    )


def _peak_facts(extra: float, scale_weeks: float, training_weeks: float, notice_weeks: float) -> str:
    """A vendor's peak promise beside its training and your notice, with no verdict (assessment).

    >>> _peak_facts(30, 1.4, 6, 12)
    "says it adds your 30 peak agents in 10 days; its training takes 6 weeks; you can give 12 weeks' notice"
    """
    return (
        f"says it adds your {extra:.0f} peak agents in {_weeks(scale_weeks)}; its training takes "
        f"{_weeks(training_weeks)}; you can give {notice_weeks:g} weeks' notice"
    )


def _replaced_facts(replaced: float, agents: float, share: str, counted: str) -> str:
    """Agents a vendor's attrition figure gives on your seats, and how it counts them (assessment).

    >>> _replaced_facts(11.6, 40, "29 %", "only agents past their first 60 days")
    '12 of 40 a year at its 29 % (counted: only agents past their first 60 days)'
    """
    return f"{replaced:.0f} of {agents:.0f} a year at its {share} (counted: {counted})"


# How a fact sheet says a vendor counts every leaver, and what it says when the proposal does not say.
EVERY_LEAVER = "every agent who left"
NOT_STATED = "not stated"


def _counted(basis: object) -> str:
    """Which leavers a vendor's attrition figure counts, as its fact sheet says; "not stated" if blank."""
    return NOT_STATED if _missing(basis) or not str(basis).strip() else " ".join(str(basis).split())


def _replaced_cell(replaced: float, agents: float, share: str, counted: str) -> str:
    """The table's "agents replaced a year", on the basis the vendor counts it.

    The lab's own counting rule is every leaver over the year's headcount, trainees included.  A
    figure counted that way is the estimate; one that leaves early leavers out is only a floor, and
    one whose counting the proposal does not state is an estimate only if it counts every leaver.

    >>> _replaced_cell(16.8, 40, "42 %", "every agent who left, trainees included")
    'about 17 of 40 (42 % a year, every leaver counted, trainees included)'
    >>> _replaced_cell(11.6, 40, "29 %", "only agents past their first 60 days")
    'at least 12 of 40 (29 % a year, only agents past their first 60 days: early leavers on top)'
    >>> _replaced_cell(19.8, 60, "33 %", "not stated")
    'about 20 of 60 if every leaver is counted (33 % a year, counting not stated)'
    """
    of = f"{replaced:.0f} of {agents:.0f}"
    if counted.startswith(EVERY_LEAVER):
        return f"about {of} ({share} a year, every leaver counted, trainees included)"
    if counted == NOT_STATED:
        return f"about {of} if every leaver is counted ({share} a year, counting not stated)"
    return f"at least {of} ({share} a year, {counted}: early leavers on top)"


def _replaced_sentence(replaced: float, agents: float, counted: str) -> str:
    """The summary's sentence on agents replaced a year, with the warning a favourable count needs.

    A figure that counts every leaver counts trainees who left before they took a call, who never
    held one of your seats: it says how many leave, and fewer of your seats than that change hands.

    >>> _replaced_sentence(16.8, 40, "every agent who left, trainees included").split(":")[0]
    'about 17 leavers a year on your 40 seats, every leaver counted'
    >>> sentence = _replaced_sentence(11.6, 40, "only agents past their first 60 days")
    >>> sentence.split(":")[0]
    'at least 12 of your 40 agents replaced a year'
    >>> "counts only agents past their first 60 days" in sentence and "come on top" in sentence
    True
    """
    of = f"{replaced:.0f} of your {agents:.0f} agents replaced a year"
    if counted.startswith(EVERY_LEAVER):
        return (
            f"about {replaced:.0f} leavers a year on your {agents:.0f} seats, every leaver counted: "
            "trainees who left before taking a call are among them, so fewer of your seats change hands"
        )
    if counted == NOT_STATED:
        return f"about {of} if its attrition counts every leaver, which its proposal does not say"
    return (
        f"at least {of}: its attrition counts {counted}, so the agents who leave early, the likeliest "
        "to leave, come on top"
    )


def flags_settled(lab: Lab) -> bool:
    """Whether the figures' verdicts may be shown: in practice, once the red flags cannot leak.

    That is once their expert answer is revealed, or once the learner has ticked every real flag
    and nothing more, so the verdicts tell nothing the learner does not already hold.  The session
    records reveals; a context without that record (a bare test double) has revealed nothing.
    """
    if not lab.runtime.practice:
        return False
    revealed = getattr(lab, "revealed", None)
    if callable(revealed) and revealed(FLAGS):
        return True
    ticked = lab.choice(FLAGS)
    if ticked is None:
        return False
    result = score_decision(lab.decision(FLAGS), ticked)
    return not result.problems and result.points == result.max_points


def consequence_view(lab: Lab, decision_id: str) -> ConsequenceView | None:
    """For the shortlist: what each vendor's figures (and, once revealed, its flags) mean in operation."""
    if decision_id != SHORTLIST:
        return None
    vendors = lab.table("vendors")
    known = list(vendors["id"])
    choice = lab.choice(SHORTLIST)
    # A hand-edited answers file may hold anything: only known vendor ids count.
    picked = {c for c in choice if isinstance(c, str)} & set(known) if isinstance(choice, list) else set()
    if not picked:
        empty = (
            "No vendor shortlisted yet. Tick the vendors you would take to the next round, and this view "
            "shows what each of them would bring into your operation."
        )
        return ConsequenceView(empty, lead=empty)
    view = _operation_view(lab, picked, len(known), judged=flags_settled(lab))
    # The revealed shortlist lists every real flag of its vendors, so its verdicts give nothing more.
    judged_view = _operation_view(lab, picked, len(known), judged=True)

    def with_flags() -> ConsequenceView:
        """The real red flags each shortlisted vendor brings: the key of the flags decision."""
        decision = lab.decision(FLAGS)
        real = flags_by_vendor(list(getattr(decision, "options", [])))
        ticked = lab.choice(FLAGS)
        seen = {t for t in ticked if isinstance(t, str)} if isinstance(ticked, list) else set()
        lists = []
        for v in vendors[vendors["id"].isin(picked)].itertuples(index=False):
            flags = real.get(str(v.id), [])
            items = tuple(
                f"{o.label} ({'you flagged it' if o.id in seen else 'you did not flag it'}). "
                f"{_operation(o.feedback)}"
                for o in flags
            ) or ("No red flag in this lab's list.",)
            lists.append((f"Red flags {vendor_label(str(v.id), str(v.vendor))} brings with it:", items))
        return replace(judged_view, lists=tuple(lists))

    return replace(view, practice=with_flags)


def _operation_view(lab: Lab, picked: set[str], known: int, *, judged: bool) -> ConsequenceView:
    """The shortlisted vendors' figures in operation: with verdicts if ``judged``, else side by side."""
    vendors = lab.table("vendors")
    programme = programme_values(lab)
    agents, peak = programme["agents"], programme["peak_agents"]
    notice, coaching = programme["peak_notice_weeks"], programme["coaching_hours_per_supervisor_week"]
    screened = lab_screen(lab)
    flagged = outside(screened)
    qa_floor = screened[screened["metric"] == "qa_scored_per_agent_month"].set_index("vendor_id")["range"]
    training = screened[screened["metric"] == "training_weeks"].set_index("vendor_id")["low"]

    rows, sentences = [], []
    for v in vendors[vendors["id"].isin(picked)].itertuples(index=False):
        label = vendor_label(str(v.id), str(v.vendor))
        replaced = agents * float(v.annual_attrition)
        counted = _counted(getattr(v, "attrition_counted", None))
        minutes = coaching * 60 / float(v.agents_per_supervisor)
        span = float(v.agents_per_supervisor)
        share = value_text(v.annual_attrition, "share")
        replaced_cell = (
            _replaced_cell(replaced, agents, share, counted)
            if judged
            else _replaced_facts(replaced, agents, share, counted)
        )
        qa = float(v.qa_scored_per_agent_month)
        floor = f" (benchmark {qa_floor[v.id]})" if v.id in qa_floor.index else ""
        floor_weeks = training.get(v.id)
        peak_text = (
            _peak_text(
                peak - agents,
                float(v.scale_up_weeks),
                float(v.training_weeks),
                notice,
                0.0 if _missing(floor_weeks) else float(floor_weeks),
            )
            if judged
            else _peak_facts(peak - agents, float(v.scale_up_weeks), float(v.training_weeks), notice)
        )
        rows.append(
            (
                label,
                f"{float(v.rate_per_paid_hour):,.0f}",
                replaced_cell,
                f"about {minutes:.0f} minutes ({span:g} agents per supervisor)",
                f"{qa:g}{floor}",
                peak_text[0].upper() + peak_text[1:],
            )
        )
        outside_text = f" Outside a benchmark range: {', '.join(flagged[label])}." if label in flagged else ""
        sentences.append(
            f"{label}: {float(v.rate_per_paid_hour):,.0f} USD per paid hour; "
            f"{_replaced_sentence(replaced, agents, counted) if judged else 'attrition ' + replaced_cell}; "
            f"{float(v.agents_per_supervisor):g} agents per supervisor leaves about {minutes:.0f} minutes "
            f"of one-to-one coaching per agent a week; {_qa_sentence(qa)}{floor}; "
            f"it {peak_text}.{outside_text}"
        )
    summary = (
        f"{len(picked)} of {known} vendors shortlisted. "
        + " ".join(sentences)
        + " Coaching assumes a supervisor spends "
        f"{coaching:g} hours a week on one-to-one coaching (course assumption)."
    )
    table = Table("Your shortlist in operation", SHORTLIST_COLUMNS, rows, "decisionlab-shortlist", True)
    return ConsequenceView(summary, table=table, lead=summary)


def _qa_sentence(scored_a_month: float) -> str:
    """How many of each agent's contacts a person scores; a proposal that gives no number says so.

    >>> _qa_sentence(4)
    "a person scores 4 of each agent's contacts a month"
    >>> _qa_sentence(0)
    'the proposal gives no number of contacts scored by a person'
    """
    if scored_a_month == 0:
        return "the proposal gives no number of contacts scored by a person"
    return f"a person scores {scored_a_month:g} of each agent's contacts a month"
