"""Layer overlap: Jaccard, correlation and multiplexity of dyads."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.structure import StructureError, layer_overlap


def test_by_hand_on_two_relations() -> None:
    info = nx.DiGraph([(1, 2), (2, 3), (3, 1)])
    money = nx.DiGraph([(1, 2), (1, 3)])
    money.add_nodes_from(info)
    r = layer_overlap({"info": info, "money": money})
    assert r.layers == ("info", "money")
    assert r.ties.tolist() == [3, 2]
    # shared: 1->2 only; union: 4 dyads
    assert r.shared[0, 1] == 1
    assert r.jaccard[0, 1] == pytest.approx(1 / 4)
    # 6 ordered dyads: info 1,0,0,1,1,0 style vectors; compare with numpy
    off = ~np.eye(3, dtype=bool)
    a = nx.to_numpy_array(info, nodelist=[1, 2, 3])[off]
    b = nx.to_numpy_array(money, nodelist=[1, 2, 3])[off]
    assert r.correlation[0, 1] == pytest.approx(np.corrcoef(a, b)[0, 1])
    assert r.correlation[0, 0] == pytest.approx(1.0)
    assert r.multiplexity[0, 1] == 2  # 1 -> 2 in both
    assert r.multiplexity[2, 0] == 1
    frame = r.to_frame()
    assert frame.loc[0, "shared"] == 1
    dyads = r.dyad_frame()
    assert len(dyads) == 4
    assert dyads["multiplexity"].max() == 2


def test_undirected_dyads_and_empty_layers() -> None:
    a = nx.Graph([(1, 2), (2, 3)])
    b = nx.Graph()
    b.add_nodes_from([3, 2, 1])  # another node order: aligned by label
    r = layer_overlap({"a": a, "b": b})
    assert not r.directed
    assert r.ties.tolist() == [2, 0]
    assert np.isnan(r.correlation[0, 1])  # an empty layer has no variance
    assert r.jaccard[0, 1] == 0.0
    assert np.isnan(r.jaccard[1, 1])


def test_exchange_network_layers_are_its_kinds() -> None:
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "One"), shx.Agency("A2", "Two")],
        groups=[shx.SelfHelpGroup(g, g, "mutual_help") for g in ("G1", "G2")],
        exchanges=[
            shx.Exchange(("A1", "practitioners"), "G1", "referral"),
            shx.Exchange(("A1", "practitioners"), "G1", "information"),
            shx.Exchange(("A2", "practitioners"), "G2", "information"),
        ],
        initiatives=[shx.Initiative("I1", "public_education", ["A1", "G1"])],
    )
    r = layer_overlap(net)
    assert r.layers == ("referral", "information", "joint_initiative")
    i = r.layers.index
    assert r.shared[i("referral"), i("information")] == 1
    assert r.jaccard[i("referral"), i("information")] == pytest.approx(1 / 2)
    assert r.multiplexity[0, 2] == 3  # A1 -> G1: referral, information, joint initiative
    grouped = layer_overlap(
        net, {"clinical": ["referral", "information"], "joint": "joint_initiative"}
    )
    assert grouped.layers == ("clinical", "joint")
    assert grouped.ties.tolist() == [2, 2]
    # the same through the networkx view, one layer per 'kind' edge attribute
    view = layer_overlap(net.to_networkx())
    assert set(view.layers) == set(r.layers)
    k = view.layers.index
    assert view.shared[k("referral"), k("information")] == 1
    with pytest.raises(StructureError, match="not an exchange kind"):
        layer_overlap(net, ["sharing"])


def test_mismatched_nodes_are_an_error() -> None:
    with pytest.raises(StructureError, match="do not have the same nodes"):
        layer_overlap({"a": nx.path_graph(3), "b": nx.path_graph(4)})
    with pytest.raises(StructureError, match="expected an ExchangeNetwork"):
        layer_overlap([1, 2])  # type: ignore[arg-type]
