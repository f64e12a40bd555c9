"""Structural measures: the E-I index and brokerage roles, and a QAP correlation test.

``ei_brokerage`` runs on the whole organization-level graph of the community (every agency and
group; joint initiatives count as ties both ways), with the regions as the partition: how much
exchange stays within a region, and who brokers between regions. The library reads the graph
as its ties (never an n x n matrix: at national scale, 239,000 nodes, one would take 450 GB),
and brokerage enumerates the two-paths, so its cost grows with the sum over nodes of in-degree
times out-degree (10.8 million two-paths at full size), not with the exchanges alone.

``qap`` correlates two layers of one community (practitioner exchanges against client
exchanges) with 1,000 permutations, on a 1,000-node community at the medium and full sizes
(smaller at the small and tiny sizes, so that the default run stays short). Its reference is a
straightforward loop: relabel the matrix for each permutation and call ``np.corrcoef``, on the
same permutations.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
from harness import Case, Workload, raw_arrays, single_pass

import selfhelp_exchange as shx
from selfhelp_exchange.structure import ROLES
from selfhelp_exchange.structure._parallel import spawn_chunks
from selfhelp_exchange.structure.qap import _permutations

PARTITION = "region"


# ---------------------------------------------------------------------------- E-I, brokerage
def setup(work: Workload) -> dict[str, Any]:
    return {"net": work.net, "raw": work.raw()}


def setup_networkx(work: Workload) -> dict[str, Any]:
    return {"graph": work.nx_view}


def ei_brokerage_fast(s: dict[str, Any]) -> tuple[Any, Any]:
    net = s["net"]
    return shx.structure.ei_index(net, PARTITION), shx.structure.brokerage(net, PARTITION)


def _role(ga: Any, gb: Any, gc: Any) -> int:
    if ga == gb == gc:
        return 0  # coordinator
    if ga == gc:
        return 1  # itinerant
    if ga == gb:
        return 2  # representative
    if gb == gc:
        return 3  # gatekeeper
    return 4  # liaison


def ei_brokerage_nx(s: dict[str, Any]) -> dict[str, Any]:
    """From ``net.to_networkx()``: the organization-level DiGraph (parallel exchanges collapsed,
    initiatives both ways, actors no exchange touches left out), then E-I in one loop over its
    arcs, and brokerage: for each node b, every predecessor a and successor c with a != c and
    no arc a -> c."""
    mg = s["graph"]
    g = nx.DiGraph()
    g.add_nodes_from(
        (v, {PARTITION: d["attributes"].get(PARTITION)})
        for v, d in mg.nodes(data=True)
        if d["node_type"] != "actor" or mg.degree(v)
    )
    g.add_edges_from((u, v) for u, v in mg.edges() if u != v)
    cls = dict(g.nodes(data=PARTITION))
    external = internal = 0
    node_ext = dict.fromkeys(g, 0)
    node_int = dict.fromkeys(g, 0)
    for u, v in g.edges():
        if cls[u] == cls[v]:
            internal += 1
            node_int[u] += 1
            node_int[v] += 1
        else:
            external += 1
            node_ext[u] += 1
            node_ext[v] += 1
    counts = {b: [0] * len(ROLES) for b in g}
    for b in g:
        for a in g.predecessors(b):
            for c in g.successors(b):
                if a != c and not g.has_edge(a, c):
                    counts[b][_role(cls[a], cls[b], cls[c])] += 1
    return {
        "external": external,
        "internal": internal,
        "node_external": node_ext,
        "node_internal": node_int,
        "counts": counts,
    }


def ei_brokerage_check(s: dict[str, Any], fast: tuple[Any, Any], ref: dict[str, Any]) -> None:
    ei, br = fast
    assert (ei.external, ei.internal) == (ref["external"], ref["internal"])
    assert dict(zip(ei.nodes, ei.node_external.tolist(), strict=True)) == ref["node_external"]
    assert dict(zip(ei.nodes, ei.node_internal.tolist(), strict=True)) == ref["node_internal"]
    assert dict(zip(br.nodes, br.counts.tolist(), strict=True)) == ref["counts"]


# ---------------------------------------------------------------------------- QAP
N_PERMUTATIONS = 1000
QAP_SEED = 7


def qap_nodes(work: Workload) -> int:
    """Nodes of the QAP layers: 1,000 from 500,000 exchanges up, fewer below."""
    return 1000 if work.n_exchanges >= 500_000 else max(30, work.n_exchanges // 200)


def qap_setup(work: Workload) -> dict[str, Any]:
    """A community of ``qap_nodes`` agencies and groups in the workload's proportions (and
    about as many exchanges per node), and its practitioner and client layers."""
    n = qap_nodes(work)
    size = work.size
    agencies = max(1, round(n * size.agencies / (size.agencies + size.groups)))
    per_node = work.n_exchanges / (size.agencies + size.groups)
    net = shx.generate.community(
        agencies, n - agencies, n_exchanges=round(per_node * n), seed=work.seed
    )
    x = shx.structure.adjacency(net.layer(role="practitioners"))
    y = shx.structure.adjacency(net.layer(role="clients"))
    assert x.n == y.n == n  # every agency and group, in both layers
    return {"x": x, "y": y, "n": n, "raw": raw_arrays(net)}


def qap_fast(s: dict[str, Any]) -> Any:
    return shx.structure.qap_correlation(
        s["x"], s["y"], n_permutations=N_PERMUTATIONS, seed=QAP_SEED
    )


def qap_loop(s: dict[str, Any]) -> np.ndarray:
    """The same permutations (drawn as ``qap_correlation`` draws them), one at a time: relabel
    y's rows and columns, then ``np.corrcoef`` over the off-diagonal cells."""
    x, y, n = s["x"].matrix, s["y"].matrix, s["n"]
    off = ~np.eye(n, dtype=bool)
    xv = x[off]
    out = []
    for size, gen in spawn_chunks(QAP_SEED, N_PERMUTATIONS):
        for p in _permutations(size, n, gen):
            out.append(np.corrcoef(xv, y[np.ix_(p, p)][off])[0, 1])
    return np.array(out)


def qap_floor(s: dict[str, Any]) -> float:
    """1,000 times the statistic's cross-product over y's ties with no relabelling: what the
    permutations would cost if each were one cache-friendly pass over the ties."""
    x, y, n = s["x"].matrix, s["y"].matrix, s["n"]
    r, c = np.nonzero(y)
    idx, vals, flat = r * n + c, y[r, c], x.ravel()
    return float(sum(flat[idx] @ vals for _ in range(N_PERMUTATIONS)))


def qap_check(s: dict[str, Any], fast: Any, loop: np.ndarray) -> None:
    assert fast.n_permutations == len(loop) == N_PERMUTATIONS
    np.testing.assert_allclose(fast.permuted, loop, rtol=1e-9, atol=1e-12)
    x, y = s["x"].matrix, s["y"].matrix
    off = ~np.eye(s["n"], dtype=bool)
    assert np.isclose(fast.statistic, np.corrcoef(x[off], y[off])[0, 1])


CASES = [
    Case(
        "ei_brokerage",
        setup,
        ei_brokerage_fast,
        ei_brokerage_nx,
        lambda s: single_pass(s["raw"], len(s["net"].node_ids)),
        ei_brokerage_check,
        setup_networkx=setup_networkx,
        description="structure.ei_index + structure.brokerage by region on the whole "
        "organization-level graph vs loops over a DiGraph",
    ),
    Case(
        "qap",
        qap_setup,
        qap_fast,
        qap_loop,
        qap_floor,
        qap_check,
        description="qap_correlation, 1,000 permutations, practitioner vs client layer of a "
        "1,000-node community vs a loop of np.corrcoef",
        scales_with_exchanges=False,
        size=qap_nodes,
    ),
]
