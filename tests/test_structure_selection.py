"""GraphSelection: the seven "which graph" options as one object, equal to the keywords."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.exceptions import ArgumentTypeError, StructureError
from selfhelp_exchange.structure import GraphSelection

S = shx.structure


def _same(a: Any, b: Any) -> bool:
    """Equal results, NaN equal to NaN, for the result types of the structure functions."""
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, S.Adjacency):
        return a.nodes == b.nodes and np.array_equal(a.matrix, b.matrix)
    if isinstance(a, S.EIIndex):
        return a.index == b.index and np.array_equal(a.node_index, b.node_index, equal_nan=True)
    if isinstance(a, S.Brokerage):
        return np.array_equal(a.counts, b.counts)
    return bool(a == b)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "adjacency": S.adjacency,
    "density": S.density,
    "degree": S.degree,
    "degree_centralization": S.degree_centralization,
    "betweenness": S.betweenness,
    "betweenness_centralization": S.betweenness_centralization,
    "centralization": S.centralization,
    "constraint": S.constraint,
    "effective_size": S.effective_size,
    "ei_index": S.ei_index,
    "brokerage": S.brokerage,
}

SELECTIONS = [
    {},
    {"level": "subunit", "include_initiatives": False},
    {"directed": False},
    {"role": "practitioners"},
    {"theory": "adaptational", "include_initiatives": False},
    {"kinds": ["referral", "meeting_space"], "directed": False},
]


@pytest.fixture(scope="module")
def net() -> shx.ExchangeNetwork:
    return shx.load_example("riverside")


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
@pytest.mark.parametrize("options", SELECTIONS, ids=lambda o: ",".join(o) or "defaults")
def test_selection_equals_the_keywords(
    net: shx.ExchangeNetwork, name: str, options: dict[str, Any]
) -> None:
    fn = FUNCTIONS[name]
    by_keywords = fn(net, **options)
    by_object = fn(net, selection=GraphSelection(**options))
    assert _same(by_keywords, by_object)


def test_the_defaults_change_nothing(net: shx.ExchangeNetwork) -> None:
    assert _same(S.density(net, selection=GraphSelection()), S.density(net))
    # and a different selection does change the number, so the comparisons above can fail
    assert S.density(
        net, selection=GraphSelection(level="subunit", include_initiatives=False)
    ) != (S.density(net))


def test_reciprocity_takes_a_shared_selection_read_directed(net: shx.ExchangeNetwork) -> None:
    sel = GraphSelection(role="clients")
    assert _same(S.reciprocity(net, selection=sel), S.reciprocity(net, role="clients"))
    # one selection serves every measure: directed=True is what reciprocity reads anyway
    shared = GraphSelection(role="clients", directed=True)
    assert _same(S.reciprocity(net, selection=shared), S.reciprocity(net, role="clients"))
    with pytest.raises(StructureError, match="directed=False"):
        S.reciprocity(net, selection=GraphSelection(directed=False))
    with pytest.raises(StructureError, match="directed=False"):
        S.reciprocity(net, directed=False)


def test_keywords_replace_the_selections_fields(net: shx.ExchangeNetwork) -> None:
    sel = GraphSelection(level="subunit", include_initiatives=False, role="clients")
    got = S.density(net, selection=sel, role="practitioners")
    want = S.density(net, level="subunit", include_initiatives=False, role="practitioners")
    assert got == want
    assert sel.role == "clients"  # the selection itself is unchanged (frozen)


def test_an_unknown_keyword_is_refused_naming_the_function() -> None:
    with pytest.raises(ArgumentTypeError, match=r"density\(\).*'levle'.*level") as info:
        S.density(nx.path_graph(3), levle="subunit")
    assert isinstance(info.value, TypeError)


def test_a_selection_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(ArgumentTypeError, match="GraphSelection"):
        S.density(nx.path_graph(3), selection={"level": "subunit"})  # type: ignore[arg-type]


def test_the_fields_are_checked() -> None:
    with pytest.raises(StructureError, match="level must be"):
        GraphSelection(level="department")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="directed"):
        GraphSelection(directed="yes")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="include_initiatives"):
        GraphSelection(include_initiatives=1)  # type: ignore[arg-type]


def test_kinds_from_a_generator_serve_every_measure(net: shx.ExchangeNetwork) -> None:
    sel = GraphSelection(kinds=(k for k in ["referral", "meeting_space"]))
    assert sel.kinds == ("referral", "meeting_space")
    first = S.density(net, selection=sel)
    assert (
        S.density(net, selection=sel)
        == first
        == S.density(net, kinds=["referral", "meeting_space"])
    )


def test_weight_names_the_attribute_of_a_networkx_graph() -> None:
    g = nx.DiGraph()
    g.add_edge("a", "b", w=4.0, weight=1.0)
    g.add_edge("b", "c", w=2.0, weight=1.0)
    # valued density: the sum of the tie values over the 6 ordered pairs
    assert S.density(g, weighted=True, weight="w") == pytest.approx(6.0 / 6)
    assert S.density(g, weighted=True) == pytest.approx(2.0 / 6)
    assert S.density(g, weighted=True, selection=GraphSelection(weight="w")) == pytest.approx(1.0)


def test_repr_shows_only_what_differs_from_the_defaults() -> None:
    assert repr(GraphSelection()) == "GraphSelection()"
    sel = GraphSelection(level="subunit", kinds=["referral"])
    assert repr(sel) == "GraphSelection(level='subunit', kinds=('referral',))"
    assert sel.keywords()["level"] == "subunit"
    assert set(sel.keywords()) == {
        "level",
        "directed",
        "kinds",
        "theory",
        "role",
        "include_initiatives",
        "weight",
    }


def test_one_kind_alone_is_that_kind(net: shx.ExchangeNetwork) -> None:
    assert GraphSelection(kinds="referral").kinds == ("referral",)
    assert S.density(net, kinds="referral") == S.density(net, kinds=["referral"])
    assert S.density(net, kinds="referral") != S.density(net)


def test_layer_takes_one_kind_alone(net: shx.ExchangeNetwork) -> None:
    assert net.layer("referral") == net.layer(["referral"])
    assert net.layer(kinds="referral").n_exchanges < net.n_exchanges
