"""Run every lab's learner version top to bottom with nbval (lax), in the same pytest run.

The learner versions are generated here by nbgrader, fresh for each session, so what is
tested is exactly what a learner receives.  Cells tagged ``raises-exception`` are the
unfinished code exercises, which raise by design.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader.workspace.generate import learner_versions

LEARNER_DIR = Path(__file__).parent / "learner"


def _generate() -> None:
    if LEARNER_DIR.exists():
        shutil.rmtree(LEARNER_DIR)
    release, handle = learner_versions()
    with handle:
        shutil.copytree(release, LEARNER_DIR)


_generate()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if LEARNER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.slow)
