"""The cases of lab 02's hidden test: ``cost_per_resolution`` on inputs drawn from a seed.

Each case is ``(arguments, expected)``: the exercise's eight positional arguments (USD per
productive hour, AHT in minutes, FCR, rework share, governance share, annual attrition, cost
per hire, productive hours per agent-year) and the total of
:func:`grader.models.cost.cost_per_resolved_contact` for them.  The draws span every
location's rates and the pilot's ranges, and a few extremes (FCR of 1, no overheads, a very
low FCR with heavy rework).

>>> cases = cost_per_resolution_cases(7)
>>> len(cases), len(cases[0][0]), cases == cost_per_resolution_cases(7)
(12, 8, True)
"""

from __future__ import annotations

import random

from grader.models.cost import cost_per_resolved_contact

Arguments = tuple[float, float, float, float, float, float, float, float]


def _expected(arguments: Arguments) -> float:
    hourly, aht_minutes, fcr, rework, governance, attrition, hire, hours = arguments
    return cost_per_resolved_contact(
        hourly,
        aht_minutes * 60,
        fcr,
        rework_share=rework,
        governance_share=governance,
        annual_attrition=attrition,
        cost_per_hire=hire,
        productive_hours_per_agent_year=hours,
    ).total


def _drawn(rng: random.Random) -> Arguments:
    return (
        round(rng.uniform(9.0, 85.0), 2),  # offshore to onshore, per productive hour
        round(rng.uniform(3.0, 30.0), 1),
        round(rng.uniform(0.4, 0.95), 2),
        round(rng.uniform(0.0, 0.3), 2),
        round(rng.uniform(0.0, 0.15), 2),
        round(rng.uniform(0.1, 0.8), 2),
        float(rng.randrange(500, 8000, 50)),
        round(rng.uniform(900.0, 1400.0), 2),
    )


def cost_per_resolution_cases(seed: int) -> list[tuple[Arguments, float]]:
    """Nine drawn cases and three extremes, each with the cost model's total."""
    rng = random.Random(f"02_offshore_tradeoffs/cost_per_resolution/{seed}")
    extremes: list[Arguments] = [
        (
            round(rng.uniform(20.0, 60.0), 2),
            round(rng.uniform(5.0, 12.0), 1),
            1.0,
            0.0,
            0.0,
            0.0,
            0.0,
            1000.0,
        ),
        (round(rng.uniform(8.0, 15.0), 2), 3.0, 0.05, 0.5, 0.3, 1.2, 500.0, 900.0),
        (
            round(rng.uniform(40.0, 80.0), 2),
            round(rng.uniform(6.0, 9.0), 1),
            0.86,
            0.03,
            0.05,
            0.0,
            6000.0,
            1214.72,
        ),
    ]
    arguments = [_drawn(rng) for _ in range(9)] + extremes
    return [(a, _expected(a)) for a in arguments]
