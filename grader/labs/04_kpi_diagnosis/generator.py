"""Lab 04's variant generator: a nearshore team's first twenty weeks, with one planted incident.

Each seed draws an :class:`~.incident.Incident` (which root cause, which queue, which week it
starts, how hard it hits, and where the red herrings fall), builds three tables from it
(:mod:`.tables`), reads the facts the texts quote off those tables (:mod:`.facts`), finds
which evidence statements the tables show (:mod:`.evidence`), and keys the decisions to the
incident and to what its data show (:mod:`.feedback`), with the expert path of the debrief.

The company (its queues and launch week) and every text and credit come from the scenario
folder's ``incident.yaml`` (:mod:`.content`): a new lab 04 scenario is a new folder, no code.
Everything is deterministic in the seed.
"""

from __future__ import annotations

from pathlib import Path

from grader.labs.base import Variant
from grader.schema import Scenario

from .content_file import content_for
from .evidence import evidence_readings
from .facts import facts
from .feedback import expert_debrief, keyed_decisions
from .incident import draw_incident
from .tables import build_tables

__all__ = ["realise"]


def realise(template: Scenario, seed: int, folder: Path | None = None) -> Variant:
    """Variant ``seed`` of ``template``: its tables, its keys, and its brief with the facts filled in.

    ``folder`` is the template's scenario folder (by default, the catalog's folder of its id).
    """
    content = content_for(template, folder)
    incident = draw_incident(content, seed)
    tables = build_tables(content, incident, seed)
    # Read once: the facts quote the same evidence numbers the keys are drawn from.
    shown, numbers = evidence_readings(tables, incident)
    values = facts(content, incident, tables, numbers)
    scenario = template.model_copy(
        update={
            "decisions": keyed_decisions(template, content, incident, shown, values),
            "brief": template.brief.format(**values),
            "debrief": expert_debrief(template, content, incident, shown, values),
        }
    )
    return Variant(seed, scenario, tables)
