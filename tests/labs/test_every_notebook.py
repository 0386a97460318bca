"""Does every lab notebook match its scenarios: one panel and one locked grade cell per decision?"""

from __future__ import annotations

import nbformat
import pytest

from grader.catalog import scenarios_for
from grader.labs import lab_code
from grader.paths import lab_ids, labs_dir


@pytest.mark.parametrize("lab_id", lab_ids())
def test_notebook_cells_match_the_decisions(lab_id):
    """Has each decision a panel and a locked grade cell worth its points, and are cell ids unique?"""
    cells = nbformat.read(labs_dir() / lab_id / f"{lab_id}.ipynb", as_version=4).cells
    graded = {
        c.metadata["nbgrader"]["grade_id"]: c
        for c in cells
        if c.get("metadata", {}).get("nbgrader", {}).get("grade")
    }
    sources = [c.source for c in cells]
    pool = scenarios_for(lab_id)
    assert pool, f"lab {lab_id} has no scenario"
    for scenario in pool:
        for decision in scenario.decisions:
            cell = graded.get(f"decision-{decision.id}")
            assert cell is not None, f"{lab_id}: no grade cell for {decision.id}"
            meta = cell.metadata["nbgrader"]
            assert meta["locked"] and meta["points"] == decision.points, (lab_id, decision.id)
            assert cell.source == f'lab.grade("{decision.id}")'
            assert f'lab.decide("{decision.id}")' in sources, (lab_id, decision.id)
        for document in scenario.documents:
            assert f'lab.document("{document.id}")' in sources, (lab_id, document.id)
    for name in lab_code(lab_id).charts:
        assert any(f'lab.chart("{name}")' in s for s in sources), (lab_id, name)
    assert len({c.id for c in cells}) == len(cells), f"{lab_id}: repeated cell ids"
