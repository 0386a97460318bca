"""Do lab 04's chart summaries describe the weeks without naming the week things broke?"""

from __future__ import annotations

import re

import pytest

from grader.catalog import scenarios_for
from grader.notebook import open_lab
from tests.labs import lab_parts

kpis = lab_parts("04_kpi_diagnosis")

LAB = "04_kpi_diagnosis"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
WEEKS_NAMED = re.compile(r"\bweek(?:s|\(s\))? (\d+)(?:-(\d+))?")


def _weeks_named(summary: str) -> set[int]:
    """Every week number a summary names, leaving out its closing note on the calendar weeks."""
    text = summary.split("Grey lines mark")[0]
    return {int(week) for match in WEEKS_NAMED.findall(text) for week in match if week}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_summaries_name_the_same_weeks_in_every_variant(practice, scenario):
    """For one variant of each cause, does each chart's summary name the same week numbers (the
    calendar's aside), so that none of them tells a screen-reader user which week things broke?"""
    lab = open_lab(LAB, practice, scenario=scenario)
    seeds = {}
    for seed in range(2, 400):
        seeds.setdefault(kpis.incident_for(lab.template, seed).cause, seed)
    assert set(seeds) == set(kpis.CAUSES)
    for name in kpis.CHARTS:
        named = set()
        for seed in seeds.values():
            lab.new_variant(seed)
            named.add(frozenset(_weeks_named(lab.chart(name).summary)))
        assert len(named) == 1, (name, named)


def test_the_staffing_summary_still_reads_a_short_schedule_and_a_class(practice):
    """Does the staffing summary still tell a shortfall (cover falling to under 90 %) and a class in
    training (its size and length), in words a screen-reader user can follow?"""
    lab = open_lab(LAB, practice, scenario=SCENARIOS[0])
    for cause in ("staffing_shortfall", "training_gap"):
        seed = next(s for s in range(2, 400) if kpis.incident_for(lab.template, s).cause == cause)
        lab.new_variant(seed)
        incident = kpis.incident_for(lab.template, seed)
        label = kpis.content_for(lab.template).queue(incident.queue).label
        summary = lab.chart("staffing").summary
        part = summary.split(f"{label}: ")[1].split("; headcount")[0]
        if cause == "training_gap":
            assert re.search(r"a class of \d+ new hires in training for 3 weeks", part), part
        else:
            recent = int(re.search(r"and (\d+) % over the last four weeks", part).group(1))
            assert recent < 90, part
