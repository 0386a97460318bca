"""Decision panels (ipywidgets 8): the prompt, the decision kind's control, and feedback.

Each kind (``grader.kinds``) draws its own control as native form elements (radio group,
check boxes, drop-downs, a number box) with a visible label, so Tab, arrows and Space work
and screen readers announce it.
A panel lists the options in the learner's own order (``grader.catalog.options_seed``), the
same on every run: the order in the scenario file often puts the key first.
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

from grader.catalog import options_seed
from grader.display.errors import LabInputError
from grader.display.html import no_math
from grader.display.live import live_outputs
from grader.kinds import kind_of
from grader.kinds.base import PLACEHOLDER, WIDE, Reader, shuffled_options
from grader.schema.model import AnyDecision

if TYPE_CHECKING:
    from grader.notebook.session import Lab

__all__ = ["PLACEHOLDER", "WIDE", "DecisionPanel", "Reader", "decision_panel", "shown_order"]


class DecisionPanel(w.VBox):
    """Prompt, control, save status, feedback and consequences of one decision."""

    def __init__(self, lab: Lab, decision: AnyDecision) -> None:
        self.lab, self.decision = lab, decision
        self.status = w.HTML(layout=w.Layout(min_height="1.5em"))
        self.feedback_area = w.Output()
        self.consequence_area = w.Output()
        control, self._read = _control(shown_order(lab, decision), lab.choice(decision.id), self._changed)
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
        answered = self.lab.choice(self.decision.id) is not None
        _show(self.feedback_area, self.lab.feedback(self.decision.id) if answered else None)
        _show(self.consequence_area, self.lab.consequences(self.decision.id))
        self._offer_reveal()

    def _offer_reveal(self) -> None:
        """The reveal button, in practice mode, once a choice is made and until it is used."""
        lab, decision_id = self.lab, self.decision.id
        if not lab.runtime.practice or lab.choice(decision_id) is None or lab.revealed(decision_id):
            self.reveal_area.children = ()
            return
        if len(self.reveal_area.children) == 1:
            return  # the button is already there: a click on the decision does not redraw it
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


def _show(area: w.Output, shown: object | None) -> None:
    """Replace what ``area`` shows by ``shown`` (nothing if None), its chart drawn by JupyterLab.

    Setting the Output widget's ``outputs`` sends one message.  ``with area: display(...)``
    would do the same, but it flushes the kernel's output streams four times and waits for
    its I/O thread each time: a third of a click's time in lab 01.  A chart goes out as a
    Vega spec, not a kernel-rendered SVG (:mod:`grader.display.live`).
    """
    from IPython.core.interactiveshell import InteractiveShell

    if shown is None:
        area.outputs = ()
    elif not InteractiveShell.initialized():  # plain Python (a script, a test): no formatter
        with area:
            area.clear_output(wait=True)
            display(shown)
    else:
        area.outputs = live_outputs(shown, InteractiveShell.instance().display_formatter.format)


def decision_panel(lab: Lab, decision: AnyDecision) -> DecisionPanel:
    return DecisionPanel(lab, decision)


def shown_order(lab: Lab, decision: AnyDecision) -> AnyDecision:
    """``decision`` with its options in the order its panel lists them for ``lab``'s learner."""
    return shuffled_options(decision, options_seed(lab.lab_id, lab.learner, lab.template.id, decision.id))


def _control(decision: AnyDecision, saved: object | None, on_change: Callable) -> tuple[w.Widget, Reader]:
    return kind_of(decision).control(decision, saved, on_change)
