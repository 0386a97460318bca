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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from grader.runtime import grading_in_progress

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; single-kernel use stays safe
    fcntl = None  # type: ignore[assignment]

FORMAT = "decisionlab-answers"
FORMAT_VERSION = 1
SUFFIX = ".answers.json"


def answers_path(folder: Path, lab_id: str) -> Path:
    """Where the answers of ``lab_id`` live: beside its notebook."""
    return folder / f"{lab_id}{SUFFIX}"


@dataclass
class Answers:
    """What one learner chose in one lab, per scenario."""

    lab: str
    learner: str = ""
    variant_seed: int = 0
    scenario: str = ""
    choices: dict[str, dict[str, object]] = field(default_factory=dict)
    saved_at: str = ""

    def for_scenario(self, scenario_id: str | None = None) -> dict[str, object]:
        return dict(self.choices.get(scenario_id or self.scenario, {}))

    def to_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "lab": self.lab,
            "learner": self.learner,
            "variant_seed": self.variant_seed,
            "scenario": self.scenario,
            "choices": self.choices,
            "saved_at": self.saved_at,
        }


@dataclass
class LoadReport:
    """What happened when a file was read: the answers plus anything the learner must know."""

    answers: Answers
    warnings: list[str] = field(default_factory=list)
    moved_aside: Path | None = None


def parse_answers(data: object, lab_id: str, source: str) -> LoadReport:
    """Turn decoded JSON into ``Answers``, keeping every usable entry and reporting the rest."""
    answers = Answers(lab=lab_id)
    report = LoadReport(answers)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        report.warnings.append(f"{source} is not a Decision Lab answers file; nothing was read from it")
        return report
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        report.warnings.append(
            f"{source} was written by a newer version (format {version!r}); "
            "update the course package to read it"
        )
        return report
    if data.get("lab") != lab_id:
        report.warnings.append(f"{source} holds answers for lab {data.get('lab')!r}, not {lab_id!r}")
        return report
    for key, kind in (
        ("learner", str),
        ("scenario", str),
        ("saved_at", str),
        ("variant_seed", int),
    ):
        value = data.get(key)
        if isinstance(value, kind) and not isinstance(value, bool):
            setattr(answers, key, value)
        elif value is not None:
            report.warnings.append(f"{source}: '{key}' should be {kind.__name__}; it was ignored")
    choices = data.get("choices", {})
    if not isinstance(choices, dict):
        report.warnings.append(f"{source}: 'choices' should be a mapping; no choices were read")
        return report
    for scenario_id, decisions in choices.items():
        if isinstance(decisions, dict):
            answers.choices[str(scenario_id)] = dict(decisions)
        else:
            report.warnings.append(f"{source}: choices for scenario {scenario_id!r} are unreadable")
    return report


class AnswersStore:
    """Reads and writes one lab's answers file."""

    def __init__(self, path: Path, lab_id: str) -> None:
        self.path = Path(path)
        self.lab_id = lab_id

    def load(self, move_aside_corrupt: bool = True) -> LoadReport:
        """Read the file; a missing file gives empty answers, a broken one is moved aside."""
        if not self.path.exists():
            return LoadReport(Answers(lab=self.lab_id))
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            report = LoadReport(Answers(lab=self.lab_id))
            reason = getattr(error, "msg", None) or type(error).__name__
            if move_aside_corrupt and not grading_in_progress():
                report.moved_aside = self._move_aside()
                report.warnings.append(
                    f"{self.path.name} could not be read ({reason}); it was kept as "
                    f"{report.moved_aside.name if report.moved_aside else 'is'} and you start "
                    "with empty answers. Import a progress file to restore earlier choices."
                )
            else:
                report.warnings.append(f"{self.path.name} could not be read ({reason})")
            return report
        return parse_answers(data, self.lab_id, self.path.name)

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

    def update(self, **fields: object) -> Answers:
        """Change header fields (active scenario, learner id) and save."""
        return self.modify(lambda answers: [setattr(answers, k, v) for k, v in fields.items()] and None)

    def _remove_stale_temporaries(self) -> None:
        # Writers hold the lock while a temporary file exists, so under the lock any
        # temporary file is what a killed kernel left behind.
        if fcntl is None:
            return
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            stale.unlink(missing_ok=True)

    @contextmanager
    def _lock(self) -> Iterator[None]:
        if fcntl is None or grading_in_progress():
            yield
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(f".{self.path.name}.lock"), "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

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
