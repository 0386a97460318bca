"""What a `decisionlab` command printed, as the command-line tests read it."""

from __future__ import annotations


def one_line_error(capsys) -> str:
    """The one line the command wrote to stderr; fails if it wrote more, or any traceback."""
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err + captured.out
    return lines[0]
