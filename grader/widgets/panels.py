"""Decision panels (ipywidgets 8): one control per decision kind, usable by keyboard.

Every control is a native form element (radio group, check boxes, drop-downs, a number
box) with a visible label, so Tab, arrows and Space work and screen readers announce it.
On each change the panel saves first (through ``Lab.record``), then redraws feedback and
the consequence view.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

import ipywidgets as w
from IPython.display import display

from grader.display.errors import LabInputError
from grader.schema.model import AnyDecision, Assign, MultipleSelect, Numeric, Order, SingleChoice

if TYPE_CHECKING:
    from grader.notebook.session import Lab

PLACEHOLDER = "— choose —"
WIDE = {"description_width": "initial"}


class DecisionPanel(w.VBox):
    """Prompt, control, save status, feedback and consequences of one decision."""

    def __init__(self, lab: Lab, decision: AnyDecision) -> None:
        self.lab, self.decision = lab, decision
        self.status = w.HTML(layout=w.Layout(min_height="1.5em"))
        self.feedback_area = w.Output()
        self.consequence_area = w.Output()
        control, self._read = _control(decision, lab.choice(decision.id), self._changed)
        header = w.HTML(
            f"<h4 style='margin:0.2em 0'>{escape(decision.title)} "
            f"<small>({decision.points:g} points)</small></h4><p>{escape(decision.prompt)}</p>"
        )
        super().__init__([header, control, self.status, self.feedback_area, self.consequence_area])
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


def decision_panel(lab: Lab, decision: AnyDecision) -> DecisionPanel:
    return DecisionPanel(lab, decision)


Reader = Callable[[], object | None]


def _control(decision: AnyDecision, saved: object | None, on_change: Callable) -> tuple[w.Widget, Reader]:
    if isinstance(decision, SingleChoice):
        return _single(decision, saved, on_change)
    if isinstance(decision, MultipleSelect):
        return _multiple(decision, saved, on_change)
    if isinstance(decision, Assign):
        return _assign(decision, saved, on_change)
    if isinstance(decision, Order):
        return _order(decision, saved, on_change)
    return _numeric(decision, saved, on_change)


def _single(decision: SingleChoice, saved: object, on_change: Callable) -> tuple[w.Widget, Reader]:
    ids = {o.id for o in decision.options}
    radio = w.RadioButtons(
        options=[(o.label, o.id) for o in decision.options],
        value=saved if saved in ids else None,
        description="Your choice:",
        style=WIDE,
        layout=w.Layout(width="max-content"),
    )
    radio.observe(on_change, names="value")
    return radio, lambda: radio.value


def _multiple(decision: MultipleSelect, saved: object, on_change: Callable) -> tuple[w.Widget, Reader]:
    chosen = set(saved) if isinstance(saved, list) else set()
    boxes = {
        o.id: w.Checkbox(
            value=o.id in chosen, description=o.label, indent=False, layout=w.Layout(width="auto")
        )
        for o in decision.options
    }
    for box in boxes.values():
        box.observe(on_change, names="value")
    return w.VBox(list(boxes.values())), lambda: [i for i, b in boxes.items() if b.value]


def _assign(decision: Assign, saved: object, on_change: Callable) -> tuple[w.Widget, Reader]:
    placed = saved if isinstance(saved, dict) else {}
    options = [(PLACEHOLDER, "")] + [(c.label, c.id) for c in decision.categories]
    known = {c.id for c in decision.categories}
    menus = {}
    for item in decision.items:
        current = placed.get(item.id, "")
        menus[item.id] = w.Dropdown(
            options=options,
            value=current if current in known else "",
            description=item.label,
            style={"description_width": "18em"},
            layout=w.Layout(width="36em"),
        )
        menus[item.id].observe(on_change, names="value")
    return w.VBox(list(menus.values())), lambda: {i: m.value for i, m in menus.items() if m.value}


def _order(decision: Order, saved: object, on_change: Callable) -> tuple[w.Widget, Reader]:
    order = saved if isinstance(saved, list) else []
    options = [(PLACEHOLDER, "")] + [(o.label, o.id) for o in decision.options]
    known = {o.id for o in decision.options}
    menus = []
    for place in range(len(decision.options)):
        current = order[place] if place < len(order) and order[place] in known else ""
        menu = w.Dropdown(options=options, value=current, description=f"Place {place + 1}:", style=WIDE)
        menu.observe(on_change, names="value")
        menus.append(menu)
    return w.VBox(menus), lambda: [m.value for m in menus if m.value]


def _numeric(decision: Numeric, saved: object, on_change: Callable) -> tuple[w.Widget, Reader]:
    has_value = isinstance(saved, int | float) and not isinstance(saved, bool)
    box = w.FloatText(
        value=float(saved) if has_value else 0.0,  # type: ignore[arg-type]
        description=f"Your answer{f' ({decision.unit})' if decision.unit else ''}:",
        style=WIDE,
        continuous_update=False,
    )
    box.observe(on_change, names="value")
    return box, lambda: box.value
