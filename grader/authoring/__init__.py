"""What ``decisionlab validate`` checks: a scenario as its lab and its learners will use it.

``grader.schema`` checks one file against the schema and imports nothing else of the
package.  This layer sits above it and ``grader.labs``: it also builds variants with the
generator the scenario's lab declares, and compares the scenario with its lab, the lab notebook's
decision grade cells first and the lab's other scenarios next.
"""

from grader.authoring.generators import GENERATOR_CHECK_SEEDS, generator_problems
from grader.authoring.lab_fit import lab_problems
from grader.authoring.lab_notebook import LabNotebook, read_lab_notebook
from grader.authoring.validate import ScenarioFile, check_paths, check_scenario

__all__ = [
    "GENERATOR_CHECK_SEEDS",
    "LabNotebook",
    "ScenarioFile",
    "check_paths",
    "check_scenario",
    "generator_problems",
    "lab_problems",
    "read_lab_notebook",
]
