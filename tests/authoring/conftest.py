"""Fixtures for validation against labs: notebooks for the fixture scenarios' labs, a private pack."""

from __future__ import annotations

from pathlib import Path

import pytest

import grader.paths
from grader.schema import load_scenario
from tests.conftest import FIXTURES
from tests.fixtures.lab_notebooks import write_notebook_of


@pytest.fixture
def fixture_labs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The course's labs folder replaced by one with notebooks for the fixture scenarios' labs."""
    labs = tmp_path / "labs"
    for name in ("all-kinds", "generated-fixture"):
        write_notebook_of(labs, load_scenario(FIXTURES / "scenarios" / name))
    monkeypatch.setattr(grader.paths, "labs_dir", lambda: labs)
    return labs


@pytest.fixture
def scenario_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty private scenario pack ahead of the course's scenarios (DECISIONLAB_SCENARIOS)."""
    pack = tmp_path / "pack"
    pack.mkdir()
    monkeypatch.setenv("DECISIONLAB_SCENARIOS", str(pack))
    return pack
