"""Does a notebook a learner has only opened stay unmodified in JupyterLab?

A tab marked modified (the dot JupyterLab puts on a dirty document) before the learner has
done anything makes closing it ask "Save your work?", and JupyterLab's autosave then writes
the notebook, so a later ``decisionlab start`` takes it for the learner's own changed copy.
JupyterLab marks a notebook modified when its kernel reports metadata (``language_info``)
that the file on disk does not already hold.

One server and one browser for the module; each notebook (every lab and the course index) is
opened fresh, in a JupyterLab workspace of its own, as ``decisionlab start`` wrote it, with
its kernel started and idle and no cell run (a learner version holds no outputs, so no
widget is drawn before a cell runs).  Screenshots (``<notebook>-opened.png``) are left in
the module's temporary folder.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from grader.paths import lab_ids
from grader.workspace.start import INDEX

from .conftest import Server, open_notebook

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NOTEBOOKS = [f"{lab_id}/{lab_id}.ipynb" for lab_id in lab_ids()] + [INDEX]
# How long the tab must stay clean once the kernel is idle: JupyterLab applies the kernel's
# metadata as soon as the kernel answers, before the status bar can say "Idle".
SETTLE = 2_000  # ms
SAVE_TIMEOUT = 30  # s


def _notebook_tab(page: Any, notebook: str) -> Any:
    name = Path(notebook).name
    return page.locator("#jp-main-dock-panel .lm-TabBar-tab").filter(has_text=name)


def _tab_turns_dirty(page: Any, notebook: str) -> bool:
    """Whether the notebook's tab shows JupyterLab's modified mark within ``SETTLE``."""
    try:
        _notebook_tab(page, notebook).and_(page.locator(".jp-mod-dirty")).wait_for(timeout=SETTLE)
    except Exception:  # playwright's TimeoutError: it stayed clean
        return False
    return True


def _save(page: Any, path: Path) -> bytes:
    """File → Save Notebook, as a learner would; the bytes JupyterLab wrote."""
    written = path.stat().st_mtime_ns
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^File$")).click()
    label = page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Save Notebook$"))
    page.locator(".lm-Menu-item:not(.lm-mod-disabled)").filter(has=label).click()
    deadline = time.monotonic() + SAVE_TIMEOUT
    while path.stat().st_mtime_ns == written:
        assert time.monotonic() < deadline, f"JupyterLab did not save {path}"
        page.wait_for_timeout(100)  # not time.sleep: the page's requests pass through Python (routes)
    # The server writes the file in place (its backup copy is the atomic part), so a changed
    # time can come before the last byte: wait until the file is a whole notebook that holds still.
    seen = b""
    while True:
        page.wait_for_timeout(200)
        now = path.read_bytes()
        if now == seen and _whole_notebook(now):
            return now
        assert time.monotonic() < deadline, f"JupyterLab did not finish saving {path}"
        seen = now


def _whole_notebook(data: bytes) -> bool:
    """Whether ``data`` parses as a notebook's JSON (a file caught mid-write does not)."""
    try:
        return "cells" in json.loads(data)
    except ValueError:
        return False


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_a_freshly_opened_notebook_is_not_modified(notebook: str, browser: Any, server: Server, base: Path):
    """Does a notebook opened and left alone keep its tab unmodified, and does saving it change
    nothing on disk?"""
    on_disk = server.root / notebook
    as_written = on_disk.read_bytes()
    with open_notebook(browser, server, notebook, base, run_cells=False) as opened:
        page = opened.page
        shot = base / f"{Path(notebook).stem}-opened.png"
        dirty = _tab_turns_dirty(page, notebook)
        page.screenshot(path=str(shot))
        assert not dirty, f"{notebook} is marked modified before the learner did anything (see {shot})"
        saved = _save(page, on_disk)
    assert saved == as_written, f"saving an untouched {notebook} changed the file:\n{saved.decode()[-1500:]}"
