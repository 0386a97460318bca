"""The notebook metadata a learner's kernel reports, written into the workspace beforehand.

When JupyterLab opens a notebook and its kernel starts, it copies the kernel's description
into the notebook's metadata: ``kernelspec`` (name, display name, language) and
``language_info`` (the kernel's ``kernel_info`` reply: Python's version, CodeMirror mode,
lexer...).  Whatever differs from the file marks the notebook modified before the learner
has touched it: closing it asks to save, and JupyterLab's autosave rewrites it, after which a
workspace refresh takes it for the learner's own changed copy.  nbgrader releases notebooks
with the source's ``language_info`` (only its name, since the sources must not carry one
machine's Python version), so the workspace writes both, as the kernel will report them.

The kernel is the one JupyterLab starts for the notebook's kernelspec.  Its interpreter is
asked what ipykernel will report (ipykernel declares ``language_info`` as a class attribute,
so no kernel is started); jupyter_client runs a kernelspec's bare ``python`` as the server's
own interpreter, which is the one running ``decisionlab start``.  A kernel that cannot be
asked leaves the notebooks as nbgrader wrote them: the only cost is the modified mark.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

KERNEL_NAME = "python3"
ASK_TIMEOUT = 60  # s: a cold interpreter imports ipykernel and IPython
_REPORT = "import json; from ipykernel.ipkernel import IPythonKernel as K; print(json.dumps(K.language_info))"
# The names jupyter_client replaces with its own interpreter (KernelManager.format_kernel_cmd).
_OWN_PYTHON = {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info[:2])}

KernelMetadata = dict[str, dict[str, Any]]  # {"kernelspec": ..., "language_info": ...}


def kernel_metadata(kernel_name: str = KERNEL_NAME) -> KernelMetadata | None:
    """What JupyterLab will write into a notebook using ``kernel_name``, or None if unknown."""
    try:
        spec = KernelSpecManager().get_kernel_spec(kernel_name)
    except NoSuchKernel:
        return None
    language_info = _reported_language_info(_interpreter(spec.argv))
    if language_info is None:
        return None
    kernelspec = {"name": kernel_name, "display_name": spec.display_name, "language": spec.language}
    return {"kernelspec": kernelspec, "language_info": language_info}


def with_kernel_metadata(notebook: nbformat.NotebookNode, metadata: KernelMetadata) -> nbformat.NotebookNode:
    """``notebook`` with ``metadata`` in place of its kernel description; cells are left alone
    (nbgrader's checksums cover cells only)."""
    for key, value in metadata.items():
        notebook.metadata[key] = nbformat.from_dict(value)
    return notebook


def write_kernel_metadata(path: Path, metadata: KernelMetadata) -> None:
    """Rewrite the notebook at ``path`` with ``metadata``, as JupyterLab would save it."""
    notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    nbformat.write(with_kernel_metadata(notebook, metadata), path)


def _interpreter(argv: list[str]) -> str:
    """The program a kernelspec's command starts, as jupyter_client resolves it."""
    if not argv or argv[0] in _OWN_PYTHON:
        return sys.executable
    return argv[0]


def _reported_language_info(interpreter: str) -> dict[str, Any] | None:
    try:
        done = subprocess.run(
            [interpreter, "-c", _REPORT],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=ASK_TIMEOUT,
            check=True,
        )
        reported = json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError):  # not a Python with ipykernel
        return None
    return reported if isinstance(reported, dict) else None
