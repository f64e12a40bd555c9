"""Freeman centralization: node scores against networkx and igraph, indices by formula."""

from __future__ import annotations

import math

import igraph as ig
import networkx as nx
import numpy as np
import pytest
from hypothesis import given

from selfhelp_exchange.structure import (
    StructureError,
    betweenness,
    betweenness_centralization,
    centralization,
    degree,
    degree_centralization,
)
from tests.strategies import adjacency_matrices


@given(adjacency_matrices(directed=True), adjacency_matrices(directed=False))
def test_betweenness_equals_networkx_and_igraph(md: list[list[int]], mu: list[list[int]]) -> None:
    for m, directed in ((md, True), (mu, False)):
        arr = np.array(m, dtype=float)
        g = nx.from_numpy_array(arr, create_using=nx.DiGraph if directed else nx.Graph)
        ours = betweenness(g)
        theirs = nx.betweenness_centrality(g)
        assert [ours[v] for v in g] == pytest.approx([theirs[v] for v in g], abs=1e-9)
        raw = betweenness(g, normalized=False)
        gi = ig.Graph.Adjacency(
            arr.astype(int).tolist(), mode="directed" if directed else "undirected"
        )
        assert [raw[v] for v in g] == pytest.approx(gi.betweenness(directed=directed), abs=1e-9)


def _freeman(scores: list[float], denom: float) -> float:
    top = max(scores)
    return sum(top - s for s in scores) / denom


@given(adjacency_matrices(min_nodes=3, directed=True))
def test_degree_centralization_from_igraph_degrees(m: list[list[int]]) -> None:
    arr = np.array(m, dtype=float)
    n = len(m)
    g = nx.from_numpy_array(arr, create_using=nx.DiGraph)
    gi = ig.Graph.Adjacency(arr.astype(int).tolist(), mode="directed")
    out_d, in_d, all_d = gi.degree(mode="out"), gi.degree(mode="in"), gi.degree(mode="all")
    assert degree_centralization(g, mode="out") == pytest.approx(_freeman(out_d, (n - 1) ** 2))
    assert degree_centralization(g, mode="in") == pytest.approx(_freeman(in_d, (n - 1) ** 2))
    assert degree_centralization(g, mode="all") == pytest.approx(
        _freeman(all_d, 2 * (n - 1) * (n - 2))
    )
    assert degree_centralization(g, mode="out", convention="undirected_max") == pytest.approx(
        _freeman(out_d, (n - 1) * (n - 2))
    )
    und = gi.as_undirected(mode="collapse").degree()
    assert degree_centralization(g, mode="all", convention="undirected_max") == pytest.approx(
        _freeman(und, (n - 1) * (n - 2))
    )
    assert degree(g, mode="in") == dict(zip(g, map(float, in_d), strict=True))


@given(adjacency_matrices(min_nodes=3, directed=False))
def test_undirected_indices_lie_in_unit_interval(m: list[list[int]]) -> None:
    g = nx.from_numpy_array(np.array(m, dtype=float))
    n = len(m)
    assert 0 <= degree_centralization(g) <= 1
    deg = [d for _, d in g.degree()]
    assert degree_centralization(g) == pytest.approx(_freeman(deg, (n - 1) * (n - 2)))
    b = nx.betweenness_centrality(g)
    assert betweenness_centralization(g) == pytest.approx(_freeman(list(b.values()), n - 1))
    assert -1e-12 <= betweenness_centralization(g) <= 1 + 1e-12


def test_the_star_is_the_maximum() -> None:
    star = nx.star_graph(6)
    assert degree_centralization(star) == 1.0
    assert betweenness_centralization(star) == 1.0
    out_star = nx.DiGraph([(0, i) for i in range(1, 7)])
    assert degree_centralization(out_star, mode="out") == 1.0
    assert degree_centralization(out_star.reverse(), mode="in") == 1.0
    both = nx.DiGraph(star)  # each edge as two arcs
    assert degree_centralization(both, mode="all") == 1.0
    assert betweenness_centralization(both) == 1.0
    # the undirected star's denominator (n-1)(n-2) lets a directed star exceed 1: 36 / 30
    assert degree_centralization(
        out_star, mode="out", convention="undirected_max"
    ) == pytest.approx(1.2)
    weighted = nx.star_graph(4)
    nx.set_edge_attributes(weighted, 2.5, "weight")
    assert degree_centralization(weighted, weighted=True) == 1.0
    assert centralization(star, "betweenness") == 1.0
    assert centralization(nx.cycle_graph(6)) == 0.0


def test_small_and_bad_input() -> None:
    assert math.isnan(degree_centralization(nx.path_graph(2)))
    assert math.isnan(betweenness_centralization(nx.path_graph(2)))
    with pytest.raises(StructureError, match="mode must be"):
        degree_centralization(nx.DiGraph([(1, 2), (2, 3)]), mode="both")  # type: ignore[arg-type]
    with pytest.raises(StructureError, match="convention must be"):
        degree_centralization(nx.path_graph(3), convention="ora")  # type: ignore[arg-type]
    with pytest.raises(StructureError, match="kind must be"):
        centralization(nx.path_graph(3), "closeness")  # type: ignore[arg-type]


def test_by_hand() -> None:
    # path a-b-c-d: degrees 1,2,2,1; sum(2 - d) = 2; max (n-1)(n-2) = 6
    assert degree_centralization(nx.path_graph(4)) == pytest.approx(2 / 6)
    # betweenness (normalized by 3 pairs): 0, 2/3, 2/3, 0; sum(2/3 - b) = 4/3 over n - 1 = 3
    assert betweenness_centralization(nx.path_graph(4)) == pytest.approx(4 / 9)


def test_mode_total_is_the_old_name_of_all() -> None:
    g = nx.DiGraph([(1, 2), (1, 3), (3, 2), (4, 1)])
    with pytest.warns(FutureWarning, match="mode='all'"):
        old = degree_centralization(g, mode="total")
    assert old == degree_centralization(g, mode="all")
    with pytest.warns(FutureWarning):
        assert degree(g, mode="total") == degree(g, mode="all") == degree(g)
