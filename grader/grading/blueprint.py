"""The batch's blueprint: a small SQLite gradebook holding only what autograde reads.

nbgrader's autograde reads the assignment from the gradebook (its notebooks, grade,
solution, task and source cells with their checksums, the kernelspec, the due date) and
writes grades into it.  A worker gets a fresh copy of this blueprint for every submission
and lets nbgrader write there, so workers never share a database file and never touch the
course gradebook, whichever database it is.  The blueprint is made once per batch, with
every assignment the batch grades, from the course gradebook, through nbgrader's
``Gradebook`` API, column by column, so a field nbgrader adds to these tables is copied
too.  Its tables are made here, stamped with the course gradebook's schema version, as
nbgrader makes a new gradebook's, because nbgrader would run a program (``alembic``) to find
that version, which costs seconds on a busy machine.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nbgrader.api import Gradebook


def batch_blueprint(course_gradebook: Gradebook, assignments: list[str], course_id: str) -> bytes:
    """The bytes of a SQLite gradebook with ``assignments`` copied from ``course_gradebook``."""
    from nbgrader.api import Gradebook
    from sqlalchemy import text

    with tempfile.TemporaryDirectory(prefix="decisionlab-blueprint-") as folder:
        path = Path(folder) / "gradebook.db"
        _empty_gradebook(f"sqlite:///{path}", _schema_version(course_gradebook))
        with Gradebook(f"sqlite:///{path}", course_id) as target:
            # A scratch file: waiting for the disk at each of nbgrader's many commits buys nothing.
            target.db.execute(text("PRAGMA synchronous = OFF"))
            for assignment in assignments:
                _copy_assignment(course_gradebook, target, assignment)
        return path.read_bytes()


def _schema_version(gradebook: Gradebook) -> str:
    from sqlalchemy import text

    return str(gradebook.db.execute(text("SELECT version_num FROM alembic_version")).scalar_one())


def _empty_gradebook(url: str, version: str) -> None:
    """nbgrader's tables, and its schema version, in a new database at ``url``."""
    from nbgrader.api import Base
    from sqlalchemy import create_engine, text

    engine = create_engine(url, future=True)
    try:
        Base.metadata.create_all(bind=engine)
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
            connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": version})
    finally:
        engine.dispose()


def _copy_assignment(course_gradebook: Gradebook, target: Gradebook, assignment: str) -> None:
    source = course_gradebook.find_assignment(assignment)
    target.update_or_create_assignment(assignment, **_columns(source, "name"))
    for notebook in source.notebooks:
        name = notebook.name
        target.update_or_create_notebook(name, assignment, **_columns(notebook, "name"))
        for cell in notebook.grade_cells:
            target.update_or_create_grade_cell(cell.name, name, assignment, **_columns(cell, "name"))
        for cell in notebook.solution_cells:
            target.update_or_create_solution_cell(cell.name, name, assignment, **_columns(cell, "name"))
        for cell in notebook.task_cells:
            target.update_or_create_task_cell(cell.name, name, assignment, **_columns(cell, "name"))
        for cell in notebook.source_cells:
            target.update_or_create_source_cell(cell.name, name, assignment, **_columns(cell, "name"))


def _columns(row: Any, *left_out: str) -> dict[str, Any]:
    """The row's own column values: not its keys, links to other rows or polymorphic type."""
    from sqlalchemy import inspect

    skip = {"id", "type", *left_out}
    return {
        attribute.key: getattr(row, attribute.key)
        for attribute in inspect(row).mapper.column_attrs
        if attribute.key not in skip and not attribute.key.endswith("_id")
    }
