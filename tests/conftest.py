"""Shared fixtures: the fixture scenario, and a copy of it to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader.schema import Scenario, load_scenario

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def every_kind_scenario() -> Scenario:
    return load_scenario(FIXTURES / "scenarios" / "all-kinds")


@pytest.fixture
def breakable_scenario(tmp_path: Path) -> Path:
    """A valid scenario folder copied to tmp, for tests that damage it."""
    target = tmp_path / "all-kinds"
    shutil.copytree(FIXTURES / "scenarios" / "all-kinds", target)
    return target


@pytest.fixture
def fixture_lab_code(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture labs' code (``tests/fixtures/labs``) found by lab id, as a course's own labs are."""
    import grader.labs

    folder = FIXTURES / "labs"
    monkeypatch.setattr(grader.labs, "__path__", [*grader.labs.__path__, str(folder)])
    grader.labs.lab_code.cache_clear()
    yield folder
    grader.labs.lab_code.cache_clear()
