"""Burt's constraint and effective size equal networkx's on random graphs."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.structure import constraint, effective_size
from tests.strategies import adjacency_matrices


@given(
    adjacency_matrices(max_nodes=8, directed=True),
    adjacency_matrices(max_nodes=8, directed=False),
    st.data(),
)
def test_equal_networkx(md: list[list[int]], mu: list[list[int]], data: st.DataObject) -> None:
    """Against networkx's node-by-node computation (``nodes=`` given).

    networkx 3.6's all-nodes shortcut for effective size divides each column, not each row, by
    the row maximum, so it differs for directed or weighted graphs; and its node-by-node path
    calls a node with only incoming ties isolated (NaN). Those nodes are checked by hand in
    ``test_by_hand`` instead.
    """
    for m, kind in ((md, nx.DiGraph), (mu, nx.Graph)):
        g = nx.from_numpy_array(np.array(m, dtype=float), create_using=kind)
        for u, v in g.edges:
            g.edges[u, v]["weight"] = data.draw(st.integers(1, 5))
        for weighted, weight in ((False, None), (True, "weight")):
            ours_c = constraint(g, weighted=weighted)
            ours_e = effective_size(g, weighted=weighted)
            theirs_c = nx.constraint(g, nodes=list(g), weight=weight)
            theirs_e = nx.effective_size(g, nodes=list(g), weight=weight)
            for v in g:
                if len(g[v]) == 0 and g.degree(v) > 0:
                    continue
                assert ours_c[v] == pytest.approx(theirs_c[v], nan_ok=True)
                assert ours_e[v] == pytest.approx(theirs_e[v], nan_ok=True)


def test_by_hand() -> None:
    # ego 0 tied to 1, 2, 3; 1-2 tied: p = 1/3 each.
    # c(0->1) = (1/3 + 1/3 * 1/2)^2 = 1/4, same for 2; c(0->3) = 1/9 -> 1/2 + 1/9
    g = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 2)])
    assert constraint(g)[0] == pytest.approx(0.5 + 1 / 9)
    # Borgatti: n - 2t/n = 3 - 2/3
    assert effective_size(g)[0] == pytest.approx(3 - 2 / 3)
    assert np.isnan(constraint(nx.empty_graph(2))[0])
    # 0 <-> 1, 0 -> 2, 1 -> 2. Node 2 has only incoming ties, yet two contacts, tied to each
    # other: mutual weights 1 and 1, p = 1/2 each, m = 1 -> e = 2 * (1 - 1/2) = 1;
    # c = 2 * (1/2 + 1/2 * 1/3)^2 with p(0 -> 1) = 2/3 ... from 2's side: p(2,0) = p(2,1) = 1/2,
    # p(0,1) = 2/3, p(1,0) = 2/3 -> (1/2 + 1/2 * 2/3)^2 * 2 = 25/18
    d = nx.DiGraph([(0, 1), (1, 0), (0, 2), (1, 2)])
    assert effective_size(d)[2] == pytest.approx(1.0)
    assert constraint(d)[2] == pytest.approx(25 / 18)
    # node 0: p(0,1) = 2/3, p(0,2) = 1/3; m(1,2) = 1/2, m(2,1) = 1:
    # e = (1 - 1/3 * 1/2) + (1 - 2/3 * 1) = 7/6
    assert effective_size(d)[0] == pytest.approx(7 / 6)


def test_on_an_exchange_network() -> None:
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "One")],
        groups=[shx.SelfHelpGroup(g, g, "mutual_help") for g in ("G1", "G2")],
        exchanges=[
            shx.Exchange(("A1", "practitioners"), "G1", "referral"),
            shx.Exchange("A1", "G2", "information"),
        ],
    )
    # A1 reaches two unconnected groups: constraint 1/2, effective size 2
    assert constraint(net)["A1"] == 0.5
    assert effective_size(net)["A1"] == 2.0
