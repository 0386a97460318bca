"""Shared fixtures for the lab tests."""

from __future__ import annotations

from pathlib import Path

import pytest

# Variables that switch a lab out of practice mode or tie it to a learner id.
MODE_AND_LEARNER = ("DECISIONLAB_MODE", "NBGRADER_EXECUTION", "DECISIONLAB_LEARNER", "JUPYTERHUB_USER")


@pytest.fixture
def practice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace folder in practice mode, with no learner id: what a self-studier has."""
    for name in MODE_AND_LEARNER:
        monkeypatch.delenv(name, raising=False)
    return tmp_path
