"""What lab notebooks import: the lab session, charts and learner-facing errors."""

from grader.display.errors import LabInputError
from grader.notebook.session import Lab, open_lab

__all__ = ["Lab", "LabInputError", "open_lab"]
