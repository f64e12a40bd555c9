from __future__ import annotations

import math

import numpy as np
import pytest

from selfhelp_exchange.simulate import CascadeParameters, SimulationError, SimulationResult


@pytest.fixture
def result() -> SimulationResult:
    counts = np.zeros((4, 2, 5), dtype=np.int64)
    counts[:, 0, 0] = 10
    counts[:, 0, 1] = [2, 4, 6, 8]
    counts[:, 1, 0] = [1, 2, 3, 4]
    return SimulationResult(
        strategy="passive",
        agency_ids=("A", "B"),
        clients=np.array([10, 5], dtype=np.int64),
        counts=counts,
        parameters=CascadeParameters(),
        entropy=1,
    )


def test_to_frame(result: SimulationResult) -> None:
    f = result.to_frame()
    assert len(f) == 4 * 2 * 5
    row = f[(f["run"] == 2) & (f["agency_id"] == "A") & (f["stage"] == "introduced")]
    assert row[["count", "share", "strategy"]].to_numpy().tolist() == [[6, 0.6, "passive"]]
    row = f[(f["run"] == 3) & (f["agency_id"] == "B") & (f["stage"] == "informed")]
    assert row["share"].item() == 0.8


def test_summary_by_hand(result: SimulationResult) -> None:
    s = result.summary().set_index(["agency_id", "stage"])
    intro = s.loc[("A", "introduced")]
    # counts 2, 4, 6, 8: mean 5; sd sqrt((9 + 1 + 1 + 9) / 3); linear quantiles at 2.5% and
    # 97.5%: positions 0.075 and 2.925 of 3 -> 2 + 0.075 * 2 and 6 + 0.925 * 2
    assert intro["mean"] == 5
    assert intro["sd"] == pytest.approx(math.sqrt(20 / 3))
    assert intro["low"] == pytest.approx(2.15)
    assert intro["high"] == pytest.approx(7.85)
    assert intro["mean_share"] == 0.5
    pooled = s.loc[("(all)", "informed")]
    # A always 10, B 1..4: totals 11..14 of 15 clients
    assert pooled["clients"] == 15
    assert pooled["mean"] == 12.5
    assert pooled["mean_share"] == pytest.approx(12.5 / 15)
    narrow = result.summary(confidence=0.5, pooled=False).set_index(["agency_id", "stage"])
    assert "(all)" not in narrow.index.get_level_values(0)
    # 25% and 75% quantiles of 2, 4, 6, 8: positions 0.75 and 2.25 -> 3.5 and 6.5
    assert narrow.loc[("A", "introduced"), ["low", "high"]].tolist() == [3.5, 6.5]


def test_stage_counts_and_errors(result: SimulationResult) -> None:
    assert result.stage_counts("informed").tolist() == [11, 12, 13, 14]
    assert result.stage_counts("introduced", "A").tolist() == [2, 4, 6, 8]
    assert result.n_runs == 4
    with pytest.raises(SimulationError, match="unknown stage 'attended'"):
        result.stage_counts("attended")
    with pytest.raises(SimulationError, match="'Z' is not an agency"):
        result.stage_counts("informed", "Z")
    with pytest.raises(SimulationError, match="confidence must be"):
        result.summary(confidence=1.0)
