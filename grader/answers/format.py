"""What an answers file holds, and how decoded JSON becomes ``Answers``.

The format is versioned (``format``, ``format_version``) and read leniently: every usable
entry is kept and every unusable one is reported, because the file is hand-editable and
travels between machines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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
    missing: bool = False  # there was no file at all
    unreadable: str = ""  # why the file as a whole could not be read ("" when it could)


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
