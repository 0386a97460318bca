"""The facts of a variant that a brief or a feedback text may name in braces, as ``{queue}``.

The generator reads them off the variant's own tables (:func:`facts`), so a text says what the
learner's data shows.  An author's text is checked against these names when the scenario is
validated: a misspelt ``{queu}`` is a problem at its line, not a crash while a learner works.
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Iterable

__all__ = ["FACTS", "unknown_placeholders"]

#: Every fact of a variant, by placeholder name, with what it holds.
FACTS: dict[str, str] = {
    "queue": "label of the queue the incident hit",
    "queue_id": "id of the queue the incident hit",
    "start": "week the incident starts",
    "start_next": "the week after the start",
    "training_from": "first week a new-hire class trains (three weeks before it goes live)",
    "go_live": "week the new-hire class takes calls (the start, if no class)",
    "class_lead": "weeks from the start to the class taking calls (6-8 after leavers; 0 for growth)",
    "sale_week": "the sale week",
    "holiday_week": "the public-holiday week",
    "dip_week": "week of the one-week CSAT dip that is not the cause",
    "dip_queue": "label of the queue with that CSAT dip",
    "dip_csat": "CSAT of that queue in the dip week, as a percentage",
    "dip_csat_before": "CSAT of that queue the week before the dip, as a percentage",
    "coo_queue": "label of the queue whose CSAT fell most over the last four weeks (the COO's message)",
    "coo_csat": "that queue's CSAT over the last four weeks, as a percentage",
    "coo_csat_before": "its CSAT in weeks 4-7, as a percentage",
    "all_complaints": "formal complaints a week over every queue in the last four weeks",
    "all_complaints_before": "the same in weeks 4-7",
    "all_credits": "refunds and credits a week over every queue in the last four weeks, in USD",
    "all_credits_before": "the same in weeks 4-7",
    "exec_note": "the executive's note in the brief: the text of executive_notes for the variant's worry",
    "interval_queue": "label of the queue whose last week the intervals table shows",
    "launch": "Monday of the launch week, as '2 March 2026'",
    "last_week": "the last week of the data",
    "policy": "the rule change the hit queue's profile names (empty if none)",
    "policy_owner": "who owns that rule",
    "escalation_path": "where the hit queue hands cases on (empty if nowhere)",
    "complaints_before": "complaints a week on the hit queue before the start",
    "complaints_after": "complaints a week after the start",
    "required_after": "required agents per open half-hour after the start",
    "scheduled_after": "scheduled agents per open half-hour after the start",
    "leavers": "agents who left the hit queue in the start week and the week after",
    "report_sl": "the provider's weekly service level of the interval queue's last week",
    "intervals_sl": "that week's service level from the intervals, abandoned calls counted as missed",
    "short_out_sl": "the same with calls abandoned within 10 seconds left out",
    "answered_only_sl": "the same with every abandoned call left out (answered calls only)",
    # The hit queue, before the start (weeks 4 to the week before, calendar weeks left out)
    # and after it; the numbers behind the evidence statements.
    "kn_before": "knowledge errors per scored contact of agents under 3 months, before the start",
    "kn_after": "that share once the new class (or the incident) has been on the phones a week",
    "kn_reviews": "scored contacts of agents under 3 months that kn_after counts",
    "kn_from": "first week kn_after counts",
    "kn_span": "the weeks and contacts kn_after counts, with no week number, as 'from the class's second "
    "week on the phones to the last week of the data (48 scored contacts; the week the class went live "
    "is not counted)', or 'in the last week of the data alone, the week the class went live (6 scored "
    "contacts; its only week on the phones)' for a class live in the last week",
    "policy_new_before": "policy errors per scored contact of agents under 3 months, before",
    "policy_new_after": "that share after the start",
    "policy_young_before": "policy errors per scored contact of agents under 12 months (both bands), before",
    "policy_young_after": "that share after the start",
    "policy_senior_before": "policy errors per scored contact of agents over 12 months, before",
    "policy_senior_after": "that share after the start",
    "class_size": "the largest new-hire class in training on the hit queue (0 if none)",
    "class_plain": "'a class of N new hires trained for the queue', or 'no new-hire class went live on "
    "the queue from the break on'",
    "class_from": "first week that class trains (the start, if none)",
    "leavers_before_class": "most leavers in one week in the eight weeks before the class trains",
    "class_note": "'a class of N new hires trained for the queue', or 'no new-hire class went live from "
    "the break on'",
    "leavers_note": "the most leavers in one week of the eight before that class (in any week, if none)",
    "peak_note": "'the most leavers in two weeks running was N', or 'no agent left in any week'",
    "leavers_peak": "most leavers in one week on the hit queue",
    "leavers_peak_week": "the week of that peak",
    "leavers_wave": "most leavers on the hit queue in two weeks running",
    "head_before": "headcount of the hit queue in the three weeks before the start (median)",
    "head_eve": "its headcount in the week before the start",
    "head_min": "its lowest headcount from the start on",
    "head_low": "its lowest headcount from the start until a class goes live after it (to the end, if none)",
    "cover_note": "'until the new class took calls' when a class went live after the break, else 'in the "
    "weeks after the break'",
    "head_after": "its average headcount after the start",
    "cover_before": "scheduled over required agents before the start, as a percentage",
    "cover_short": "that cover from the week after the start until such a class goes live (to the end, "
    "if none)",
    "cover_early": "that cover in the four weeks after the start",
    "cover_after": "that cover in all the weeks after the start",
    "overdue_before": "share of escalations open past 48 hours before the start",
    "overdue_after": "that share after the start",
    "transfer_before": "transfer rate of the hit queue before the start",
    "transfer_after": "its transfer rate after the start",
    "fcr_before": "FCR of the hit queue before the start",
    "fcr_after": "its FCR after the start",
    "qa_before": "average QA score of the hit queue before the start",
    "qa_after": "its average QA score after the start",
    "aht_before": "AHT in seconds of the hit queue before the start",
    "aht_after": "its AHT after the start",
    "aht_late": "its AHT once a new class is live (after the start, if no class)",
    "calls_before": "calls offered a week on the hit queue before the start",
    "calls_after": "calls offered a week after the start",
    "calls_first": "calls offered a week in the start week and the week after",
    "forecast_first": "calls the planners forecast a week in those weeks",
    "calls_first_weeks": "calls offered in the start week and in the week after, as '6,122 and 6,206'",
    "forecast_first_weeks": "calls the planners forecast in each of those weeks, as '5,325 and 5,340'",
    "of_forecast_first_weeks": "calls offered in each of those weeks as a share of its forecast, as "
    "'115 % and 116 %'",
    "asa_before": "ASA in seconds of the hit queue before the start",
    "asa_early": "its ASA in the four weeks after the start",
    "abandon_before": "abandon rate of the hit queue before the start",
    "abandon_early": "its abandon rate in the four weeks after the start",
    "launch_aht": "AHT in seconds over every queue in the launch weeks 1-3",
    "settled_aht": "AHT in seconds over every queue in weeks 4-7",
}


def unknown_placeholders(text: str, known: Iterable[str]) -> str | None:
    """Why ``text`` is not a valid template over the names ``known``, or ``None`` if it is.

    >>> unknown_placeholders("week {start} on {queue}", FACTS) is None
    True
    >>> unknown_placeholders("week {strat}", FACTS)
    "'{strat}' is not a name this text may use (did you mean {start}?)"
    """
    names = set(known)
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as error:
        return (
            f"braces must pair up around a name, as {{queue}}; write a brace itself as {{{{ or }}}} ({error})"
        )
    for name in fields:
        if name not in names:
            close = difflib.get_close_matches(name, sorted(names), n=1)
            hint = f" (did you mean {{{close[0]}}}?)" if close else f" (known: {', '.join(sorted(names))})"
            return f"'{{{name}}}' is not a name this text may use{hint}"
    return None
