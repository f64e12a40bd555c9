"""E-I index: against a plain loop over ties on random graphs, and by hand."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.structure import StructureError, ei_index
from tests.strategies import adjacency_matrices


def _ratio(e: float, i: float) -> float:
    return (e - i) / (e + i) if e + i else math.nan


@given(adjacency_matrices(directed=True), st.data())
def test_equals_a_loop_over_arcs(m: list[list[int]], data: st.DataObject) -> None:
    n = len(m)
    cls = data.draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    g = nx.from_numpy_array(np.array(m, dtype=float), create_using=nx.DiGraph)
    r = ei_index(g, dict(enumerate(cls)))
    ext = sum(1 for u, v in g.edges if cls[u] != cls[v])
    inn = sum(1 for u, v in g.edges if cls[u] == cls[v])
    assert (r.external, r.internal) == (ext, inn)
    assert r.index == pytest.approx(_ratio(ext, inn), nan_ok=True)
    sizes = {c: cls.count(c) for c in set(cls)}
    pe = sum(sizes[a] * sizes[b] for a in sizes for b in sizes if a != b)
    pi = sum(s * (s - 1) for s in sizes.values())
    assert r.expected == pytest.approx(_ratio(pe, pi), nan_ok=True)
    for k, c in enumerate(r.classes):
        e_k = sum(1 for u, v in g.edges if (cls[u] == c) != (cls[v] == c))
        i_k = sum(1 for u, v in g.edges if cls[u] == c == cls[v])
        assert r.class_index[k] == pytest.approx(_ratio(e_k, i_k), nan_ok=True)
    for i in g:
        ties = [(u, v) for u, v in g.edges if i in (u, v)]
        e_i = sum(1 for u, v in ties if cls[u] != cls[v])
        assert r.node_external[i] == e_i
        assert r.node_index[i] == pytest.approx(_ratio(e_i, len(ties) - e_i), nan_ok=True)
        out = [(u, v) for u, v in g.edges if u == i]
        e_out = sum(1 for u, v in out if cls[u] != cls[v])
        assert ei_index(g, cls, mode="out").node_external[i] == e_out


def test_by_hand_on_an_undirected_graph() -> None:
    # two triangles {a,b,c} and {d,e,f} joined by c-d: 6 internal edges, 1 external
    g = nx.Graph(
        [("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")]
    )
    part = {v: v in "abc" for v in g}
    r = ei_index(g, part)
    assert (r.external, r.internal) == (1, 6)
    assert r.index == pytest.approx(-5 / 7)
    # random mixing: 18 of 30 ordered pairs are external -> (18 - 12) / 30
    assert r.expected == pytest.approx(0.2)
    # each class: 1 external tie, 3 internal; expected (2*3*3 - 3*2) / (2*3*3 + 3*2) = 12/24
    np.testing.assert_allclose(r.class_index, [-0.5, -0.5])
    np.testing.assert_allclose(r.class_expected, [0.5, 0.5])
    frame = r.node_frame()
    assert frame.loc["c", "external"] == 1
    assert frame.loc["c", "internal"] == 2
    assert frame.loc["c", "ei_index"] == pytest.approx(-1 / 3)
    # a node: 3 others outside, 2 inside -> (3 - 2) / 5
    assert frame.loc["a", "expected"] == pytest.approx(0.2)
    assert list(r.class_frame()["size"]) == [3, 3]


def test_default_partition_is_agency_side_against_self_help_side() -> None:
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "One"), shx.Agency("A2", "Two")],
        groups=[shx.SelfHelpGroup("G1", "G", "mutual_help")],
        exchanges=[
            shx.Exchange(("A1", "practitioners"), "G1", "referral"),
            shx.Exchange("A1", "A2", "information"),
        ],
    )
    r = ei_index(net)
    assert r.classes == ["agency", "self_help"]
    assert (r.external, r.internal) == (1, 1)
    assert r.index == 0.0
    with pytest.raises(StructureError, match="mode must be"):
        ei_index(net, mode="both")  # type: ignore[arg-type]
