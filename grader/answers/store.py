"""The per-lab answers file: where every choice lives the moment it is made.

Why a file and not widget state: nbgrader re-executes a submission in a fresh kernel,
where widget clicks no longer exist.  The file travels with the submission instead.

Guarantees:
- writes are atomic (temporary file in the same folder, fsync, ``os.replace``), so a
  killed kernel leaves either the old file or the new one, never half of one;
- every write re-reads the file first and changes only the one choice, so two kernels
  on the same lab do not undo each other's other choices;
- nothing writes while nbgrader executes the notebook (``NBGRADER_EXECUTION``): the grade
  comes from the file as it was submitted;
- a file that cannot be read is moved aside (never deleted) and the learner is told;
  entries that cannot be used are reported, the rest kept.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock

from grader.answers.format import (
    FORMAT,
    FORMAT_VERSION,
    SUFFIX,
    Answers,
    LoadReport,
    answers_path,
    parse_answers,
)
from grader.answers.reader import read_answers
from grader.runtime import grading_in_progress

LOCK_TIMEOUT_SECONDS = 30  # far longer than a save takes; a stuck lock becomes an error, not a hang

# The format's names stay importable from here, where they were first defined.
__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "SUFFIX",
    "Answers",
    "AnswersStore",
    "LoadReport",
    "answers_path",
    "grading_in_progress",
    "parse_answers",
]


class AnswersStore:
    """Reads and writes one lab's answers file."""

    def __init__(self, path: Path, lab_id: str) -> None:
        self.path = Path(path)
        self.lab_id = lab_id

    def load(self, move_aside_corrupt: bool = True) -> LoadReport:
        """Read the file; a missing file gives empty answers, a broken one is moved aside.

        Moving it aside (never deleting it) matters because the next choice writes a new
        file in its place; while nbgrader grades nothing is moved.
        """
        report = read_answers(self.path, self.lab_id)
        if report.unreadable and move_aside_corrupt and not grading_in_progress():
            report.moved_aside = self._move_aside()
            report.warnings = [
                f"{self.path.name} could not be read ({report.unreadable}); it was kept as "
                f"{report.moved_aside.name if report.moved_aside else 'is'} and you start "
                "with empty answers. Import a progress file to restore earlier choices."
            ]
        return report

    def modify(self, change: Callable[[Answers], bool | None]) -> Answers:
        """Re-read the file, apply ``change`` and save, holding the lab's lock throughout.

        ``change`` may return ``False`` to say nothing changed, and nothing is written.

        The lock makes read-change-write one step for every kernel on this machine, so two
        notebooks saving at the same moment cannot drop each other's choices.
        """
        with self._lock():
            self._remove_stale_temporaries()
            answers = self.load().answers
            if change(answers) is not False:
                self.write(answers)
        return answers

    def record(self, scenario_id: str, decision_id: str, value: object, **fields: object) -> Answers:
        """Save one choice now; raise ``OSError`` if it cannot be saved."""
        return self.record_all(scenario_id, {decision_id: value}, **fields)

    def record_all(self, scenario_id: str, values: Mapping[str, object], **fields: object) -> Answers:
        """Save several choices of one scenario in one write; raise ``OSError`` if it cannot."""

        def change(answers: Answers) -> None:
            for key, field_value in fields.items():
                setattr(answers, key, field_value)
            answers.scenario = answers.scenario or scenario_id
            answers.choices.setdefault(scenario_id, {}).update(values)

        return self.modify(change)

    def record_reveal(self, choice_key: str, decision_id: str) -> Answers:
        """Note that the expert answer of ``decision_id`` was shown; the first time is kept."""

        def change(answers: Answers) -> bool:
            shown = answers.revealed.setdefault(choice_key, {})
            if decision_id in shown:
                return False
            shown[decision_id] = datetime.now(UTC).isoformat(timespec="seconds")
            return True

        return self.modify(change)

    def update(self, **fields: object) -> Answers:
        """Change header fields (active scenario, learner id) and save."""
        return self.modify(lambda answers: [setattr(answers, k, v) for k, v in fields.items()] and None)

    def _remove_stale_temporaries(self) -> None:
        # Writers hold the lock while a temporary file exists, so under the lock any
        # temporary file is what a killed kernel left behind.
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            stale.unlink(missing_ok=True)

    @contextmanager
    def _lock(self) -> Iterator[None]:
        if grading_in_progress():
            yield
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # An OS lock (released if the kernel is killed), so two kernels on one lab take turns.
        with FileLock(self.path.with_name(f".{self.path.name}.lock"), timeout=LOCK_TIMEOUT_SECONDS):
            yield

    def write(self, answers: Answers) -> None:
        """Replace the file atomically; does nothing while nbgrader grades."""
        if grading_in_progress():
            return
        answers.saved_at = datetime.now(UTC).isoformat(timespec="seconds")
        text = json.dumps(answers.to_json(), indent=2, sort_keys=True, ensure_ascii=False)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _move_aside(self) -> Path | None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}.json")
        try:
            os.replace(self.path, target)
        except OSError:
            return None
        return target
