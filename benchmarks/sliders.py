"""Lab 05's live explorer, measured in a real kernel: slider change -> recomputed model -> redrawn charts.

A kernel opens lab 05 (one scenario), draws the explorer (``lab.chart("explorer")``) and then moves
its five sliders in turn (handle time, service target, FCR, in-house wage, destination attrition),
each change to a value it did not have.  Each sample is the time from setting the slider's value
to the observer having recomputed the staffing (Erlang C for the week at every location), the
annual costs and the ROI, and set the charts (Vega specs that JupyterLab draws) and the cost
table into their widgets: what the kernel owes a learner.  Each change is checked to have set
new outputs.  It reports p50 and p95 over all changes (target p95 at most 50 ms), the same
figures per slider, and the share spent in the model alone.

Run: python3 benchmarks/sliders.py [--changes N] [--scenario ID]
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calibration import calibration_line  # noqa: E402
from kernel_run import percentiles, result_from_kernel  # noqa: E402

LAB = "05_roi_staffing"

KERNEL_CODE = textwrap.dedent(
    """
    import json, os, tempfile, time
    os.chdir(tempfile.mkdtemp())
    for name in ("NBGRADER_EXECUTION", "DECISIONLAB_MODE"):
        os.environ.pop(name, None)
    from grader import open_lab
    from grader.labs import lab_part

    explore = lab_part("05_roi_staffing", "explorer").explore

    lab = open_lab({lab!r}, scenario={scenario!r})
    explorer = lab.chart("explorer")  # first draw: compiles the charts' Vega specs in the bundled engine
    sliders = explorer.sliders
    names = list(sliders)
    steps = {{"aht": 10, "target_sl": 5, "fcr": 1, "base_wage": 0.5, "attrition": 5}}
    samples, model_ms = [], []
    for i in range({changes}):
        name = names[i % len(names)]
        slider = sliders[name]
        step = steps[name] * (1 + (i // len(names)) % 3)
        wanted = slider.value + step if slider.value + step <= slider.max else slider.value - step
        shown = explorer.roi_view.outputs
        start = time.perf_counter()
        slider.value = wanted
        samples.append((name, (time.perf_counter() - start) * 1000))
        # What was timed must be what a learner sees: every change redraws the ROI chart.
        assert explorer.roi_view.outputs is not shown, f"{{name}} left the ROI chart as it was"
        start = time.perf_counter()
        explore(explorer.data, explorer.queue.value, **explorer.values())
        model_ms.append((time.perf_counter() - start) * 1000)
    print("RESULT" + json.dumps({{"samples": samples, "model_ms": model_ms}}))
    """
)


def slider_samples(changes: int, scenario: str) -> dict[str, list]:
    return result_from_kernel(KERNEL_CODE.format(lab=LAB, scenario=scenario, changes=changes))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--changes", type=int, default=100, help="slider changes to time (at least 50)")
    parser.add_argument("--scenario", default="staffing-mealkit")
    args = parser.parse_args()
    print(calibration_line())
    if args.changes < 50:
        parser.error("--changes must be at least 50")
    result = slider_samples(args.changes, args.scenario)
    samples = [ms for _, ms in result["samples"]]
    p50, p95 = percentiles(samples)
    print(
        f"slider change -> recomputed model -> redrawn charts, lab 05 explorer ({args.scenario}), "
        f"{len(samples)} changes: p50 {p50:.1f} ms, p95 {p95:.1f} ms (target p95 <= 50 ms)"
    )
    for name in dict.fromkeys(name for name, _ in result["samples"]):
        own = [ms for slider, ms in result["samples"] if slider == name]
        a, b = percentiles(own)
        print(f"  {name:<10} {len(own):>3} changes: p50 {a:.1f} ms, p95 {b:.1f} ms")
    m50, m95 = percentiles(result["model_ms"])
    print(f"  of which the model alone (staffing, costs, ROI): p50 {m50:.1f} ms, p95 {m95:.1f} ms")


if __name__ == "__main__":
    main()
