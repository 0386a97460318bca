"""Do the benchmark scripts still run against the package as it is now?

Benchmarks are run by hand, so an import path that moved breaks them silently; these checks
import every script and run the cheapest measurement of each that has one.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
SCRIPTS = sorted(p.stem for p in BENCHMARKS.glob("*.py"))


@pytest.fixture
def benchmark_modules(monkeypatch: pytest.MonkeyPatch):
    """The benchmark folder on the import path, as the scripts expect when run directly."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    yield importlib.import_module
    for name in SCRIPTS:
        sys.modules.pop(name, None)


def test_there_are_benchmarks_to_check() -> None:
    """Does the folder hold the benchmark scripts the README names?"""
    assert {"run", "first_cell", "calibration"} <= set(SCRIPTS)


@pytest.mark.parametrize("name", SCRIPTS)
def test_every_benchmark_imports(benchmark_modules, name: str) -> None:
    """Does each benchmark script import without error?"""
    benchmark_modules(name)


def test_variant_build_measurement_runs(benchmark_modules) -> None:
    """Does the variant-build measurement build a variant of every generated scenario?"""
    times = benchmark_modules("run").variant_build_ms(1)
    assert times and all(len(samples) == 1 for samples in times.values()), times


def test_calibration_gives_a_positive_figure(benchmark_modules) -> None:
    """Does the calibration workload report a time in milliseconds?"""
    assert benchmark_modules("calibration").calibration_ms(repeats=1) > 0
