"""Reciprocity: arc-based against networkx, dyad-based by hand."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import assume, given

from selfhelp_exchange.structure import StructureError, reciprocity
from tests.strategies import adjacency_matrices


@given(adjacency_matrices(directed=True))
def test_arc_reciprocity_equals_networkx(m: list[list[int]]) -> None:
    g = nx.from_numpy_array(np.array(m, dtype=float), create_using=nx.DiGraph)
    assume(g.number_of_edges() > 0)
    assert reciprocity(g) == pytest.approx(nx.overall_reciprocity(g))


@given(adjacency_matrices(directed=True))
def test_dyad_reciprocity_counts_mutual_pairs(m: list[list[int]]) -> None:
    g = nx.from_numpy_array(np.array(m, dtype=float), create_using=nx.DiGraph)
    assume(g.number_of_edges() > 0)
    pairs = {frozenset(e) for e in g.edges}
    mutual = sum(1 for p in pairs if all(g.has_edge(*q) for q in (tuple(p), tuple(p)[::-1])))
    assert reciprocity(g, method="dyad") == pytest.approx(mutual / len(pairs))


def test_by_hand_and_edge_cases() -> None:
    g = nx.DiGraph([(1, 2), (2, 1), (2, 3), (3, 4)])
    # 1 mutual dyad, 2 asymmetric: arcs 2/4, dyads 1/3
    assert reciprocity(g) == 0.5
    assert reciprocity(g, method="dyad") == pytest.approx(1 / 3)
    assert math.isnan(reciprocity(nx.empty_graph(3, create_using=nx.DiGraph)))
    with pytest.raises(StructureError, match="directed graphs only"):
        reciprocity(nx.path_graph(3))
    with pytest.raises(StructureError, match="'arc' or 'dyad'"):
        reciprocity(g, method="edge")  # type: ignore[arg-type]
