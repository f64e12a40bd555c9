"""Counts come back as integers where they are counts; sums of tie values stay floats."""

from __future__ import annotations

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx

S = shx.structure


@st.composite
def digraphs(draw: st.DrawFn) -> nx.DiGraph:
    n = draw(st.integers(2, 9))
    arcs = draw(
        st.sets(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1])
        )
    )
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(arcs, weight=1.5)
    return g


@settings(max_examples=60, deadline=None)
@given(digraphs())
def test_degree_is_networkx_degree_as_int(g: nx.DiGraph) -> None:
    for mode, want in (("out", g.out_degree()), ("in", g.in_degree()), ("all", g.degree())):
        got = S.degree(g, mode=mode)
        assert got == dict(want)
        assert all(type(v) is int for v in got.values())
    strength = S.degree(g, mode="out", weighted=True)
    assert strength == dict(g.out_degree(weight="weight"))
    assert all(type(v) is float for v in strength.values())


@settings(max_examples=60, deadline=None)
@given(digraphs(), st.data())
def test_brokerage_and_ei_counts_are_integers(g: nx.DiGraph, data: st.DataObject) -> None:
    part = {v: data.draw(st.sampled_from("xyz")) for v in g}
    b = S.brokerage(g, part)
    assert b.counts.dtype == np.int64
    assert all(type(v) is int for v in b.network_counts.values())
    shared = S.brokerage(g, part, shared_credit=True)
    assert shared.counts.dtype == np.float64
    # shared credit splits each open pair among its brokers: the same nodes broker
    np.testing.assert_array_equal(b.counts > 0, shared.counts > 0)

    ei = S.ei_index(g, part)
    assert type(ei.external) is int
    assert type(ei.internal) is int
    assert ei.external + ei.internal == g.number_of_edges()
    for arr in (ei.class_external, ei.class_internal, ei.node_external, ei.node_internal):
        assert arr.dtype == np.int64
    valued = S.ei_index(g, part, weighted=True)
    assert valued.external + valued.internal == 1.5 * g.number_of_edges()
    assert valued.node_external.dtype == np.float64


def test_counts_print_as_integers() -> None:
    g = nx.DiGraph([("a", "b"), ("b", "c")])
    r = S.brokerage(g, {"a": "x", "b": "x", "c": "y"})
    assert "representative=1" in repr(r)
    assert "1.0" not in repr(r)
    frame = r.to_frame()
    assert frame["representative"].dtype == np.int64
    assert frame["total"].dtype == np.int64
