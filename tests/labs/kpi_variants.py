"""Lab 04's variants, built once per test process and shared by every sweep that reads them.

Lab 04's sweeps read the same few hundred variants of its two scenarios (seeds 1-300): a
variant takes a few hundredths of a second to build and its evidence reading a few
thousandths more, and each sweep module used to build its own.  Here each ``(scenario, seed)``
is built on first use and kept in this process's memory for the rest of the session; nothing
is written to disk, so no run depends on what an earlier one left.  The price is memory: some
half a megabyte a variant, a few hundred megabytes for the 600 the sweeps read.

The modules that read these carry :data:`SHARES_LAB04_VARIANTS`, which puts them on one xdist
worker (``tests/conftest.py``), so that worker builds each variant once.  The variants are
shared: read them, never change them in place (``realise`` shares its recent ones already).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from grader.labs import Variant, realise
from grader.schema import Scenario, load_scenario
from tests.labs import lab_parts

__all__ = [
    "LAB04_VARIANTS_GROUP",
    "SHARES_LAB04_VARIANTS",
    "KpiReading",
    "kpi_incident",
    "kpi_reading",
    "kpi_staffing_summary",
    "kpi_template",
    "kpi_variant",
]

_lab = lab_parts("04_kpi_diagnosis")
_SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"

#: The xdist group of the modules that read the shared variants (``pytest.mark.xdist_group``).
LAB04_VARIANTS_GROUP = "lab04-variants"
#: Marks a module that reads the shared variants, so that it runs where the others do.
SHARES_LAB04_VARIANTS = pytest.mark.xdist_group(LAB04_VARIANTS_GROUP)


@cache
def kpi_template(scenario_id: str) -> Scenario:
    """Lab 04's scenario ``scenario_id`` (``kpi-homegoods`` or ``kpi-broadband``), loaded once.

    One object per scenario: ``realise`` keys what it keeps by the template object.
    """
    return load_scenario(_SCENARIOS / scenario_id)


@cache
def kpi_variant(scenario_id: str, seed: int) -> Variant:
    """Variant ``seed`` of ``scenario_id``, as ``realise`` builds it."""
    return realise(kpi_template(scenario_id), seed)


@cache
def kpi_incident(scenario_id: str, seed: int) -> Any:
    """The incident planted in variant ``seed`` of ``scenario_id`` (``incident_for``)."""
    return _lab.incident_for(kpi_template(scenario_id), seed)


@dataclass(frozen=True)
class KpiReading:
    """What one variant's tables show: its incident, the evidence statements its tables bear out
    with the numbers the feedback quotes (``evidence_readings``), and the facts the texts quote."""

    incident: Any
    shown: dict[str, bool]
    numbers: dict[str, Any]
    values: dict[str, Any]


@cache
def kpi_reading(scenario_id: str, seed: int) -> KpiReading:
    """The reading of variant ``seed`` of ``scenario_id``, taken as the generator takes it."""
    template = kpi_template(scenario_id)
    incident = kpi_incident(scenario_id, seed)
    tables = kpi_variant(scenario_id, seed).tables
    shown, numbers = _lab.evidence_readings(tables, incident)
    values = _lab.facts(_lab.content_for(template), incident, tables, numbers)
    return KpiReading(incident, shown, numbers, values)


@dataclass(frozen=True)
class _OpenVariant:
    """What a lab 04 chart reads of an open lab: its template and a fresh copy of a table."""

    template: Scenario
    variant: Variant

    @property
    def scenario(self) -> Scenario:
        return self.variant.scenario

    def table(self, table_id: str) -> pd.DataFrame:
        return self.variant.tables[table_id].copy()


def kpi_staffing_summary(scenario_id: str, seed: int) -> str:
    """The staffing chart's summary for variant ``seed``, as ``lab.chart("staffing")`` gives it
    once the lab has drawn that variant (``test_kpi_routine_staffing`` holds the two equal)."""
    view = _OpenVariant(kpi_template(scenario_id), kpi_variant(scenario_id, seed))
    return _lab.staffing_chart(view).summary
