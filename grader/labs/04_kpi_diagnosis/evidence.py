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

import numpy as np
import pandas as pd

from .error_rise import Rise, new_agent_knowledge
from .incident import RAMP_WEEKS, WEEKS, Incident
from .reviews import KINDS
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


def _error_counts(reviews: pd.DataFrame, queue: str) -> np.ndarray:
    """The hit queue's scored contacts counted by tenure band, week and error type (bands x weeks x types).

    Counted once: every error share the rules read is a sum over this table, where filtering
    the reviews for each share was most of a variant's cost.  Shares of whole counts come out
    the same, to the last bit, as the mean of a filter.
    """
    mine = reviews[reviews["queue"].to_numpy() == queue]
    band = pd.Categorical(mine["tenure"], categories=TENURE_BANDS).codes
    kind = pd.Categorical(mine["error_type"], categories=KINDS).codes
    week = mine["week"].to_numpy()
    cells = (band * (WEEKS + 1) + week) * len(KINDS) + kind
    counts = np.bincount(cells, minlength=len(TENURE_BANDS) * (WEEKS + 1) * len(KINDS))
    return counts.reshape(len(TENURE_BANDS), WEEKS + 1, len(KINDS))


def _measures(tables: dict[str, pd.DataFrame], incident: Incident) -> dict[str, float]:
    weekly, reviews = tables["weekly"], tables["reviews"]
    s, live = incident.start_week, incident.go_live_week or incident.start_week
    # The hit queue's weeks as arrays (one row a week, in week order): the rules read a few
    # dozen means of them, and numpy's mean of the same values is pandas' to the last bit.
    queue_rows = weekly["queue"].to_numpy() == incident.queue
    col = {name: weekly[name].to_numpy()[queue_rows] for name in weekly.columns}
    week = col["week"]
    # Calendar weeks, and the week after the sale (returns come back), are left out.
    plain = (col["calendar"] == "") & (week != incident.sale_week + 1)
    before = plain & (week >= RAMP_WEEKS + 1) & (week <= s - 1)
    after = plain & (week >= s + 1)
    early = after & (week <= s + 4)
    # The break's own first two weeks: the calendar keeps its sale and holiday off both, and
    # the planners forecast any returns after a sale, so they are read against the forecast.
    first = (week >= s) & (week <= s + 1)
    late = plain & (week >= min(live + 1, WEEKS))
    overdue = col["escalations_overdue"] / np.maximum(col["escalations"], 1)
    cover = col["scheduled_agents"] / col["required_agents"]

    def mean(values: np.ndarray, rows: np.ndarray) -> float:
        # A period with no weeks gives NaN, as the mean of an empty pandas selection does.
        return float(values[rows].mean()) if rows.any() else float("nan")

    errors = _error_counts(reviews, incident.queue)
    bands = {band: i for i, band in enumerate(TENURE_BANDS)}

    def error_share(band: str | tuple[str, ...], error: str, first: int, last: int) -> float:
        picked = errors[[bands[b] for b in ((band,) if isinstance(band, str) else band)], first : last + 1]
        total = int(picked.sum())
        return float(int(picked[..., KINDS.index(error)].sum()) / total) if total else 0.0

    mine = reviews[reviews["queue"].to_numpy() == incident.queue]
    knowledge = new_agent_knowledge(
        mine["week"].to_numpy(),
        (mine["tenure"] == NEW).to_numpy(),
        (mine["error_type"] == "knowledge").to_numpy(),
        incident,
    )
    # The two bands under 12 months together: the newest band alone is a handful of reviews.
    young = (NEW, MIDDLE)
    training, leavers, headcount = col["in_training"], col["leavers"], col["headcount"]
    # Every queue runs small classes to replace its everyday leavers; the affected queue's keep
    # clear of the break (:mod:`.drivers`), so the class that can bear on the break is one in
    # training from three weeks before it on.
    recent = week >= s - CLASS_TRAINING_WEEKS
    class_weeks = week[(training > 0) & recent]
    class_from = int(class_weeks.min()) if len(class_weeks) else s
    spike_week = int(week[np.argmax(leavers)])  # the first week of the most, as idxmax
    # Leavers in two weeks running, by the first of the two: a wave spreads over a fortnight.
    fortnight = leavers + np.append(leavers[1:], 0)
    wave_week = int(week[np.argmax(fortnight)])
    ahead = leavers[(week >= max(1, class_from - 8)) & (week <= class_from - 1)]
    # The weeks just before the break: earlier, a dip while a routine class trains is not the
    # queue's size when the break came.
    usual_head = float(np.median(headcount[(week >= s - CLASS_TRAINING_WEEKS) & (week <= s - 1)]))
    # A class that goes live after the break ends the short weeks; with none, every week after it
    # counts, as in the root-cause feedback, so both texts quote the same lowest headcount.
    class_later = live > s + 1
    short_weeks = ((week >= s + 1) & (week <= live - 1)) if class_later else after
    low_weeks = (week >= s) & (week <= (live - 1 if class_later else WEEKS))
    everyone = weekly["calendar"].to_numpy() == ""
    every_week, every_aht = weekly["week"].to_numpy(), weekly["aht_seconds"].to_numpy()
    launch_aht = mean(every_aht, everyone & (every_week <= RAMP_WEEKS))
    settled_aht = mean(every_aht, everyone & (every_week >= RAMP_WEEKS + 1) & (every_week <= RAMP_WEEKS + 4))
    return {
        "kn_before": knowledge.before,
        "kn_after": knowledge.after,
        "kn_reviews": float(knowledge.reviews),
        "kn_from": float(knowledge.from_week),
        # The week a class planted for the cause took its first calls (the break's, with none).
        "class_live": float(live),
        "kn_weeks": float(knowledge.weeks),
        "kn_clear": float(knowledge.verdict == Rise.CLEAR),
        "po_new_before": error_share(NEW, "policy", RAMP_WEEKS + 1, s - 1),
        "po_new_after": error_share(NEW, "policy", s + 1, WEEKS),
        "po_young_before": error_share(young, "policy", RAMP_WEEKS + 1, s - 1),
        "po_young_after": error_share(young, "policy", s + 1, WEEKS),
        "po_old_before": error_share(SENIOR, "policy", RAMP_WEEKS + 1, s - 1),
        "po_old_after": error_share(SENIOR, "policy", s + 1, WEEKS),
        "class_size": float(training[recent].max()),
        "class_from": float(class_from),
        "leavers_before_class": float(ahead.max()) if len(ahead) else float("nan"),
        "leavers_peak": float(leavers.max()),
        "leavers_peak_week": float(spike_week),
        "leavers_wave": float(fortnight.max()),
        "leavers_wave_week": float(wave_week),
        "class_after_wave": float(len(class_weeks) > 0 and class_from > wave_week),
        "head_before": usual_head,
        "head_low": float(headcount[low_weeks].min()),
        "class_later": float(class_later),
        "head_after": mean(headcount, after),
        "head_min_after": float(headcount[week >= s].min()),
        "head_eve": float(headcount[week == s - 1][0]),
        "cover_short": mean(cover, short_weeks),
        "overdue_before": mean(overdue, before),
        "overdue_after": mean(overdue, after),
        "transfer_before": mean(col["transfer_rate"], before),
        "transfer_after": mean(col["transfer_rate"], after),
        "fcr_before": mean(col["fcr"], before),
        "fcr_after": mean(col["fcr"], after),
        "qa_before": mean(col["qa_score"], before),
        "qa_after": mean(col["qa_score"], after),
        "aht_before": mean(col["aht_seconds"], before),
        "aht_after": mean(col["aht_seconds"], after),
        "aht_late": mean(col["aht_seconds"], late),
        "calls_before": mean(col["calls_offered"], before),
        "calls_after": mean(col["calls_offered"], after),
        "calls_first": mean(col["calls_offered"], first),
        "forecast_first": mean(col["calls_forecast"], first),
        # Each of the break's first two weeks on its own, as the statement reads them.
        "calls_start": float(col["calls_offered"][week == s][0]),
        "calls_next": float(col["calls_offered"][week == s + 1][0]),
        "forecast_start": float(col["calls_forecast"][week == s][0]),
        "forecast_next": float(col["calls_forecast"][week == s + 1][0]),
        "cover_before": mean(cover, before),
        "cover_early": mean(cover, early),
        "cover_after": mean(cover, after),
        "asa_before": mean(col["asa_seconds"], before),
        "complaints_before": mean(col["complaints"], before),
        "complaints_after": mean(col["complaints"], after),
        "asa_early": mean(col["asa_seconds"], early),
        "abandon_before": mean(col["abandon_rate"], before),
        "abandon_early": mean(col["abandon_rate"], early),
        "launch_aht": launch_aht,
        "settled_aht": settled_aht,
    }


Rule = Callable[[Readings], bool]


def _over_forecast(r: Readings) -> tuple[float, float]:
    """Calls offered over the planners' forecast in the break's first week and in its second."""
    return r["calls_start"] / r["forecast_start"], r["calls_next"] / r["forecast_next"]


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
    # Word for word what the label says: 10 % or more over the forecast in each of the break's
    # first two weeks, before the planners re-forecast, and nothing more (a learner checks it in
    # two rows of the table), so wherever the tables show it, a cause that leaves it keys it.
    "volume_unplanned": lambda r: min(_over_forecast(r)) >= 1.10,
    # Calls "level": a rise of 10 % at most, so retries from abandoned callers and a sale late in
    # the data leave a short schedule readable.
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
    """The weeks the new agents' knowledge errors after the break are counted over, and how many
    contacts that is, named without a week number.

    The count leaves out the week the class went live (or the break's own week, with no class),
    so the text says which weeks it counts: a learner adding up the reviews table finds the
    same number.  A class that goes live in the last week of the data has no later week, so
    that week is the one counted, and the text says so.  Every week a class is live or the
    break is past would date the break (a class goes live a set time after it): the start
    week is a decision of its own, and the evidence feedback shows at once in practice.
    """
    contacts = f"{int(r['kn_reviews'])} scored contacts"
    last = "the last week of the data"
    if not r["class_size"]:
        return f"from the week after the break to {last} ({contacts}; the break's own week is not counted)"
    left_out = "the week the class went live is not counted"
    if r["kn_weeks"] > 1:
        return f"from the class's second week on the phones to {last} ({contacts}; {left_out})"
    if r["kn_from"] == r["class_live"]:
        return f"in {last} alone, the week the class went live ({contacts}; its only week on the phones)"
    return f"in {last} alone, the class's first full week on the phones ({contacts}; {left_out})"


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
        "calls_first_weeks": f"{r['calls_start']:,.0f} and {r['calls_next']:,.0f}",
        "forecast_first_weeks": f"{r['forecast_start']:,.0f} and {r['forecast_next']:,.0f}",
        "of_forecast_first_weeks": " and ".join(_pct(over) for over in _over_forecast(r)),
        "asa_before": f"{r['asa_before']:.0f}",
        "asa_early": f"{r['asa_early']:.0f}",
        "abandon_before": _pct(r["abandon_before"]),
        "abandon_early": _pct(r["abandon_early"]),
        "launch_aht": f"{r['launch_aht']:.0f}",
        "settled_aht": f"{r['settled_aht']:.0f}",
    }
    return shown, facts
