"""Course settings an instructor sets for a cohort: practice or assessment mode.

Looked up, first found wins: the ``DECISIONLAB_MODE`` environment variable, then a
``decisionlab.json`` file in the notebook's folder or any folder above it (an instructor
ships it with a release), then the default, practice.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Mode = Literal["practice", "assessment"]
SETTINGS_FILE = "decisionlab.json"
MODES: tuple[Mode, ...] = ("practice", "assessment")


@dataclass(frozen=True)
class Settings:
    mode: Mode = "practice"
    source: str = "default"
    warning: str = ""

    @property
    def reveals_feedback(self) -> bool:
        return self.mode == "practice"


def read_settings(folder: Path) -> Settings:
    env = os.environ.get("DECISIONLAB_MODE", "").strip().lower()
    if env:
        if env in MODES:
            return Settings(env, "DECISIONLAB_MODE")  # type: ignore[arg-type]
        return Settings(warning=f"DECISIONLAB_MODE={env!r} is not one of {', '.join(MODES)}; using practice")
    for place in [folder.resolve(), *folder.resolve().parents]:
        file = place / SETTINGS_FILE
        if file.is_file():
            try:
                mode = json.loads(file.read_text(encoding="utf-8")).get("mode", "practice")
            except (OSError, ValueError, AttributeError):
                return Settings(warning=f"{file} is not valid JSON; using practice mode")
            if mode not in MODES:
                return Settings(warning=f"{file}: mode {mode!r} is not one of {', '.join(MODES)}")
            return Settings(mode, str(file))
    return Settings()
