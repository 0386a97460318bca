"""A learner's personal workspace: learner versions of every lab plus a course index.

Refreshing never destroys work.  A manifest records the fingerprint of each file as we
last wrote it; a file whose fingerprint still matches is the learner's untouched copy and
may be updated, while a file the learner changed is left alone and the new version is
put beside it.  Answers files are never written here at all.

Notebooks are written with the metadata the learner's kernel reports
(``grader.workspace.kernel_metadata``): opening one in JupyterLab then changes nothing, so it
is not marked modified, and autosave does not make an untouched copy look like the learner's.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from grader.labs.titles import notebook_title
from grader.workspace.generate import learner_versions
from grader.workspace.kernel_metadata import kernel_metadata, with_kernel_metadata, write_kernel_metadata
from grader.workspace.learner_jupyter import write_learner_config

MANIFEST = ".decisionlab-workspace.json"
INDEX = "index.ipynb"


@dataclass
class RefreshReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # changed by the learner: left alone
    side_copies: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"added {p}" for p in self.added] + [f"updated {p}" for p in self.updated]
        out += [f"kept your changed {p}" for p in self.kept]
        out += [f"the new version is beside it as {p}" for p in self.side_copies]
        return out


def _fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def prepare_workspace(folder: Path, progress: Callable[[str], None] = print) -> RefreshReport:
    """Create or refresh ``folder`` with learner versions; see the module docstring."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / MANIFEST
    try:
        manifest: dict[str, str] = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    report = RefreshReport()
    release, handle = learner_versions(progress=progress)
    with handle:
        files = sorted(p for p in release.rglob("*") if p.is_file() and not p.name.endswith(".answers.json"))
        staged = Path(handle.name) / "staged-index.ipynb"
        index = course_index(release)
        # Written as the learner's kernel describes itself, so that opening a notebook leaves
        # it unmodified (see grader.workspace.kernel_metadata).
        metadata = kernel_metadata()
        if metadata is not None:
            for notebook in (p for p in files if p.suffix == ".ipynb"):
                write_kernel_metadata(notebook, metadata)
            with_kernel_metadata(index, metadata)
        nbformat.write(index, staged)
        for source, relative in [(p, p.relative_to(release).as_posix()) for p in files] + [(staged, INDEX)]:
            _place(source, folder / relative, relative, manifest, report)
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    write_learner_config(folder)
    return report


def _place(
    source: Path, target: Path, relative: str, manifest: dict[str, str], report: RefreshReport
) -> None:
    new_print = _fingerprint(source)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        manifest[relative] = new_print
        report.added.append(relative)
        return
    current = _fingerprint(target)
    if current == new_print:
        manifest[relative] = new_print
        return
    if manifest.get(relative) == current:  # untouched by the learner: safe to update
        shutil.copyfile(source, target)
        manifest[relative] = new_print
        report.updated.append(relative)
        return
    report.kept.append(relative)
    side = target.with_name(f"{target.stem}.updated{target.suffix}")
    shutil.copyfile(source, side)
    report.side_copies.append(Path(relative).with_name(side.name).as_posix())


def course_index(release: Path) -> nbformat.NotebookNode:
    """A notebook linking every lab, titled from each lab's first heading."""
    lines = [
        "# Customer Care Decision Lab",
        "",
        "You are a customer-care director facing sourcing decisions. Each lab gives you a "
        "scenario, its data and the decisions to make; your choices are saved the moment you "
        "make them, in a file beside each notebook.",
        "",
        "| lab | open |",
        "|---|---|",
    ]
    for notebook in sorted(release.glob("*/*.ipynb")):
        title = _title(notebook)
        link = notebook.relative_to(release).as_posix()
        lines.append(f"| {title} | [{link}]({link}) |")
    lines += [
        "",
        "Start with lab 00: it shows how decisions, feedback and saving work.",
        "",
        "**Keep your progress.** On Binder a session closes after about ten idle minutes and "
        "takes its files with it. Before you leave, run the cell below and click *Download my "
        "progress*; next time, run it again and use *Restore progress* with that file. Restoring "
        "never replaces a choice you made after the file was saved unless you tick the box.",
    ]
    panel = 'from grader.widgets.progress import progress_panel\n\nprogress_panel(".")'
    return nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("\n".join(lines)), nbformat.v4.new_code_cell(panel)],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
        },
    )


def _title(notebook: Path) -> str:
    # The same title the lab's opening note shows (grader.labs.titles).
    return notebook_title(notebook) or notebook.stem
