"""An assignment's blueprint: a small SQLite gradebook holding only what autograde reads.

nbgrader's autograde reads the assignment from the gradebook (its notebooks, grade,
solution, task and source cells with their checksums, the kernelspec, the due date) and
writes grades into it.  A worker gets a fresh copy of this blueprint for every submission
and lets nbgrader write there, so workers never share a database file and never touch the
course gradebook, whichever database it is.  The blueprint is made once per assignment
from the course gradebook, through nbgrader's ``Gradebook`` API, column by column, so a
field nbgrader adds to these tables is copied too.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nbgrader.api import Gradebook


def assignment_blueprint(course_gradebook: Gradebook, assignment: str, course_id: str) -> bytes:
    """The bytes of a SQLite gradebook with ``assignment`` copied from ``course_gradebook``."""
    from nbgrader.api import Gradebook

    source = course_gradebook.find_assignment(assignment)
    with tempfile.TemporaryDirectory(prefix="decisionlab-blueprint-") as folder:
        path = Path(folder) / "gradebook.db"
        with Gradebook(f"sqlite:///{path}", course_id) as target:
            target.update_or_create_assignment(assignment, **_columns(source, "name"))
            for notebook in source.notebooks:
                name = notebook.name
                target.update_or_create_notebook(name, assignment, **_columns(notebook, "name"))
                for cell in notebook.grade_cells:
                    target.update_or_create_grade_cell(cell.name, name, assignment, **_columns(cell, "name"))
                for cell in notebook.solution_cells:
                    target.update_or_create_solution_cell(
                        cell.name, name, assignment, **_columns(cell, "name")
                    )
                for cell in notebook.task_cells:
                    target.update_or_create_task_cell(cell.name, name, assignment, **_columns(cell, "name"))
                for cell in notebook.source_cells:
                    target.update_or_create_source_cell(cell.name, name, assignment, **_columns(cell, "name"))
        return path.read_bytes()


def _columns(row: Any, *left_out: str) -> dict[str, Any]:
    """The row's own column values: not its keys, links to other rows or polymorphic type."""
    from sqlalchemy import inspect

    skip = {"id", "type", *left_out}
    return {
        attribute.key: getattr(row, attribute.key)
        for attribute in inspect(row).mapper.column_attrs
        if attribute.key not in skip and not attribute.key.endswith("_id")
    }
