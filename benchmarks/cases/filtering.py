"""Restricting the network to a time window and to an exchange layer."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import numpy as np
from harness import KIND_NAMES, Case, Workload

from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.network import ExchangeNetwork

# the middle half of the generator's default two-year window
WINDOW = (dt.date(2024, 7, 1), dt.date(2025, 6, 30))
LAYER_ROLE = "practitioners"
_LAYER_KINDS = frozenset(k.value for k in ExchangeKind if k.role and k.role.value == LAYER_ROLE)


def setup(work: Workload) -> dict[str, Any]:
    return {"net": work.net, "raw": work.raw()}


def setup_networkx(work: Workload) -> dict[str, Any]:
    return {"graph": work.graph}


def _summary_net(net: ExchangeNetwork) -> tuple[int, dict[str, float]]:
    x = net.arrays
    w = np.bincount(x.kind, weights=x.weight, minlength=len(KIND_NAMES))
    return net.n_exchanges, {KIND_NAMES[k]: float(v) for k, v in enumerate(w) if v}


def _summary_graph(g: Any) -> tuple[int, dict[str, float]]:
    w: Counter[str] = Counter()
    for _, _, d in g.edges(data=True):
        w[d["kind"]] += d["weight"]
    return g.number_of_edges(), dict(w)


def _same(net: ExchangeNetwork, g: Any) -> None:
    n_fast, w_fast = _summary_net(net)
    n_nx, w_nx = _summary_graph(g)
    assert n_fast == n_nx
    assert w_fast.keys() == w_nx.keys()
    assert all(np.isclose(w_fast[k], w_nx[k]) for k in w_fast)
    assert g.number_of_nodes() == len(net.node_ids)


# ---------------------------------------------------------------------------- window
def window_fast(s: dict[str, Any]) -> ExchangeNetwork:
    return s["net"].window(start=WINDOW[0], end=WINDOW[1])


def window_nx(s: dict[str, Any]) -> Any:
    g = s["graph"]
    lo, hi = WINDOW
    keep = [
        (u, v, k)
        for u, v, k, d in g.edges(keys=True, data=True)
        if (d["start"] is None or d["start"] <= hi) and (d["end"] is None or d["end"] >= lo)
    ]
    h = g.edge_subgraph(keep).copy()
    h.add_nodes_from(g.nodes(data=True))  # edge_subgraph keeps only the nodes it touches
    return h


def window_floor(s: dict[str, Any]) -> int:
    lo, hi = (np.datetime64(d, "D") for d in WINDOW)
    raw = s["raw"]
    return int(np.count_nonzero((raw["start"] <= hi) & (raw["end"] >= lo)))


def window_check(s: dict[str, Any], net: ExchangeNetwork, g: Any) -> None:
    _same(net, g)


# ---------------------------------------------------------------------------- layer
def layer_fast(s: dict[str, Any]) -> ExchangeNetwork:
    return s["net"].layer(role=LAYER_ROLE)


def layer_nx(s: dict[str, Any]) -> Any:
    g = s["graph"]
    keep = [(u, v, k) for u, v, k, kind in g.edges(keys=True, data="kind") if kind in _LAYER_KINDS]
    h = g.edge_subgraph(keep).copy()
    h.add_nodes_from(g.nodes(data=True))
    return h


def layer_floor(s: dict[str, Any]) -> int:
    codes = [ExchangeKind(k).code for k in _LAYER_KINDS]
    return int(np.count_nonzero(np.isin(s["raw"]["kind"], codes)))


def layer_check(s: dict[str, Any], net: ExchangeNetwork, g: Any) -> None:
    _same(net, g)
    assert {KIND_NAMES[k] for k in np.unique(net.arrays.kind)} <= _LAYER_KINDS


CASES = [
    Case(
        "window",
        setup,
        window_fast,
        window_nx,
        window_floor,
        window_check,
        setup_networkx=setup_networkx,
        description="net.window(2024-07-01, 2025-06-30) vs an edge subgraph by date",
    ),
    Case(
        "layer",
        setup,
        layer_fast,
        layer_nx,
        layer_floor,
        layer_check,
        setup_networkx=setup_networkx,
        description="net.layer(role='practitioners') vs an edge subgraph by kind",
    ),
]
