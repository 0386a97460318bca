"""Does lab 01 work for a learner in a real browser, with no network?

Everything here is real: ``decisionlab start`` prepares a workspace with the learner
version of the lab, JupyterLab serves it on localhost, Debian's Chromium (driven by
Playwright, never a browser of Playwright's own) opens the notebook, runs every cell and
clicks a decision panel.  Every request to a host other than this machine is blocked, so
the panels, the feedback and the charts must come from the local server and the kernel.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LAB_ID = "01_sourcing_models"
DECISION = "mexico_model"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
SERVER_START_TIMEOUT = 60  # seconds
RUN_ALL_TIMEOUT = 90_000  # milliseconds: a cold kernel imports pandas, Altair and vl-convert
UI_TIMEOUT = 30_000  # milliseconds
# Variables that would change the mode or the scenario the learner gets.
LEARNER_VARIABLES = ("DECISIONLAB_MODE", "DECISIONLAB_LEARNER", "JUPYTERHUB_USER")


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LEARNER_VARIABLES}
    env.update(extra)
    return env


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    token: str
    course: Path
    log: Path


@dataclass
class LabPage:
    page: object  # playwright.sync_api.Page
    blocked: list[str] = field(default_factory=list)

    def blocked_note(self) -> str:
        listed = "\n  ".join(self.blocked) or "none"
        return f"\nrequests to other hosts (blocked):\n  {listed}"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lab01-browser")


@pytest.fixture(scope="module")
def course(base: Path) -> Path:
    """A learner workspace made by `decisionlab start`, as a learner would make it."""
    folder = base / "course"
    done = subprocess.run(
        [sys.executable, "-m", "grader.cli", "start", str(folder), "--no-launch"],
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"decisionlab start failed:\n{done.stdout}\n{done.stderr}"
    assert (folder / LAB_ID / f"{LAB_ID}.ipynb").is_file()
    return folder


def _status_ok(url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    try:
        with opener.open(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@pytest.fixture(scope="module")
def server(base: Path, course: Path) -> Iterator[Server]:
    """JupyterLab on 127.0.0.1, a free port and a random token; stopped with its kernels."""
    port, token = _free_port(), secrets.token_hex(24)
    log = base / "jupyterlab.log"
    # The first-run "official Jupyter news?" toast is JupyterLab's, not the course's; it could
    # cover a control, so it is answered "never" in this server's own (temporary) settings.
    news = base / "jupyter-config/lab/user-settings/@jupyterlab/apputils-extension/notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = _clean_env(
        JUPYTER_CONFIG_DIR=str(base / "jupyter-config"),
        JUPYTER_RUNTIME_DIR=str(base / "jupyter-runtime"),
    )
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.token={token}",
        f"--ServerApp.root_dir={course}",
        "--ServerApp.open_browser=False",
    ]
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command,
            cwd=course,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the kernels are stopped with it
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _status_ok(f"{url}/api/status?token={token}"):
            if process.poll() is not None:
                pytest.fail(f"JupyterLab exited with {process.returncode}:\n{log.read_text()[-4000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer within {SERVER_START_TIMEOUT} s:\n{log.read_text()[-4000:]}")
            time.sleep(0.25)
        yield Server(url, token, course, log)
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            # the server is gone; make sure no kernel of its group is left behind
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue
        return


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: these tests use Debian's Chromium "
            "(apt-get install chromium), never a browser downloaded by Playwright"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def lab(browser, server: Server) -> Iterator[LabPage]:
    """The lab notebook open in JupyterLab, every cell run, no request off this machine."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(UI_TIMEOUT)
    page = context.new_page()
    opened = LabPage(page)

    def only_local(route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            opened.blocked.append(url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", only_local)
    try:
        page.goto(f"{server.url}/lab/tree/{LAB_ID}/{LAB_ID}.ipynb?token={server.token}")
        notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first
        notebook.locator(".jp-Cell").first.wait_for(state="visible", timeout=60_000)
        try:
            _wait_for_idle_kernel(page)
            _run_all(page)
            _wait_for_every_cell(page)
        except Exception:
            page.screenshot(path=str(server.log.parent / "run-all-failed.png"))
            prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_text_contents()
            indicator = page.locator(".jp-Notebook-ExecutionIndicator").evaluate_all(
                "els => els.map(e => e.outerHTML.slice(0, 300))"
            )
            print(f"prompts: {prompts}\nindicator: {indicator}\nlog:\n{server.log.read_text()[-3000:]}")
            raise
        yield opened
    finally:
        context.close()


def _wait_for_idle_kernel(page) -> None:
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)


def _run_all(page) -> None:
    page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item:not(.lm-mod-disabled)", has_text="Run All Cells").first.click()


def _wait_for_every_cell(page) -> None:
    """Every code cell shows an execution count, none is queued, and the kernel is idle."""
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=RUN_ALL_TIMEOUT,
    )
    _wait_for_idle_kernel(page)


def _mexico_panel(page, title: str):
    return page.locator(".decisionlab-panel").filter(
        has=page.locator("h4", has_text=re.compile(rf"^{re.escape(title)}\s*\("))
    )


def _answers(course: Path) -> dict:
    return json.loads((course / LAB_ID / f"{LAB_ID}.answers.json").read_text(encoding="utf-8"))


def test_every_cell_runs_and_draws_panels_and_a_chart(lab: LabPage, base: Path):
    """Does running every cell draw the decision panels and an offline chart, with no error?"""
    page = lab.page
    panels = page.locator(".decisionlab-panel")
    panels.first.wait_for(state="visible")
    assert panels.count() == 3, f"expected the three decision panels{lab.blocked_note()}"

    chart = page.locator("figure.decisionlab-chart svg").first
    chart.scroll_into_view_if_needed()
    chart.wait_for(state="visible")
    box = chart.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 50, f"chart too small: {box}{lab.blocked_note()}"
    assert chart.locator("path, rect").count() > 0, "the chart's SVG draws nothing"
    chart.screenshot(path=str(base / "lab01-chart.png"))

    # The only errors are the unfinished exercise and the cells that call it (tagged raises-exception).
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    tracebacks = [t for t in errors.all_text_contents() if "NotImplementedError" not in t]
    assert not tracebacks, "unexpected errors:\n" + "\n".join(tracebacks)


def test_clicking_a_choice_changes_the_feedback_and_saves_it(lab: LabPage, server: Server, base: Path):
    """Does clicking a choice change the feedback under the panel, and is the choice saved?"""
    from grader.catalog import scenarios_for

    page = lab.page
    pool = {s.id: s for s in scenarios_for(LAB_ID)}
    title = next(iter(pool.values())).decision(DECISION).title
    panel = _mexico_panel(page, title)
    assert panel.count() == 1, f"no single panel titled {title!r}{lab.blocked_note()}"
    panel.scroll_into_view_if_needed()
    choices = panel.locator(".widget-radio-box label")
    assert choices.count() >= 2, f"the radio group has {choices.count()} choices{lab.blocked_note()}"
    feedback = panel.locator("section.decisionlab-result")
    before = feedback.all_text_contents()

    seen = []
    for index in (0, 1):
        choice = choices.nth(index)
        label = (choice.text_content() or "").strip()
        choice.click()
        assert choice.locator("input[type='radio']").is_checked()
        previous = seen[-1] if seen else "".join(before)
        page.wait_for_function(
            """([panel, previous]) => {
                const s = panel.querySelector('section.decisionlab-result');
                return s !== null && s.textContent !== previous && /points/.test(s.querySelector('h4').textContent);
            }""",
            arg=[panel.element_handle(), previous],
            timeout=UI_TIMEOUT,
        )
        assert feedback.count() == 1
        heading = feedback.locator("h4").text_content()
        assert "points" in heading, heading
        text = feedback.text_content()
        assert text not in seen, f"feedback did not change after choosing {label!r}{lab.blocked_note()}"
        seen.append(text)

        option_id = _saved_option(server.course, pool, label)
        screenshot = base / "lab01.png"
        if index == 1:
            page.screenshot(path=str(screenshot))
            print(f"\nscreenshot: {screenshot}")
        answers = _answers(server.course)
        assert answers["choices"][answers["scenario"]][DECISION] == option_id


def _saved_option(course: Path, pool: dict, label: str, timeout: float = 10) -> str:
    """The id of the option labelled ``label``, once the answers file records it."""
    deadline = time.monotonic() + timeout
    while True:
        path = course / LAB_ID / f"{LAB_ID}.answers.json"
        if path.is_file():
            answers = _answers(course)
            scenario = pool[answers["scenario"]]
            option_id = next(o.id for o in scenario.decision(DECISION).options if o.label == label)
            if answers.get("choices", {}).get(answers["scenario"], {}).get(DECISION) == option_id:
                return option_id
        if time.monotonic() > deadline:
            saved = path.read_text() if path.is_file() else "no answers file"
            pytest.fail(f"the answers file does not record {label!r} for {DECISION}: {saved}")
        time.sleep(0.1)
