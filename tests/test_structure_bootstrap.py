"""Bootstrap intervals over agencies: draws against a plain loop, intervals by hand."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.structure import METRICS, StructureError, bootstrap_ci, per_agency
from selfhelp_exchange.structure._parallel import spawn_chunks

VALUES = {"A1": 0.2, "A2": 0.5, "A3": 0.9, "A4": 0.4, "A5": 0.7}


def test_draws_equal_a_plain_loop_and_intervals_are_quantiles() -> None:
    r = bootstrap_ci(VALUES, n_boot=300, seed=4)
    v = np.array(list(VALUES.values()))
    loop = []
    for size, gen in spawn_chunks(4, 300):
        idx = gen.integers(0, len(v), size=(size, len(v)))
        loop.extend(v[row].mean() for row in idx)
    np.testing.assert_allclose(r.distribution, loop)
    assert r.estimate == pytest.approx(v.mean())
    lo, hi = np.quantile(loop, [0.025, 0.975])
    assert (r.low, r.high) == pytest.approx((lo, hi))
    basic = bootstrap_ci(VALUES, n_boot=300, seed=4, method="basic")
    assert (basic.low, basic.high) == pytest.approx((2 * v.mean() - hi, 2 * v.mean() - lo))
    assert r.n == 5
    assert r.agencies == tuple(VALUES)
    assert r.standard_error == pytest.approx(np.std(loop, ddof=1))
    med = bootstrap_ci(VALUES, statistic="median", n_boot=50, seed=1)
    assert med.estimate == pytest.approx(0.5)


def test_same_seed_same_result_serially_or_on_an_executor() -> None:
    a = bootstrap_ci(VALUES, n_boot=500, seed=9)
    with ThreadPoolExecutor(2) as ex:
        b = bootstrap_ci(VALUES, n_boot=500, seed=9, executor=ex)
    np.testing.assert_array_equal(a.distribution, b.distribution)


def test_nan_values_are_left_out_and_other_inputs() -> None:
    r = bootstrap_ci({**VALUES, "A6": float("nan")}, n_boot=10, seed=0)
    assert r.n == 5
    s = bootstrap_ci(pd.Series(VALUES), n_boot=10, seed=0)
    assert s.estimate == pytest.approx(np.mean(list(VALUES.values())))
    arr = bootstrap_ci([1.0, 2.0, 3.0], n_boot=10, seed=0)
    assert arr.estimate == 2.0


def test_bad_input() -> None:
    with pytest.raises(StructureError, match="at least two agencies"):
        bootstrap_ci({"A1": 1.0})
    with pytest.raises(StructureError, match="confidence"):
        bootstrap_ci(VALUES, confidence=1.5)
    with pytest.raises(StructureError, match="method"):
        bootstrap_ci(VALUES, method="bca")  # type: ignore[arg-type]
    with pytest.raises(StructureError, match="statistic"):
        bootstrap_ci(VALUES, statistic="mode")
    with pytest.raises(StructureError, match="n_boot"):
        bootstrap_ci(VALUES, n_boot=0)


def _net() -> shx.ExchangeNetwork:
    return shx.ExchangeNetwork(
        agencies=[shx.Agency(a, a) for a in ("A1", "A2", "A3")],
        groups=[shx.SelfHelpGroup(g, g, "mutual_help") for g in ("G1", "G2")],
        exchanges=[
            shx.Exchange(("A1", "practitioners"), "G1", "referral"),
            shx.Exchange(("A1", "practitioners"), "G2", "referral"),
            shx.Exchange("G1", ("A2", "board"), "board_seat"),
            shx.Exchange(("A3", "clients"), "G2", "attendance"),
        ],
    )


def test_per_agency_metrics_of_a_network() -> None:
    net = _net()
    assert per_agency(net, "out_degree") == {"A1": 2.0, "A2": 0.0, "A3": 1.0}
    assert per_agency(net, "degree", kinds=["referral"]) == {"A1": 2.0, "A2": 0.0, "A3": 0.0}
    for name in METRICS:
        assert set(per_agency(net, name)) <= {"A1", "A2", "A3"}
    r = bootstrap_ci(net, "out_degree", n_boot=100, seed=0)
    assert r.estimate == pytest.approx(1.0)
    custom = bootstrap_ci(net, lambda n: pd.Series({"A1": 1.0, "A2": 3.0, "G1": 99.0}), n_boot=20)
    assert custom.estimate == 2.0  # the group's value is not an agency's
    with pytest.raises(StructureError, match="unknown per-agency metric"):
        per_agency(net, "closeness")
    with pytest.raises(StructureError, match="give the per-agency metric"):
        bootstrap_ci(net)
    with pytest.raises(StructureError, match="must return a mapping"):
        per_agency(net, lambda n: [1, 2])
