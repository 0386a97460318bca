"""What a run of the quarter simulation returns: its weekly frames and their quarter totals."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from grader.models.consequences.settings import SimulationSettings

__all__ = ["QuarterSummary", "SimulationResult"]


@dataclass(frozen=True)
class QuarterSummary:
    """Quarter totals of one run. Averages are weighted by offered contacts.

    ``cost`` is everything the quarter costs: ``labour_cost`` (paid agent hours at the
    location's rate) plus ``error_cost`` (what a poor fit's mistakes pay out),
    ``escalation_cost`` (the in-house team's time on cases handed back) and ``exposure``
    (the expected cost of work placed where a contract or law forbids).
    """

    cost: float
    offered: float
    resolved: float
    average_service_level: float
    average_abandon_rate: float
    average_fcr: float
    average_csat_proxy: float
    labour_cost: float = 0.0
    error_cost: float = 0.0
    escalation_cost: float = 0.0
    exposure: float = 0.0

    @property
    def cost_per_resolved_contact(self) -> float:
        """USD per resolved issue, every cost included: quarter cost / resolved contacts (inf if none)."""
        return self.cost / self.resolved if self.resolved > 0 else math.inf

    @classmethod
    def of(cls, weekly: pd.DataFrame) -> QuarterSummary:
        """Sum and contact-weight a weekly frame; a cost component it lacks counts as 0."""
        # NumPy on each column once: a view recomputes these on every click.
        offered_by_row = weekly["offered"].to_numpy(dtype=float)
        offered = float(offered_by_row.sum())

        def total(column: str) -> float:
            return float(weekly[column].to_numpy(dtype=float).sum()) if column in weekly.columns else 0.0

        def mean(column: str) -> float:
            values = weekly[column].to_numpy(dtype=float)
            if offered <= 0:
                return float(values.mean())
            return float((values * offered_by_row).sum() / offered)

        return cls(
            cost=total("cost"),
            offered=offered,
            resolved=total("resolved"),
            average_service_level=mean("service_level"),
            average_abandon_rate=mean("abandon_rate"),
            average_fcr=mean("fcr"),
            average_csat_proxy=mean("csat_proxy"),
            labour_cost=total("labour_cost"),
            error_cost=total("error_cost"),
            escalation_cost=total("escalation_cost"),
            exposure=total("exposure"),
        )


@dataclass(frozen=True)
class SimulationResult:
    """One row per queue per week for the map (``weekly``) and for all in-house (``baseline_weekly``)."""

    weekly: pd.DataFrame
    baseline_weekly: pd.DataFrame
    settings: SimulationSettings

    @cached_property
    def summary(self) -> QuarterSummary:
        """Quarter totals for the map."""
        return QuarterSummary.of(self.weekly)

    @cached_property
    def baseline(self) -> QuarterSummary:
        """Quarter totals if every queue stayed in-house (same seed, same function)."""
        return QuarterSummary.of(self.baseline_weekly)

    def by_week(self, columns: Sequence[str], *, baseline: bool = False) -> pd.DataFrame:
        """Each of ``columns`` summed over the queues, a row a week (``week`` first), of the map or in-house.

        What ``weekly.groupby("week", as_index=False)[columns].sum()`` gives, at a fraction of its
        cost (a view asks on every click): the frames hold the weeks in order, each with every
        queue, so each week is one run of rows, summed the way pandas sums sorted groups.
        """
        frame = self.baseline_weekly if baseline else self.weekly
        weeks = self.settings.weeks
        starts = np.arange(0, len(frame), len(frame) // weeks)
        sums = {c: np.add.reduceat(frame[c].to_numpy(dtype=float), starts) for c in columns}
        return pd.DataFrame({"week": np.arange(1, weeks + 1), **sums})

    def by_queue(self) -> pd.DataFrame:
        """Quarter totals per queue, map beside baseline: cost, exposure, resolved, mean FCR, CSAT proxy."""
        parts = {}
        for label, frame in (("", self.weekly), ("baseline_", self.baseline_weekly)):
            g = frame.groupby("queue", sort=False)
            parts[f"{label}cost"] = g["cost"].sum()
            parts[f"{label}exposure"] = g["exposure"].sum()
            parts[f"{label}resolved"] = g["resolved"].sum()
            parts[f"{label}fcr"] = g["fcr"].mean()
            parts[f"{label}csat_proxy"] = g["csat_proxy"].mean()
        return pd.DataFrame(parts)
