"""What the kernel benchmarks share: run code in a fresh kernel and read back its result.

The code runs in a real IPython kernel (the learner's side of the lab) and ends by printing
``RESULT`` followed by one line of JSON; that JSON is what comes back.
"""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def result_from_kernel(code: str) -> Any:
    """Run ``code`` in a new python3 kernel started in the project root; return its RESULT."""
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3", cwd=str(ROOT))
    try:
        out: list[str] = []
        client.execute_interactive(
            code,
            timeout=600,
            output_hook=lambda msg: out.append(_text_of(msg)),
        )
        text = "".join(out)
        if "RESULT" not in text:
            raise SystemExit(f"kernel benchmark failed:\n{text[-2000:]}")
        return json.loads(text.split("RESULT", 1)[1].strip().splitlines()[0])
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def _text_of(msg: dict[str, Any]) -> str:
    """What a kernel message printed: stream text, or the traceback of an error (colours removed)."""
    if msg["msg_type"] == "stream":
        return msg["content"].get("text", "")
    if msg["msg_type"] == "error":
        return re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(msg["content"].get("traceback", []))) + "\n"
    return ""


def percentiles(values: list[float]) -> tuple[float, float]:
    """(p50, p95) of ``values``."""
    ordered = sorted(values)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]
