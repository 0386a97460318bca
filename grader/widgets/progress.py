"""One panel to download all progress as a file and to restore it (for Binder sessions)."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from html import escape
from pathlib import Path

import ipywidgets as w

from grader.answers.progress import collect_progress, restore_progress


def _fits_label(margin: str = "2px") -> w.Layout:
    """As wide as its label: ipywidgets gives buttons and check boxes a fixed width, which cuts
    a longer label off with an ellipsis."""
    return w.Layout(width="auto", flex="0 0 auto", margin=margin)


def progress_panel(workspace: Path | str) -> w.VBox:
    """Download and restore controls for every lab under ``workspace``."""
    workspace = Path(workspace).resolve()
    prepare = w.Button(description="Download my progress", icon="download", layout=_fits_label())
    link = w.HTML()
    upload = w.FileUpload(
        accept=".json", multiple=False, description="Restore progress", layout=_fits_label()
    )
    # Without indent, the box does not keep an empty label's width to its left.
    overwrite = w.Checkbox(
        value=False,
        description="Also replace choices made after that file was saved",
        indent=False,
        layout=_fits_label(margin="2px 2px 2px 1em"),  # apart from the button it qualifies
    )
    report_area = w.HTML()

    def _prepare(_: object) -> None:
        bundle, skipped = collect_progress(workspace)
        text = json.dumps(bundle, indent=2, ensure_ascii=False)
        name = f"decisionlab-progress-{datetime.now(UTC):%Y%m%d-%H%M}.json"
        (workspace / name).write_text(text, encoding="utf-8")  # also in the file browser
        data = base64.b64encode(text.encode("utf-8")).decode("ascii")
        notes = "".join(f"<li>{escape(s)}</li>" for s in skipped)
        link.value = (
            f"<p role='status'><a download='{name}' href='data:application/json;base64,{data}'>"
            f"Save {escape(name)}</a> ({len(bundle['labs'])} lab(s)). Keep it; restore it next time.</p>"
            + (f"<ul>{notes}</ul>" if notes else "")
        )

    def _restore(change: dict) -> None:
        files = change["new"]
        if not files:
            return
        report = restore_progress(bytes(files[0]["content"]), workspace, overwrite_newer=overwrite.value)
        items = "".join(f"<li>{escape(line)}</li>" for line in report.lines())
        report_area.value = (
            f"<div role='status'><p>Restored from {escape(files[0]['name'])}. Re-run a lab's cells to "
            f"see its choices.</p><ul>{items}</ul></div>"
        )

    prepare.on_click(_prepare)
    upload.observe(_restore, names="value")
    # Each control keeps its own width (a VBox stretches its children across the panel), and
    # the restore row wraps onto two lines in a narrow notebook rather than cutting a label.
    rows = w.Layout(align_items="flex-start")
    restore_row = w.HBox([upload, overwrite], layout=w.Layout(flex_flow="row wrap", align_items="center"))
    return w.VBox([prepare, link, restore_row, report_area], layout=rows)
