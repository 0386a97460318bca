"""How long a lab's first cells take in a fresh process, against importing the kernel's basics.

For each lab, a fresh Python process opens the lab (``open_lab``), shows its brief and builds
its first decision panel, as a learner's first cells do.  It is divided by a fresh process
that only imports ipykernel and pandas, which every kernel pays anyway.  Target: at most 1.5
for every lab.  The median of several runs of each is used; runs alternate so both see the
same machine load.

Run: python3 benchmarks/first_cell.py [--repeats N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calibration import calibration_line  # noqa: E402

from grader.paths import lab_ids  # noqa: E402

BASELINE = "import ipykernel.kernelbase, pandas"
FIRST_CELLS = """
import ipykernel.kernelbase, pandas
from grader import open_lab
lab = open_lab({lab!r}, {folder!r})
lab.brief()
lab.decide(lab.scenario.decisions[0].id)
"""


def _seconds(code: str) -> float:
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"this failed:\n{code}\n{run.stderr[-3000:]}")
    return elapsed


def first_cell_ratios(repeats: int) -> dict[str, tuple[float, float, float]]:
    """lab id -> (ratio, lab seconds, baseline seconds), medians over ``repeats`` alternating runs."""
    results = {}
    with tempfile.TemporaryDirectory(prefix="decisionlab-first-cell-") as tmp:
        for lab_id in lab_ids():
            folder = Path(tmp) / lab_id
            folder.mkdir()
            code = FIRST_CELLS.format(lab=lab_id, folder=str(folder))
            _seconds(code)  # the first run compiles bytecode and warms the disk cache
            labs, bases = [], []
            for _ in range(repeats):
                bases.append(_seconds(BASELINE))
                labs.append(_seconds(code))
            lab_s, base_s = statistics.median(labs), statistics.median(bases)
            results[lab_id] = (lab_s / base_s, lab_s, base_s)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(calibration_line())
    print("First cells of each lab in a fresh process / importing ipykernel and pandas (target <= 1.5):")
    for lab_id, (ratio, lab_s, base_s) in first_cell_ratios(args.repeats).items():
        print(f"  {lab_id:<24} {ratio:5.2f}   ({lab_s:.2f} s against {base_s:.2f} s)")


if __name__ == "__main__":
    main()
