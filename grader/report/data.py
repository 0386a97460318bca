"""What the cohort did: one row per learner, lab and decision, and each learner's lab scores.

Points come from the course gradebook at ``db_url`` (read once by ``grader.gradebook``, as the
export reads it), so a grade an instructor changed by hand is the one reported.  What each
learner chose, and whether they asked to see an expert answer first, comes from the answers
file they submitted (the copy in ``autograded/``, else ``submitted/``), read with the same
rule the grading step uses for which scenario and variant is theirs: the one their student
id assigns.

:func:`decision_results` is the one frame other tools can share (an export, a notebook); the
report also keeps the realised scenarios, for each decision's title, principle and options.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING

from grader.answers import Answers, answers_path, read_answers
from grader.autograde.config import settings_only
from grader.autograde.graded_variant import graded_variant
from grader.catalog import choice_key, scenarios_for
from grader.export.records import DecisionRow
from grader.gradebook import GradebookSnapshot, read_gradebook
from grader.grading.course import Course, open_course
from grader.grading.results import SubmissionId
from grader.labs import realise, realise_many
from grader.paths import scenario_dirs
from grader.report.gradebook_rows import Points, decision_points, submission_points

if TYPE_CHECKING:
    import pandas as pd

    from grader.schema import Scenario

__all__ = ["DECISION_COLUMNS", "SCORE_COLUMNS", "CohortData", "decision_results", "read_cohort"]

# The export's decision record, less the time of a reveal (the report only asks whether).
DECISION_COLUMNS = tuple(f.name for f in fields(DecisionRow) if f.name != "revealed_at")
SCORE_COLUMNS = ("learner", "lab", "score", "max_score", "submitted")


@dataclass(frozen=True)
class CohortData:
    """The cohort's results, read once, for every statistic and chart of the report."""

    course: Course
    decisions: pd.DataFrame  # DECISION_COLUMNS: one row per learner, lab and decision
    scores: pd.DataFrame  # SCORE_COLUMNS: one row per learner and lab, missing submissions too
    scenarios: dict[tuple[str, int], Scenario] = field(default_factory=dict)  # (scenario, variant)
    answers: dict[tuple[str, str], Answers] = field(default_factory=dict)  # (learner, lab)
    search: tuple[Path, ...] = ()  # where the grading side finds scenarios

    def scenario(self, scenario_id: str, variant: int) -> Scenario:
        return self.scenarios[(scenario_id, variant)]


def decision_results(course_dir: Path, db_url: str | None = None) -> pd.DataFrame:
    """One row per learner, lab and decision: ``DECISION_COLUMNS``."""
    return read_cohort(course_dir, db_url).decisions


def read_cohort(
    course_dir: Path,
    db_url: str | None = None,
    *,
    processes: int | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> CohortData:
    """The graded cohort of the nbgrader course in ``course_dir`` (``CourseError`` if it is none).

    Learners' variants are built over up to ``processes`` forked workers (default: the CPUs),
    and ``meanwhile`` is called in this process while they are (:func:`grader.forked.forked_map`).
    """
    import pandas as pd

    # The report grades nothing: the course's settings without composing nbgrader's grading chain.
    with settings_only():
        course = open_course(Path(course_dir))
    snapshot = read_gradebook(
        db_url or course.db_url, f"decisionlab grade {course.root}", require_graded=False
    )
    settings = course.config.get("ScoreDecisions", {})
    search = (*(Path(p) for p in settings.get("scenario_dirs", [])), *scenario_dirs())
    reader = _Reader(course, search, bool(settings.get("trust_recorded_assignment", False)))
    reader.read(snapshot, processes, meanwhile)
    return CohortData(
        course,
        pd.DataFrame(reader.decisions, columns=list(DECISION_COLUMNS)),
        pd.DataFrame(reader.scores, columns=list(SCORE_COLUMNS)),
        reader.scenarios,
        reader.answers,
        search,
    )


class _Reader:
    """Collects the rows from the gradebook's snapshot and the answers files."""

    def __init__(self, course: Course, search: tuple[Path, ...], trust_recorded: bool) -> None:
        self.course, self.search, self.trust_recorded = course, search, trust_recorded
        self.decisions: list[tuple[object, ...]] = []
        self.scores: list[tuple[object, ...]] = []
        self.scenarios: dict[tuple[str, int], Scenario] = {}
        self.answers: dict[tuple[str, str], Answers] = {}
        self.pools: dict[str, list[Scenario]] = {}

    def _pool(self, lab: str) -> list[Scenario]:
        """The lab's scenarios, looked up once per reading: the same templates for every learner."""
        if lab not in self.pools:
            self.pools[lab] = scenarios_for(lab, self.search)
        return self.pools[lab]

    def read(
        self, snapshot: GradebookSnapshot, processes: int | None, meanwhile: Callable[[], object] | None
    ) -> None:
        learners = sorted(learner.id for learner in snapshot.learners)
        assignments = sorted(snapshot.labs, key=lambda lab: lab.id)
        points, decision_grades = submission_points(snapshot), decision_points(snapshot)
        # Every learner of a generated lab has their own variant: build them all at once.
        realise_many(self._variants(sorted(decision_grades)), processes, meanwhile)
        for assignment in assignments:
            lab = assignment.id
            for learner in learners:
                if (learner, lab) not in points:
                    self.scores.append((learner, lab, float("nan"), assignment.max_points, False))
                    continue
                self.scores.append((learner, lab, *points[(learner, lab)], True))
                if grades := decision_grades.get((learner, lab)):
                    self._decisions(learner, lab, grades)

    def _variants(self, graded: Iterable[tuple[str, str]]) -> list[tuple[Scenario, int]]:
        """The template and seed of every graded (learner, lab), as :meth:`_decisions` will find them."""
        pairs = []
        for learner, lab in graded:
            pool = self._pool(lab)
            if any(template.generator for template in pool):
                answers = self._answers(learner, lab)
                template, seed, _ = graded_variant(
                    pool, lab, learner, answers, trust_recorded=self.trust_recorded
                )
                pairs.append((template, seed))
        return pairs

    def _decisions(self, learner: str, lab: str, grades: dict[str, Points]) -> None:
        answers = self._answers(learner, lab)
        pool = self._pool(lab)
        if not pool:  # an assignment that is no lab of this course: points only
            for decision, grade in sorted(grades.items()):
                self.decisions.append((learner, lab, decision, None, *grade, "", 0, False))
            return
        # The scenario and variant the grade was computed on: the grading step's own rule.
        template, seed, _ = graded_variant(pool, lab, learner, answers, trust_recorded=self.trust_recorded)
        if (template.id, seed) not in self.scenarios:
            self.scenarios[(template.id, seed)] = realise(template, seed).scenario
        key = choice_key(template, seed)
        chosen = answers.for_scenario(key)
        # The scenario's order, which is the notebook's; a cell the scenario lacks goes last.
        order = {d.id: i for i, d in enumerate(self.scenarios[(template.id, seed)].decisions)}
        for decision, grade in sorted(grades.items(), key=lambda g: (order.get(g[0], len(order)), g[0])):
            self.decisions.append(
                (
                    learner,
                    lab,
                    decision,
                    chosen.get(decision),
                    *grade,
                    template.id,
                    seed,
                    bool(answers.revealed_at(key, decision)),
                )
            )

    def _answers(self, learner: str, lab: str) -> Answers:
        """The learner's submitted answers file (as autograde kept it); empty answers if none."""
        if (learner, lab) in self.answers:
            return self.answers[(learner, lab)]
        submission = SubmissionId(lab, learner)
        for folder in (self.course.autograded_folder(submission), self.course.submitted_folder(submission)):
            path = answers_path(folder, lab)
            if path.is_file():
                answers = read_answers(path, lab).answers
                break
        else:
            answers = Answers(lab=lab)
        self.answers[(learner, lab)] = answers
        return answers
