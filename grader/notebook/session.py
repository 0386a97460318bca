"""The object a lab notebook talks to: ``lab = open_lab("01_sourcing_models")``.

It ties the pieces together for one notebook: the scenario, the answers file beside the
notebook, the scoring engine, the widgets and the lab's consequence views.  Every
decision can be made with a widget (``lab.decide``) or in plain code (``lab.record``);
both go through ``record``, so they are the same thing.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader.answers import Answers, AnswersStore, answers_path
from grader.catalog import assign, choice_key, scenario_folder, scenarios_for, variant_seed
from grader.display.errors import LabInputError, install_short_errors
from grader.display.frames import install_plain_tables
from grader.display.html import ConsequenceView
from grader.display.messages import Message, about
from grader.engine import LabResult, practice_result, score, score_decision
from grader.kinds import KINDS
from grader.labs import lab_code, realise
from grader.labs.titles import lab_title
from grader.notebook.reading import ScenarioReading
from grader.paths import scenario_dirs
from grader.runtime import Runtime
from grader.schema import AnyDecision, Scenario

if TYPE_CHECKING:
    pass

__all__ = ["Lab", "Message", "open_lab"]

# An assessment release's copy of the scenario has no keys: the grading process scores it.
WITHHELD_NOTE = "recorded; it is scored, with its feedback, by your instructor's grading"


class Lab(ScenarioReading):
    """One open lab notebook.  See the module docstring."""

    def __init__(
        self,
        lab_id: str,
        folder: Path | str | None = None,
        scenario: str | None = None,
        search: tuple[Path, ...] | None = None,
    ) -> None:
        self.lab_id = lab_id
        self.folder = Path(folder) if folder is not None else Path.cwd()
        self.runtime = Runtime.read(self.folder)
        self.store = AnswersStore(answers_path(self.folder, lab_id), lab_id)
        report = self.store.load()
        self.answers: Answers = report.answers
        self.messages: list[Message] = [Message(w) for w in report.warnings]
        self.messages.extend(Message(w) for w in self.runtime.warnings)
        self.search = search or tuple(scenario_dirs(self.runtime.release_pack))
        self.pool = scenarios_for(lab_id, self.search)
        if not self.pool:
            raise LabInputError(
                f"no scenario found for lab '{lab_id}'; run 'decisionlab validate' to see why"
            )
        # The id this kernel runs under wins over the one in the file, which may be a copy.
        self.learner = self.runtime.learner or self.answers.learner
        self._unsaved: dict[str, object] = {}
        template = self._pick(scenario or self.answers.scenario)
        self._apply(template, self._seed_for(template))

    # --- the scenario and its data -------------------------------------------------

    def _pick(self, scenario_id: str | None) -> Scenario:
        by_id = {s.id: s for s in self.pool}
        if scenario_id and scenario_id in by_id:
            return by_id[scenario_id]
        if scenario_id:
            self.messages.append(
                Message(f"scenario '{scenario_id}' is not part of this lab; using the default")
            )
        return assign(self.pool, self.lab_id, self.learner).template

    def _seed_for(self, template: Scenario) -> int:
        """The variant to open: a fresh one drawn in practice, else the learner's own."""
        if template.generator is None:
            return 0
        own = variant_seed(self.lab_id, self.learner)
        recorded = self.answers.variant_seed
        if self.runtime.practice and recorded and self.answers.scenario == template.id:
            return recorded
        return own

    def _apply(self, template: Scenario, seed: int) -> None:
        """Work on ``template``'s variant ``seed`` (the template itself if it has no generator)."""
        variant = realise(template, seed, scenario_folder(template.id, self.search))
        self.template, self.seed = template, seed
        self.scenario = variant.scenario
        self._generated = variant.tables
        if not self.scenario.withheld:
            # Scored as the grading side scores it (an order priced by the lab's model).
            self.scenario = lab_code(self.lab_id).graded_scenario(self)

    @property
    def choice_key(self) -> str:
        """Where this scenario's (and variant's) choices live in the answers file."""
        return choice_key(self.template, self.seed)

    def use_scenario(self, scenario_id: str) -> Message:
        """Switch to another scenario of this lab (practice only); choices are kept per scenario."""
        if not self.runtime.practice:
            raise LabInputError("the scenario is fixed in assessment mode")
        if scenario_id not in {s.id for s in self.pool}:
            raise LabInputError(
                f"'{scenario_id}' is not a scenario of this lab; "
                f"choose one of: {', '.join(self.scenario_ids)}"
            )
        template = self._pick(scenario_id)
        self._apply(template, self._seed_for(template))
        self._save_header()
        return Message(f"now working on '{self.scenario.title}'", "info")

    def new_variant(self, seed: int | None = None) -> Message:
        """Practice: draw a fresh variant of this scenario (new data, new key).

        Your choices for the variant you leave stay in the answers file; your own variant
        (the one that is graded) comes back with ``lab.new_variant(lab.own_variant)``.
        """
        if self.template.generator is None:
            raise LabInputError("this scenario has no variants; it is the same for everyone")
        if not self.runtime.practice:
            raise LabInputError("the variant is fixed in assessment mode")
        if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool) or seed < 1):
            raise LabInputError(f"a variant is a whole number of 1 or more, not {seed!r}")
        self._apply(self.template, seed if seed is not None else 2 + secrets.randbelow(2**31 - 3))
        self._unsaved.clear()
        self._save_header()
        return Message(f"now working on variant {self.seed} of '{self.scenario.title}'", "info")

    @property
    def own_variant(self) -> int:
        """The variant that follows from your learner id: the one your instructor grades."""
        return variant_seed(self.lab_id, self.learner)

    @property
    def scenario_ids(self) -> list[str]:
        return [s.id for s in self.pool]

    # --- decisions -------------------------------------------------------------------

    def decision(self, decision_id: str) -> AnyDecision:
        try:
            return self.scenario.decision(decision_id)
        except KeyError as error:
            raise LabInputError(str(error.args[0])) from None

    def choice(self, decision_id: str) -> object | None:
        """What the learner chose for a decision, or ``None``."""
        if decision_id in self._unsaved:
            return self._unsaved[decision_id]
        return self.answers.for_scenario(self.choice_key).get(decision_id)

    def choices(self) -> dict[str, object]:
        return {**self.answers.for_scenario(self.choice_key), **self._unsaved}

    def record(self, decision_id: str, value: object) -> Message:
        """Record a choice in plain code, exactly as the widget would; it is saved at once.

        The value's form depends on the decision's kind (``lab.decision(id).kind``); the
        forms are listed below.
        """
        decision = self.decision(decision_id)
        value = _plain(value)
        checked = score_decision(decision, value)
        if checked.problems:
            raise LabInputError(f"{decision.title}: " + "; ".join(checked.problems))
        # Choices that could not be saved earlier (a full disk, a read-only file) go with this
        # one, so they reach the file as soon as saving works again.
        pending = {**self._unsaved, decision_id: value}
        try:
            self.answers = self.store.record_all(
                self.choice_key,
                pending,
                scenario=self.template.id,
                variant_seed=self.seed,
                learner=self.learner,
            )
        except OSError as error:
            self._unsaved[decision_id] = value
            return Message(
                f"could not save to {self.store.path.name} ({error.strerror or error}). Your choice "
                "is kept in this session and is saved with your next choice once saving works "
                "again: free disk space or fix the file's permissions. Until then, keep this "
                "kernel running: a restart would lose it.",
            )
        self._unsaved.clear()
        text = f"{decision.title} saved to {self.store.path.name}"
        if earlier := len(pending) - 1:
            text += f", with {earlier} earlier choice{'s' if earlier != 1 else ''} not saved before"
        return Message(text, "saved")

    def _save_header(self) -> None:
        try:
            self.answers = self.store.update(
                scenario=self.template.id, variant_seed=self.seed, learner=self.learner
            )
        except OSError as error:
            self.messages.append(Message(f"could not save the scenario choice ({error})"))

    def result(self, decision_id: str | None = None) -> Any:
        """The engine's result for one decision, or for the whole scenario."""
        if decision_id is None:
            return self.results()
        return score_decision(self.decision(decision_id), self.choice(decision_id))

    def results(self) -> LabResult:
        return score(self.scenario, self.choices())

    def feedback(self, decision_id: str) -> Any:
        """Practice: feedback on what was chosen, never the key, until ``reveal``.  Assessment:
        only that the choice is recorded.  While nbgrader grades: the expert feedback.

        Before a choice is made, only that it is not answered yet: the decision's principle,
        which a result shows, often names the key.
        """
        if self.scenario.withheld:
            return Message(about(self.decision(decision_id).title, WITHHELD_NOTE), "info")
        if self.runtime.autograding or self.revealed(decision_id):
            return self.result(decision_id)
        answered = self.choice(decision_id) is not None
        if self.runtime.reveals_feedback and answered:
            return practice_result(self.decision(decision_id), self.choice(decision_id))
        text = "recorded; feedback comes when your instructor releases it" if answered else "not answered yet"
        return Message(about(self.decision(decision_id).title, text), "info")

    def revealed(self, decision_id: str) -> bool:
        """Whether the expert answer of this decision (in this scenario and variant) was shown."""
        return bool(self.answers.revealed_at(self.choice_key, decision_id))

    def reveal(self, decision_id: str) -> Any:
        """Practice: show the expert answer (every note, the key included) of a decision.

        It is saved in the answers file and your instructor sees it; your points do not change.
        """
        decision = self.decision(decision_id)
        if not self.runtime.practice:
            raise LabInputError("the expert answers come with your feedback once your instructor releases it")
        if self.choice(decision.id) is None:
            raise LabInputError(f"{decision.title}: make a choice first; the expert answer explains it")
        try:
            self.answers = self.store.record_reveal(self.choice_key, decision.id)
        except OSError as error:
            why = error.strerror or error
            raise LabInputError(
                f"could not save to {self.store.path.name} ({why}); the answer stays hidden"
            ) from None
        return self.result(decision.id)

    def consequences(self, decision_id: str) -> ConsequenceView | None:
        """What the current choice does (cost, service, risk), if the lab shows it.

        The lab builds the view; this session decides what of it the learner may see, so no
        lab can give a key away: the part that would (the fit of each placement, the best
        order, the real flags) is shown only once the learner has revealed that decision's
        expert answer in practice (``lab.reveal``), never in assessment.
        """
        if self.runtime.grading:
            return None  # nobody sees it, and nbgrader runs every notebook of a cohort
        view = lab_code(self.lab_id).consequences(self, decision_id)
        if view is None:
            return None
        return view.for_learner(self.runtime.practice and self.revealed(decision_id))

    def decide(self, decision_id: str) -> Any:
        """The decision panel: prompt, control, saved status, feedback and consequences."""
        if self.runtime.grading:
            return Message(f"{self.decision(decision_id).title}: panel not drawn while grading", "info")
        from grader.widgets.panels import decision_panel

        return decision_panel(self, self.decision(decision_id))

    def progress(self) -> Any:
        """Download all your progress as one file, or restore it (every lab of this course)."""
        if self.runtime.grading:
            return Message("progress panel not drawn while grading", "info")
        from grader.widgets.progress import progress_panel

        return progress_panel(self.folder.parent)

    def grade(self, decision_id: str) -> float | None:
        """Used by the locked grade cell of each decision; its value is the points earned.

        While nbgrader grades, a step of the grading process replaces this cell's output
        with the engine's score of the submitted answers file, whatever this kernel says.
        In assessment, validating the notebook checks only that the decision is answered.
        """
        from IPython.display import display

        if not self.runtime.reveals_feedback and self.runtime.grading and self.choice(decision_id) is None:
            raise LabInputError(
                about(self.decision(decision_id).title, "not answered yet; choose in its panel")
            )
        display(self.feedback(decision_id))  # in practice, the expert notes only once revealed
        if self.scenario.withheld or not self.runtime.reveals_feedback:
            return None
        return self.result(decision_id).points

    def debrief(self) -> Any:
        """Your results, then the expert path and what your choices cost against it, and a
        question to reflect on (see ``grader.notebook.debrief`` for what shows when)."""
        from IPython.display import Markdown

        from grader.notebook.debrief import debrief_markdown

        text = debrief_markdown(self)
        return text if isinstance(text, Message) else Markdown(text)

    def notices(self) -> list[Message]:
        """Warnings gathered while opening the lab (an unreadable answers file, a bad setting)."""
        return list(self.messages)

    @property
    def status(self) -> Message:
        mode = self.runtime.mode
        saved = sum(v is not None for v in self.choices().values())
        text = (
            f"{lab_title(self.lab_id)}. Scenario '{self.scenario.title}'{self._variant_note()}, {mode} mode. "
            f"{saved} of {len(self.scenario.decisions)} decisions answered; "
            f"choices are saved in {self.store.path.name} beside this notebook."
        )
        return Message(text, "info")

    def _variant_note(self) -> str:
        if self.template.generator is None:
            return ""
        whose = "your own" if self.seed == self.own_variant else "a practice variant"
        return f" (variant {self.seed}, {whose})"

    def _repr_html_(self) -> str:
        notes = "".join(m._repr_html_() for m in self.messages)
        return self.status._repr_html_() + notes


def open_lab(lab_id: str, folder: Path | str | None = None, scenario: str | None = None) -> Lab:
    """Open a lab for the notebook in ``folder`` (default: the current folder)."""
    install_short_errors()
    install_plain_tables()
    return Lab(lab_id, folder, scenario)


def _plain(value: object) -> object:
    """Turn tuples, sets and NumPy scalars into JSON-ready values."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(_plain(v) for v in value)  # type: ignore[type-var]
    if hasattr(value, "item") and callable(value.item):  # NumPy scalar
        return value.item()
    return value


# help(lab.record) lists each kind's value form from the kinds themselves, so a new kind is
# described where it is defined.
Lab.record.__doc__ = f"{Lab.record.__doc__}\n" + "\n".join(
    f"        {line}" for line in KINDS.value_forms().splitlines()
)
