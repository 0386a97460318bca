"""Lab 00, orientation: the warm-up adds no code; its feedback is all it shows."""

from grader.labs.base import LabCode

LAB = LabCode()
