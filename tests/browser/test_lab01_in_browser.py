"""Does lab 01 work for a learner in a real browser, with no network?

Everything here is real: ``decisionlab start`` prepares a workspace with the learner
version of the lab, JupyterLab serves it on 127.0.0.1, and Debian's Chromium, driven by
Playwright (never a browser of Playwright's own), opens the notebook, runs every cell from
the Run menu and clicks a decision panel.  Every request to another host is blocked, so
the panels, the feedback and the chart must come from the local server and the kernel.

Screenshots (``lab01.png``, ``lab01-chart.png``) and the server's log are left in the
test's temporary folder, whose path is printed (run with ``-s`` to see it).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from .conftest import LAB_ID, UI_TIMEOUT, LabPage, Server, answers_file, decision_panel

pytestmark = [pytest.mark.slow, pytest.mark.browser]

DECISION = "mexico_model"
MAP = "queue_mapping"


# --- helpers ------------------------------------------------------------------------------


def _notebook_sources(course: Path) -> list[str]:
    notebook = json.loads((course / LAB_ID / f"{LAB_ID}.ipynb").read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]


def _saved_option(course: Path, label: str, timeout: float = 10) -> str:
    """The id of the option labelled ``label``, once the answers file records it as the choice."""
    from grader.catalog import scenarios_for

    pool = {s.id: s for s in scenarios_for(LAB_ID)}
    path = answers_file(course)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file():
            answers = json.loads(path.read_text(encoding="utf-8"))
            scenario = pool[answers["scenario"]]
            option_id = next((o.id for o in scenario.decision(DECISION).options if o.label == label), None)
            assert option_id is not None, f"no option labelled {label!r} in scenario {scenario.id}"
            if answers.get("choices", {}).get(scenario.id, {}).get(DECISION) == option_id:
                return option_id
        time.sleep(0.1)
    saved = path.read_text(encoding="utf-8") if path.is_file() else "no answers file"
    pytest.fail(f"{path.name} does not record {label!r} for {DECISION}:\n{saved}")


# --- the tests ----------------------------------------------------------------------------


def test_running_every_cell_draws_the_panels_and_a_chart(lab: LabPage, server: Server):
    """Does running every cell draw every decision panel and an offline chart, with no error?"""
    page = lab.page
    expected = sum("lab.decide(" in source for source in _notebook_sources(server.course))
    panels = page.locator(".decisionlab-panel")
    panels.first.wait_for(state="visible")
    assert expected >= 1 and panels.count() == expected, (
        f"{panels.count()} decision panels drawn, {expected} expected{lab.blocked_note()}"
    )

    chart = page.locator("figure.decisionlab-chart svg").first
    chart.scroll_into_view_if_needed()
    chart.wait_for(state="visible")
    box = chart.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 50, f"chart box {box}{lab.blocked_note()}"
    assert chart.locator("path, rect").count() > 0, f"the chart's SVG draws nothing{lab.blocked_note()}"
    chart.screenshot(path=str(lab.folder / "lab01-chart.png"))

    # Only the test cell of the unfinished exercise may fail (tagged raises-exception).
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    unexpected = [text for text in errors.all_text_contents() if "NotImplementedError" not in text]
    assert not unexpected, "unexpected errors in the notebook:\n" + "\n".join(unexpected)


def test_clicking_a_choice_changes_the_feedback_and_saves_it(lab: LabPage, server: Server):
    """Does clicking a choice change the feedback under its panel, and is the choice saved?"""
    from grader.catalog import scenarios_for

    page = lab.page
    title = scenarios_for(LAB_ID)[0].decision(DECISION).title
    panel = decision_panel(page, title)
    assert panel.count() == 1, f"no single panel titled {title!r}{lab.blocked_note()}"
    panel.scroll_into_view_if_needed()
    choices = panel.locator(".widget-radio-box label")
    assert choices.count() >= 2, f"the radio group has {choices.count()} choices{lab.blocked_note()}"
    feedback = panel.locator("section.decisionlab-result")

    shown = ["".join(feedback.all_text_contents())]  # before any click: no feedback
    for index in (0, 1):
        choice = choices.nth(index)
        label = (choice.text_content() or "").strip()
        choice.click()
        assert choice.locator("input[type='radio']").is_checked()
        page.wait_for_function(
            """([panel, previous]) => {
                const result = panel.querySelector('section.decisionlab-result');
                return result !== null && result.textContent !== previous
                    && /points/.test(result.querySelector('h4').textContent);
            }""",
            arg=[panel.element_handle(), shown[-1]],
            timeout=UI_TIMEOUT,
        )
        assert feedback.count() == 1
        assert "points" in (feedback.locator("h4").text_content() or "")
        text = feedback.text_content() or ""
        assert text not in shown, f"the feedback did not change after choosing {label!r}"
        shown.append(text)

        option_id = _saved_option(server.course, label)
        answers = json.loads(answers_file(server.course).read_text(encoding="utf-8"))
        assert answers["choices"][answers["scenario"]][DECISION] == option_id

    screenshot = lab.folder / "lab01.png"
    page.screenshot(path=str(screenshot))
    print(f"\nscreenshot: {screenshot}")


def test_changing_a_queue_draws_the_quarter_chart_in_the_browser(lab: LabPage):
    """After a queue's menu changes, does the view show JupyterLab's Vega drawing and the summary, no math?"""
    from grader.catalog import scenarios_for

    page = lab.page
    decision = scenarios_for(LAB_ID)[0].decision(MAP)
    panel = decision_panel(page, decision.title)
    assert panel.count() == 1, f"no single panel titled {decision.title!r}{lab.blocked_note()}"
    summary = panel.locator("figure.decisionlab-live-chart figcaption")
    summary.wait_for(state="attached")
    assert "0 of" in (summary.text_content() or ""), "before any change, no queue should be placed"
    blocked_before = len(lab.blocked)

    menu = panel.locator("select").first
    menu.scroll_into_view_if_needed()
    menu.select_option(label=decision.categories[-1].label)
    # The view's outputs are replaced, not edited: look the summary up afresh each time.
    page.wait_for_function(
        """panel => /^Chart summary: 1 of /.test(
            panel.querySelector('figure.decisionlab-live-chart figcaption')?.textContent.trim() ?? '')""",
        arg=panel.element_handle(),
        timeout=UI_TIMEOUT,
    )
    # The drawing: Vega's own SVG in JupyterLab's Vega 5 renderer, beside the summary.
    drawing = panel.locator(".jp-RenderedVega5 .vega-embed svg").first
    drawing.wait_for(state="visible", timeout=UI_TIMEOUT)
    drawing.scroll_into_view_if_needed()
    box = drawing.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 50, f"chart box {box}{lab.blocked_note()}"
    assert drawing.locator("path.mark-line, .mark-line path").count() >= 2, "the two plans' lines are missing"
    assert "Cost per resolved contact" in (panel.locator(".decisionlab-chart-title").text_content() or "")
    assert panel.locator(".decisionlab-consequences table").count() == 1
    math = panel.locator("mjx-container, .MathJax")
    assert math.count() == 0, f"math typeset in the view: {math.all_inner_texts()}"
    assert len(lab.blocked) == blocked_before, lab.blocked_note()
    drawing.screenshot(path=str(lab.folder / "lab01-live-chart.png"))
