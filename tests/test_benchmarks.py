"""The benchmark harness and cases (benchmarks/): every case's fast path equals its networkx
implementation at tiny size, each check rejects a wrong result, and the runner prints its table.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
CASE_NAMES = {
    "build",
    "window",
    "layer",
    "adaptational",
    "institutional",
    "scorecard",
    "ei_brokerage",
    "qap",
    "json_roundtrip",
    "parquet_roundtrip",
    "tables_roundtrip",
    "report",
}


@pytest.fixture(scope="module")
def harness() -> Any:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    import harness as h

    return h


@pytest.fixture(scope="module")
def tiny_workloads(harness: Any) -> tuple[Any, Any]:
    size = harness.SIZES["tiny"]
    return harness.Workload(size, seed=1), harness.Workload(size, seed=2)


def _case_names() -> list[str]:
    return sorted(p.stem for p in (BENCH / "cases").glob("*.py") if not p.name.startswith("_"))


def test_case_files_exist() -> None:
    assert {"build", "filtering", "linkage", "structure", "json_roundtrip"} <= set(_case_names())
    assert {"tables_roundtrip"} <= set(_case_names())


def test_every_benchmark_case_agrees_with_networkx_at_tiny_size(
    harness: Any, tiny_workloads: tuple[Any, Any]
) -> None:
    work, other = tiny_workloads
    cases = harness.discover()
    assert {c.name for c in cases} == CASE_NAMES
    for case in cases:
        state = case.setup(work)
        nx_state = case.networkx_state(work) if case.networkx else None
        wrong_state = case.setup(other)
        try:
            fast = case.fast(state)
            reference = case.networkx(nx_state) if case.networkx else None
            case.check(state, fast, reference)
            if case.floor:
                case.floor(state)
            # the check can fail: a result computed from another community is rejected
            with pytest.raises(AssertionError):
                case.check(state, case.fast(wrong_state), reference)
        finally:
            case.close(state, nx_state, wrong_state)


def test_discover_selects_and_rejects_names(harness: Any) -> None:
    assert [c.name for c in harness.discover(names=["layer"])] == ["layer"]
    with pytest.raises(ValueError, match="unknown case"):
        harness.discover(names=["no_such_case"])


def test_runner_prints_a_table_with_extrapolated_networkx(
    harness: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    import run

    out_json = tmp_path / "figures.json"
    code = run.main(
        [
            "--agencies", "10", "--groups", "60", "--exchanges", "2000",
            "--nx-max-exchanges", "500", "--cases", "build,window", "--repeat", "1",
            "--json", str(out_json),
        ]
    )  # fmt: skip
    assert code == 0
    text = capsys.readouterr().out
    assert "case" in text
    assert "nx/fast" in text
    assert "build" in text
    assert "window" in text
    assert "networkx measured at n=500" in text
    assert "extrapolated linearly to n=2,000" in text
    assert out_json.exists()


def test_peak_memory_methods(harness: Any) -> None:
    def allocate(n: int) -> int:
        a = np.ones(n)
        return int(a.sum())

    big = 40 * 2**20 // 8
    assert harness.peak_memory(allocate, big, "tracemalloc") >= 40 * 2**20
    assert harness.peak_memory(allocate, big, "rss") >= 0
    with pytest.raises(ValueError, match="method"):
        harness.peak_memory(allocate, 1, "psutil")


def test_best_time_keeps_the_best_and_the_first_result(harness: Any) -> None:
    calls: list[int] = []

    def work(state: list[int]) -> int:
        state.append(len(state))
        return len(state)

    best, first = harness.best_time(work, calls, 4)
    assert first == 1
    assert len(calls) == 4
    assert 0 <= best < 1
    calls.clear()
    # after the first three calls, a spent budget stops the repeats
    harness.best_time(work, calls, 50, budget=0.0)
    assert len(calls) == 3
    calls.clear()
    harness.best_time(work, calls, 50, budget=0.0, slow=-1.0)  # every call "slow": one call
    assert len(calls) == 1
    cpu, _ = harness.best_time(work, calls, 1, clock="cpu")
    assert cpu >= 0
