"""At ``generate_assignment``, write each hidden test's expected values into its cell.

A lab's hidden test names its cases with a marker line inside ``### BEGIN HIDDEN TESTS``::

    from grader.labs import expected_cases
    cases = expected_cases("05_roi_staffing", "agents_needed")

:class:`EmbedExpectedCases` replaces the marker by the literal list of cases, drawn by the
lab's case builder (``grader.labs.cases``) from a seed the learner never sees, and drops the
import.  ``configure(c)`` puts it before nbgrader's first ``ComputeChecksums`` (so before
``SaveCells``), so the gradebook stores, and ``OverwriteCells`` restores at autograde, the
rewritten cell: the expected values travel with the grade cell, on inputs absent from the
release, and nothing in the graded cell asks the learner's package for them.
``ClearHiddenTests`` then removes the region from the release, as for any hidden test.

The seed: ``c.EmbedExpectedCases.seed`` if the course sets it (to regenerate the same cases),
else a fresh secret each time an assignment is generated.  It is written only into the
hidden region (a comment above the cases), so it lives in the source side's gradebook and
never in a release.  nbgrader's feedback shows hidden tests after grading, cases included;
generate each cohort's assignment anew (no fixed seed) so that one cohort's feedback does not
give the next its cases.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from nbconvert.preprocessors import Preprocessor
from traitlets import Int

from grader.labs.cases import cases_literal, expected_cases

BEGIN_HIDDEN = "BEGIN HIDDEN TESTS"
END_HIDDEN = "END HIDDEN TESTS"
_MARKER = re.compile(
    r"""^(?P<indent>\s*)(?P<name>[A-Za-z_]\w*)\s*=\s*expected_cases\(\s*["'](?P<lab>[\w-]+)["']\s*,"""
    r"""\s*["'](?P<function>\w+)["']\s*\)\s*$"""
)
_IMPORT = re.compile(r"^\s*from\s+grader\.labs(\.cases)?\s+import\s+expected_cases\s*$")


class ExpectedCasesError(ValueError):
    """A cell uses ``expected_cases`` where its cases cannot be written in (outside hidden tests)."""


class EmbedExpectedCases(Preprocessor):
    """Replace every ``expected_cases(...)`` marker in a hidden-test region by its literal cases."""

    seed = Int(
        None,
        allow_none=True,
        help="The seed of the cases written into hidden tests; by default a fresh secret per generation.",
    ).tag(config=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.enabled = True  # an nbconvert preprocessor runs only when enabled
        self._drawn: int | None = None

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        for cell in nb.cells:
            if cell.cell_type == "code" and "expected_cases" in cell.source:
                cell.source = self.embed(cell.source)
        return nb, resources

    def current_seed(self) -> int:
        """The configured seed, else one secret drawn once for this generation."""
        if self.seed is not None:
            return self.seed
        if self._drawn is None:
            self._drawn = secrets.randbelow(2**31)
        return self._drawn

    def embed(self, source: str) -> str:
        """``source`` with each marker in a hidden region replaced by its cases, the import dropped."""
        lines, hidden = [], False
        for number, line in enumerate(source.split("\n"), start=1):
            if BEGIN_HIDDEN in line:
                hidden = True
            elif END_HIDDEN in line:
                hidden = False
            marker = _MARKER.match(line)
            if "expected_cases" not in line or line.lstrip().startswith("#"):
                lines.append(line)
            elif not hidden:
                raise ExpectedCasesError(
                    f"line {number}: expected_cases is used outside '### {BEGIN_HIDDEN}'; "
                    "its cases would reach the learner's release"
                )
            elif _IMPORT.match(line):
                continue
            elif marker is None:
                raise ExpectedCasesError(
                    f"line {number}: write the marker on its own line, as "
                    f'cases = expected_cases("<lab_id>", "<function>"), not: {line.strip()}'
                )
            else:
                lines.extend(self._literal_lines(marker))
        return "\n".join(lines)

    def _literal_lines(self, marker: re.Match[str]) -> list[str]:
        seed = self.current_seed()
        cases = expected_cases(marker["lab"], marker["function"], seed)
        indent = marker["indent"]
        literal = cases_literal(cases).replace("\n", "\n" + indent)
        self.log.info(
            "decisionlab: %d hidden cases for %s written in (seed %d)", len(cases), marker["function"], seed
        )
        return [
            f"{indent}# {len(cases)} cases drawn when the assignment was generated (seed {seed})",
            f"{indent}{marker['name']} = {literal}",
        ]
