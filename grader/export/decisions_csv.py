"""``decisions.csv``: one row per learner, lab and decision, for analysis in any spreadsheet."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path

from grader.export.csv_files import points_text, write_csv
from grader.export.records import DecisionRow

FILE_NAME = "decisions.csv"
COLUMNS = tuple(f.name for f in fields(DecisionRow))  # one column per field, in order


def write_decisions(folder: Path, rows: Iterable[DecisionRow]) -> int:
    """Write ``decisions.csv`` into ``folder``; the number of rows written."""
    return write_csv(folder / FILE_NAME, COLUMNS, (_cells(row) for row in rows))


def _cells(row: DecisionRow) -> list[str]:
    return [
        row.learner,
        row.lab,
        row.decision,
        row.choice,
        points_text(row.points),
        points_text(row.max_points),
        row.scenario,
        str(row.variant),
        "yes" if row.revealed else "no",
        row.revealed_at,
    ]
