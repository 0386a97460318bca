"""The debrief of a graded notebook, written by the grading process for the learner's feedback.

A lab released with its keys withheld (``grader.autograde.release``) cannot write its own
debrief: the learner's kernel has no expert path and no keys.  ``ScoreDecisions`` replaces
the debrief cell's output with this one, built outside the kernel from the instructor's
full scenario and the answers file as submitted, as the feedback of any release shows it.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from pathlib import Path

from nbformat import NotebookNode
from nbformat.v4 import new_output

from grader.answers import Answers, answers_path
from grader.display.messages import Message
from grader.notebook.debrief import debrief_markdown
from grader.notebook.session import Lab


def debrief_output(
    lab_id: str, template_id: str, seed: int, answers: Answers, search: tuple[Path, ...]
) -> NotebookNode:
    """The debrief cell's output for these submitted ``answers`` on ``template_id``'s variant ``seed``."""
    with tempfile.TemporaryDirectory(prefix="decisionlab-debrief-") as scratch:
        folder = Path(scratch)
        graded = replace(answers, lab=lab_id, scenario=template_id, variant_seed=seed)
        answers_path(folder, lab_id).write_text(json.dumps(graded.to_json()), encoding="utf-8")
        lab = Lab(lab_id, folder, scenario=template_id, search=search)
        text = debrief_markdown(lab, for_feedback=True)
    if isinstance(text, Message):
        return new_output("display_data", data={"text/plain": text.text, "text/html": text._repr_html_()})
    return new_output("display_data", data={"text/markdown": text, "text/plain": text})
