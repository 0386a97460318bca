"""What an answers file holds, and how decoded JSON becomes ``Answers``.

The format is versioned (``format``, ``format_version``) and read leniently: every usable
entry is kept and every unusable one is reported, because the file is hand-editable and
travels between machines.

Versions: 1 holds the choices; 2 adds ``revealed`` (per choice key, the decisions whose
expert answer the learner asked to see, with when).  A version-1 file reads as a
version-2 file that revealed nothing, and is written back as version 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FORMAT = "decisionlab-answers"
FORMAT_VERSION = 2
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
    revealed: dict[str, dict[str, str]] = field(default_factory=dict)
    """Choice key -> decision id -> when (ISO 8601, UTC) its expert answer was first shown."""

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
            "revealed": self.revealed,
        }

    def revealed_at(self, choice_key: str, decision_id: str) -> str:
        """When the expert answer of ``decision_id`` under ``choice_key`` was shown ("" if never)."""
        return self.revealed.get(choice_key, {}).get(decision_id, "")


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
    _parse_revealed(data.get("revealed", {}), answers, report, source)
    return report


def _parse_revealed(revealed: object, answers: Answers, report: LoadReport, source: str) -> None:
    """Read ``revealed`` (absent before version 2), keeping every well-formed entry."""
    if not isinstance(revealed, dict):
        report.warnings.append(f"{source}: 'revealed' should be a mapping; it was ignored")
        return
    for key, decisions in revealed.items():
        if isinstance(decisions, dict) and all(isinstance(v, str) for v in decisions.values()):
            answers.revealed[str(key)] = {str(d): v for d, v in decisions.items()}
        else:
            report.warnings.append(f"{source}: revealed answers for {key!r} are unreadable")
