"""Does every lab, run top to bottom in a learner's JupyterLab, show only what a learner should see?

For each lab in the course, in Chromium, after Run All Cells:

* no output is typeset as math (JupyterLab reads ``$...$`` as TeX, so two dollar amounts in
  one sentence would come out as italic symbols);
* no output is a raw Python traceback (an unfinished exercise says in one line what to do);
* JupyterLab does not ask about official Jupyter news;
* nbgrader's instructor tools (the Create Assignment panel, the Nbgrader menu with the
  Formgrader) are not in the learner's JupyterLab;
* no table shows pandas' row numbers (0, 1, 2...) beside its own columns.

On the course index, every label of the progress panel shows whole at JupyterLab's default
notebook width, none cut off with an ellipsis.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from grader.paths import lab_ids
from tests.browser.conftest import open_notebook

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _typeset_math(page: Any) -> list[str]:
    """Text of output or widget elements that MathJax typeset."""
    return page.eval_on_selector_all(
        ".jp-OutputArea-output mjx-container, .jp-OutputArea-output .MathJax, .widget-html mjx-container",
        "nodes => nodes.map(n => (n.closest('.jp-OutputArea-output') || n).innerText.slice(0, 200))",
    )


def _tables_with_row_numbers(page: Any) -> list[str]:
    """The first row of each output table whose rows are headed by bare numbers in an unnamed
    column: pandas' row numbers, which mean nothing to a learner (a named index, such as the
    weeks of a pivot, says what its numbers are in the header and is kept)."""
    return page.eval_on_selector_all(
        ".jp-OutputArea-output table",
        """tables => tables.filter(table => {
            const text = cell => (cell ? cell.textContent : '').trim();
            const heads = [...table.querySelectorAll('tbody tr > th:first-child')].map(text);
            const corners = [...table.querySelectorAll('thead tr')].map(row => text(row.cells[0]));
            return heads.length > 0 && heads.every(h => /^\\d+$/.test(h)) && corners.every(c => c === '');
        }).map(table => (table.querySelector('tbody tr') || table).innerText.slice(0, 200))""",
    )


def _cut_off_labels(page: Any) -> list[str]:
    """Text of widget elements in outputs whose content is wider than the element (cut off)."""
    return page.eval_on_selector_all(
        ".jp-OutputArea-output .jupyter-widgets *",
        """nodes => nodes.filter(n => n.innerText && n.innerText.trim() && n.scrollWidth > n.clientWidth + 1
                && getComputedStyle(n).overflowX !== 'visible')
            .map(n => `${n.className}: ${n.innerText.trim().slice(0, 80)}`)""",
    )


def _tracebacks(page: Any) -> list[str]:
    """Error outputs that show a Python traceback (frames), not a one-line message."""
    texts = page.locator(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
    ).all_inner_texts()
    return [t[:300] for t in texts if "Traceback" in t or re.search(r"File .*, line \d+", t)]


@pytest.mark.parametrize("lab_id", lab_ids())
def test_a_lab_shows_no_math_no_traceback_no_news_no_instructor_tools(lab_id, browser, server, base):
    """Does the lab run with money as text, one-line messages, no news prompt and no instructor tools?"""
    folder = base / lab_id
    folder.mkdir(exist_ok=True)
    with open_notebook(browser, server, f"{lab_id}/{lab_id}.ipynb", folder) as opened:
        page = opened.page
        page.wait_for_timeout(1500)  # JupyterLab shows its start-up notifications after restoring
        shot = folder / "after-run-all.png"
        page.screenshot(path=str(shot), full_page=False)
        # The opening note and the first table, to look at (run with -s for the folder).
        to_look_at = {".decisionlab-info": "opening-note.png", ".jp-OutputArea-output table": "table.png"}
        for selector, name in to_look_at.items():
            first = page.locator(selector).first
            if first.count():
                first.scroll_into_view_if_needed()
                first.screenshot(path=str(folder / name))
        assert _typeset_math(page) == [], f"math typeset in outputs of {lab_id} (see {shot})"
        assert _tracebacks(page) == [], f"raw tracebacks in {lab_id} (see {shot})"
        toasts = page.locator(".jp-Notification-Toast, .Toastify__toast").all_inner_texts()
        assert not [t for t in toasts if "news" in t.lower()], toasts
        menus = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel").all_inner_texts()
        assert "Nbgrader" not in menus, menus
        assert page.locator("[title='Create Assignment'], #create_assignment_widget").count() == 0
        numbered = _tables_with_row_numbers(page)
        assert numbered == [], f"tables with pandas' row numbers in {lab_id} (see {shot}): {numbered}"


def test_the_course_index_shows_every_progress_label_whole(browser, server, base):
    """Are the progress panel's buttons and box labelled in full, none cut off, and does
    "Download my progress" take only the width its label needs?"""
    folder = base / "index"
    folder.mkdir(exist_ok=True)
    with open_notebook(browser, server, "index.ipynb", folder) as opened:
        page = opened.page
        download = page.locator(".widget-button", has_text="Download my progress")
        download.wait_for(state="visible")
        panel = page.locator(".jp-OutputArea-output").filter(has=download)
        panel.scroll_into_view_if_needed()
        shot = folder / "progress-panel.png"
        panel.screenshot(path=str(shot))
        for label in ("Download my progress", "Restore progress", "Also replace choices"):
            assert panel.get_by_text(label).count() >= 1, f"no control labelled {label!r} (see {shot})"
        assert _cut_off_labels(page) == [], f"labels cut off on the course index (see {shot})"
        button, area = download.bounding_box(), panel.bounding_box()
        assert button is not None and area is not None
        assert button["width"] < area["width"] / 2, f"the download button spans the panel (see {shot})"


def test_the_learners_server_loads_no_instructor_extension(server):
    """Does the learner's JupyterLab server leave nbgrader's formgrader and course list unloaded,
    so its start shows no "No nbgrader_config.py file found" warning, while the learner's own
    assignment list and validate stay?"""
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert "validate_assignment | extension was successfully loaded" in log, log[-3000:]
    assert "formgrader | extension was successfully loaded" not in log, log[-3000:]
    assert "course_list | extension was successfully loaded" not in log, log[-3000:]
    assert "No nbgrader_config.py file found" not in log, log[-3000:]
