"""The cases of lab 05's hidden tests, drawn from a seed.

* ``agents_needed``: ``((calls, interval_minutes, aht_seconds, target_sl, target_seconds),
  (traffic, agents))``, where traffic and agents are :func:`grader.models.queueing.required_agents`'
  Erlangs and raw agents.  Volumes run from a quiet half-hour to a large centre, targets
  from 70/10 to 95/30; one case has a fraction of a call, one a single call.
* ``annual_cost``: ``((scheduled_agents, interval_minutes, cost_per_paid_hour, annual_attrition,
  cost_per_hire, weeks_per_year, paid_hours_per_fte), usd)``, with the lab's reference
  :func:`.costs.annual_cost`; each plan is a week staffed by Erlang C from drawn volumes.

>>> [len(c) for c in (agents_needed_cases(1), annual_cost_cases(1))]
[12, 3]
"""

from __future__ import annotations

import random

from grader.models.queueing import required_agents, required_agents_many

from .costs import annual_cost

StaffingArguments = tuple[float, int, int, float, int]
CostArguments = tuple[list[int], int, float, float, float, int, int]
_TARGETS = [(0.8, 20), (0.9, 20), (0.8, 60), (0.7, 10), (0.95, 20), (0.85, 30), (0.9, 15)]


def agents_needed_cases(seed: int) -> list[tuple[StaffingArguments, tuple[float, int]]]:
    """Ten drawn intervals, one of a fraction of a call and one of a single call."""
    rng = random.Random(f"05_roi_staffing/agents_needed/{seed}")
    arguments: list[StaffingArguments] = []
    targets = rng.sample(_TARGETS, len(_TARGETS))  # every target at least once
    for number, scale in enumerate((20, 60, 150, 150, 300, 300, 600, 900, 1500, 2500)):
        sl, seconds = targets[number % len(targets)]
        arguments.append(
            (
                float(rng.randrange(1, scale)),
                rng.choice([15, 30, 30, 60]),
                rng.randrange(150, 720, 5),
                sl,
                seconds,
            )
        )
    arguments.append((round(rng.uniform(0.2, 0.9), 2), 30, rng.randrange(180, 420, 10), 0.95, 20))
    arguments.append((1.0, 30, rng.randrange(200, 400, 10), 0.8, 20))
    cases = []
    for calls, minutes, aht, sl, seconds in arguments:
        staffed = required_agents(calls, minutes * 60, aht, sl, seconds)
        cases.append(((calls, minutes, aht, sl, seconds), (float(staffed.traffic), int(staffed.raw_agents))))
    return cases


def _week(rng: random.Random, minutes: int, shrinkage: float) -> list[int]:
    """Scheduled agents for a week of drawn volumes (quiet nights, busy days)."""
    per_day = 24 * 60 // minutes
    peak = rng.randrange(40, 200) * minutes // 30
    calls = []
    for _ in range(7):
        for slot in range(per_day):
            daytime = per_day // 4 <= slot < per_day * 5 // 6  # 06:00 to 20:00
            calls.append(rng.randrange(0, peak if daytime else max(2, peak // 8)))
    plan = required_agents_many(
        calls, minutes * 60, rng.randrange(200, 600, 10), 0.8, 20, shrinkage=shrinkage
    )
    return [int(a) for a in plan["scheduled_agents"]]


def annual_cost_cases(seed: int) -> list[tuple[CostArguments, float]]:
    """Three weekly plans (half-hours, hours, and quarter-hours) at drawn rates and attrition."""
    rng = random.Random(f"05_roi_staffing/annual_cost/{seed}")
    arguments: list[CostArguments] = []
    for minutes in (30, 60, 15):
        agents = _week(rng, minutes, round(rng.uniform(0.25, 0.38), 2))
        arguments.append(
            (
                agents,
                minutes,
                round(rng.uniform(9.0, 48.0), 2),
                round(rng.uniform(0.1, 0.9), 2),
                float(rng.randrange(800, 7000, 50)),
                rng.choice([48, 50, 52]),
                rng.choice([1880, 1950, 2080]),
            )
        )
    return [(a, float(annual_cost(*a))) for a in arguments]
