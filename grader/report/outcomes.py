"""The simulated outcomes of each learner's choices, against the expert path, per lab.

Each lab's code already prices a learner's choices in its own numbers for the debrief
(``LabCode.debrief``: cost per resolved contact, first-contact resolution, compliance
exposure...).  Here every submitted learner's answers are opened the way the grading step
opens them for the feedback debrief (their scenario and variant, outside any kernel), and
those figures are collected.  A figure that is a single amount (``$12.40``, ``$8,000 a
month``, ``81%``) becomes a number the report can chart; a figure in words ("3 of 5",
"map not complete: 7 of 10 queues placed") is kept as text only.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from grader.answers import answers_path
from grader.catalog import scenarios_for
from grader.labs import lab_code

if TYPE_CHECKING:
    import pandas as pd

    from grader.report.data import CohortData

__all__ = ["Amount", "amount_text", "outcome_figures", "parse_amount"]

_AMOUNT = re.compile(
    r"^(?P<sign>-?)(?P<money>\$?)(?P<number>\d[\d,]*(?:\.\d+)?)(?P<percent>%?)(?P<per>(?: a \w+)?)$"
)


@dataclass(frozen=True)
class Amount:
    """A figure that is one number: its value and what kind of number it is."""

    value: float
    unit: str  # "usd", "share" (a percentage, as 0-1) or "count"
    per: str = ""  # "a month", "a year"...

    def text(self) -> str:
        return amount_text(self.value, self.unit, self.per)


def amount_text(value: float, unit: str, per: str = "") -> str:
    """``value`` written as the labs write it; amounts under $100 keep their cents.

    >>> amount_text(16.5, "usd"), amount_text(-973316, "usd", "a month"), amount_text(0.66, "share")
    ('$16.50', '-$973,316 a month', '66%')
    """
    from grader.display.formats import usd

    if unit == "usd":
        # Whole dollars hide most of the gap in a cost per contact ($16.52 against $20.50).
        written = usd(value) if abs(value) >= 100 else f"{'-' if value < 0 else ''}${abs(value):,.2f}"
    elif unit == "share":
        written = f"{value:.0%}"
    else:
        written = f"{value:,.0f}"
    return f"{written} {per}".strip()


def parse_amount(text: str) -> Amount | None:
    """The figure ``text`` as one number, or None when it says more than a number.

    >>> parse_amount("$12.40")
    Amount(value=12.4, unit='usd', per='')
    >>> parse_amount("-$1,200 a month"), parse_amount("81%")
    (Amount(value=-1200.0, unit='usd', per='a month'), Amount(value=0.81, unit='share', per=''))
    >>> parse_amount("3 of 5") is None, parse_amount("map not complete: 7 of 10 queues placed") is None
    (True, True)
    """
    match = _AMOUNT.match(text.strip())
    if match is None or (match["money"] and match["percent"]):
        return None
    value = float(match["number"].replace(",", "")) * (-1 if match["sign"] else 1)
    per = match["per"].strip()
    if match["money"]:
        return Amount(value, "usd", per)
    if match["percent"]:
        return Amount(value / 100, "share", per)
    return Amount(value, "count", per)


def outcome_figures(
    data: CohortData, *, processes: int | None = None, meanwhile: Callable[[], object] | None = None
) -> pd.DataFrame:
    """Every submitted learner's debrief figures: lab, learner, measure, yours, expert, and both as numbers.

    Columns ``yours_value`` and ``expert_value`` are NaN where the figure is not one number;
    ``gap`` is yours minus the expert's (0 on the expert path), comparable across scenarios and
    variants whose expert figures differ; ``unit`` and ``per`` come from the expert's figure.
    The figures are worked out over up to ``processes`` forked workers (default: the CPUs),
    and ``meanwhile`` is called in this process while they are (:func:`grader.forked.forked_map`).
    """
    import pandas as pd

    rows = []
    answered = data.decisions[data.decisions["scenario"] != ""]
    opened = [
        (str(learner), str(lab), str(group["scenario"].iloc[0]), int(group["variant"].iloc[0]))
        for (learner, lab), group in answered.groupby(["learner", "lab"], sort=True)
    ]
    every = _every_learners_figures(data, opened, processes, meanwhile)
    for (learner, lab, scenario, _), figures in zip(opened, every, strict=True):
        for figure in figures:
            mine, theirs = parse_amount(figure.yours), parse_amount(figure.expert)
            rows.append(
                {
                    "lab": lab,
                    "learner": learner,
                    "scenario": scenario,
                    "measure": figure.measure,
                    "yours": figure.yours,
                    "expert": figure.expert,
                    "yours_value": mine.value if mine is not None else math.nan,
                    "expert_value": theirs.value if theirs is not None else math.nan,
                    "gap": mine.value - theirs.value if mine is not None and theirs is not None else math.nan,
                    "unit": theirs.unit if theirs is not None else "",
                    "per": theirs.per if theirs is not None else "",
                }
            )
    columns = ["lab", "learner", "scenario", "measure", "yours", "expert"]
    columns += ["yours_value", "expert_value", "gap", "unit", "per"]
    return pd.DataFrame(rows, columns=columns)


# The cohort the forked workers of _every_learners_figures read (they inherit it; it is not sent),
# and the folder each process writes a learner's answers file into before opening their lab.
_cohort: CohortData | None = None
_scratch: Path | None = None


def _every_learners_figures(
    data: CohortData,
    opened: list[tuple[str, str, str, int]],
    processes: int | None,
    meanwhile: Callable[[], object] | None,
) -> list[list]:
    """Each (learner, lab, scenario, variant)'s debrief figures, in order, over the machine's CPUs.

    Learners who submitted the same choices on the same scenario and variant get the same
    figures, so each distinct submission is priced once (strong learners often share the key).
    """
    from grader.forked import forked_map

    global _cohort, _scratch
    # Whether a scenario generates variants, looked up once per lab rather than per learner.
    labs = sorted({lab for _, lab, _, _ in opened})
    generated = {(lab, t.id) for lab in labs for t in scenarios_for(lab, data.search) if t.generator}
    keys = [_same_figures(data, generated, *item) for item in opened]
    index: dict[tuple[str, ...], int] = {}
    distinct = []
    for key, item in zip(keys, opened, strict=True):
        if key not in index:
            index[key] = len(distinct)
            distinct.append(item)
    with tempfile.TemporaryDirectory(prefix="decisionlab-report-") as scratch:
        _cohort, _scratch = data, Path(scratch)
        try:
            priced = forked_map(_figures_of, distinct, processes, meanwhile)
        finally:
            _cohort, _scratch = None, None
    return [priced[index[key]] for key in keys]


def _same_figures(
    data: CohortData, generated: set[tuple[str, str]], learner: str, lab: str, scenario: str, variant: int
) -> tuple[str, ...]:
    """What a lab's debrief figures depend on: the scenario, the variant and every choice made.

    The learner counts too where the lab generates variants (``generated``: (lab, scenario)
    pairs): there their id picks the data.
    """
    choices = json.dumps(data.answers[(learner, lab)].choices, sort_keys=True, default=str)
    return (lab, scenario, str(variant), learner if (lab, scenario) in generated else "", choices)


def _figures_of(opened: tuple[str, str, str, int]) -> list:
    assert _cohort is not None and _scratch is not None, "only called by _every_learners_figures"
    # One folder per process: forked workers share the scratch folder, never a file in it.
    folder = _scratch / str(os.getpid())
    folder.mkdir(exist_ok=True)
    return _figures(_cohort, *opened, folder=folder)


def _figures(
    data: CohortData, learner: str, lab: str, scenario: str, variant: int, folder: Path | None = None
) -> list:
    """The lab's debrief figures for this learner's submitted answers, on their own variant.

    ``folder`` receives the answers file (replaced for each learner); by default a new one.
    """
    if folder is None:
        with tempfile.TemporaryDirectory(prefix="decisionlab-report-") as scratch:
            return _figures(data, learner, lab, scenario, variant, Path(scratch))
    from grader.notebook.session import Lab

    answers = replace(
        data.answers[(learner, lab)], lab=lab, learner=learner, scenario=scenario, variant_seed=variant
    )
    path = answers_path(folder, lab)
    # A new file, not the last learner's rewritten: ext4 flushes a file truncated and written
    # again when it is closed (auto_da_alloc), a few milliseconds per learner.
    path.unlink(missing_ok=True)
    path.write_text(json.dumps(answers.to_json()), encoding="utf-8")
    session = Lab(lab, folder, scenario=scenario, search=data.search)
    return list(lab_code(lab).debrief(session))
