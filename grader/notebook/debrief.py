"""The lab's debrief: the learner's results, then the expert path, its cost, a question.

A debrief that only lists principles teaches little; this one puts the learner's own path
beside the expert's.  It has three parts:

* **your results**: each decision's points and, once it is answered, the principle it tests
  (a principle often names the key), whenever feedback is shown (practice, and the feedback
  an instructor releases, which shows every principle);
* **the expert path and what your choices cost against it**: the scenario's ``debrief``
  text and the lab's own figures (``LabCode.debrief``).  This names every key, so practice
  shows it only once the learner has revealed every decision's expert answer; the feedback
  after grading always shows it;
* **a question to reflect on**, which names no key.

In assessment nothing of it shows before the instructor releases feedback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from grader.display.html import no_math_markdown
from grader.display.messages import Message
from grader.labs import lab_code

if TYPE_CHECKING:
    from grader.labs.base import DebriefFigure
    from grader.notebook.session import Lab

WAITS_FOR_REVEAL = (
    "*The expert path, and what your choices cost against it, appear here once you have "
    "revealed every decision's expert answer (the Reveal button under each panel).*"
)

PRINCIPLE_WAITS = "*shown once you have answered*"


def debrief_markdown(lab: Lab, *, for_feedback: bool = False) -> str | Message:
    """The debrief as Markdown (dollar signs escaped), or why it is not shown yet.

    ``for_feedback``: the whole debrief, as the grading process writes it into the feedback
    of a release whose learner copies have no keys (``grader.autograde``).
    """
    if lab.scenario.withheld or not (for_feedback or lab.runtime.reveals_feedback):
        return Message("the debrief appears in your feedback once your instructor releases it", "info")
    scenario = lab.scenario
    shows_key = for_feedback or lab.runtime.autograding or all(lab.revealed(d.id) for d in scenario.decisions)
    parts = [f"### Debrief: {scenario.title}", "#### Your results", _results_table(lab, shows_key)]
    if scenario.debrief is not None and shows_key:
        parts += ["#### The expert path", scenario.debrief.expert_path.strip()]
        figures = list(lab_code(lab.lab_id).debrief(lab))
        if figures:
            parts += ["#### What your choices cost against it", _figures_table(figures)]
    elif scenario.debrief is not None:
        parts.append(WAITS_FOR_REVEAL)
    if scenario.debrief is not None:
        parts += ["#### To reflect on", scenario.debrief.reflection.strip()]
    return no_math_markdown("\n\n".join(parts))


def _results_table(lab: Lab, shows_key: bool) -> str:
    rows = ["| Decision | Points | Principle |", "|---|---|---|"]
    for decision in lab.scenario.decisions:
        result = lab.result(decision.id)
        principle = decision.principle if result.answered or shows_key else PRINCIPLE_WAITS
        rows.append(
            f"| {_cell(decision.title)} | {result.points:g} of {result.max_points:g} ({result.status}) "
            f"| {_cell(principle)} |"
        )
    return "\n".join(rows)


def _figures_table(figures: list[DebriefFigure]) -> str:
    rows = ["| Measure | Your choices | The expert path |", "|---|---|---|"]
    rows += [f"| {_cell(f.measure)} | {_cell(f.yours)} | {_cell(f.expert)} |" for f in figures]
    return "\n".join(rows)


def _cell(text: str) -> str:
    """Text that stays inside one Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")
