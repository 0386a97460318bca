"""Lab 00: the warm-up has no consequence view beyond its feedback."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grader.notebook.session import Lab


def consequence_view(lab: Lab, decision_id: str) -> object | None:
    return None
