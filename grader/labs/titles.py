"""A lab's title, as a learner reads it: the first heading of its notebook.

The course index lists each lab under that heading, so the notebook's opening note, which
names the lab too, takes it from the same place.  Lab ids (``01_sourcing_models``) stay
where files and instructors need them: folder names, answers files, gradebooks.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from grader.paths import labs_dir

__all__ = ["lab_title", "notebook_title"]


def notebook_title(notebook: Path) -> str | None:
    """The first level-one Markdown heading of ``notebook``, or None if it has none.

    >>> import json, tempfile
    >>> cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# Lab 00 — Orientation\\n", "Text"]}]
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "lab.ipynb"
    ...     _ = path.write_text(json.dumps({"cells": cells}))
    ...     notebook_title(path)
    'Lab 00 — Orientation'
    """
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        for line in text.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return None


@cache
def lab_title(lab_id: str) -> str:
    """The title of the course's lab ``lab_id``; ``Lab <id>`` for a lab the course does not ship
    (a private pack's lab) or a notebook without a heading."""
    notebook = labs_dir() / lab_id / f"{lab_id}.ipynb"
    try:
        title = notebook_title(notebook)
    except (OSError, ValueError):
        title = None
    return title or f"Lab {lab_id}"
