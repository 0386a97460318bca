"""nbgrader glue: the autograde steps and the configuration that installs them."""

from grader.autograde.config import configure
from grader.autograde.preprocessors import CaptureSubmittedAnswers, ScoreDecisions

__all__ = ["CaptureSubmittedAnswers", "ScoreDecisions", "configure"]
