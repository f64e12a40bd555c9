"""Writing the network to a folder of CSV tables and reading it back."""

from __future__ import annotations

import csv
import datetime as dt
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

#: Edge attributes the networkx edge list carries, with how each is read back.
EDGE_DATA = (
    ("kind", str),
    ("weight", float),
    ("start", str),
    ("end", str),
    ("source_role", str),
    ("target_role", str),
)


def setup(work: Workload) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="shx-bench-"))
    return {"net": work.net, "raw": work.raw(), "dir": folder}


def setup_networkx(work: Workload) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="shx-bench-nx-"))
    return {"graph": work.graph, "dir": folder}


def teardown(s: dict[str, Any]) -> None:
    shutil.rmtree(s["dir"], ignore_errors=True)


def fast(s: dict[str, Any]) -> ExchangeNetwork:
    folder = s["dir"] / "tables"
    shx.write_tables(s["net"], folder)
    net = shx.read_tables(folder, allow_duplicates=True)  # chance copies in generated data
    shutil.rmtree(folder)
    return net


def _optional(text: str) -> Any:
    return None if text == "None" else text


def networkx(s: dict[str, Any]) -> Any:
    """A node CSV (csv module) and networkx's own edge list (``write_edgelist`` with the edge
    attributes as columns, ``read_edgelist`` with their types); dates and roles come back as
    ``datetime.date`` and strings or None, as they went in."""
    g, folder = s["graph"], s["dir"]
    nodes, edges = folder / "nodes.csv", folder / "edges.csv"
    with nodes.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "node_type"])
        w.writerows(g.nodes(data="node_type"))
    nx.write_edgelist(g, edges, delimiter=",", data=[k for k, _ in EDGE_DATA])
    h = nx.MultiDiGraph()
    with nodes.open(encoding="utf-8", newline="") as f:
        h.add_nodes_from((r["id"], {"node_type": r["node_type"]}) for r in csv.DictReader(f))
    back = nx.read_edgelist(
        edges, delimiter=",", create_using=nx.MultiDiGraph, nodetype=str, data=EDGE_DATA
    )
    for _, _, d in back.edges(data=True):
        for k in ("start", "end", "source_role", "target_role"):
            d[k] = _optional(d[k])
        for k in ("start", "end"):
            if d[k] is not None:
                d[k] = dt.date.fromisoformat(d[k])
    h.add_edges_from(back.edges(data=True))
    nodes.unlink()
    edges.unlink()
    return h


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
    want = {KIND_NAMES[k]: v for k, v in enumerate(fast_w.tolist()) if v}
    assert w.keys() == want.keys()
    assert all(np.isclose(w[k], want[k]) for k in want)
    starts = sorted(str(d) for _, _, d in g.edges(data="start"))
    assert starts == sorted(x.start.astype(str).tolist())


CASES = [
    Case(
        "tables_roundtrip",
        setup,
        fast,
        networkx,
        floor,
        check,
        description="write_tables + read_tables (CSV folder) vs a node CSV + nx.write_edgelist "
        "/ read_edgelist vs np.savez/np.load",
        setup_networkx=setup_networkx,
        teardown=teardown,
    )
]
