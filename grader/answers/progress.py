"""A learner's whole progress as one file: export it, and restore it elsewhere.

Binder forgets a session's files when it closes, so a learner carries one progress file
from session to session.  Restoring merges choice by choice and never destroys newer work
without being asked: where the workspace holds a different choice saved later than the
progress file, the workspace's choice is kept and the conflict is reported; whatever a
restore replaces is first copied to a backup file beside it.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from grader.answers.format import SUFFIX, Answers, parse_answers
from grader.answers.store import AnswersStore

FORMAT = "decisionlab-progress"
FORMAT_VERSION = 1


@dataclass
class RestoreReport:
    """What a restore did, lab by lab, in sentences a learner can read."""

    restored: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [*self.restored, *self.kept, *self.problems] or ["nothing to restore"]


def collect_progress(workspace: Path) -> tuple[dict[str, object], list[str]]:
    """Bundle every lab's answers file under ``workspace``; also return what was skipped."""
    labs: dict[str, object] = {}
    skipped: list[str] = []
    for path in sorted(workspace.glob(f"*/*{SUFFIX}")):
        lab_id = path.name.removesuffix(SUFFIX)
        if path.parent.name != lab_id:
            continue  # a copy in another lab's folder is not that lab's progress
        try:
            labs[lab_id] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            skipped.append(f"{path.relative_to(workspace)} could not be read and is not in the file")
    bundle = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "labs": labs,
    }
    return bundle, skipped


def export_progress(workspace: Path, target: Path) -> list[str]:
    """Write the progress file; returns notes on anything left out."""
    bundle, skipped = collect_progress(workspace)
    target.write_text(json.dumps(bundle, indent=2, ensure_ascii=False), encoding="utf-8")
    return skipped


def read_progress(source: bytes | str, name: str = "the progress file") -> tuple[dict, list[str]]:
    """Decode a progress file; problems are returned as sentences, never raised."""
    try:
        text = source.decode("utf-8") if isinstance(source, bytes) else source
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return {}, [f"{name} is damaged ({error}); nothing was restored"]
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}, [f"{name} is not a Decision Lab progress file; nothing was restored"]
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        return {}, [f"{name} was made by a newer version of the course; update it, then restore again"]
    labs = data.get("labs")
    if not isinstance(labs, dict):
        return {}, [f"{name} holds no labs; nothing was restored"]
    return labs, []


def restore_progress(source: bytes | str, workspace: Path, overwrite_newer: bool = False) -> RestoreReport:
    """Merge a progress file into ``workspace`` (see the module docstring)."""
    report = RestoreReport()
    labs, problems = read_progress(source)
    report.problems.extend(problems)
    for lab_id, data in labs.items():
        folder = workspace / str(lab_id)
        if not folder.is_dir():
            report.problems.append(f"{lab_id}: no such lab in this workspace; its choices were not restored")
            continue
        incoming = parse_answers(data, str(lab_id), f"{lab_id} in the progress file")
        report.problems.extend(incoming.warnings)
        if not incoming.answers.choices:
            continue
        _merge_lab(
            AnswersStore(folder / f"{lab_id}{SUFFIX}", str(lab_id)), incoming.answers, overwrite_newer, report
        )
    return report


def _merge_lab(store: AnswersStore, incoming: Answers, overwrite_newer: bool, report: RestoreReport) -> None:
    counts = {"taken": 0, "kept": 0}

    def change(current: Answers) -> bool:
        incoming_is_newer = incoming.saved_at > current.saved_at  # ISO 8601 UTC stamps sort as text
        for scenario_id, decisions in incoming.choices.items():
            mine = current.choices.setdefault(scenario_id, {})
            for decision_id, value in decisions.items():
                if mine.get(decision_id) == value:
                    continue
                if decision_id in mine and not (incoming_is_newer or overwrite_newer):
                    counts["kept"] += 1
                    continue
                mine[decision_id] = value
                counts["taken"] += 1
        if counts["taken"] and store.path.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            backup = store.path.with_name(f"{store.path.stem}.before-restore-{stamp}.json")
            shutil.copyfile(store.path, backup)
            report.backups.append(backup)
        current.scenario = current.scenario or incoming.scenario
        current.learner = current.learner or incoming.learner
        # A reveal is never undone by a restore: the earliest record of each one is kept.
        reveals_added = False
        for key, decisions in incoming.revealed.items():
            shown = current.revealed.setdefault(key, {})
            for decision_id, when in decisions.items():
                if decision_id not in shown or when < shown[decision_id]:
                    shown[decision_id] = when
                    reveals_added = True
        return counts["taken"] > 0 or reveals_added

    store.modify(change)
    if counts["taken"]:
        report.restored.append(f"{store.lab_id}: restored {counts['taken']} choice(s)")
    if counts["kept"]:
        report.kept.append(
            f"{store.lab_id}: kept {counts['kept']} choice(s) you made after this progress file was saved "
            "(restore with 'overwrite newer' to replace them)"
        )
