"""Where the course content lives: a checkout's folders, or the copy inside the wheel."""

from __future__ import annotations

from pathlib import Path

from grader.runtime import scenario_packs_from_environment

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def content_root() -> Path:
    """The folder that holds ``labs/`` and ``scenarios/``.

    A source checkout (or editable install) uses the top-level folders; an installed wheel
    carries a copy under ``grader/_content``.
    """
    if (_CHECKOUT / "labs").is_dir() and (_CHECKOUT / "scenarios").is_dir():
        return _CHECKOUT
    return _PACKAGE / "_content"


def labs_dir() -> Path:
    return content_root() / "labs"


def scenario_dirs(first: Path | str | None = None) -> list[Path]:
    """Folders searched for scenarios, first match wins.

    ``first`` (a release's withheld copies, see ``grader.schema.withhold``) comes first, then
    an instructor's private packs (:data:`grader.runtime.SCENARIOS_ENV`), then the course's
    own scenarios.
    """
    release = [Path(first)] if first else []
    return [*release, *(Path(p) for p in scenario_packs_from_environment()), content_root() / "scenarios"]


def lab_ids() -> list[str]:
    """Every lab in the course, in order (folder names under ``labs/``)."""
    return sorted(p.name for p in labs_dir().iterdir() if (p / f"{p.name}.ipynb").exists())
