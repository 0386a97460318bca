"""A notice for the learner: saved, a warning, or plain information."""

from __future__ import annotations

from html import escape
from typing import Literal

Level = Literal["warning", "saved", "info"]
_TITLES = {"warning": "Please note", "saved": "Saved", "info": "Note"}


class Message:
    """A notice shown as a bordered note; its plain-text form is the text alone."""

    def __init__(self, text: str, level: Level = "warning") -> None:
        self.text, self.level = text, level

    def _repr_html_(self) -> str:
        title = _TITLES.get(self.level, "Note")
        # A warning interrupts a screen reader; the others are announced when it is idle.
        role = "alert" if self.level == "warning" else "status"
        return (
            f"<div role='{role}' class='decisionlab-{self.level} mathjax_ignore' "
            "style='border:1px solid #888;padding:0.3em 0.6em;margin:0.3em 0'>"
            f"<strong>{title}:</strong> {escape(self.text)}</div>"
        )

    def __repr__(self) -> str:
        return self.text


def about(title: str, text: str) -> str:
    """``text`` said of the decision ``title``: "Staffing plan: not answered yet", and no colon
    after a title that is a question ("Which queues go first? not answered yet").

    >>> about("Which queues go first?", "not answered yet")
    'Which queues go first? not answered yet'
    """
    return f"{title} {text}" if title.rstrip().endswith("?") else f"{title}: {text}"
