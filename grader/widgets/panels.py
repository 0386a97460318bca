"""Decision panels (ipywidgets 8): the prompt, the decision kind's control, and feedback.

Each kind (``grader.kinds``) draws its own control as native form elements (radio group,
check boxes, drop-downs, a number box) with a visible label, so Tab, arrows and Space work
and screen readers announce it.
On each change the panel saves first (through ``Lab.record``), then redraws feedback and
the consequence view.

In practice mode a *Show the expert answer* button asks for confirmation, then calls
``Lab.reveal``: the reveal is saved and the instructor sees it, so it is never one click.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

import ipywidgets as w
from IPython.display import display

from grader.display.errors import LabInputError
from grader.display.html import no_math
from grader.kinds import kind_of
from grader.kinds.base import PLACEHOLDER, WIDE, Reader
from grader.schema.model import AnyDecision

if TYPE_CHECKING:
    from grader.notebook.session import Lab

__all__ = ["PLACEHOLDER", "WIDE", "DecisionPanel", "Reader", "decision_panel"]


class DecisionPanel(w.VBox):
    """Prompt, control, save status, feedback and consequences of one decision."""

    def __init__(self, lab: Lab, decision: AnyDecision) -> None:
        self.lab, self.decision = lab, decision
        self.status = w.HTML(layout=w.Layout(min_height="1.5em"))
        self.feedback_area = w.Output()
        self.consequence_area = w.Output()
        control, self._read = _control(decision, lab.choice(decision.id), self._changed)
        self.reveal_area = w.VBox()
        header = w.HTML(
            no_math(
                f"<h4 style='margin:0.2em 0'>{escape(decision.title)} "
                f"<small>({decision.points:g} points)</small></h4><p>{escape(decision.prompt)}</p>"
            )
        )
        super().__init__(
            [header, control, self.status, self.feedback_area, self.reveal_area, self.consequence_area]
        )
        self.add_class("decisionlab-panel")
        self.refresh()

    def _changed(self, _change: Any = None) -> None:
        value = self._read()
        if value is None:
            return
        try:
            message = self.lab.record(self.decision.id, value)
        except LabInputError as error:
            self.status.value = f"<span role='alert'>⚠ {escape(str(error))}</span>"
            return
        self.status.value = message._repr_html_()
        self.refresh()

    def refresh(self) -> None:
        with self.feedback_area:
            self.feedback_area.clear_output(wait=True)
            if self.lab.choice(self.decision.id) is not None:
                display(self.lab.feedback(self.decision.id))
        with self.consequence_area:
            self.consequence_area.clear_output(wait=True)
            view = self.lab.consequences(self.decision.id)
            if view is not None:
                display(view)
        self._offer_reveal()

    def _offer_reveal(self) -> None:
        """The reveal button, in practice mode, once a choice is made and until it is used."""
        lab, decision_id = self.lab, self.decision.id
        if not lab.runtime.practice or lab.choice(decision_id) is None or lab.revealed(decision_id):
            self.reveal_area.children = ()
            return
        ask = w.Button(description="Show the expert answer", icon="eye", layout=w.Layout(width="auto"))
        ask.on_click(lambda _button: self._confirm_reveal())
        self.reveal_area.children = (ask,)

    def _confirm_reveal(self) -> None:
        question = w.HTML(
            "<span role='alert'>Show the full expert answer? It is saved in your answers file and "
            "your instructor sees that you looked; your points do not change.</span>"
        )
        yes = w.Button(description="Yes, show it", button_style="warning", layout=w.Layout(width="auto"))
        no = w.Button(description="Not now", layout=w.Layout(width="auto"))
        yes.on_click(lambda _button: self._reveal())
        no.on_click(lambda _button: self._offer_reveal())
        self.reveal_area.children = (question, w.HBox([yes, no]))

    def _reveal(self) -> None:
        try:
            self.lab.reveal(self.decision.id)
        except LabInputError as error:
            self.status.value = f"<span role='alert'>⚠ {escape(str(error))}</span>"
            return
        self.refresh()


def decision_panel(lab: Lab, decision: AnyDecision) -> DecisionPanel:
    return DecisionPanel(lab, decision)


def _control(decision: AnyDecision, saved: object | None, on_change: Callable) -> tuple[w.Widget, Reader]:
    return kind_of(decision).control(decision, saved, on_change)
