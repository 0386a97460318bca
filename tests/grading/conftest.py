"""A tiny nbgrader course, made through nbgrader's API in milliseconds, for the tests without kernels."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest

COURSE_ID = "decisionlab"
CONFIG = f'c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = "{COURSE_ID}"\n'


def tiny_course(
    root: Path, assignments: tuple[str, ...] = ("lab-a",), learners: tuple[str, ...] = ()
) -> Path:
    """A course whose gradebook knows ``assignments`` (one notebook, one graded answer each),
    with a submitted notebook of each assignment for each of ``learners``."""
    from nbgrader.api import Gradebook

    root.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text(CONFIG, encoding="utf-8")
    shutil.copyfile(_empty_gradebook(), root / "gradebook.db")
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", COURSE_ID) as gradebook:
        for name in assignments:
            (root / "source" / name).mkdir(parents=True, exist_ok=True)
            gradebook.add_assignment(name)
            gradebook.add_notebook(name, name, kernelspec='{"name": "python3"}')
            gradebook.add_grade_cell("answer", name, name, max_score=2, cell_type="code")
            gradebook.add_solution_cell("answer", name, name)
            gradebook.add_source_cell(
                "answer", name, name, cell_type="code", source="x = ...", checksum="abc"
            )
            for learner in learners:
                folder = root / "submitted" / learner / name
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"{name}.ipynb").write_text("{}", encoding="utf-8")
    return root


_EMPTY_GRADEBOOK: list[Path] = []


def _empty_gradebook() -> Path:
    """An empty gradebook, made once per session: nbgrader runs `alembic` for each new one (seconds)."""
    from nbgrader.api import Gradebook

    if not _EMPTY_GRADEBOOK:
        folder = tempfile.mkdtemp(prefix="decisionlab-test-gradebook-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = Path(folder) / "gradebook.db"
        Gradebook(f"sqlite:///{path}", COURSE_ID).close()
        _EMPTY_GRADEBOOK.append(path)
    return _EMPTY_GRADEBOOK[0]


@pytest.fixture
def course_with_one_lab(tmp_path) -> Path:
    """A tiny course: lab-a in its gradebook, submitted by learner-1 and learner-2."""
    return tiny_course(tmp_path / "course", learners=("learner-1", "learner-2"))
