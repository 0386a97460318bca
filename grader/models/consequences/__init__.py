"""What a sourcing map does over a quarter: a seeded, week-by-week simulation per queue.

:mod:`grader.models.sourcing` shows the monthly bill of a queue map. This module shows the
consequences the bill hides: a queue sent somewhere it does not fit resolves fewer issues
on the first contact, the unresolved customers call again next week, the roster planned
for the usual volume is overloaded, waits and hang-ups rise and satisfaction falls, and
the repeat work is paid for as well; its mistakes pay out money, the cases it cannot finish
land back on the in-house team, and work placed where a contract or law forbids carries an
expected cost of being found.

The mechanism is Python, one module per concept: :mod:`~grader.models.consequences.simulation`
(the weekly run), :mod:`~grader.models.consequences.fit` (fit penalties),
:mod:`~grader.models.consequences.settings` (the settings of a run),
:mod:`~grader.models.consequences.results` (weekly frames and quarter totals) and
:mod:`~grader.models.consequences.tables` (the input and output tables). The numbers and
their sources are data: ``assumptions.yaml`` beside them, read once and checked by
:mod:`~grader.models.consequences.assumptions`. Every public name is importable from here.

The model, per queue q and week w = 1 .. 13 (every figure is a named assumption in
:class:`SimulationSettings`, listed with unit, range and source by
:meth:`SimulationSettings.table`):

* **Volume.** ``monthly_contacts`` is what the in-house center handles today, so it already
  holds the in-house share of repeats. The forecast is ``F = monthly x 12 / 52`` contacts a
  week, of which ``F x base_fcr`` are new issues. Each week::

      new_w     = F x base_fcr x max(0, 1 + volume_noise x z_qw),   z ~ N(0, 1), seeded
      repeats_w = answered_{w-1} x (1 - fcr_{w-1})                   (week 0: F, base_fcr)
      offered_w = new_w + repeats_w

  In-house at base FCR this keeps offered volume at about F; a lower FCR raises it.
* **FCR.** ``fcr = base_fcr - fit_penalty - learning_penalty``, clipped to [0.05, 1].
  The fit penalty adds up the rows of :data:`FIT_RULES` matching the queue's attributes at
  its location (in-house: 0). The learning penalty is ``transition_fcr_dip x max(0, n_w -
  n_home)``, where ``n_w`` is the share of agents still learning: 1 in the first week after a
  move, then ``n_{w+1} = n_w (1 - g) + (1 - n_w) a``, with ``g = 1 - exp(-3 / ramp_weeks)``
  (95 % recovered after ``ramp_weeks`` without attrition) and ``a`` the weekly attrition of
  the location (annual / 52), whose leavers are replaced by novices. ``n_home = a / (g + a)``
  at in-house attrition is the novice share the base FCR already includes, so queues that
  stay in-house have no learning penalty, and higher attrition leaves more novices.
* **AHT.** ``aht_w = aht x (1 + aht_sensitivity x (fit_penalty + learning_penalty))``.
* **Staffing.** Agents are planned once per queue for the forecast F and the queue's
  historical AHT, then scheduled for the location's shrinkage: the plan does not expect the
  extra repeats or the slower handling. Live queues (phone, chat) get whole agents from
  :func:`required_agents_many` at the service target. Deferred queues (optional column
  ``channel``: ``email`` or ``back office``) have nobody waiting on the line, so they are
  staffed by workload, the course's paid-hours rule: ``F x aht / occupancy`` hours a week,
  ``/ (1 - shrinkage)`` paid.
* **Service.** Each week of a live queue is approximated by its average open hour:
  ``offered_w / open_hours_per_week`` calls in 3600 s at ``aht_w``, on the planned agents,
  with mean patience ``patience_seconds``; :func:`erlang_a` gives service level, ASA and
  abandonment. A deferred queue abandons nothing and waits no one on the line (ASA 0); its
  service level is the share of the week's work its planned hours handle in time
  (``min(1, F x aht / (offered_w x aht_w))``), the rest being late.
  ``answered = offered x (1 - abandon_rate)``; ``resolved = answered x fcr``. Callers who
  abandon are lost (no redial). Real days have peaks above the average hour, so the service
  figures are optimistic for every location alike.
* **CSAT proxy** (0-100, *not* a survey score): ``100 x (0.5 fcr + 0.3 service_level + 0.2 (1 -
  abandon_rate))``; illustrative weights, FCR weighted most as the strongest driver.
* **Labour.** ``paid_hours = scheduled agents x open_hours_per_week + extra_hours``, where
  work beyond the plan (``answered x aht_w - F x aht``, if positive, in hours) is paid as
  ``extra / ((1 - shrinkage) x occupancy)``: repeats cost the same again.
  ``labour_cost = paid_hours x loaded_cost_per_hour`` of the location, plus, where the
  locations table gives a ``spanish_extra_per_hour`` (a scenario's stated cost of a short
  bilingual bench: overtime, a language premium), that extra times the queue's
  ``spanish_share`` (optional queue column, 0 to 1): the Spanish hours cost more there.
* **What a poor fit costs beyond agent time** (none of it gets cheaper with the location's
  rate, which is what keeps a 3-4x rate gap from deciding alone): ``error_cost = answered x
  error_share_per_fit_point x fit_penalty x error_cost[risk]`` (refunds, credits,
  redeliveries, reprocessing, at the queue's risk level), and ``escalation_cost = answered x
  escalation_share_per_fit_point x fit_penalty x escalation_effort x`` the queue's in-house
  cost per contact (its planned in-house roster at the in-house rate, per forecast contact):
  the cases handed back land on a team that must keep the experts to take them.
* **Compliance exposure.** A queue may name the locations its contract or law allows
  (optional column ``allowed_locations``: location ids separated by spaces, or ``any``).
  Contacts answered anywhere else carry an expected cost: ``exposure = answered x
  breach_probability x breach_cost_per_contact``.
* **Cost** ``= labour_cost + error_cost + escalation_cost + exposure``; cost per resolved
  contact divides it by the issues resolved.

Two runs with the same seed draw the same noise, so the all-in-house baseline (the same
function with an empty map) differs from a proposal only by the map.

>>> import pandas as pd
>>> queues = pd.DataFrame({"id": ["easy", "hard"], "monthly_contacts": [20000, 2000],
...     "aht_minutes": [5, 15], "complexity": ["low", "high"], "risk": ["low", "high"],
...     "collaboration": ["low", "high"], "documentation": ["high", "low"],
...     "language": ["English", "English"]})
>>> locations = pd.DataFrame({"id": ["inhouse", "offshore"], "loaded_cost_per_hour": [46, 15]})
>>> easy = simulate(queues, locations, {"easy": "offshore"}, seed=1)
>>> both = simulate(queues, locations, {"easy": "offshore", "hard": "offshore"}, seed=1)
>>> both.weekly.shape
(26, 20)
>>> easy.summary.cost < easy.baseline.cost, both.summary.cost > easy.summary.cost
(True, True)
>>> both.summary.average_csat_proxy < easy.summary.average_csat_proxy < easy.baseline.average_csat_proxy
True
"""

from __future__ import annotations

from grader.models.consequences.assumptions import ASSUMPTIONS, CSAT_WEIGHTS, FIT_RULES, RISK_LEVELS, FitRule
from grader.models.consequences.fit import fit_penalties
from grader.models.consequences.results import QuarterSummary, SimulationResult
from grader.models.consequences.settings import SimulationSettings
from grader.models.consequences.simulation import WEEKS_PER_MONTH, simulate
from grader.models.consequences.tables import (
    ALLOWED_COLUMN,
    HOME,
    LOCATION_COLUMNS,
    QUEUE_COLUMNS,
    SPANISH_EXTRA_COLUMN,
    SPANISH_SHARE_COLUMN,
    WEEKLY_COLUMNS,
    allowed_locations,
    spanish_hour_rates,
)

__all__ = [
    "ALLOWED_COLUMN",
    "ASSUMPTIONS",
    "CSAT_WEIGHTS",
    "FIT_RULES",
    "HOME",
    "LOCATION_COLUMNS",
    "QUEUE_COLUMNS",
    "RISK_LEVELS",
    "SPANISH_EXTRA_COLUMN",
    "SPANISH_SHARE_COLUMN",
    "WEEKLY_COLUMNS",
    "WEEKS_PER_MONTH",
    "FitRule",
    "QuarterSummary",
    "SimulationResult",
    "SimulationSettings",
    "allowed_locations",
    "fit_penalties",
    "simulate",
    "spanish_hour_rates",
]
