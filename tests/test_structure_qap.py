"""QAP correlation and MRQAP: statistics by hand, permutations against plain loops, executors."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import networkx as nx
import numpy as np
import pytest

from selfhelp_exchange.structure import StructureError, mrqap, qap_correlation
from selfhelp_exchange.structure._parallel import CHUNK, spawn_chunks

N = 9
OFF = ~np.eye(N, dtype=bool)


def _mats(seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x1 = rng.random((N, N))
    x2 = (rng.random((N, N)) < 0.4).astype(float)
    y = 1.5 * x1 - 0.5 * x2 + rng.normal(0, 0.3, (N, N))
    return y, x1, x2


def _same_permutations(seed: int, count: int) -> list[np.ndarray]:
    """The permutations the documented scheme draws: chunks of CHUNK, one spawned generator each."""
    perms: list[np.ndarray] = []
    for size, gen in spawn_chunks(seed, count):
        perms.extend(gen.permuted(np.tile(np.arange(N), (size, 1)), axis=1))
    return perms


def _ols_t(y: np.ndarray, cols: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, float]:
    x = np.column_stack([np.ones(len(y)), *cols])
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ beta
    s2 = resid @ resid / (len(y) - x.shape[1])
    se = np.sqrt(s2 * np.diag(np.linalg.inv(x.T @ x)))
    r2 = 1 - resid @ resid / np.sum((y - y.mean()) ** 2)
    return beta, beta / se, float(r2)


def test_correlation_and_its_permutations_equal_a_plain_loop() -> None:
    y, x1, _ = _mats()
    r = qap_correlation(x1, y, n_permutations=150, seed=7)
    assert r.statistic == pytest.approx(np.corrcoef(x1[OFF], y[OFF])[0, 1])
    loop = [np.corrcoef(x1[OFF], y[np.ix_(p, p)][OFF])[0, 1] for p in _same_permutations(7, 150)]
    np.testing.assert_allclose(r.permuted, loop, rtol=1e-10, atol=1e-12)
    b = r.n_permutations
    assert b == 150
    assert r.p_greater == pytest.approx(
        (1 + np.sum(np.array(loop) >= r.statistic - 1e-9)) / (b + 1)
    )
    assert r.p_value == pytest.approx(
        (1 + np.sum(np.abs(loop) >= abs(r.statistic) - 1e-9)) / (b + 1)
    )
    assert r.p_less == pytest.approx((1 + np.sum(np.array(loop) <= r.statistic + 1e-9)) / (b + 1))
    assert r.directed


def test_undirected_uses_the_upper_triangle() -> None:
    rng = np.random.default_rng(3)
    a = rng.random((N, N))
    a = a + a.T
    b = rng.random((N, N))
    b = b + b.T
    r = qap_correlation(a, b, n_permutations=70, seed=1)
    iu = np.triu_indices(N, 1)
    assert not r.directed
    assert r.statistic == pytest.approx(np.corrcoef(a[iu], b[iu])[0, 1])
    loop = [np.corrcoef(a[iu], b[np.ix_(p, p)][iu])[0, 1] for p in _same_permutations(1, 70)]
    np.testing.assert_allclose(r.permuted, loop, rtol=1e-10, atol=1e-12)
    with pytest.raises(StructureError, match="symmetric"):
        qap_correlation(a, rng.random((N, N)), directed=False)
    g = nx.gnp_random_graph(N, 0.3, seed=4, directed=True)
    h = nx.gnp_random_graph(N, 0.3, seed=5, directed=True)
    und = qap_correlation(g, h, directed=False, n_permutations=5, seed=0)
    ga = nx.to_numpy_array(g.to_undirected(), nodelist=list(g))
    ha = nx.to_numpy_array(h.to_undirected(), nodelist=list(g))
    assert und.statistic == pytest.approx(np.corrcoef(ga[iu], ha[iu])[0, 1])


def test_graphs_are_aligned_by_node_label() -> None:
    g1 = nx.gnp_random_graph(8, 0.4, seed=1, directed=True)
    g2 = nx.gnp_random_graph(8, 0.4, seed=2, directed=True)
    shuffled = nx.DiGraph()
    shuffled.add_nodes_from(reversed(list(g2)))
    shuffled.add_edges_from(g2.edges)
    a = qap_correlation(g1, g2, n_permutations=20, seed=0)
    b = qap_correlation(g1, shuffled, n_permutations=20, seed=0)
    assert a.statistic == pytest.approx(b.statistic)
    np.testing.assert_allclose(a.permuted, b.permuted)


def test_same_seed_same_result_on_any_executor() -> None:
    y, x1, x2 = _mats(1)
    n = 3 * CHUNK + 5  # several chunks, the last one short
    serial = qap_correlation(x1, y, n_permutations=n, seed=11)
    again = qap_correlation(x1, y, n_permutations=n, seed=np.random.default_rng(11))
    np.testing.assert_array_equal(serial.permuted, again.permuted)
    assert not np.array_equal(
        serial.permuted, qap_correlation(x1, y, n_permutations=n, seed=12).permuted
    )
    m_serial = mrqap(y, {"x1": x1, "x2": x2}, n_permutations=n, seed=5)
    with ThreadPoolExecutor(2) as ex:
        np.testing.assert_array_equal(
            qap_correlation(x1, y, n_permutations=n, seed=11, executor=ex).permuted,
            serial.permuted,
        )
    # spawn: no fork of a process that may hold threads; workers import the library afresh
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as ex:
        np.testing.assert_array_equal(
            qap_correlation(x1, y, n_permutations=n, seed=11, executor=ex).permuted,
            serial.permuted,
        )
        m_proc = mrqap(y, {"x1": x1, "x2": x2}, n_permutations=n, seed=5, executor=ex)
        np.testing.assert_array_equal(m_proc.permuted_t, m_serial.permuted_t)


def test_same_seed_same_result_on_dask() -> None:
    import distributed  # in the dev extra: a missing install fails, not skips

    y, x1, x2 = _mats(2)
    serial = qap_correlation(x1, y, n_permutations=200, seed=3)
    m_serial = mrqap(y, [x1, x2], method="y", n_permutations=100, seed=4)
    with (
        distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        ex = client.get_executor()
        np.testing.assert_array_equal(
            qap_correlation(x1, y, n_permutations=200, seed=3, executor=ex).permuted,
            serial.permuted,
        )
        np.testing.assert_array_equal(
            mrqap(y, [x1, x2], method="y", n_permutations=100, seed=4, executor=ex).permuted_t,
            m_serial.permuted_t,
        )


def test_mrqap_fit_equals_ordinary_least_squares() -> None:
    y, x1, x2 = _mats()
    r = mrqap(y, {"x1": x1, "x2": x2}, n_permutations=20, seed=0)
    beta, t, r2 = _ols_t(y[OFF], [x1[OFF], x2[OFF]])
    np.testing.assert_allclose(r.coef, beta)
    np.testing.assert_allclose(r.t, t)
    assert r.r_squared == pytest.approx(r2)
    m, p = N * (N - 1), 3
    assert r.adj_r_squared == pytest.approx(1 - (1 - r2) * (m - 1) / (m - p))
    assert r.n_obs == m
    assert r.names == ("intercept", "x1", "x2")
    assert np.isnan(r.p_value[0])
    frame = r.to_frame()
    assert list(frame.index) == ["intercept", "x1", "x2"]
    # x1 drives y: its observed t beats every permutation
    assert r.p_value[1] == pytest.approx(1 / 21)


def test_dsp_permutations_equal_refitting_with_permuted_residuals() -> None:
    y, x1, x2 = _mats(4)
    r = mrqap(y, {"x1": x1, "x2": x2}, method="dsp", n_permutations=30, seed=9)
    perms = _same_permutations(9, 30)
    yv = y[OFF]
    for k, (xk, other) in enumerate(((x1, x2), (x2, x1))):
        # residual of x_k on the other predictor (and the intercept), as a matrix
        z = np.column_stack([np.ones(OFF.sum()), other[OFF]])
        coef, *_ = np.linalg.lstsq(z, xk[OFF], rcond=None)
        e = np.zeros((N, N))
        e[OFF] = xk[OFF] - z @ coef
        for b, p in enumerate(perms[:10]):
            _, t, _ = _ols_t(yv, [other[OFF], e[np.ix_(p, p)][OFF]])
            assert r.permuted_t[b, k] == pytest.approx(t[2], rel=1e-8)


def test_y_permutations_equal_refitting_with_permuted_y() -> None:
    y, x1, x2 = _mats(5)
    r = mrqap(y, {"x1": x1, "x2": x2}, method="y", n_permutations=30, seed=2)
    for b, p in enumerate(_same_permutations(2, 30)[:10]):
        _, t, _ = _ols_t(y[np.ix_(p, p)][OFF], [x1[OFF], x2[OFF]])
        np.testing.assert_allclose(r.permuted_t[b], t[1:], rtol=1e-8)


def test_bad_input() -> None:
    y, x1, _ = _mats()
    with pytest.raises(StructureError, match="constant"):
        qap_correlation(np.ones((N, N)), y)
    with pytest.raises(StructureError, match="different numbers of nodes"):
        qap_correlation(x1, y[:5, :5])
    with pytest.raises(StructureError, match="at least 3 nodes"):
        qap_correlation(np.eye(2), np.eye(2))
    with pytest.raises(StructureError, match="square"):
        qap_correlation(np.ones((3, 4)), y)
    with pytest.raises(StructureError, match="n_permutations"):
        qap_correlation(x1, y, n_permutations=0)
    with pytest.raises(StructureError, match="collinear"):
        mrqap(y, [x1, 2 * x1])
    with pytest.raises(StructureError, match="reserved"):
        mrqap(y, {"intercept": x1})
    with pytest.raises(StructureError, match="at least one predictor"):
        mrqap(y, {})
    with pytest.raises(StructureError, match="'dsp' or 'y'"):
        mrqap(y, [x1], method="x")  # type: ignore[arg-type]


def test_without_intercept() -> None:
    y, x1, _ = _mats()
    r = mrqap(y, [x1], intercept=False, n_permutations=10, seed=0)
    beta = (x1[OFF] @ y[OFF]) / (x1[OFF] @ x1[OFF])
    assert r.coef[0] == pytest.approx(beta)
    assert r.names == ("x1",)
