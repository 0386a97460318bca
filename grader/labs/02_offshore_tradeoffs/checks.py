"""Lab 02's own checks of a scenario folder, run by ``decisionlab validate`` (the lab's ``check_scenario``).

The schema knows a table's columns only by name. These checks read the numbers: the columns
the view prices with are there, each program's quality measure has its figures, every value
stated with a range lies inside it, the pilot's first weeks show the learning dip the
assumptions state, and every ``delivery_model`` key is the cheapest, cost plus margin at
risk, at both ends of every stated range (:func:`~.ranges.key_margins`). The
``deciding_question`` options keyed correct are exactly the programs whose offshore pilot
result overturned what their ratings predict (:func:`~.predictions.overturned_programs`),
and every program's ratings give a clear prediction (:func:`~.predictions.prediction_is_clear`).
Each problem points at the CSV line, or at the option's line in ``scenario.yaml``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pydantic import ValidationError

from grader.schema import Problem, Scenario
from grader.schema.loader import SCENARIO_FILE
from grader.schema.yaml_lines import LocatedYaml, load_located

from .pilot import EARLY_WEEKS, learning_dip
from .predictions import TRAVELS, overturned_programs, prediction_is_clear, signals
from .pricing import DECISION, HOME, MARGIN, MEASURES, is_blank, stated
from .ranges import key_margins, values_outside_their_range

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["REQUIRED_COLUMNS", "check_folder"]

#: The columns the lab's code reads, per table id.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "programs": (
        "id",
        "program",
        "monthly_issues",
        "quality_measure",
        "churn_if_unresolved",
        "churn_if_unresolved_low",
        "churn_if_unresolved_high",
        "revenue_of_lost_customer",
    ),
    "locations": (
        "id",
        "location",
        "rate_per_paid_hour",
        "shrinkage",
        "occupancy",
        "paid_hours_per_year",
        "governance_share",
        "annual_attrition",
        "cost_per_hire",
    ),
    "estimates": ("program", "location", "aht_minutes", "fcr", "rework_share", "contacts_observed"),
    "assumptions": ("id", "value", "low", "high"),
}
#: The assumptions the lab's code reads.
REQUIRED_ASSUMPTIONS = (MARGIN, "transition_fcr_dip", "ramp_weeks")
ROUNDING = 0.005  # the pilot's figures are given to two decimals
QUESTION = "deciding_question"  # the decision naming the programs whose pilot overturned the ratings


def check_folder(folder: Path) -> list[Problem]:
    """Every problem of the numbers in a lab 02 scenario folder whose scenario file is valid."""
    import pandas as pd

    folder = Path(folder)
    path = folder / SCENARIO_FILE
    try:
        lines = load_located(path.read_text(encoding="utf-8"))
        scenario = Scenario.model_validate(lines.data)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError):
        return []  # the scenario's own checks report it
    files = {t.id: folder / t.file for t in scenario.tables if t.file is not None}
    missing_tables = [t for t in REQUIRED_COLUMNS if t not in files]
    if missing_tables:
        return [Problem(path, f"lab 02 needs the tables {', '.join(missing_tables)}", field="tables")]
    tables = {t: pd.read_csv(files[t]) for t in REQUIRED_COLUMNS}
    problems = [
        Problem(files[t], f"lab 02 reads the column '{c}'; add it", 1, c)
        for t, columns in REQUIRED_COLUMNS.items()
        for c in columns
        if c not in tables[t].columns
    ]
    assumed = set(tables["assumptions"]["id"]) if "id" in tables["assumptions"].columns else set()
    problems += [
        Problem(files["assumptions"], f"lab 02 reads the assumption '{a}'; add a row for it", 1, "id")
        for a in REQUIRED_ASSUMPTIONS
        if a not in assumed
    ]
    if problems:
        return problems
    problems += _measure_problems(tables, files)
    problems += [
        Problem(files[o.table], str(o), o.row + 2, o.column) for o in values_outside_their_range(tables)
    ]
    problems += _pilot_problems(tables, files)
    if problems:
        return problems
    return _key_problems(scenario, lines, path, tables) + _question_problems(
        scenario, lines, path, tables, files
    )


def _measure_problems(tables: dict[str, pd.DataFrame], files: dict[str, Path]) -> list[Problem]:
    """Unknown quality measures, and programs with no figure of their measure at some location."""
    problems = []
    estimates = tables["estimates"]
    for row, (program, measure) in enumerate(
        zip(tables["programs"]["id"], tables["programs"]["quality_measure"], strict=True)
    ):
        if measure not in MEASURES:
            known = ", ".join(MEASURES)
            problems.append(
                Problem(files["programs"], f"unknown quality measure '{measure}' (one of: {known})", row + 2)
            )
            continue
        column = estimates[measure] if measure in estimates.columns else None
        for index in estimates.index[estimates["program"] == program]:
            if column is None or is_blank(column[index]):
                problems.append(
                    Problem(
                        files["estimates"],
                        f"{program} is judged on its {MEASURES[measure]}: give '{measure}' here",
                        int(index) + 2,
                        measure,
                    )
                )
    return problems


def _pilot_problems(tables: dict[str, pd.DataFrame], files: dict[str, Path]) -> list[Problem]:
    """Early-week FCRs that do not show the learning dip the assumptions state, within their range."""
    estimates = tables["estimates"]
    if "fcr_weeks_1_2" not in estimates.columns:
        return []
    assumptions = tables["assumptions"]
    dip, ramp = stated(assumptions, "transition_fcr_dip"), stated(assumptions, "ramp_weeks")
    attrition = tables["locations"].set_index("id")["annual_attrition"].astype(float)
    problems = []
    for index, row in estimates.iterrows():
        if row["location"] == HOME or is_blank(row["fcr_weeks_1_2"]):
            continue
        bounds = [
            learning_dip(
                EARLY_WEEKS,
                dip=dip.at(end),
                ramp_weeks=ramp.at(end),
                annual_attrition=float(attrition[row["location"]]),
                home_attrition=float(attrition[HOME]),
            )
            for end in ("low", "high")
        ]
        gap = float(row["fcr"]) - float(row["fcr_weeks_1_2"])
        if not bounds[0] - ROUNDING <= gap <= bounds[1] + ROUNDING:
            problems.append(
                Problem(
                    files["estimates"],
                    f"weeks 1-2 are {gap:.2f} below the settled FCR; the stated learning dip gives "
                    f"{bounds[0]:.2f}-{bounds[1]:.2f}",
                    int(index) + 2,
                    "fcr_weeks_1_2",
                )
            )
    return problems


def _key_problems(
    scenario: Scenario, lines: LocatedYaml, path: Path, tables: dict[str, pd.DataFrame]
) -> list[Problem]:
    """Keys of the delivery decision that are not the cheapest at some end of the stated ranges."""
    where = next((i for i, d in enumerate(scenario.decisions) if d.id == DECISION), None)
    if where is None:
        return []
    items = {item.id: (j, item.key) for j, item in enumerate(getattr(scenario.decisions[where], "items", []))}
    problems = []
    for m in key_margins(tables, {program: key for program, (_, key) in items.items()}):
        if not m.holds:
            at = ("decisions", where, "items", items[m.program][0], "key")
            problems.append(
                Problem(
                    path,
                    f"{m.program}: {m.key} is not the cheapest with churn at its {m.churn_end} end and "
                    f"margin at its {m.margin_end} end: {m.rival} costs {-m.usd_per_month:,.0f} USD a "
                    "month less, margin at risk included",
                    lines.line_of(at),
                    ".".join(map(str, at)),
                )
            )
    return problems


def _question_problems(
    scenario: Scenario,
    lines: LocatedYaml,
    path: Path,
    tables: dict[str, pd.DataFrame],
    files: dict[str, Path],
) -> list[Problem]:
    """Programs whose ratings predict nothing clear, and deciding-question options keyed against the pilot."""
    where = next((i for i, d in enumerate(scenario.decisions) if d.id == QUESTION), None)
    programs = tables["programs"]
    if where is None or not set(TRAVELS) <= set(programs.columns):
        return []
    problems = [
        Problem(
            files["programs"],
            f"{row['id']}: its ratings off the middle must point one way, so that the stated rule "
            f"predicts its offshore result without doubt; they point {_where_pointing(row)}",
            int(index) + 2,
            next(iter(TRAVELS)),
        )
        for index, row in programs.iterrows()
        if not prediction_is_clear(row)
    ]
    overturned = set(overturned_programs(programs, tables["estimates"]))
    for j, option in enumerate(getattr(scenario.decisions[where], "options", [])):
        if option.id in set(programs["id"]) and option.correct != (option.id in overturned):
            at = ("decisions", where, "options", j)
            verdict = "overturned" if option.id in overturned else "bore out"
            problems.append(
                Problem(
                    path,
                    f"{option.id}: the pilot {verdict} what its ratings predict, so it should "
                    f"{'' if option.id in overturned else 'not '}be keyed correct",
                    lines.line_of(at),
                    ".".join(map(str, at)),
                )
            )
    return problems


def _where_pointing(program: pd.Series) -> str:
    """Which way an unclear program's ratings point: both ways, or nowhere (every one medium)."""
    return "both ways" if signals(program) else "nowhere: every one is medium"
