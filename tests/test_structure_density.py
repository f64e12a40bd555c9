"""Density: against networkx on random graphs, by hand on small ones."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given

import selfhelp_exchange as shx
from selfhelp_exchange.structure import density
from tests.strategies import adjacency_matrices


@given(adjacency_matrices(directed=True))
def test_equals_networkx_on_random_digraphs(m: list[list[int]]) -> None:
    g = nx.from_numpy_array(np.array(m, dtype=float), create_using=nx.DiGraph)
    assert density(g) == pytest.approx(nx.density(g))


@given(adjacency_matrices(directed=False))
def test_equals_networkx_on_random_graphs(m: list[list[int]]) -> None:
    g = nx.from_numpy_array(np.array(m, dtype=float))
    assert density(g) == pytest.approx(nx.density(g))


def test_by_hand() -> None:
    # 3 arcs among 3 nodes: 3 / (3 * 2)
    assert density(nx.DiGraph([(0, 1), (1, 2), (2, 0)])) == 0.5
    # valued: (2 + 4) / 6 ordered pairs
    g = nx.DiGraph([(0, 1, {"weight": 2}), (1, 2, {"weight": 4})])
    assert density(g, weighted=True) == 1.0
    assert density(nx.empty_graph(1)) == 0.0


def test_an_exchange_layer() -> None:
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "One")],
        groups=[shx.SelfHelpGroup(g, g, "mutual_help") for g in ("G1", "G2")],
        exchanges=[
            shx.Exchange(("A1", "practitioners"), "G1", "referral"),
            shx.Exchange("G2", ("A1", "board"), "board_seat"),
        ],
    )
    assert density(net) == 2 / 6
    assert density(net, kinds=["referral"]) == 1 / 6
    # subunit level: 3 subunits + 2 groups = 5 nodes, 2 arcs of 20
    assert density(net, level="subunit") == 2 / 20
