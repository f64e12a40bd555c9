"""Writing the network to a JSON file and reading it back."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from harness import KIND_NAMES, Case, Workload, binary_roundtrip

import selfhelp_exchange as shx
from selfhelp_exchange.network import ExchangeNetwork


def setup(work: Workload) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="shx-bench-"))
    return {"net": work.net, "raw": work.raw(), "dir": folder}


def setup_networkx(work: Workload) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="shx-bench-nx-"))
    return {"graph": work.graph, "dir": folder}


def teardown(s: dict[str, Any]) -> None:
    shutil.rmtree(s["dir"], ignore_errors=True)


def fast(s: dict[str, Any]) -> ExchangeNetwork:
    path = s["dir"] / "net.json"
    shx.write_json(s["net"], path)
    net = shx.read_json(path, allow_duplicates=True)  # chance copies in generated data
    path.unlink()
    return net


def networkx(s: dict[str, Any]) -> Any:
    path = s["dir"] / "graph.json"
    data = nx.node_link_data(s["graph"], edges="edges")
    with path.open("w", encoding="utf-8") as f:
        json.dump(data, f, default=str)  # dates as ISO strings
    with path.open(encoding="utf-8") as f:
        g = nx.node_link_graph(json.load(f), directed=True, multigraph=True, edges="edges")
    path.unlink()
    return g


def floor(s: dict[str, Any]) -> int:
    return binary_roundtrip(s["raw"], s["dir"])


def check(s: dict[str, Any], net: ExchangeNetwork, g: Any) -> None:
    assert net == s["net"]  # every field survives the library's round trip
    x = net.arrays
    assert g.number_of_edges() == net.n_exchanges
    assert g.number_of_nodes() == len(net.node_ids)
    w: Counter[str] = Counter()
    for _, _, d in g.edges(data=True):
        w[d["kind"]] += d["weight"]
    fast_w = np.bincount(x.kind, weights=x.weight, minlength=len(KIND_NAMES))
    assert dict(w) == {KIND_NAMES[k]: v for k, v in enumerate(fast_w.tolist()) if v}
    assert sorted(d for _, _, d in g.edges(data="start")) == sorted(x.start.astype(str).tolist())


CASES = [
    Case(
        "json_roundtrip",
        setup,
        fast,
        networkx,
        floor,
        check,
        description="write_json + read_json vs node_link_data + json vs np.savez/np.load",
        setup_networkx=setup_networkx,
        teardown=teardown,
    )
]
