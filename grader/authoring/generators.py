"""Does a scenario pass its lab's own checks, and does its generator build variants that keep its contract?

A scenario that names a generator is a template.  Validation builds a few variants, with
seeds chosen to reach both ends of the seed range, so that a generator that breaks for some
learners is reported at the scenario's ``generator`` line before any learner meets it.
"""

from __future__ import annotations

from grader.authoring.scenario_file import ScenarioFile
from grader.labs import GeneratorError, lab_code, realise
from grader.schema import Problem

# Variants a validation builds: enough to catch a generator that breaks on some seeds.
GENERATOR_CHECK_SEEDS = (1, 2, 3, 1_000_003, 2_147_483_000)


def generator_problems(file: ScenarioFile) -> list[Problem]:
    """Problems with the generator ``file`` names (none when it names none)."""
    scenario = file.scenario
    # The lab's own checks of the folder (content files its code reads) come first: a
    # generator cannot build a variant from a file that fails them.
    check = lab_code(scenario.lab).check_scenario
    lab_problems = check(file.path.parent) if check is not None else []
    if lab_problems or scenario.generator is None:
        return lab_problems
    generators = lab_code(scenario.lab).generators
    if scenario.generator not in generators:
        known = ", ".join(sorted(generators)) or "none"
        return [
            file.problem(
                f"lab {scenario.lab} has no generator named '{scenario.generator}' (its generators: {known})",
                "generator",
            )
        ]
    for seed in GENERATOR_CHECK_SEEDS:
        try:
            realise(scenario, seed, file.path.parent)
        except GeneratorError as error:
            return [file.problem(str(error), "generator")]
        except Exception as error:  # an author's generator bug must be a problem line, not a traceback
            return [
                file.problem(
                    f"generator '{scenario.generator}' failed for seed {seed}: "
                    f"{type(error).__name__}: {error}",
                    "generator",
                )
            ]
    return []
