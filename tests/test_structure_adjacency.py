"""Reading ExchangeNetworks and networkx graphs into node lists and adjacency matrices."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.structure import StructureError, adjacency, partition_codes
from selfhelp_exchange.structure._adjacency import _record_value, _record_values, ties
from tests.strategies import networks, simple_ids

B, P, C = shx.Role.BOARD, shx.Role.PRACTITIONERS, shx.Role.CLIENTS


def small_net(*, initiatives: bool = False) -> shx.ExchangeNetwork:
    """A1 and A2 agencies, G1 and G2 groups, X1 a community actor no exchange touches."""
    return shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "One", sector="mental_health"), shx.Agency("A2", "Two")],
        groups=[
            shx.SelfHelpGroup("G1", "AA", "mutual_help", approach="twelve_step"),
            shx.SelfHelpGroup("G2", "SMART", "mutual_help", approach="non_twelve_step"),
        ],
        actors=[shx.CommunityActor("X1", "Paper", "media")],
        exchanges=[
            shx.Exchange(("A1", P), "G1", "referral", weight=2),
            shx.Exchange("A1", "G1", "facilitated_introduction", weight=3),  # whole agency
            shx.Exchange("G1", ("A1", B), "board_seat"),
            shx.Exchange("G2", ("A2", C), "in_reach", weight=0),
            shx.Exchange(("A2", C), "G1", "attendance", weight=5),
        ],
        initiatives=[shx.Initiative("I1", "public_education", ["A2", "G2"], ["X1"])]
        if initiatives
        else [],
    )


def test_organization_level_counts_a_subunits_exchanges_for_its_agency() -> None:
    a = adjacency(small_net())
    assert a.nodes == ("A1", "A2", "G1", "G2")  # X1 takes part in no exchange
    # A1->G1 (referral, introduction), G1->A1 (board seat), G2->A2, A2->G1
    expected = np.array(
        [
            [0, 0, 1, 0],
            [0, 0, 1, 0],
            [1, 0, 0, 0],
            [0, 1, 0, 0],
        ],
        dtype=float,
    )
    np.testing.assert_array_equal(a.matrix, expected)
    w = adjacency(small_net(), weighted=True).matrix
    assert w[0, 2] == 2 + 3  # two exchanges A1 -> G1 add up
    assert w[3, 1] == 0  # a zero-weight exchange is no weight ...
    assert a.matrix[3, 1] == 1  # ... but still a tie


def test_subunit_level_attaches_each_exchange_to_the_subunit_it_touches() -> None:
    a = adjacency(small_net(), level="subunit", weighted=True)
    assert a.nodes == (
        ("A1", B),
        ("A1", P),
        ("A1", C),
        ("A2", B),
        ("A2", P),
        ("A2", C),
        "G1",
        "G2",
    )
    pos = a.index()
    # the whole-agency facilitated introduction touches its kind's subunit, practitioners
    assert a.matrix[pos[("A1", P)], pos["G1"]] == 5
    assert a.matrix[pos["G1"], pos[("A1", B)]] == 1
    assert a.matrix[pos[("A2", C)], pos["G1"]] == 5
    assert a.matrix.sum() == 2 + 3 + 1 + 0 + 5
    assert a.node_type.tolist() == [3, 3, 3, 3, 3, 3, 1, 1]
    assert [a.organizations[i] for i in a.organization] == ["A1"] * 3 + ["A2"] * 3 + ["G1", "G2"]


def test_joint_initiatives_are_ties_both_ways_at_organization_level_only() -> None:
    net = small_net(initiatives=True)
    a = adjacency(net)
    pos = a.index()
    assert a.matrix[pos["A2"], pos["G2"]] == 1
    assert a.matrix[pos["G2"], pos["A2"]] == 1
    assert adjacency(net, include_initiatives=False).matrix[pos["A2"], pos["G2"]] == 0
    with pytest.raises(StructureError, match="include_initiatives=False"):
        adjacency(net, level="subunit")
    assert adjacency(net, level="subunit", include_initiatives=False).n == 8


def test_layers_by_kind_theory_and_role() -> None:
    net = small_net(initiatives=True)
    board = adjacency(net, role="board")
    assert board.matrix.sum() == 1  # the board seat only
    assert board.nodes == adjacency(net).nodes  # same nodes in every layer
    inst = adjacency(net, theory="institutional")
    assert inst.matrix.sum() == 2  # the joint initiative, both ways
    refer = adjacency(net, kinds=["referral", "attendance"])
    assert refer.matrix.sum() == 2


def test_directed_false_makes_a_tie_either_way_a_tie_between_the_two() -> None:
    a = adjacency(small_net(), directed=False, weighted=True)
    np.testing.assert_array_equal(a.matrix, a.matrix.T)
    pos = a.index()
    assert a.matrix[pos["A1"], pos["G1"]] == 2 + 3 + 1  # both directions add


def test_an_actor_that_exchanges_is_a_node() -> None:
    net = shx.ExchangeNetwork.from_arrays(
        agencies=[shx.Agency("A1", "One")],
        actors=[
            shx.CommunityActor("X1", "Paper", "media"),
            shx.CommunityActor("X2", "TV", "media"),
        ],
        source=["A1"],
        target=["X1"],
        kind=["information"],
    )
    assert adjacency(net).nodes == ("A1", "X1")


def test_networkx_graphs_of_every_kind() -> None:
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", weight=2.0)
    g.add_edge("a", "b", weight=1.5)
    g.add_edge("b", "b")  # self-loop: dropped
    g.add_node("c")
    a = adjacency(g, weighted=True)
    assert a.nodes == ("a", "b", "c")
    assert a.matrix[0, 1] == 3.5
    assert a.matrix.trace() == 0
    assert a.directed
    u = adjacency(nx.Graph([(1, 2)]))
    assert not u.directed
    np.testing.assert_array_equal(u.matrix, [[0, 1], [1, 0]])
    # an undirected graph read as directed: each edge is an arc both ways
    np.testing.assert_array_equal(adjacency(nx.Graph([(1, 2)]), directed=True).matrix, u.matrix)


def test_bad_input_is_named() -> None:
    with pytest.raises(StructureError, match="level must be"):
        adjacency(small_net(), level="agency")  # type: ignore[arg-type]
    with pytest.raises(StructureError, match="expected an ExchangeNetwork"):
        adjacency([[0, 1], [1, 0]])  # type: ignore[arg-type]
    with pytest.raises(StructureError, match="layer of an ExchangeNetwork"):
        adjacency(nx.DiGraph(), kinds=["referral"])
    with pytest.raises(StructureError, match="finite number >= 0"):
        adjacency(nx.DiGraph([(1, 2, {"weight": -1})]), weighted=True)
    assert issubclass(StructureError, shx.SelfHelpExchangeError)
    assert issubclass(StructureError, ValueError)


def test_partitions_by_attribute_mapping_and_sequence() -> None:
    net = small_net()
    a = adjacency(net)
    codes, labels = partition_codes(a, None)
    assert labels == ["agency", "self_help"]
    assert codes.tolist() == [0, 0, 1, 1]
    with pytest.raises(StructureError, match="2 node"):  # agencies have no approach
        partition_codes(a, "approach")
    partition_codes(adjacency(net, kinds=["referral"]), {"A1": 1, "A2": 1, "G1": 2, "G2": 2})
    with pytest.raises(StructureError, match="no class for 1 node"):
        partition_codes(a, {"A1": 1, "A2": 1, "G1": 2})
    codes, labels = partition_codes(a, ["x", "y", "x", "y"])
    assert codes.tolist() == [0, 1, 0, 1]
    with pytest.raises(StructureError, match="one class per node"):
        partition_codes(a, ["x"])
    sub = adjacency(net, level="subunit")
    codes, labels = partition_codes(sub, {"A1": "a", "A2": "b", "G1": "g", "G2": "g"})
    assert codes.tolist() == [0, 0, 0, 1, 1, 1, 2, 2]
    codes, labels = partition_codes(sub, "role")
    assert labels == ["board", "practitioners", "clients", "self_help"]
    with pytest.raises(StructureError, match="'sector': 2 node"):  # groups have no sector
        partition_codes(a, "sector")


def test_partition_by_a_networkx_node_attribute() -> None:
    g = nx.Graph()
    g.add_nodes_from([(1, {"team": "red"}), (2, {"team": "blue"}), (3, {"team": "red"})])
    codes, labels = partition_codes(adjacency(g), "team")
    assert labels == ["red", "blue"]
    assert codes.tolist() == [0, 1, 0]


@settings(max_examples=20)
@given(networks(max_exchanges=15, id_strategy=simple_ids, with_attributes=False))
def test_both_levels_equal_the_networkx_views(net: shx.ExchangeNetwork) -> None:
    for level, a in (
        ("organization", adjacency(net)),
        ("subunit", adjacency(net, level="subunit", include_initiatives=False)),
    ):
        view = nx.DiGraph(
            net.to_networkx(level=level, include_initiatives=level == "organization")
        )
        view.remove_edges_from(list(nx.selfloop_edges(view)))
        view = view.subgraph(a.nodes)
        expected = nx.to_numpy_array(view, nodelist=list(a.nodes), weight=None)
        np.testing.assert_array_equal(a.matrix, (expected > 0).astype(float))


# ---------------------------------------------------------------------------- ties
@settings(max_examples=40, deadline=None)
@given(networks(), st.booleans(), st.booleans(), st.sampled_from(["organization", "subunit"]))
def test_ties_are_the_nonzero_cells_of_the_adjacency_matrix(
    net: shx.ExchangeNetwork, directed: bool, weighted: bool, level: str
) -> None:
    options = {
        "directed": directed,
        "weighted": weighted,
        "level": level,
        "include_initiatives": level == "organization",
    }
    a = adjacency(net, **options)  # type: ignore[arg-type]
    t = ties(net, **options)  # type: ignore[arg-type]
    assert t.nodes == a.nodes
    assert (t.directed, t.weighted) == (a.directed, a.weighted)
    r, c = np.nonzero(a.matrix)
    assert t.source.tolist() == r.tolist()
    assert t.target.tolist() == c.tolist()
    assert t.value.tolist() == a.matrix[r, c].tolist()  # the same arithmetic, bit for bit
    assert t.attribute("side") == a.attribute("side")
    # and from the Adjacency itself
    back = ties(a)
    assert (back.source.tolist(), back.target.tolist()) == (r.tolist(), c.tolist())


def test_ties_of_a_networkx_graph_sum_parallel_edges_and_drop_loops() -> None:
    g = nx.MultiGraph([(1, 2, {"weight": 2.0}), (2, 1, {"weight": 0.5}), (3, 3), (2, 3)])
    t = ties(g, weighted=True)
    assert not t.directed
    assert list(zip(t.source.tolist(), t.target.tolist(), t.value.tolist(), strict=True)) == [
        (0, 1, 2.5),
        (1, 0, 2.5),
        (1, 2, 1.0),
        (2, 1, 1.0),
    ]
    with pytest.raises(StructureError, match="layer of an ExchangeNetwork"):
        ties(g, kinds=["referral"])


@settings(max_examples=30, deadline=None)
@given(networks())
def test_node_attributes_read_in_runs_equal_one_record_at_a_time(net: shx.ExchangeNetwork) -> None:
    records = [*net.agencies, *net.groups, *net.actors]
    for name in ("id", "name", "sector", "group_type", "kind", "focus", "region", "no_such"):
        assert _record_values(records, name) == [_record_value(r, name) for r in records]


@given(st.lists(st.sampled_from(["x", "y", "z", "x "]), min_size=1, max_size=20), st.booleans())
def test_text_partitions_number_classes_in_order_of_first_appearance(
    values: list[str], mixed: bool
) -> None:
    t = ties(nx.empty_graph(len(values)))
    given_values: list[object] = [*values[:-1], 7] if mixed else values  # 7: the general path
    codes, labels = partition_codes(t, given_values)
    first: dict[object, int] = {}
    for v in given_values:
        first.setdefault(v, len(first))
    assert labels == list(first)
    assert codes.tolist() == [first[v] for v in given_values]
