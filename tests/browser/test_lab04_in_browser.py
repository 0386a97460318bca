"""Does lab 04 (KPI diagnosis, per-learner variants) run in JupyterLab and draw its charts offline?"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import LabPage, Server, open_notebook

pytestmark = [pytest.mark.slow, pytest.mark.browser]

KPI_LAB = "04_kpi_diagnosis"


@pytest.fixture(scope="module")
def kpi_lab(browser: Any, server: Server, base: Path) -> Iterator[LabPage]:
    with open_notebook(browser, server, f"{KPI_LAB}/{KPI_LAB}.ipynb", base) as opened:
        yield opened


def test_lab04_draws_its_charts_offline(kpi_lab: LabPage):
    """Are lab 04's charts drawn as SVG, each with a text summary, with nothing fetched off this machine?"""
    page = kpi_lab.page
    figures = page.locator("figure.decisionlab-chart")
    figures.first.wait_for(state="attached")
    drawn = 0
    for index in range(figures.count()):
        figure = figures.nth(index)
        svg = figure.locator("svg").first
        if svg.count() == 0:
            continue
        svg.scroll_into_view_if_needed()
        box = svg.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50, f"chart {index} box {box}"
        assert svg.locator("path, rect, line").count() > 0, f"chart {index} draws nothing"
        assert "Chart summary" in (figure.locator("figcaption").text_content() or "")
        drawn += 1
    assert drawn >= 2, f"{drawn} charts drawn{kpi_lab.blocked_note()}"
    page.screenshot(path=str(kpi_lab.folder / "lab04.png"), full_page=False)
    assert not kpi_lab.blocked, kpi_lab.blocked_note()


def test_lab04_shows_the_learners_variant_and_no_unexpected_error(kpi_lab: LabPage):
    """Does the lab say which variant the learner has, and do only unfinished exercises raise?"""
    page = kpi_lab.page
    status = page.locator(".decisionlab-info").first
    assert "variant" in (status.text_content() or ""), status.text_content()
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    unexpected = [t for t in errors.all_text_contents() if "NotImplementedError" not in t]
    assert not unexpected, "unexpected errors in the notebook:\n" + "\n".join(unexpected)
