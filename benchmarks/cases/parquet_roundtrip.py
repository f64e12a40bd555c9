"""Writing the network to a Parquet file and reading it back."""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
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
    path = s["dir"] / "net.parquet"
    shx.write_parquet(s["net"], path)
    net = shx.read_parquet(path)
    path.unlink()
    return net


def networkx(s: dict[str, Any]) -> Any:
    """The edge list as a data frame through pandas' Parquet, and a graph built from it."""
    path = s["dir"] / "edges.parquet"
    frame = nx.to_pandas_edgelist(s["graph"])
    frame.to_parquet(path)
    back = pd.read_parquet(path)
    g = nx.from_pandas_edgelist(
        back,
        # no columns at all (an empty graph) is None to networkx
        edge_attr=[c for c in back.columns if c not in ("source", "target")] or None,
        create_using=nx.MultiDiGraph,
    )
    path.unlink()
    return g


def floor(s: dict[str, Any]) -> int:
    return binary_roundtrip(s["raw"], s["dir"])


def check(s: dict[str, Any], net: ExchangeNetwork, g: Any) -> None:
    assert net == s["net"]  # every field survives the library's round trip
    x = net.arrays
    assert g.number_of_edges() == net.n_exchanges
    w: Counter[str] = Counter()
    for _, _, d in g.edges(data=True):
        w[d["kind"]] += d["weight"]
    fast_w = np.bincount(x.kind, weights=x.weight, minlength=len(KIND_NAMES))
    assert dict(w) == {KIND_NAMES[k]: v for k, v in enumerate(fast_w.tolist()) if v}


CASES = [
    Case(
        "parquet_roundtrip",
        setup,
        fast,
        networkx,
        floor,
        check,
        description="write_parquet + read_parquet vs pandas to_parquet of the nx edge list "
        "vs np.savez/np.load",
        setup_networkx=setup_networkx,
        teardown=teardown,
    )
]
