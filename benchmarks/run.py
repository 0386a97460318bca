"""Benchmarks of issue #2, measured side by side in one run.

1. nbgrader autograde time of each lab notebook divided by that of an empty notebook
   (target: at most 1.5).  Both go through the same `nbgrader autograde` command, in the
   same course, for one synthetic strong learner; the median of several runs is used.
2. Building one variant of each generated scenario (lab 04): best and median milliseconds
   over fresh seeds (target: best at most 50 ms), printed beside the calibration figure of
   this machine (the empty notebook's autograde time), since absolute times differ 3-4x
   between machines of the same kind.
3. In a real kernel: time from a recorded choice (a widget value change) to updated
   feedback and consequence view, p50 and p95 over many changes (target p95 at most 50 ms).
   The time ends once the panel has set its Output widgets' outputs (the table and words as
   HTML, the chart as a Vega spec that JupyterLab draws): what the kernel owes a learner.
   Each change is checked to have set new outputs with the chart in them.

Run: python3 benchmarks/run.py [--repeats N] [--seeds N] [--changes N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calibration import calibration_line  # noqa: E402
from kernel_run import percentiles, result_from_kernel  # noqa: E402

from grader.cohort.demo import build_demo_cohort  # noqa: E402
from grader.paths import lab_ids  # noqa: E402

EMPTY = "00_empty"


def _autograde_seconds(course: Path, assignment: str, student: str) -> float:
    start = time.perf_counter()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "nbgrader",
            "autograde",
            assignment,
            "--student",
            student,
            "--force",
        ],
        cwd=course,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"autograde {assignment} failed:\n{run.stderr[-2000:]}")
    return elapsed


def autograde_ratios(repeats: int) -> tuple[float, dict[str, float]]:
    """The empty notebook's median autograde seconds (the calibration), and each lab's ratio to it."""
    with tempfile.TemporaryDirectory(prefix="decisionlab-bench-") as tmp:
        course = Path(tmp)
        # Two learners: the first is strong (full answers and code), the last is malformed.
        learner = build_demo_cohort(course, 2, progress=lambda _: None)[0].learner_id
        # The empty notebook: same course, same command, no cells at all.
        for folder in (course / "source" / EMPTY, course / "submitted" / learner / EMPTY):
            folder.mkdir(parents=True, exist_ok=True)
            nb = nbformat.v4.new_notebook()
            nb.metadata["kernelspec"] = {
                "name": "python3",
                "display_name": "Python 3",
                "language": "python",
            }
            nbformat.write(nb, folder / f"{EMPTY}.ipynb")
        subprocess.run(
            [sys.executable, "-m", "nbgrader", "generate_assignment", EMPTY, "--force"],
            cwd=course,
            capture_output=True,
            check=True,
        )
        times: dict[str, list[float]] = {a: [] for a in [EMPTY, *lab_ids()]}
        for _ in range(repeats):  # interleaved, so drift hits every assignment alike
            for assignment in times:
                times[assignment].append(_autograde_seconds(course, assignment, learner))
        empty = statistics.median(times[EMPTY])
        print(f"autograde, empty notebook: median {empty:.2f} s over {repeats} runs")
        ratios = {}
        for lab_id in lab_ids():
            median = statistics.median(times[lab_id])
            ratios[lab_id] = median / empty
            print(f"autograde, {lab_id}: median {median:.2f} s, ratio {ratios[lab_id]:.2f} (target <= 1.5)")
        return empty, ratios


def variant_build_ms(seeds: int) -> dict[str, list[float]]:
    """Milliseconds to build each of ``seeds`` fresh variants, per generated scenario of the course."""
    from grader.catalog import scenarios_for
    from grader.labs import realise

    times: dict[str, list[float]] = {}
    for lab_id in lab_ids():
        for template in scenarios_for(lab_id):
            if template.generator is None:
                continue
            realise(template, 999_999)  # imports the generator and warms its caches
            samples = []
            for seed in range(500, 500 + seeds):  # fresh seeds: realise's own cache never answers
                start = time.perf_counter()
                realise(template, seed)
                samples.append((time.perf_counter() - start) * 1000)
            times[template.id] = samples
    return times


KERNEL_CODE = textwrap.dedent(
    """
    import json, os, time, tempfile
    os.chdir(tempfile.mkdtemp())
    from grader import open_lab
    lab = open_lab("01_sourcing_models")
    panel = lab.decide("queue_mapping")
    menus = panel.children[1].children
    categories = [c.id for c in lab.decision("queue_mapping").categories]
    panel.refresh()  # warm-up: the first chart compiles its Vega spec in the bundled engine
    area = panel.consequence_area
    samples = []
    for i in range({changes}):
        menu = menus[i % len(menus)]
        shown = area.outputs
        start = time.perf_counter()
        wanted = categories[i % len(categories)]
        menu.value = wanted if menu.value != wanted else categories[(i + 1) % len(categories)]
        samples.append((time.perf_counter() - start) * 1000)
        # What was timed must be what a learner sees: new outputs, the chart among them.
        assert area.outputs is not shown, "a change left the consequence view as it was"
        assert any("application/vnd.vega.v5+json" in o["data"] for o in area.outputs), "no chart sent"
    print("RESULT" + json.dumps(samples))
    """
)


def choice_to_feedback_ms(changes: int) -> list[float]:
    return result_from_kernel(KERNEL_CODE.format(changes=changes))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--changes", type=int, default=200)
    args = parser.parse_args()
    print(calibration_line())
    empty, _ = autograde_ratios(args.repeats)
    for scenario_id, samples in variant_build_ms(args.seeds).items():
        print(
            f"variant build, {scenario_id}: best {min(samples):.0f} ms, "
            f"median {statistics.median(samples):.0f} ms over {len(samples)} seeds (target best <= 50 ms; "
            f"calibration: empty-notebook autograde {empty:.2f} s)"
        )
    samples = choice_to_feedback_ms(args.changes)
    p50, p95 = percentiles(samples)
    print(
        f"choice -> feedback + consequence view, lab 01 queue map, {len(samples)} changes: "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms (target p95 <= 50 ms)"
    )


if __name__ == "__main__":
    main()
