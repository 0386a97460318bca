"""Do the cohort report and a learner's feedback open offline in Chromium, with everything drawn?

A small demo cohort (strong, weak and malformed learners; labs 00 and 01;
``tests/fixtures/demo_cohort.py``) is graded by `decisionlab grade` (once per test run, shared
with other modules), then `nbgrader generate_feedback` and `decisionlab report` write their
HTML files.  Each file is opened from disk (file://) with every other request blocked: the
test fails if any request leaves file://, if the page logs an error, or if a chart is not
drawn.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from grader.cli import main
from tests.fixtures.demo_cohort import LABS, copy_course

pytestmark = [pytest.mark.slow, pytest.mark.browser]
STRONG = "learner-001"


@dataclass
class OfflinePage:
    page: Any
    left_the_machine: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory, graded_demo_cohort) -> Path:
    """A copy of the graded demo cohort, with its feedback generated and its report written."""
    assert graded_demo_cohort.exit_code == 0, graded_demo_cohort.output
    course = copy_course(graded_demo_cohort.course, tmp_path_factory.mktemp("report-offline") / "course")
    feedback = subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_feedback", "--student", STRONG, "--assignment", LABS[1]],
        cwd=course,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert feedback.returncode == 0, feedback.stderr[-3000:]
    assert main(["report", str(course), "-o", str(course / "report.html")]) == 0
    return course


@contextmanager
def offline_page(browser: Any, path: Path) -> Iterator[OfflinePage]:
    """``path`` open in Chromium from disk; every request that is not file:// is blocked and noted."""
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    opened = OfflinePage(page)

    def only_files(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            opened.left_the_machine.append(route.request.url)
            route.abort()

    page.route("**/*", only_files)
    page.on(
        "console", lambda message: opened.errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    try:
        page.goto(path.as_uri(), wait_until="load")
        yield opened
    finally:
        context.close()


DRAWN = """figures => figures.map(f => {
    const svg = f.querySelector('svg');
    const box = svg ? svg.getBoundingClientRect() : null;
    return {marks: svg ? svg.querySelectorAll('path, rect, line').length : 0,
            width: box ? box.width : 0, height: box ? box.height : 0};
})"""


def test_the_report_opens_offline_with_every_chart_drawn(graded_course, browser):
    """Does the report load nothing from the network, log no error, and draw every chart?"""
    with offline_page(browser, graded_course / "report.html") as opened:
        page = opened.page
        figures = page.eval_on_selector_all(".report-section figure.chart", DRAWN)
        assert len(figures) >= 5  # scores, decisions, mistakes, lab 01's outcomes, learners
        assert all(f["marks"] > 0 and f["width"] > 100 and f["height"] > 20 for f in figures), figures
        summaries = page.locator(".report-section .summary").all_inner_texts()
        assert len(summaries) == page.locator(".report-section").count()
        assert all(len(text.strip()) > len("In words") for text in summaries)
        assert page.locator("h2", has_text="Learners who may need help").is_visible()
        assert opened.left_the_machine == []
        assert opened.errors == []


def test_feedback_opens_offline_with_its_decision_feedback_and_charts(graded_course, browser):
    """Does a learner's feedback load nothing from the network, show each decision's feedback and
    principle, draw its charts, and keep dollar amounts as text?"""
    feedback = graded_course / "feedback" / STRONG / LABS[1] / f"{LABS[1]}.html"
    with offline_page(browser, feedback) as opened:
        page = opened.page
        results = page.locator(".decisionlab-result")
        assert results.count() == 3  # the lab's three decisions
        assert results.first.is_visible()
        assert "Principle:" in results.first.inner_text()
        charts = page.eval_on_selector_all("figure.decisionlab-chart", DRAWN)
        assert charts and all(c["marks"] > 0 and c["width"] > 100 for c in charts), charts
        assert page.locator("mjx-container, .MathJax").count() == 0
        assert "$" in page.locator("body").inner_text()
        assert opened.left_the_machine == []
        assert opened.errors == []
