"""Does lab 05's staffing explorer draw its charts in JupyterLab, and redraw them when a slider moves?

The explorer's charts are Vega specs that JupyterLab's bundled Vega renderer draws, offline;
their legends and summaries are HTML beside them.  A slider is moved with the keyboard, as
any learner can.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import UI_TIMEOUT, LabPage, Server, open_notebook

pytestmark = [pytest.mark.slow, pytest.mark.browser]

STAFFING_LAB = "05_roi_staffing"
DRAWINGS = ".jp-RenderedVega5 .vega-embed svg"
CAPTIONS = "figure.decisionlab-live-chart figcaption"


@pytest.fixture(scope="module")
def staffing_lab(browser: Any, server: Server, base: Path) -> Iterator[LabPage]:
    with open_notebook(browser, server, f"{STAFFING_LAB}/{STAFFING_LAB}.ipynb", base) as opened:
        yield opened


def _captions(explorer: Any) -> list[str]:
    return [text.strip() for text in explorer.locator(CAPTIONS).all_text_contents()]


def test_the_explorer_draws_both_charts_and_redraws_them_on_a_slider(staffing_lab: LabPage):
    """Are the staffing and ROI charts drawn by JupyterLab, and redrawn after a slider moves?"""
    page = staffing_lab.page
    explorer = page.locator(".decisionlab-explorer")
    explorer.scroll_into_view_if_needed()
    page.wait_for_function(
        f"el => el.querySelectorAll('{DRAWINGS}').length === 2",
        arg=explorer.element_handle(),
        timeout=UI_TIMEOUT,
    )
    for index in range(2):
        drawing = explorer.locator(DRAWINGS).nth(index)
        drawing.scroll_into_view_if_needed()
        box = drawing.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50, f"chart {index} box {box}"
        assert drawing.locator(".mark-line path").count() >= 1, f"chart {index} draws no line"
    before = _captions(explorer)
    assert len(before) == 2 and all(c.startswith("Chart summary:") for c in before), before

    handle = explorer.locator(".widget-slider .noUi-handle").first  # the handle-time slider
    handle.scroll_into_view_if_needed()
    handle.focus()
    page.keyboard.press("ArrowRight")
    # The outputs are replaced, not edited: read the captions afresh until both have changed.
    page.wait_for_function(
        """([el, before]) => {
            const now = [...el.querySelectorAll('figure.decisionlab-live-chart figcaption')]
                .map(c => c.textContent.trim());
            return now.length === 2 && now[0] !== before[0] && now[1] !== before[1];
        }""",
        arg=[explorer.element_handle(), before],
        timeout=UI_TIMEOUT,
    )
    page.wait_for_function(
        f"el => el.querySelectorAll('{DRAWINGS}').length === 2",
        arg=explorer.element_handle(),
        timeout=UI_TIMEOUT,
    )
    assert explorer.locator("mjx-container, .MathJax").count() == 0, "math typeset in the explorer"
    explorer.screenshot(path=str(staffing_lab.folder / "lab05-explorer.png"))
    assert not staffing_lab.blocked, staffing_lab.blocked_note()
