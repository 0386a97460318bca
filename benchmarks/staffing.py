"""Staffing a week of 15-minute intervals: grader.models.queueing against pyworkforce.

1. A deterministic 672-interval week (a two-peak daily curve x weekday factors, 0-400 calls
   per interval, AHT 300 s, 80 % of calls answered within 20 s) is staffed with our
   vectorised `required_agents_many` and, if `pyworkforce` can be imported, with
   pyworkforce's `ErlangC(...).required_positions` interval by interval. Reports whether
   the agent counts are identical and the time ratio theirs/ours (median of several repeats;
   target at least 20x).
2. A sensitivity sweep of the whole week: AHT 240..360 s x service-level target 0.70..0.90,
   timed both ways (ours as one vectorised call over all scenarios).

pyworkforce is not a project dependency; install it only to run this comparison
(`pip install pyworkforce`, best in a throwaway virtual environment). Without it only our
timings are shown.

Run: python3 benchmarks/staffing.py [--repeats N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calibration import calibration_line  # noqa: E402

from grader.models.queueing import required_agents, required_agents_many  # noqa: E402

INTERVAL = 900  # seconds: 15 minutes
AHT = 300  # seconds
TARGET_SL, TARGET_TIME = 0.80, 20
WEEKDAY_FACTORS = (1.00, 0.95, 0.92, 0.90, 0.85, 0.55, 0.40)  # Monday .. Sunday
SWEEP_AHTS = (240, 270, 300, 330, 360)
SWEEP_TARGETS = (0.70, 0.75, 0.80, 0.85, 0.90)


def week_volumes() -> np.ndarray:
    """672 whole-number call volumes: a morning and an afternoon peak, quiet nights, quieter weekends."""
    hour = np.arange(96) / 4 + 0.125  # middle of each 15-minute interval
    curve = 1.00 * np.exp(-(((hour - 10.5) / 2.2) ** 2)) + 0.85 * np.exp(-(((hour - 15.0) / 2.6) ** 2))
    curve += 0.15 * np.exp(-(((hour - 20.0) / 2.0) ** 2))  # evening shoulder
    curve /= curve.max()
    week = np.concatenate([400 * factor * curve for factor in WEEKDAY_FACTORS])
    return np.round(week)


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pyworkforce_erlang_c() -> type | None:
    try:
        from pyworkforce.queuing import ErlangC
    except ImportError:
        return None
    return ErlangC


def theirs(erlang_c: type, calls: np.ndarray, aht: float, target_sl: float) -> list[int]:
    """pyworkforce per interval (minutes as its unit; it refuses 0 calls, which need 0 agents)."""
    agents = []
    for volume in calls.tolist():
        if volume <= 0:
            agents.append(0)
            continue
        model = erlang_c(transactions=volume, aht=aht / 60, asa=TARGET_TIME / 60, interval=INTERVAL / 60)
        agents.append(model.required_positions(service_level=target_sl)["raw_positions"])
    return agents


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=7, help="repeats per timing (median is shown)")
    args = parser.parse_args()
    print(calibration_line())
    repeats = max(1, args.repeats)

    calls = week_volumes()
    print(
        f"week: {calls.size} intervals of 15 min, {int(calls.sum()):,} calls, "
        f"{int(calls.min())}-{int(calls.max())} per interval, AHT {AHT} s, "
        f"target {TARGET_SL:.0%} in {TARGET_TIME} s"
    )

    def ours_week() -> object:
        return required_agents_many(calls, INTERVAL, AHT, TARGET_SL, TARGET_TIME)

    ours_week()  # warm-up
    table = ours_week()
    ours_s = median_seconds(ours_week, max(repeats, 51))
    print(
        f"ours (vectorised): median {ours_s * 1e3:.3f} ms for the week; "
        f"peak {table.raw_agents.max()} agents, {int(table.raw_agents.sum()):,} agent-intervals"
    )
    scalar = [required_agents(c, INTERVAL, AHT, TARGET_SL, TARGET_TIME).raw_agents for c in calls]
    scalar_s = median_seconds(
        lambda: [required_agents(c, INTERVAL, AHT, TARGET_SL, TARGET_TIME) for c in calls], repeats
    )
    same_scalar = int(np.sum(np.asarray(scalar) != table.raw_agents.to_numpy()))
    print(f"ours (scalar loop): median {scalar_s * 1e3:.2f} ms; mismatches with vectorised: {same_scalar}")

    # Sensitivity sweep: every (AHT, target) scenario stacked into one call.
    grid = [(h, g) for h in SWEEP_AHTS for g in SWEEP_TARGETS]
    sweep_calls = np.tile(calls, len(grid))
    sweep_aht = np.repeat([h for h, _ in grid], calls.size).astype(float)
    sweep_goal = np.repeat([g for _, g in grid], calls.size)

    def ours_sweep() -> object:
        return required_agents_many(sweep_calls, INTERVAL, sweep_aht, sweep_goal, TARGET_TIME)

    sweep = ours_sweep()
    sweep_s = median_seconds(ours_sweep, max(repeats, 21))
    print(
        f"sweep: {len(grid)} scenarios (AHT {SWEEP_AHTS[0]}-{SWEEP_AHTS[-1]} s x SL "
        f"{SWEEP_TARGETS[0]:.2f}-{SWEEP_TARGETS[-1]:.2f}) = {sweep_calls.size:,} intervals; "
        f"ours {sweep_s * 1e3:.2f} ms"
    )

    erlang_c = pyworkforce_erlang_c()
    if erlang_c is None:
        print("pyworkforce: not installed (pip install pyworkforce), so only our timings are shown")
        return

    their_agents = theirs(erlang_c, calls, AHT, TARGET_SL)
    mismatches = int(np.sum(np.asarray(their_agents) != table.raw_agents.to_numpy()))
    their_s = median_seconds(lambda: theirs(erlang_c, calls, AHT, TARGET_SL), repeats)
    print(f"pyworkforce (per interval): median {their_s * 1e3:.2f} ms for the week")
    print(
        f"agent counts identical: {'yes' if mismatches == 0 else 'no'} "
        f"({mismatches} mismatches of {calls.size})"
    )
    ratio = their_s / ours_s
    print(f"time ratio theirs/ours: {ratio:.0f}x (target >= 20x: {'met' if ratio >= 20 else 'NOT met'})")

    def theirs_sweep() -> list[int]:
        out: list[int] = []
        for h, g in grid:
            out += theirs(erlang_c, calls, h, g)
        return out

    their_sweep = theirs_sweep()
    sweep_mismatches = int(np.sum(np.asarray(their_sweep) != sweep.raw_agents.to_numpy()))
    their_sweep_s = median_seconds(theirs_sweep, max(1, repeats // 2))
    print(
        f"sweep, pyworkforce: {their_sweep_s * 1e3:.0f} ms; ratio {their_sweep_s / sweep_s:.0f}x; "
        f"agent counts identical: {'yes' if sweep_mismatches == 0 else 'no'} ({sweep_mismatches} mismatches)"
    )


if __name__ == "__main__":
    main()
