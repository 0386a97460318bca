"""Copies of real scenarios that a test edits, and where things stand in them."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def copy_scenario(source: Path, target: Path, new_id: str | None = None) -> Path:
    """Copy a scenario folder to ``target`` (named after its new id, if any) and return it."""
    shutil.copytree(source, target)
    if new_id is not None:
        edit(target, f"id: {source.name}\n", f"id: {new_id}\n")
    return target


def edit(folder: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in the folder's scenario.yaml (the first ``count`` times)."""
    path = folder / "scenario.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer contains {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(folder: Path, text: str, after: str = "") -> int:
    """The number of the first line holding ``text`` (after the first line holding ``after``)."""
    lines = (folder / "scenario.yaml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i, line in enumerate(lines[start:], start=start + 1) if text in line)
