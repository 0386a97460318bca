"""Can lab 04's start week be guessed from the brief alone, without reading the tables?

The brief names the sale and holiday weeks; everything else about the start is in the data.
These sweeps score the best guesses a learner could make without the tables, by the start-week
decision's own tolerances, over many seeds of both scenarios.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from grader.schema import load_scenario
from tests.labs import lab_parts

_lab = lab_parts("04_kpi_diagnosis")

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
TEMPLATES = ["kpi-homegoods", "kpi-broadband"]
# Seeds to learn a rule from, and fresh seeds to score it on, so the rule cannot memorise them.
LEARN, SCORE = range(1, 2001), range(2001, 4001)
WEEKS = range(1, _lab.WEEKS + 1)
#: The most a guess from the brief alone may earn, as a share of the start-week points.
MOST_A_BLIND_GUESS_EARNS = 1 / 3


@pytest.fixture(scope="module", params=TEMPLATES)
def starts(request):
    """For each seed: (sale week, holiday week, start week), and the start-week decision."""
    template = load_scenario(SCENARIOS / request.param)
    content = _lab.content_for(template)
    drawn = {}
    for seed in (*LEARN, *SCORE):
        incident = _lab.draw_incident(content, seed)
        drawn[seed] = (incident.sale_week, incident.holiday_week, incident.start_week)
    return drawn, template.decision("start_week")


def _share(decision, guess: int, start: int) -> float:
    """The share of the points ``guess`` earns when the break started in ``start``."""
    distance = abs(guess - start)
    if distance <= decision.tolerance:
        return 1.0
    if decision.partial_tolerance is not None and distance <= decision.partial_tolerance:
        return decision.partial_credit
    return 0.0


def test_no_single_week_earns_more_than_a_third_of_the_points(starts):
    """Does always answering the same week, whichever it is, earn at most a third of the points?"""
    drawn, decision = starts
    best = max(sum(_share(decision, week, s) for _, _, s in drawn.values()) / len(drawn) for week in WEEKS)
    assert best <= MOST_A_BLIND_GUESS_EARNS, best


def test_the_calendar_in_the_brief_does_not_date_the_break(starts):
    """Does the best guess from the brief's sale and holiday weeks, learnt on some seeds and scored
    on others, earn at most a third of the points?"""
    drawn, decision = starts
    seen: dict[tuple[int, int], list[int]] = defaultdict(list)
    for seed in LEARN:
        sale, holiday, start = drawn[seed]
        seen[sale, holiday].append(start)
    overall = max(WEEKS, key=lambda week: sum(_share(decision, week, s) for _, _, s in drawn.values()))
    rule = {
        calendar: max(WEEKS, key=lambda week, found=found: sum(_share(decision, week, s) for s in found))
        for calendar, found in seen.items()
    }
    earned = [_share(decision, rule.get(drawn[seed][:2], overall), drawn[seed][2]) for seed in SCORE]
    assert sum(earned) / len(earned) <= MOST_A_BLIND_GUESS_EARNS, sum(earned) / len(earned)


def test_the_break_falls_evenly_over_a_wide_window(starts):
    """Does the break start in at least nine different weeks, none drawn more than twice as often
    as another, and sometimes right after a calendar week?"""
    drawn, _ = starts
    counts: dict[int, int] = defaultdict(int)
    for _, _, start in drawn.values():
        counts[start] += 1
    assert len(counts) >= 9 and max(counts.values()) <= 2 * min(counts.values()), dict(counts)
    next_to_calendar = sum(start - 1 in (sale, holiday) for sale, holiday, start in drawn.values())
    assert next_to_calendar >= 0.05 * len(drawn), next_to_calendar
