"""Building the network from raw exchange arrays."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
from harness import KIND_NAMES, Case, Workload, nx_build, single_pass

from selfhelp_exchange.network import ExchangeNetwork


def setup(work: Workload) -> dict[str, Any]:
    net = work.net
    return {
        "records": {
            "agencies": net.agencies,
            "groups": net.groups,
            "actors": net.actors,
            "initiatives": net.initiatives,
        },
        "raw": work.raw(),
        "node_ids": net.node_ids,
        "node_type": net.node_type,
    }


def fast(s: dict[str, Any]) -> ExchangeNetwork:
    return ExchangeNetwork.from_arrays(**s["records"], **s["raw"])


def networkx(s: dict[str, Any]) -> Any:
    return nx_build(s["node_ids"], s["node_type"], s["raw"])


def floor(s: dict[str, Any]) -> float:
    return single_pass(s["raw"], len(s["node_ids"]))


def check(s: dict[str, Any], net: ExchangeNetwork, g: Any) -> None:
    ids = net.node_ids
    x = net.arrays
    assert g.number_of_nodes() == len(ids)
    assert g.number_of_edges() == net.n_exchanges
    n = len(ids)
    out_deg = np.bincount(x.source, minlength=n)
    in_w = np.bincount(x.target, weights=x.weight, minlength=n)
    assert [d for _, d in g.out_degree(ids.tolist())] == out_deg.tolist()
    assert np.allclose([d for _, d in g.in_degree(ids.tolist(), weight="weight")], in_w)
    kinds = Counter(k for _, _, k in g.edges(data="kind"))
    assert kinds == {KIND_NAMES[k]: c for k, c in enumerate(np.bincount(x.kind)) if c}
    starts = sorted(str(d) for _, _, d in g.edges(data="start"))
    assert starts == sorted(x.start.astype(str).tolist())


CASES = [
    Case(
        "build",
        setup,
        fast,
        networkx,
        floor,
        check,
        description="ExchangeNetwork.from_arrays vs nx.MultiDiGraph.add_edges_from",
    )
]
