"""Reading an answers file: the one reader behind the learner's session and the grader.

A learner's kernel and ``nbgrader autograde`` both read files they did not write
themselves (copied, hand-edited, forged), so reading never raises for what is in the file:
it returns the usable answers and says in sentences what could not be used.  The size cap
applies while reading, so a huge file (or a link to an endless one) costs no more than the
cap.
"""

from __future__ import annotations

import json
from pathlib import Path

from grader.answers.format import Answers, LoadReport, parse_answers

# A real answers file holds a few kilobytes of choices; anything near this is not one.
MAX_BYTES = 1_000_000


def read_answers(path: Path, lab_id: str, max_bytes: int = MAX_BYTES) -> LoadReport:
    """The answers in ``path`` and what was wrong with it.

    ``missing`` is set when there is no file; ``unreadable`` says why a file that exists
    gave nothing at all (too large, not UTF-8, not JSON, or the system refused to read it).
    Entries that cannot be used are reported in ``warnings`` and the rest kept.
    """
    report = LoadReport(Answers(lab=lab_id))
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        report.missing = True
        return report
    except OSError as error:
        return _unreadable(report, path, error.strerror or type(error).__name__)
    if len(raw) > max_bytes:
        report.unreadable = f"larger than {max_bytes} bytes"
        report.warnings.append(f"{path.name} is larger than {max_bytes} bytes and was not read")
        return report
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return _unreadable(report, path, "not UTF-8 text")
    except json.JSONDecodeError as error:
        return _unreadable(report, path, f"not valid JSON: {error.msg} at line {error.lineno}")
    except RecursionError:  # "[[[[...": valid-looking JSON nested deeper than Python parses
        return _unreadable(report, path, "nested too deeply to be an answers file")
    return parse_answers(data, lab_id, path.name)


def _unreadable(report: LoadReport, path: Path, reason: str) -> LoadReport:
    report.unreadable = reason
    report.warnings.append(f"{path.name} could not be read ({reason})")
    return report
