"""Shared pieces of the browser tests: a workspace, a JupyterLab server, Chromium, a notebook.

Everything is real: ``decisionlab start``'s own code prepares a learner workspace (once per
session, from the session's learner versions; each module gets a copy), JupyterLab serves it
on 127.0.0.1 (a free port, a random token), and Debian's Chromium, driven by Playwright
(never a browser of Playwright's own), opens notebooks and runs their cells from the Run
menu.  Every request to another host is blocked.

Each test module gets its own temporary folder (its path is printed; run with ``-s``), its
own workspace and its own server, so that the choices one module makes never reach another.
One Chromium serves the whole session.  A module that needs another layout (two
workspaces, say) overrides ``course`` or ``server`` with the functions below.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from grader.workspace.learner_jupyter import learner_environment, write_learner_config

LAB_ID = "01_sourcing_models"
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
SERVER_START_TIMEOUT = 60  # s
KERNEL_READY_TIMEOUT = 60_000  # ms
RUN_ALL_TIMEOUT = 90_000  # ms: a cold kernel imports pandas, Altair and vl-convert
UI_TIMEOUT = 30_000  # ms
# Variables that would change the mode or the scenario the learner gets.
LEARNER_VARIABLES = ("DECISIONLAB_MODE", "DECISIONLAB_LEARNER", "JUPYTERHUB_USER")


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LEARNER_VARIABLES}
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    token: str
    root: Path  # the folder the server serves
    log: Path

    @property
    def course(self) -> Path:
        """The workspace, for servers whose root is one workspace."""
        return self.root


@dataclass
class LabPage:
    page: Any  # playwright.sync_api.Page
    folder: Path
    blocked: list[str] = field(default_factory=list)

    def blocked_note(self) -> str:
        """For assertion messages: what the page asked of other hosts (all blocked)."""
        listed = "\n  ".join(self.blocked) or "none"
        return f"\nrequests to other hosts (all blocked):\n  {listed}"


# --- the workspace and the server ------------------------------------------------------


def make_workspace(folder: Path, fresh_workspace: Path) -> Path:
    """A copy of ``fresh_workspace`` (the fixture) in ``folder``: what `decisionlab start` gives a learner."""
    shutil.copytree(fresh_workspace, folder)
    assert (folder / LAB_ID / f"{LAB_ID}.ipynb").is_file()
    assert (folder / "index.ipynb").is_file()
    return folder


def answers_file(course: Path) -> Path:
    return course / LAB_ID / f"{LAB_ID}.answers.json"


def recorded_choices(course: Path) -> dict:
    """Lab 01's recorded choices in ``course``, scenario by scenario ({} without a file)."""
    path = answers_file(course)
    return json.loads(path.read_text(encoding="utf-8")).get("choices", {}) if path.is_file() else {}


def _answers_ok(url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    try:
        with opener.open(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def running_server(root: Path, base: Path) -> Iterator[Server]:
    """JupyterLab serving ``root`` on 127.0.0.1, a free port and a random token; stopped at the end."""
    port, token = free_port(), secrets.token_hex(24)
    config, log = base / "jupyter-config", base / "jupyterlab.log"
    config.mkdir(parents=True, exist_ok=True)
    # The server a learner gets: the workspace's own JupyterLab configuration (no instructor
    # tools, no news prompt) first on the path, as `decisionlab start` and Binder start it.
    # The user's config and runtime files go to the temporary folder; the data dir stays the
    # default so that the installed lab extensions (ipywidgets' manager) are found.
    write_learner_config(root)
    env = learner_environment(
        root, clean_env(JUPYTER_CONFIG_DIR=str(config), JUPYTER_RUNTIME_DIR=str(base / "jupyter-runtime"))
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
        f"--ServerApp.root_dir={root}",
        "--ServerApp.open_browser=False",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _answers_ok(f"{url}/api/status?token={token}"):
            if process.poll() is not None:
                pytest.fail(f"JupyterLab exited with {process.returncode}:\n{log.read_text()[-4000:]}")
            if time.monotonic() > deadline:
                pytest.fail(
                    f"JupyterLab did not answer in {SERVER_START_TIMEOUT} s:\n{log.read_text()[-4000:]}"
                )
            time.sleep(0.25)
        yield Server(url, token, root, log)
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to the server's process group (it shuts its kernels down), SIGKILL if it hangs.

    Kernels run in sessions of their own; ipykernel also exits when its parent server dies.
    """
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def base(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This module's temporary folder: workspaces, screenshots, the server's log."""
    name = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    folder = tmp_path_factory.mktemp(name.replace("_", "-"))
    print(f"\nbrowser test folder: {folder}")
    return folder


@pytest.fixture(scope="session")
def fresh_workspace(tmp_path_factory: pytest.TempPathFactory, generated_course: Any) -> Path:
    """A learner workspace made by `decisionlab start --no-launch` from the session's learner versions.

    Read only: modules work in copies (``make_workspace``).
    """
    from grader.cli import main

    folder = tmp_path_factory.mktemp("fresh-workspace") / "course"
    with generated_course.instead_of_generating():
        assert main(["start", str(folder), "--no-launch"]) == 0
    return folder


@pytest.fixture(scope="module")
def course(base: Path, fresh_workspace: Path) -> Path:
    """This module's learner workspace, as `decisionlab start` makes it."""
    return make_workspace(base / "course", fresh_workspace)


@pytest.fixture(scope="module")
def server(base: Path, course: Path) -> Iterator[Server]:
    """JupyterLab serving the workspace."""
    with running_server(course, base) as running:
        yield running


# --- the browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: these tests drive Debian's Chromium (apt-get install chromium); "
            "they never use a browser downloaded by `playwright install`"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


_pages = count(1)


@contextmanager
def open_notebook(
    browser: Any, server: Server, notebook: str, folder: Path, run_cells: bool = True
) -> Iterator[LabPage]:
    """``notebook`` (a path under the server's root) open in JupyterLab with every cell run
    (``run_cells=False``: as a learner first sees it, its kernel started and idle, nothing run).

    A page of its own in a context of its own, and a JupyterLab workspace of its own: the
    server remembers which documents each workspace had open, and a page opened in a shared
    workspace would reopen the notebooks of earlier pages beside this one.  Nothing is
    fetched off this machine.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(UI_TIMEOUT)
    page = context.new_page()
    opened = LabPage(page, folder)

    def only_local(route: Any) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            opened.blocked.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", only_local)
    try:
        workspace = f"{re.sub(r'[^A-Za-z0-9]+', '-', notebook)}-{next(_pages)}"
        page.goto(f"{server.url}/lab/workspaces/{workspace}/tree/{quote(notebook)}?token={server.token}")
        try:
            page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=KERNEL_READY_TIMEOUT)
            wait_for_idle_kernel(page)
            if run_cells:
                run_all(page)
                wait_for_every_cell(page)
        except Exception:
            page.screenshot(path=str(folder / ("run-all-failed.png" if run_cells else "open-failed.png")))
            prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_text_contents()
            status = page.locator("#jp-main-statusbar").text_content()
            print(f"prompts: {prompts}\nstatus bar: {status}{opened.blocked_note()}")
            print(f"server log (end):\n{server.log.read_text()[-3000:]}")
            raise
        yield opened
    finally:
        print(f"\n{notebook}: requests to other hosts, blocked: {opened.blocked or 'none'}")
        context.close()


@pytest.fixture(scope="module")
def lab(browser: Any, server: Server, base: Path) -> Iterator[LabPage]:
    """Lab 01 open in JupyterLab with every cell run; nothing fetched off this machine."""
    with open_notebook(browser, server, f"{LAB_ID}/{LAB_ID}.ipynb", base) as opened:
        yield opened


def wait_for_idle_kernel(page: Any) -> None:
    """The kernel is started, connected and idle, as the status bar says.

    The toolbar's execution indicator says "idle" for a moment before any kernel exists,
    and cells run then are dropped, so the status bar text is what counts.
    """
    page.wait_for_function(
        """() => [...document.querySelectorAll('#jp-main-statusbar .jp-StatusBar-TextItem')]
            .map(item => item.textContent.trim())
            .some(text => / \\| Idle$/.test(text) && !text.startsWith('No Kernel'))""",
        timeout=KERNEL_READY_TIMEOUT,
    )


def run_all(page: Any) -> None:
    """Run → Run All Cells, as a learner would, and see that the cells start running."""
    page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    label = page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$"))
    page.locator(".lm-Menu-item:not(.lm-mod-disabled)").filter(has=label).click()
    page.wait_for_function(
        """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
            .some(prompt => /\\[(\\*|\\d+)\\]/.test(prompt.textContent))""",
        timeout=UI_TIMEOUT,
    )


def wait_for_every_cell(page: Any) -> None:
    """Every code cell shows an execution count (none queued) and the kernel is idle again."""
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=RUN_ALL_TIMEOUT,
    )
    wait_for_idle_kernel(page)


def decision_panel(page: Any, title: str) -> Any:
    """The one decision panel whose heading is ``title`` (followed by its points)."""
    heading = page.locator("h4", has_text=re.compile(rf"^{re.escape(title)}\s*\("))
    return page.locator(".decisionlab-panel").filter(has=heading)


def read_json_when(path: Path, check: Any, timeout: float = 10) -> dict | None:
    """``path``'s JSON once ``check(data)`` is true, or None after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                data = None  # caught mid-write: read again
            if data is not None and check(data):
                return data
        if time.monotonic() > deadline:
            return None
        time.sleep(0.1)
