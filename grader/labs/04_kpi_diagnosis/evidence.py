"""Which evidence statements a variant's own tables show, and the numbers that show it.

Every statement of the evidence decision is about the queue whose KPIs broke (the incident's
queue) or about every queue.  A statement is *shown* when the tables bear it out clearly, by the
rule in :data:`RULES`; the key of the evidence decision is the planted cause's fingerprint
statements that are shown (:func:`.feedback.evidence_key`), so a statement the data show only
faintly (a class two weeks on the phones) is not keyed, and a symptom every incident leaves is
never keyed.  The numbers behind each rule are facts the feedback quotes
(:data:`~.placeholders.FACTS`), so a learner who ticks a statement is told what *their* data say.

The rules compare the weeks before the incident (from week 4, after the launch ramp-up, to the
week before the start, calendar weeks left out) with the weeks after it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .error_rise import Rise, new_agent_knowledge
from .incident import RAMP_WEEKS, WEEKS, Incident
from .routine_staffing import CLASS_TRAINING_WEEKS
from .vocabulary import TENURE_BANDS

__all__ = ["RULES", "Readings", "evidence_readings"]

NEW, MIDDLE, SENIOR = TENURE_BANDS


def _pct(share: float) -> str:
    return f"{100 * share:.0f} %"


@dataclass(frozen=True)
class Readings:
    """The measures the rules read, for the hit queue (and every queue, for the launch)."""

    values: dict[str, float]

    def __getitem__(self, name: str) -> float:
        return self.values[name]


def _measures(tables: dict[str, pd.DataFrame], incident: Incident) -> dict[str, float]:
    weekly, reviews = tables["weekly"], tables["reviews"]
    s, live = incident.start_week, incident.go_live_week or incident.start_week
    rows = weekly[weekly["queue"] == incident.queue].set_index("week")
    # Calendar weeks, and the week after the sale (returns come back), are left out.
    plain = rows[(rows["calendar"] == "") & (rows.index != incident.sale_week + 1)]
    before = plain.loc[RAMP_WEEKS + 1 : s - 1]
    after = plain.loc[s + 1 :]
    early = plain.loc[s + 1 : s + 4]
    # The break's own first two weeks: the calendar keeps its sale and holiday off both, and
    # the planners forecast any returns after a sale, so they are read against the forecast.
    first = rows.loc[s : s + 1]
    late = plain.loc[min(live + 1, WEEKS) :]
    overdue = rows["escalations_overdue"] / rows["escalations"].clip(lower=1)
    mine = reviews[reviews["queue"] == incident.queue]

    def error_share(band: str | tuple[str, ...], error: str, first: int, last: int) -> tuple[float, int]:
        bands = (band,) if isinstance(band, str) else band
        picked = mine[mine["tenure"].isin(bands) & mine["week"].between(first, last)]
        return (float((picked["error_type"] == error).mean()) if len(picked) else 0.0), len(picked)

    knowledge = new_agent_knowledge(
        mine["week"].to_numpy(),
        (mine["tenure"] == NEW).to_numpy(),
        (mine["error_type"] == "knowledge").to_numpy(),
        incident,
    )
    po_new_before, _ = error_share(NEW, "policy", RAMP_WEEKS + 1, s - 1)
    po_new_after, _ = error_share(NEW, "policy", s + 1, WEEKS)
    # The two bands under 12 months together: the newest band alone is a handful of reviews.
    po_young_before, _ = error_share((NEW, MIDDLE), "policy", RAMP_WEEKS + 1, s - 1)
    po_young_after, _ = error_share((NEW, MIDDLE), "policy", s + 1, WEEKS)
    po_old_before, _ = error_share(SENIOR, "policy", RAMP_WEEKS + 1, s - 1)
    po_old_after, _ = error_share(SENIOR, "policy", s + 1, WEEKS)
    # Every queue runs small classes to replace its everyday leavers; the affected queue's keep
    # clear of the break (:mod:`.drivers`), so the class that can bear on the break is one in
    # training from three weeks before it on.
    training = rows.loc[s - CLASS_TRAINING_WEEKS :, "in_training"]
    class_weeks = training[training > 0].index
    class_from = int(class_weeks.min()) if len(class_weeks) else s
    spike_week = int(rows["leavers"].idxmax())
    # Leavers in two weeks running, by the first of the two: a wave spreads over a fortnight.
    fortnight = rows["leavers"] + rows["leavers"].shift(-1, fill_value=0)
    wave_week = int(fortnight.idxmax())
    # The weeks just before the break: earlier, a dip while a routine class trains is not the
    # queue's size when the break came.
    usual_head = float(rows.loc[s - CLASS_TRAINING_WEEKS : s - 1, "headcount"].median())
    # A class that goes live after the break ends the short weeks; with none, every week after it
    # counts, as in the root-cause feedback, so both texts quote the same lowest headcount.
    class_later = live > s + 1
    short_weeks = rows.loc[s + 1 : live - 1] if class_later else after
    everyone = weekly[weekly["calendar"] == ""]
    launch_aht = everyone[everyone["week"] <= RAMP_WEEKS]["aht_seconds"].mean()
    settled_aht = everyone[everyone["week"].between(RAMP_WEEKS + 1, RAMP_WEEKS + 4)]["aht_seconds"].mean()
    return {
        "kn_before": knowledge.before,
        "kn_after": knowledge.after,
        "kn_reviews": float(knowledge.reviews),
        "kn_from": float(knowledge.from_week),
        "kn_weeks": float(knowledge.weeks),
        "kn_clear": float(knowledge.verdict == Rise.CLEAR),
        "po_new_before": po_new_before,
        "po_new_after": po_new_after,
        "po_young_before": po_young_before,
        "po_young_after": po_young_after,
        "po_old_before": po_old_before,
        "po_old_after": po_old_after,
        "class_size": float(training.max()),
        "class_from": float(class_from),
        "leavers_before_class": float(rows.loc[max(1, class_from - 8) : class_from - 1, "leavers"].max()),
        "leavers_peak": float(rows["leavers"].max()),
        "leavers_peak_week": float(spike_week),
        "leavers_wave": float(fortnight.max()),
        "leavers_wave_week": float(wave_week),
        "class_after_wave": float(len(class_weeks) > 0 and class_from > wave_week),
        "head_before": usual_head,
        "head_low": float(rows.loc[s : live - 1 if class_later else WEEKS, "headcount"].min()),
        "class_later": float(class_later),
        "head_after": float(after["headcount"].mean()),
        "head_min_after": float(rows.loc[s:, "headcount"].min()),
        "head_eve": float(rows.loc[s - 1, "headcount"]),
        "cover_short": float((short_weeks["scheduled_agents"] / short_weeks["required_agents"]).mean()),
        "overdue_before": float(overdue.loc[before.index].mean()),
        "overdue_after": float(overdue.loc[after.index].mean()),
        "transfer_before": float(before["transfer_rate"].mean()),
        "transfer_after": float(after["transfer_rate"].mean()),
        "fcr_before": float(before["fcr"].mean()),
        "fcr_after": float(after["fcr"].mean()),
        "qa_before": float(before["qa_score"].mean()),
        "qa_after": float(after["qa_score"].mean()),
        "aht_before": float(before["aht_seconds"].mean()),
        "aht_after": float(after["aht_seconds"].mean()),
        "aht_late": float(late["aht_seconds"].mean()),
        "calls_before": float(before["calls_offered"].mean()),
        "calls_after": float(after["calls_offered"].mean()),
        "calls_jump": float(first["calls_offered"].max()),
        "calls_first": float(first["calls_offered"].mean()),
        "forecast_first": float(first["calls_forecast"].mean()),
        "cover_before": float((before["scheduled_agents"] / before["required_agents"]).mean()),
        "cover_early": float((early["scheduled_agents"] / early["required_agents"]).mean()),
        "cover_after": float((after["scheduled_agents"] / after["required_agents"]).mean()),
        "asa_before": float(before["asa_seconds"].mean()),
        "complaints_before": float(before["complaints"].mean()),
        "complaints_after": float(after["complaints"].mean()),
        "asa_early": float(early["asa_seconds"].mean()),
        "abandon_before": float(before["abandon_rate"].mean()),
        "abandon_early": float(early["abandon_rate"].mean()),
        "launch_aht": float(launch_aht),
        "settled_aht": float(settled_aht),
    }


Rule = Callable[[Readings], bool]

#: For each evidence statement, when the variant's tables show it clearly.
RULES: dict[str, Rule] = {
    # The quality layer of a class on the phones, by a QA lead's test (:mod:`.error_rise`).  With
    # no class, the band is a handful of bench agents, and a move on their few reviews is noise.
    "new_hire_errors": lambda r: r["kn_clear"] == 1 and r["class_size"] > 0,
    "class_without_leavers": lambda r: r["class_size"] > 0 and r["leavers_before_class"] <= 2,
    # Everyday leavers are one or two a week at most; four or more in two weeks is a wave.
    "leavers_then_class": lambda r: r["leavers_wave"] >= 4 and r["class_after_wave"] == 1,
    "headcount_short": lambda r: r["head_low"] <= r["head_before"] - 3 and r["cover_short"] <= 0.92,
    "escalations_stuck": lambda r: (
        r["overdue_after"] - r["overdue_before"] >= 0.15
        and r["transfer_after"] - r["transfer_before"] >= 0.02
    ),
    "fcr_down_aht_flat": lambda r: (
        r["fcr_after"] - r["fcr_before"] <= -0.04 and abs(r["aht_after"] / r["aht_before"] - 1) <= 0.04
    ),
    "policy_errors_everyone": lambda r: (
        r["po_old_after"] - r["po_old_before"] >= 0.06 and r["po_young_after"] - r["po_young_before"] >= 0.06
    ),
    # A jump within two weeks of the start, not growth over a month, and above what the planners
    # forecast: what the label says, and nothing more (a short schedule is a statement of its
    # own), so wherever the tables show it, a cause that leaves it keys it.
    "volume_unplanned": lambda r: (
        r["calls_jump"] / r["calls_before"] >= 1.15
        and r["calls_after"] / r["calls_before"] >= 1.12
        and r["calls_first"] / r["forecast_first"] >= 1.10
    ),
    # Calls "level": short of the 12 % that counts as a jump, so retries from abandoned callers
    # and a sale late in the data leave a short schedule readable.
    "schedule_short": lambda r: (
        r["cover_after"] <= 0.92
        and r["calls_after"] / r["calls_before"] <= 1.10
        and r["head_min_after"] >= r["head_before"] - 2
    ),
    # FCR moves by a point or two on survey noise alone; a fall of 3 or more is a move.
    "quality_held": lambda r: (
        r["abandon_early"] - r["abandon_before"] >= 0.02
        and r["fcr_after"] - r["fcr_before"] >= -0.03
        and r["qa_after"] - r["qa_before"] >= -2.0
    ),
    "waits_rose": lambda r: (
        r["abandon_early"] - r["abandon_before"] >= 0.02 and r["asa_early"] - r["asa_before"] >= 6
    ),
    "aht_rose": lambda r: r["aht_late"] / r["aht_before"] >= 1.05,
    # Every cause brings complaints, from waits, wrong answers or cases nobody closes.
    "complaints_rose": lambda r: r["complaints_after"] >= 1.3 * max(r["complaints_before"], 1.0),
    "csat_dip": lambda r: True,  # planted in every variant
    "launch_aht": lambda r: r["launch_aht"] > r["settled_aht"],
}


def _knowledge_span(r: Readings) -> str:
    """The contacts the new agents' knowledge errors after the break count, and how long a class
    had been on the phones, with no week number.

    Every week a class is live or the break is past would date the break (a class goes live a
    set time after it): the start week is a decision of its own, and the evidence feedback
    shows at once in practice.
    """
    contacts = f"{int(r['kn_reviews'])} scored contacts"
    if not r["class_size"]:
        return f"after the break ({contacts})"
    if r["kn_weeks"] > 1:
        return f"once the class had taken calls for a week ({contacts})"
    return f"in the class's first full week on the phones alone ({contacts})"


def evidence_readings(
    tables: dict[str, pd.DataFrame], incident: Incident
) -> tuple[dict[str, bool], dict[str, Any]]:
    """Which statements the tables show (by :data:`RULES`), and the facts the feedback quotes."""
    readings = Readings(_measures(tables, incident))
    shown = {statement: bool(rule(readings)) for statement, rule in RULES.items()}
    r = readings
    facts = {
        "kn_before": _pct(r["kn_before"]),
        "kn_after": _pct(r["kn_after"]),
        "kn_reviews": int(r["kn_reviews"]),
        "kn_from": int(r["kn_from"]),
        "kn_span": _knowledge_span(r),
        "policy_new_before": _pct(r["po_new_before"]),
        "policy_new_after": _pct(r["po_new_after"]),
        "policy_young_before": _pct(r["po_young_before"]),
        "policy_young_after": _pct(r["po_young_after"]),
        "policy_senior_before": _pct(r["po_old_before"]),
        "policy_senior_after": _pct(r["po_old_after"]),
        "class_size": int(r["class_size"]),
        "class_note": (
            f"a class of {int(r['class_size'])} new hires trained for the queue"
            if r["class_size"]
            else "no new-hire class went live from the break on"
        ),
        "leavers_note": (
            f"the most leavers in one week of the eight before it was {int(r['leavers_before_class'])}"
            if r["class_size"]
            else f"the most leavers in one week was {int(r['leavers_peak'])}"
        ),
        "peak_note": (
            f"the most leavers in two weeks running was {int(r['leavers_wave'])}"
            if r["leavers_peak"]
            else "no agent left in any week"
        ),
        "class_plain": (
            f"a class of {int(r['class_size'])} new hires trained for the queue"
            if r["class_size"]
            else "no new-hire class went live on the queue from the break on"
        ),
        "class_from": int(r["class_from"]),
        "leavers_before_class": int(r["leavers_before_class"]),
        "leavers_peak": int(r["leavers_peak"]),
        "leavers_peak_week": int(r["leavers_peak_week"]),
        "leavers_wave": int(r["leavers_wave"]),
        "head_before": f"{r['head_before']:.0f}",
        "head_eve": f"{r['head_eve']:.0f}",
        "head_min": f"{r['head_min_after']:.0f}",
        "head_low": f"{r['head_low']:.0f}",
        "cover_note": (
            "until the new class took calls" if r["class_later"] else "in the weeks after the break"
        ),
        "head_after": f"{r['head_after']:.0f}",
        "cover_before": _pct(r["cover_before"]),
        "cover_short": _pct(r["cover_short"]),
        "cover_early": _pct(r["cover_early"]),
        "cover_after": _pct(r["cover_after"]),
        "overdue_before": _pct(r["overdue_before"]),
        "overdue_after": _pct(r["overdue_after"]),
        "transfer_before": _pct(r["transfer_before"]),
        "transfer_after": _pct(r["transfer_after"]),
        "fcr_before": f"{r['fcr_before']:.2f}",
        "fcr_after": f"{r['fcr_after']:.2f}",
        "qa_before": f"{r['qa_before']:.1f}",
        "qa_after": f"{r['qa_after']:.1f}",
        "aht_before": f"{r['aht_before']:.0f}",
        "aht_after": f"{r['aht_after']:.0f}",
        "aht_late": f"{r['aht_late']:.0f}",
        "calls_before": f"{r['calls_before']:,.0f}",
        "calls_after": f"{r['calls_after']:,.0f}",
        "calls_first": f"{r['calls_first']:,.0f}",
        "forecast_first": f"{r['forecast_first']:,.0f}",
        "asa_before": f"{r['asa_before']:.0f}",
        "asa_early": f"{r['asa_early']:.0f}",
        "abandon_before": _pct(r["abandon_before"]),
        "abandon_early": _pct(r["abandon_early"]),
        "launch_aht": f"{r['launch_aht']:.0f}",
        "settled_aht": f"{r['settled_aht']:.0f}",
    }
    return shown, facts
