"""How every export file is written: UTF-8 CSV with a header row, numbers without float noise."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write ``header`` and ``rows`` to ``path`` (replacing it); the number of rows written.

    The file is written beside its final name and renamed, so an import never reads half a file.
    """
    partial = path.with_name(f".{path.name}.partial")
    count = 0
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    partial.replace(path)
    return count


def points_text(points: float | None) -> str:
    """Points as a spreadsheet or an LMS reads them: no float noise, no needless ".0"; None is empty.

    >>> points_text(0.1 + 0.2), points_text(8.0), points_text(2.666666666667), points_text(None)
    ('0.3', '8', '2.666666667', '')
    """
    return "" if points is None else f"{points:.10g}"
