"""Can a learner carry all progress from one workspace to a fresh one, in a real browser?

Two workspaces made by ``decisionlab start`` (``root/a`` and ``root/b``) are served by one
JupyterLab.  In A a choice is made by clicking a decision panel of lab 01; A's course index
(``index.ipynb``, whose ``progress_panel(".")`` draws the download and restore controls)
then downloads the progress file with one click on "Download my progress" and one on the
link it shows.  B's index restores that file through its "Restore progress" upload, and
B's lab 01, reopened, shows the choice again.

Screenshots (``progress-download.png``, ``progress-restore.png``) and the downloaded file
are left in the module's temporary folder, whose path is printed (run with ``-s``).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .conftest import (
    LAB_ID,
    UI_TIMEOUT,
    Server,
    answers_file,
    decision_panel,
    make_workspace,
    open_notebook,
    read_json_when,
    recorded_choices,
    running_server,
)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

DECISION = "mexico_model"
PROGRESS_FORMAT = "decisionlab-progress"


@dataclass
class Choice:
    scenario: str
    option: str  # the option's id
    label: str  # the option's label, as the radio group shows it


@dataclass
class Workspaces:
    root: Path  # served by JupyterLab
    a: Path
    b: Path


@pytest.fixture(scope="module")
def workspaces(base: Path, fresh_workspace: Path) -> Workspaces:
    """Two fresh learner workspaces under one folder: A to work in, B to restore into."""
    root = base / "root"
    a, b = (make_workspace(root / name, fresh_workspace) for name in ("a", "b"))
    return Workspaces(root, a, b)


@pytest.fixture(scope="module")
def server(base: Path, workspaces: Workspaces) -> Iterator[Server]:
    """One JupyterLab serving both workspaces."""
    with running_server(workspaces.root, base) as running:
        yield running


def _mexico_panel(page: Any) -> Any:
    from grader.catalog import scenarios_for

    title = scenarios_for(LAB_ID)[0].decision(DECISION).title
    panel = decision_panel(page, title)
    assert panel.count() == 1, f"no single panel titled {title!r}"
    return panel


@pytest.fixture(scope="module")
def choice_in_a(browser: Any, server: Server, workspaces: Workspaces, base: Path) -> Choice:
    """In A, lab 01's second Mexico option is clicked, and A's answers file records it."""
    from grader.catalog import scenarios_for

    with open_notebook(browser, server, f"a/{LAB_ID}/{LAB_ID}.ipynb", base) as lab:
        panel = _mexico_panel(lab.page)
        panel.scroll_into_view_if_needed()
        option = panel.locator(".widget-radio-box label").nth(1)
        label = (option.text_content() or "").strip()
        option.click()
        assert option.locator("input[type='radio']").is_checked()

        pool = {s.id: s for s in scenarios_for(LAB_ID)}

        def records_label(data: dict) -> bool:
            scenario = pool.get(data.get("scenario", ""))
            if scenario is None:
                return False
            chosen = data.get("choices", {}).get(scenario.id, {}).get(DECISION)
            return any(o.id == chosen and o.label == label for o in scenario.decision(DECISION).options)

        saved = read_json_when(answers_file(workspaces.a), records_label)
        assert saved is not None, f"A's answers file does not record {label!r}{lab.blocked_note()}"
        return Choice(saved["scenario"], saved["choices"][saved["scenario"]][DECISION], label)


@pytest.fixture(scope="module")
def progress_file(
    browser: Any, server: Server, workspaces: Workspaces, base: Path, choice_in_a: Choice
) -> Path:
    """A's progress, downloaded from A's course index: the button, then the link it shows."""
    with open_notebook(browser, server, "a/index.ipynb", base) as index:
        page = index.page
        button = page.locator(".widget-button", has_text="Download my progress")
        button.wait_for(state="visible")
        button.click()
        link = page.locator("a[download]", has_text=re.compile(r"^Save decisionlab-progress-.*\.json$"))
        link.wait_for(state="visible", timeout=UI_TIMEOUT)
        href = link.get_attribute("href") or ""
        assert href.startswith("data:application/json;base64,"), f"the link's href starts {href[:60]!r}"
        page.screenshot(path=str(base / "progress-download.png"))

        with page.expect_download(timeout=UI_TIMEOUT) as downloading:
            link.click()
        download = downloading.value
        assert download.failure() is None, f"the download failed: {download.failure()}"
        name = download.suggested_filename
        assert re.fullmatch(r"decisionlab-progress-\d{8}-\d{4}\.json", name), name
        target = base / "downloads" / name
        download.save_as(target)
        # The link carries the same bytes the download saved.
        assert target.read_bytes() == base64.b64decode(href.split(",", 1)[1])
        print(f"\ndownloaded: {target}")
        return target


@pytest.fixture(scope="module")
def restore_status(
    browser: Any, server: Server, workspaces: Workspaces, base: Path, progress_file: Path
) -> str:
    """B's course index, given the downloaded file through "Restore progress"; its status text."""
    assert not any(recorded_choices(workspaces.b).values()), "workspace B is not fresh"
    with open_notebook(browser, server, "b/index.ipynb", base) as index:
        page = index.page
        upload = page.locator(".widget-upload", has_text="Restore progress")
        upload.wait_for(state="visible")
        # ipywidgets keeps the <input type=file> out of the button (and of the page): the
        # button opens the browser's file chooser, which is answered with the download.
        with page.expect_file_chooser(timeout=UI_TIMEOUT) as choosing:
            upload.click()
        choosing.value.set_files(str(progress_file))
        status = page.locator("[role='status']", has_text="Restored from")
        status.wait_for(state="visible", timeout=UI_TIMEOUT)
        page.screenshot(path=str(base / "progress-restore.png"))
        return status.inner_text()


def test_one_click_downloads_all_progress_and_a_fresh_workspace_restores_it(
    progress_file: Path, restore_status: str, workspaces: Workspaces, choice_in_a: Choice
):
    """Can a learner download all progress with one click and restore it in a fresh workspace?"""
    bundle = json.loads(progress_file.read_text(encoding="utf-8"))
    assert bundle["format"] == PROGRESS_FORMAT, bundle
    lab = bundle["labs"][LAB_ID]
    assert lab["choices"][choice_in_a.scenario][DECISION] == choice_in_a.option, lab

    assert progress_file.name in restore_status, restore_status
    assert re.search(rf"{LAB_ID}: restored [1-9]\d* choice\(s\)", restore_status), restore_status
    restored = read_json_when(answers_file(workspaces.b), lambda data: bool(data.get("choices")))
    assert restored is not None, f"B has no answers file after the restore:\n{restore_status}"
    assert restored["choices"][choice_in_a.scenario][DECISION] == choice_in_a.option, restored
    assert restored["scenario"] == choice_in_a.scenario, restored


def test_the_restored_choice_shows_when_the_lab_is_reopened(
    browser: Any, server: Server, workspaces: Workspaces, base: Path, restore_status: str, choice_in_a: Choice
):
    """Once restored, does lab 01 in the fresh workspace show the choice as checked?"""
    with open_notebook(browser, server, f"b/{LAB_ID}/{LAB_ID}.ipynb", base) as lab:
        panel = _mexico_panel(lab.page)
        panel.scroll_into_view_if_needed()
        checked = panel.locator(".widget-radio-box label").filter(has=lab.page.locator("input:checked"))
        assert checked.count() == 1, (
            f"{checked.count()} options checked after the restore{lab.blocked_note()}"
        )
        assert (checked.text_content() or "").strip() == choice_in_a.label
        assert panel.locator("section.decisionlab-result").count() == 1, "no feedback for the restored choice"
