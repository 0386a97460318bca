"""Fixtures shared by the sandbox tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A course folder with a gradebook, hidden tests and three learners' submissions: ``me``
    (the one a kernel runs for) and two others (``other``, ``next``) it must never reach."""
    root = tmp_path / "course"
    (root / "source" / "lab").mkdir(parents=True)
    (root / "gradebook.db").write_text("grades")
    (root / "source" / "lab" / "lab.ipynb").write_text("hidden tests")
    for learner in ("me", "other", "next"):
        folder = root / "autograded" / learner / "lab"
        folder.mkdir(parents=True)
        (folder / "answers.json").write_text(learner)
        (folder / "answers.json").chmod(0o600)  # as AnswersStore writes it
    return root
