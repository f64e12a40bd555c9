"""Overlap of exchange layers: how far different kinds of exchange run between the same pairs."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._repr import headline_repr
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.structure._adjacency import (
    Adjacency,
    Level,
    StructureError,
    adjacency,
)
from selfhelp_exchange.structure.partition import align

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

__all__ = ["LayerOverlap", "layer_overlap"]

_KINDS: tuple[ExchangeKind, ...] = tuple(ExchangeKind)
_BY_VALUE = {k.value: k for k in _KINDS}


def _kind_value(kind: ExchangeKind | str) -> str:
    if str(kind) not in _BY_VALUE:
        msg = f"{kind!r} is not an exchange kind (valid: {', '.join(_BY_VALUE)})"
        raise StructureError(msg)
    return str(kind)


@attrs.frozen(eq=False, repr=False)
class LayerOverlap:
    """Pairwise overlap of layers and the multiplexity of every dyad.

    Attributes
    ----------
    layers : tuple of str
    nodes : tuple
    directed : bool
        Dyads are ordered pairs when True, unordered pairs when False.
    ties : ndarray of int, shape (k,)
        Dyads with a tie in each layer.
    shared : ndarray of int, shape (k, k)
        Dyads with a tie in both layers.
    jaccard : ndarray of float64, shape (k, k)
        Shared dyads over dyads tied in either layer (NaN when neither has a tie).
    correlation : ndarray of float64, shape (k, k)
        Pearson correlation of the two layers' 0/1 dyad vectors (NaN when a layer is empty or
        complete).
    multiplexity : ndarray of int, shape (n, n)
        For each dyad, the number of layers in which it is tied (zero diagonal).

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> r = shx.structure.layer_overlap(shx.load_example("riverside"), ["referral", "attendance"])
    >>> r.layers, r.ties.tolist(), int(r.shared[0, 1])  # every attendance pair also refers
    (('referral', 'attendance'), [16, 7], 7)
    >>> round(float(r.jaccard[0, 1]), 4)  # 7 / 16
    0.4375
    """

    layers: tuple[str, ...]
    nodes: tuple[Hashable, ...]
    directed: bool
    ties: npt.NDArray[np.int64]
    shared: npt.NDArray[np.int64]
    jaccard: npt.NDArray[np.float64]
    correlation: npt.NDArray[np.float64]
    multiplexity: npt.NDArray[np.int64]

    def __repr__(self) -> str:
        return headline_repr(
            "LayerOverlap",
            {
                "layers": self.layers,
                "ties": self.ties.tolist(),
                "n_nodes": len(self.nodes),
                "directed": self.directed,
            },
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per pair of distinct layers: ties in each, shared, jaccard, correlation."""
        import pandas as pd

        k = len(self.layers)
        i, j = np.triu_indices(k, 1)
        return pd.DataFrame(
            {
                "layer_a": [self.layers[x] for x in i],
                "layer_b": [self.layers[x] for x in j],
                "ties_a": self.ties[i],
                "ties_b": self.ties[j],
                "shared": self.shared[i, j],
                "jaccard": self.jaccard[i, j],
                "correlation": self.correlation[i, j],
            }
        )

    def dyad_frame(self) -> pd.DataFrame:
        """One row per dyad tied in at least one layer: source, target, multiplexity."""
        import pandas as pd

        m = self.multiplexity if self.directed else np.triu(self.multiplexity)
        s, t = np.nonzero(m)
        return pd.DataFrame(
            {
                "source": [self.nodes[x] for x in s],
                "target": [self.nodes[x] for x in t],
                "multiplexity": m[s, t],
            }
        )


def _network_layers(
    net: ExchangeNetwork,
    layers: Mapping[str, Any] | Iterable[ExchangeKind | str] | None,
    *,
    level: Level,
    directed: bool,
) -> dict[str, Adjacency]:
    if layers is None:
        codes = sorted(set(net.arrays.kind.tolist()))
        names = [_KINDS[c].value for c in codes]
        if level == "organization" and len(net.joint_initiative_pairs()[0]):
            names.append(ExchangeKind.JOINT_INITIATIVE.value)
        spec: dict[str, list[ExchangeKind | str]] = {n: [n] for n in names}
    elif isinstance(layers, Mapping):
        spec = {
            str(k): [v] if isinstance(v, str | ExchangeKind) else list(v)
            for k, v in layers.items()
        }
    else:
        spec = {_kind_value(k): [k] for k in layers}
    return {
        name: adjacency(net, kinds=kinds, level=level, directed=directed)
        for name, kinds in spec.items()
    }


def layer_overlap(
    g: ExchangeNetwork | Mapping[str, Any] | nx.Graph,
    layers: Mapping[str, Any] | Iterable[ExchangeKind | str] | None = None,
    *,
    level: Level = "organization",
    directed: bool | None = None,
    layer_attribute: str = "kind",
) -> LayerOverlap:
    r"""Overlap between exchange layers: Jaccard and correlation of dyads, multiplexity per dyad.

    Parameters
    ----------
    g : ExchangeNetwork, mapping of name -> graph, or networkx multigraph
        An ExchangeNetwork: its layers are exchange kinds. A mapping: each value a networkx
        graph or :class:`~selfhelp_exchange.structure.Adjacency` on the same node set (say
        ``{"information": g1, "money": g2}``). A networkx graph: one layer per value of the
        edge attribute ``layer_attribute`` (as :meth:`ExchangeNetwork.to_networkx` writes
        ``kind``).
    layers : optional
        For an ExchangeNetwork: kinds to compare, or a mapping layer name -> kind or list of
        kinds (say ``{"board": ["board_seat", "policy_support"], ...}``). Default: every kind
        with at least one exchange (and ``joint_initiative`` where initiatives give pairs).
    level : {"organization", "subunit"}
        For an ExchangeNetwork; see :func:`~selfhelp_exchange.structure.adjacency`.
    directed : bool, optional
        Compare ordered pairs (default for directed graphs) or unordered pairs.
    layer_attribute : str
        For a networkx graph: the edge attribute naming each edge's layer.

    Returns
    -------
    LayerOverlap

    Raises
    ------
    StructureError
        If the graphs of a mapping have different node sets, or no layer is found.

    Notes
    -----
    With :math:`x^{(a)}_{ij} \in \{0, 1\}` the tie of dyad :math:`ij` in layer :math:`a`:
    Jaccard :math:`J_{ab} = |a \cap b| / |a \cup b|` over tied dyads; correlation the Pearson
    correlation of :math:`x^{(a)}` and :math:`x^{(b)}` over all dyads (the QAP correlation's
    statistic, see :func:`~selfhelp_exchange.structure.qap_correlation` for its test);
    multiplexity :math:`\sum_a x^{(a)}_{ij}`. Dyads exclude self-pairs.

    References
    ----------
    .. [1] Wasserman, S., & Faust, K. (1994). *Social Network Analysis*, section 4.5
       (multirelational networks).

    Examples
    --------
    >>> import networkx as nx
    >>> g1 = nx.DiGraph([(1, 2), (2, 3)])
    >>> g2 = nx.DiGraph([(1, 2), (3, 1)])
    >>> r = layer_overlap({"info": g1, "money": g2})
    >>> r.shared[0, 1], float(r.jaccard[0, 1]), int(r.multiplexity[0, 1])
    (np.int64(1), 0.3333333333333333, 2)
    """
    import networkx as nx

    if isinstance(g, ExchangeNetwork):
        graphs = _network_layers(
            g, layers, level=level, directed=True if directed is None else directed
        )
    elif isinstance(g, nx.Graph):
        values = sorted(
            {d.get(layer_attribute) for _, _, d in g.edges(data=True)} - {None}, key=str
        )
        wanted = values if layers is None else [str(v) for v in layers]
        graphs = {}
        for v in wanted:
            sub = nx.MultiDiGraph() if g.is_directed() else nx.MultiGraph()
            sub.add_nodes_from(g.nodes)
            sub.add_edges_from(
                (a, b) for a, b, d in g.edges(data=True) if str(d.get(layer_attribute)) == str(v)
            )
            graphs[str(v)] = adjacency(sub, directed=directed)
    elif isinstance(g, Mapping):
        graphs = {str(k): adjacency(v, directed=directed) for k, v in g.items()}
    else:
        msg = (
            "expected an ExchangeNetwork, a mapping of layer name -> graph, or a networkx "
            f"graph (got {type(g).__name__})"
        )
        raise StructureError(msg)
    if not graphs:
        msg = "no layer to compare: the network has no exchange"
        raise StructureError(msg)
    graphs = align(graphs)
    first = next(iter(graphs.values()))
    is_directed = first.directed if directed is None else directed
    n = first.n
    if is_directed:
        rows, cols = np.nonzero(~np.eye(n, dtype=bool))
    else:
        rows, cols = np.triu_indices(n, 1)
    mats = [adj.binary for adj in graphs.values()]
    if not is_directed:
        mats = [np.maximum(m, m.T) for m in mats]
    dyads = np.stack([m[rows, cols] for m in mats]) if mats else np.zeros((0, 0))
    ties = dyads.sum(axis=1)
    shared = dyads @ dyads.T
    union = ties[:, None] + ties[None, :] - shared
    with np.errstate(invalid="ignore", divide="ignore"):
        jaccard = np.where(union > 0, shared / np.where(union > 0, union, 1), np.nan)
        centred = dyads - dyads.mean(axis=1, keepdims=True)
        norm = np.sqrt((centred**2).sum(axis=1))
        denom = norm[:, None] * norm[None, :]
        corr = np.where(denom > 0, (centred @ centred.T) / np.where(denom > 0, denom, 1), np.nan)
    multiplexity = np.sum(mats, axis=0).astype(np.int64)
    return LayerOverlap(
        layers=tuple(graphs),
        nodes=first.nodes,
        directed=is_directed,
        ties=ties.astype(np.int64),
        shared=shared.astype(np.int64),
        jaccard=jaccard,
        correlation=corr,
        multiplexity=multiplexity,
    )
