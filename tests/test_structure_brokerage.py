"""Gould-Fernandez brokerage: against a triple loop on random digraphs, and by hand."""

from __future__ import annotations

import importlib
from collections import Counter
from unittest import mock

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.structure import ROLES, brokerage
from tests.strategies import adjacency_matrices

# the module, which the package's ``brokerage`` function shadows as an attribute
brokerage_module = importlib.import_module("selfhelp_exchange.structure.brokerage")


def _role(ga: int, gb: int, gc: int) -> str:
    if ga == gb == gc:
        return "coordinator"
    if ga == gc:
        return "itinerant"
    if ga == gb:
        return "representative"
    if gb == gc:
        return "gatekeeper"
    return "liaison"


def _loop(m: list[list[int]], cls: list[int], *, shared: bool) -> list[Counter[str]]:
    n = len(m)
    out: list[Counter[str]] = [Counter() for _ in range(n)]
    for a in range(n):
        for c in range(n):
            if a == c or m[a][c]:
                continue
            brokers = [b for b in range(n) if m[a][b] and m[b][c]]
            for b in brokers:
                out[b][_role(cls[a], cls[b], cls[c])] += 1 / len(brokers) if shared else 1
    return out


@given(adjacency_matrices(max_nodes=10, directed=True), st.data())
def test_counts_equal_a_triple_loop(m: list[list[int]], data: st.DataObject) -> None:
    n = len(m)
    cls = data.draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
    g = nx.from_numpy_array(np.array(m, dtype=float), create_using=nx.DiGraph)
    for shared in (False, True):
        r = brokerage(g, cls, shared_credit=shared)
        expected = _loop(m, cls, shared=shared)
        for b in range(n):
            assert r.counts[b].tolist() == pytest.approx([expected[b][k] for k in ROLES])


def test_by_hand() -> None:
    # a(x) -> b(x) -> c(x): coordinator; d(y) -> b -> c: gatekeeper; a -> b -> e(z): representative;
    # d -> b -> e: liaison; c(x) -> f(y) -> a(x): f is itinerant
    g = nx.DiGraph([("a", "b"), ("b", "c"), ("d", "b"), ("b", "e"), ("c", "f"), ("f", "a")])
    part = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "z", "f": "y"}
    r = brokerage(g, part)
    f = r.to_frame()
    assert f.loc["b", list(ROLES)].tolist() == [1, 0, 1, 1, 1]
    assert f.loc["f", list(ROLES)].tolist() == [0, 1, 0, 0, 0]
    # b -> c -> f (x, x, y): c represents; f -> a -> b (y, x, x): a is gatekeeper
    assert f.loc["c", "representative"] == 1
    assert f.loc["a", "gatekeeper"] == 1
    assert r.network_counts["coordinator"] == 1
    # closing the a -> c arc removes b's coordinator path
    g.add_edge("a", "c")
    assert brokerage(g, part).to_frame().loc["b", "coordinator"] == 0


def test_expected_counts_by_hand() -> None:
    # 6 nodes, classes x (3), y (2), z (1); 6 arcs: density d = 6 / 30 = 0.2, d^2 (1 - d) = 0.032
    g = nx.DiGraph([("a", "b"), ("b", "c"), ("d", "b"), ("b", "e"), ("c", "f"), ("f", "a")])
    part = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "z", "f": "y"}
    r = brokerage(g, part)
    assert r.density == pytest.approx(0.2)
    e = r.to_frame("expected")
    p = 0.032
    # broker in x (n_g = 3, N = 6): coordinator (2)(1) = 2; itinerant y: 2*1, z: 0 -> 2;
    # representative = gatekeeper = (2)(3) = 6; liaison: y*(6-3-2) + z*(6-3-1) = 2 + 2 = 4
    assert e.loc["b", list(ROLES)].tolist() == pytest.approx([2 * p, 2 * p, 6 * p, 6 * p, 4 * p])
    # broker in y (n_g = 2): coordinator 0; itinerant x: 3*2 = 6; rep = gate = 1 * 4 = 4;
    # liaison: x*(6-2-3) + z*(6-2-1) = 3 + 3 = 6
    assert e.loc["d", list(ROLES)].tolist() == pytest.approx([0, 6 * p, 4 * p, 4 * p, 6 * p])
    # every node's expectations add up to (N-1)(N-2) = 20 ordered pairs
    assert e["total"].tolist() == pytest.approx([20 * p] * 6)
    ratio = r.to_frame("ratio")
    assert ratio.loc["b", "coordinator"] == pytest.approx(1 / (2 * p))
    assert np.isnan(ratio.loc["d", "coordinator"])  # nothing expected
    assert r.network_expected["coordinator"] == pytest.approx(3 * 2 * p)


def test_agency_side_default_and_undirected_graphs() -> None:
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "One"), shx.Agency("A2", "Two")],
        groups=[shx.SelfHelpGroup("G1", "G", "mutual_help")],
        exchanges=[
            shx.Exchange("A1", "G1", "information"),
            shx.Exchange("G1", "A2", "information"),
        ],
    )
    r = brokerage(net)
    assert r.network_counts["itinerant"] == 1  # G1 carries information between two agencies
    und = brokerage(nx.path_graph(3), {0: 0, 1: 0, 2: 1})
    # 0 - 1 - 2 read both ways: 0 -> 1 -> 2 representative, 2 -> 1 -> 0 gatekeeper
    assert und.to_frame().loc[1, ["representative", "gatekeeper"]].tolist() == [1, 1]


@given(adjacency_matrices(max_nodes=9, directed=True), st.data(), st.sampled_from([1, 3, 8]))
def test_counts_do_not_depend_on_the_block_of_two_paths(
    m: list[list[int]], data: st.DataObject, block: int
) -> None:
    # the two-paths are enumerated a block at a time; tiny blocks split them many ways
    n = len(m)
    cls = data.draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    g = nx.from_numpy_array(np.array(m, dtype=float), create_using=nx.DiGraph)
    with mock.patch.object(brokerage_module, "_PATH_BLOCK", block):
        for shared in (False, True):
            r = brokerage(g, cls, shared_credit=shared)
            expected = _loop(m, cls, shared=shared)
            for b in range(n):
                assert r.counts[b].tolist() == pytest.approx([expected[b][k] for k in ROLES])


def test_a_generated_community_equals_a_loop_over_its_digraph() -> None:
    net = shx.generate.community(12, 60, n_exchanges=600, seed=4)
    r = brokerage(net, "region")
    g = nx.DiGraph()
    g.add_nodes_from(r.nodes)
    g.add_edges_from((u, v) for u, v in net.to_networkx().edges() if u != v)
    region = dict(zip(r.nodes, [r.classes[c] for c in r.node_class], strict=True))
    for b in g:
        want = Counter(
            _role(region[a], region[b], region[c])
            for a in g.predecessors(b)
            for c in g.successors(b)
            if a != c and not g.has_edge(a, c)
        )
        assert r.to_frame().loc[b, list(ROLES)].tolist() == [want[k] for k in ROLES]
    assert r.counts.sum() > 0
