from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.simulate import SimulationError, facilitated_access
from selfhelp_exchange.simulate.ensemble import root_seed


def small_net() -> shx.ExchangeNetwork:
    return shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "One"), shx.Agency("A2", "Two"), shx.Agency("A3", "Three")],
        groups=[
            shx.SelfHelpGroup("G1", "AA", "mutual_help", approach="twelve_step"),
            shx.SelfHelpGroup("G2", "SMART", "mutual_help", approach="non_twelve_step"),
        ],
        exchanges=[
            shx.Exchange(("A1", "practitioners"), "G1", "facilitated_introduction"),
            shx.Exchange("G2", ("A1", "clients"), "peer_bridging"),
            shx.Exchange(("A2", "practitioners"), "G1", "referral"),
            shx.Exchange(("A2", "clients"), "G2", "meeting_space"),
        ],
    )


SETTINGS = {"clients_per_agency": 300, "seed": 12345, "n_runs": 12}


@pytest.fixture(scope="module")
def serial() -> shx.simulate.SimulationResult:
    return facilitated_access(small_net(), "facilitated", **SETTINGS)


def test_same_seed_same_numbers(serial: shx.simulate.SimulationResult) -> None:
    again = facilitated_access(small_net(), "facilitated", **SETTINGS)
    np.testing.assert_array_equal(serial.counts, again.counts)
    assert serial.to_frame().equals(again.to_frame())


def test_different_seed_different_numbers(serial: shx.simulate.SimulationResult) -> None:
    other = facilitated_access(small_net(), "facilitated", **{**SETTINGS, "seed": 54321})
    assert not np.array_equal(serial.counts, other.counts)


def test_runs_do_not_depend_on_chunking_or_ensemble_size(
    serial: shx.simulate.SimulationResult,
) -> None:
    one_by_one = facilitated_access(small_net(), "facilitated", **SETTINGS, chunksize=1)
    np.testing.assert_array_equal(serial.counts, one_by_one.counts)
    fewer = facilitated_access(small_net(), "facilitated", **{**SETTINGS, "n_runs": 5})
    np.testing.assert_array_equal(serial.counts[:5], fewer.counts)


def test_thread_pool_equals_serial(serial: shx.simulate.SimulationResult) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        res = facilitated_access(
            small_net(), "facilitated", executor=pool, chunksize=2, **SETTINGS
        )
    np.testing.assert_array_equal(serial.counts, res.counts)


def test_process_pool_with_spawn_equals_serial(serial: shx.simulate.SimulationResult) -> None:
    ctx = multiprocessing.get_context("spawn")  # a context object: the global method is untouched
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        res = facilitated_access(
            small_net(), "facilitated", executor=pool, chunksize=3, **SETTINGS
        )
    np.testing.assert_array_equal(serial.counts, res.counts)


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    distributed = pytest.importorskip(
        "distributed",
        reason="dask[distributed] is not installed (pip install selfhelp-exchange[parallel])",
    )
    with (
        distributed.LocalCluster(
            processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def test_dask_local_cluster_equals_serial(
    serial: shx.simulate.SimulationResult, dask_client: Any
) -> None:
    executor = dask_client.get_executor()
    res = facilitated_access(
        small_net(), "facilitated", executor=executor, chunksize=4, **SETTINGS
    )
    np.testing.assert_array_equal(serial.counts, res.counts)
    # the Client itself is accepted too
    res = facilitated_access(small_net(), "facilitated", executor=dask_client, **SETTINGS)
    np.testing.assert_array_equal(serial.counts, res.counts)


def test_seed_forms() -> None:
    net = small_net()
    a = facilitated_access(net, "passive", clients_per_agency=50, seed=7, n_runs=3)
    b = facilitated_access(
        net, "passive", clients_per_agency=50, seed=np.random.SeedSequence(7), n_runs=3
    )
    np.testing.assert_array_equal(a.counts, b.counts)
    # A Generator is consumed: the same generator object gives a new ensemble each time,
    # and two generators in the same state give the same ensemble.
    g1, g2 = np.random.default_rng(99), np.random.default_rng(99)
    first = facilitated_access(net, "passive", clients_per_agency=50, seed=g1, n_runs=3)
    np.testing.assert_array_equal(
        first.counts,
        facilitated_access(net, "passive", clients_per_agency=50, seed=g2, n_runs=3).counts,
    )
    assert not np.array_equal(
        first.counts,
        facilitated_access(net, "passive", clients_per_agency=50, seed=g1, n_runs=3).counts,
    )
    # seed=None: fresh entropy, recorded so the ensemble can be rebuilt
    fresh = facilitated_access(net, "passive", clients_per_agency=50, seed=None, n_runs=3)
    again = facilitated_access(
        net, "passive", clients_per_agency=50, seed=np.random.SeedSequence(fresh.entropy), n_runs=3
    )
    np.testing.assert_array_equal(fresh.counts, again.counts)


@pytest.mark.parametrize("bad", [-1, 1.5, "7", True])
def test_bad_seed(bad: object) -> None:
    with pytest.raises(SimulationError, match="seed must be"):
        root_seed(bad)  # type: ignore[arg-type]


def test_argument_errors() -> None:
    net = small_net()
    with pytest.raises(SimulationError, match="n_runs must be a positive int"):
        facilitated_access(net, n_runs=0)
    with pytest.raises(SimulationError, match="chunksize"):
        facilitated_access(net, n_runs=2, chunksize=0)
    with pytest.raises(SimulationError, match="strategy must be"):
        facilitated_access(net, "intensive", n_runs=2)
    with pytest.raises(SimulationError, match="unknown cascade parameter"):
        facilitated_access(net, n_runs=2, facilitated_engagement=0.5)
    with pytest.raises(SimulationError, match="'peer_engaged' must be a probability"):
        facilitated_access(net, n_runs=2, peer_engaged=2.0)
    with pytest.raises(SimulationError, match="clients_per_agency must be a non-negative int"):
        facilitated_access(net, clients_per_agency=-5, n_runs=2)
    with pytest.raises(SimulationError, match=r"unknown agencies \['Z9'\]"):
        facilitated_access(net, clients_per_agency={"Z9": 5}, n_runs=2)
    with pytest.raises(SimulationError, match="executor must be"):
        facilitated_access(net, n_runs=2, executor="threads")  # type: ignore[arg-type]


def test_progress_bar_goes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    res = facilitated_access(
        small_net(), "passive", clients_per_agency=5, seed=1, n_runs=3, chunksize=1, progress=True
    )
    assert res.n_runs == 3
    assert "3/3" in capsys.readouterr().err


def test_clients_per_agency_mapping() -> None:
    res = facilitated_access(
        small_net(), "passive", clients_per_agency={"A1": 10, "A3": 4}, seed=1, n_runs=2
    )
    assert res.clients.tolist() == [10, 0, 4]
    # everyone is informed by default; A2 has no clients
    assert res.stage_counts("informed").tolist() == [14, 14]
    frame = res.to_frame()
    assert frame.loc[frame["agency_id"] == "A2", "share"].isna().all()


UNCERTAIN = {**SETTINGS, "parameter_uncertainty": True, "style": "peer"}


@pytest.fixture(scope="module")
def serial_uncertain() -> shx.simulate.SimulationResult:
    return facilitated_access(small_net(), "facilitated", **UNCERTAIN)


def test_parameter_uncertainty_draws_per_run_and_reproducibly(
    serial: shx.simulate.SimulationResult, serial_uncertain: shx.simulate.SimulationResult
) -> None:
    draws = serial_uncertain.parameter_draws
    assert draws is not None
    assert draws.shape == (12, len(shx.simulate.CascadeParameters.names()))
    # each run its own parameters, within [0, 1]
    assert len({tuple(row) for row in draws}) == 12
    assert ((draws >= 0) & (draws <= 1)).all()
    assert serial.parameter_draws is None
    again = facilitated_access(small_net(), "facilitated", **UNCERTAIN)
    np.testing.assert_array_equal(serial_uncertain.counts, again.counts)
    np.testing.assert_array_equal(draws, again.parameter_draws)
    # a run's draw does not depend on chunking or the ensemble's size
    fewer = facilitated_access(small_net(), "facilitated", **{**UNCERTAIN, "n_runs": 5})
    np.testing.assert_array_equal(serial_uncertain.counts[:5], fewer.counts)
    chunked = facilitated_access(small_net(), "facilitated", **UNCERTAIN, chunksize=1)
    np.testing.assert_array_equal(serial_uncertain.counts, chunked.counts)
    # overrides stay fixed in every draw
    fixed = facilitated_access(small_net(), "facilitated", **UNCERTAIN, peer_engaged=0.5)
    names = shx.simulate.CascadeParameters.names()
    assert fixed.parameter_draws is not None
    assert (fixed.parameter_draws[:, names.index("peer_engaged")] == 0.5).all()


def test_parameter_uncertainty_widens_the_interval(
    serial: shx.simulate.SimulationResult, serial_uncertain: shx.simulate.SimulationResult
) -> None:
    def width(res: shx.simulate.SimulationResult) -> float:
        s = res.summary().set_index(["agency_id", "stage"])
        return float(
            s.loc[("(all)", "first_meeting"), "share_high"]
            - s.loc[("(all)", "first_meeting"), "share_low"]
        )

    assert width(serial_uncertain) > 2 * width(serial)


def test_parameter_uncertainty_process_pool_equals_serial(
    serial_uncertain: shx.simulate.SimulationResult,
) -> None:
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        res = facilitated_access(
            small_net(), "facilitated", executor=pool, chunksize=3, **UNCERTAIN
        )
        np.testing.assert_array_equal(serial_uncertain.counts, res.counts)
        trial = shx.simulate.replicate_trial("timko2007", n_runs=6, seed=3, executor=pool)
    assert trial.equals(shx.simulate.replicate_trial("timko2007", n_runs=6, seed=3))


def test_parameter_uncertainty_on_dask_equals_serial(
    serial_uncertain: shx.simulate.SimulationResult, dask_client: Any
) -> None:
    res = facilitated_access(
        small_net(), "facilitated", executor=dask_client, chunksize=4, **UNCERTAIN
    )
    trial = shx.simulate.replicate_trial(
        "manning2012", n_runs=6, seed=3, executor=dask_client, parameter_uncertainty=True
    )
    np.testing.assert_array_equal(serial_uncertain.counts, res.counts)
    serial_trial = shx.simulate.replicate_trial(
        "manning2012", n_runs=6, seed=3, parameter_uncertainty=True
    )
    assert trial.equals(serial_trial)
