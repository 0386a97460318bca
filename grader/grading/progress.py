"""The progress bar of a grading batch: notebooks done, failed and left, with tqdm's estimate."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TextIO

from grader.grading.results import FailedSubmission, Outcome


class GradingProgress:
    """A tqdm bar over ``total`` notebooks; shown only on a terminal unless ``shown`` says so."""

    def __init__(self, total: int, stream: TextIO | None = None, shown: bool | None = None) -> None:
        from tqdm import tqdm

        self.stream = stream if stream is not None else sys.stderr
        self.done = self.failed = 0
        self.total = total
        # tqdm's own rule for None: draw on a terminal, stay silent in a log or a pipe.
        self.bar = tqdm(
            total=total,
            unit="notebook",
            desc="grading",
            file=self.stream,
            disable=None if shown is None else not shown,
        )
        self._describe()

    @property
    def left(self) -> int:
        return self.total - self.done - self.failed

    def finished(self, outcome: Outcome, notebooks: int) -> None:
        """Count ``outcome``, a submission of ``notebooks`` notebooks."""
        if isinstance(outcome, FailedSubmission):
            self.failed += notebooks
            # Above the bar on a terminal, one line in a log: the instructor sees it at once.
            self.bar.write(f"failed: {outcome.submission}: {outcome.reason}", file=self.stream)
        else:
            self.done += notebooks
        self._describe()  # before update, which redraws the bar
        self.bar.update(notebooks)

    def _describe(self) -> None:
        self.bar.set_postfix_str(f"done {self.done}, failed {self.failed}, left {self.left}", refresh=False)

    def __enter__(self) -> GradingProgress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.bar.close()
