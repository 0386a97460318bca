"""The JupyterLab a learner gets: the course, without instructor tools or news prompts.

nbgrader's lab extension adds instructor tools to every JupyterLab in the environment (the
Create Assignment panel, the Formgrader and course list in its menu), and JupyterLab asks on
a fresh start whether to fetch official Jupyter news.  Neither belongs in a learner's course.
Rather than change the environment (an instructor may run JupyterLab from it too), the
learner's server is started with one more configuration folder on ``JUPYTER_CONFIG_PATH``,
kept in the workspace:

``labconfig/page_config.json`` there disables nbgrader's instructor plugins (the learner's
own plugins, assignment list and validate, stay) and JupyterLab's announcements plugin, the
one that asks about news while its ``fetchNews`` setting is still unanswered.
``jupyter_server_config.json`` there turns off nbgrader's instructor server extensions
(formgrader and the course list): a learner's server has no use for them, and the formgrader
otherwise greets every start with "No nbgrader_config.py file found".

Binder's ``start`` script puts the same folder on the path.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

CONFIG_FOLDER = ".decisionlab/jupyter-config"
HIDDEN_PLUGINS = (
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:menu",
    "@jupyterlab/apputils-extension:announcements",
)
HIDDEN_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
)


def write_learner_config(workspace: Path) -> Path:
    """Write the learner's JupyterLab configuration into ``workspace``; returns its folder."""
    folder = workspace / CONFIG_FOLDER
    _write_json(
        folder / "labconfig" / "page_config.json", {"disabledExtensions": dict.fromkeys(HIDDEN_PLUGINS, True)}
    )
    _write_json(
        folder / "jupyter_server_config.json",
        {"ServerApp": {"jpserver_extensions": dict.fromkeys(HIDDEN_SERVER_EXTENSIONS, False)}},
    )
    return folder


def learner_environment(workspace: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's environment) with the learner's configuration first on the path."""
    env = dict(os.environ if base is None else base)
    folder = str(workspace / CONFIG_FOLDER)
    rest = [p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p and p != folder]
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join([folder, *rest])
    return env


def _write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=2, sort_keys=True) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
