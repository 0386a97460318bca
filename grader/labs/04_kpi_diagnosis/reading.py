"""How the charts and the consequence view read a variant's weekly table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .content_file import content_for

if TYPE_CHECKING:
    import pandas as pd

    from grader.labs.base import LabContext as Lab

__all__ = ["period_mean", "queue_labels"]


def queue_labels(lab: Lab) -> dict[str, str]:
    """Queue id -> the label the scenario's ``incident.yaml`` gives it."""
    return {q.id: q.label for q in content_for(lab.template).queues}


def period_mean(rows: pd.DataFrame, column: str, weeks: range) -> float:
    """Mean of ``column`` over ``weeks``, leaving out the sale and holiday weeks."""
    picked = rows[rows["week"].isin(list(weeks)) & (rows["calendar"] == "")]
    return float(picked[column].mean())
