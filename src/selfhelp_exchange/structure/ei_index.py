"""Krackhardt & Stern's E-I index: ties across a partition against ties within it."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, Unpack

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._repr import headline_repr
from selfhelp_exchange.structure._adjacency import (
    GraphLike,
    PartitionLike,
    StructureError,
    ties,
)
from selfhelp_exchange.structure.partition import partition_codes
from selfhelp_exchange.structure.selection import (
    GraphKeywords,
    GraphSelection,
    resolve_selection,
)

if TYPE_CHECKING:
    import pandas as pd


__all__ = ["EIIndex", "ei_index"]


def _ratio(e: npt.ArrayLike, i: npt.ArrayLike) -> npt.NDArray[np.float64]:
    e = np.asarray(e, dtype=np.float64)
    i = np.asarray(i, dtype=np.float64)
    tot = e + i
    with np.errstate(invalid="ignore", divide="ignore"):
        out: npt.NDArray[np.float64] = np.where(
            tot > 0, (e - i) / np.where(tot > 0, tot, 1), np.nan
        )
    return out


#: Tie counts (int64, binary ties) or summed tie values (float64, ``weighted=True``).
TieCounts: TypeAlias = "npt.NDArray[np.int64] | npt.NDArray[np.float64]"


def _whole(x: npt.NDArray[Any]) -> npt.NDArray[np.int64]:
    out: npt.NDArray[np.int64] = np.rint(x).astype(np.int64)
    return out


def _as_float(x: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
    return x.astype(np.float64)


@attrs.frozen(eq=False, repr=False)
class EIIndex:
    """The E-I index of a graph, of each class of the partition and of each node.

    Attributes
    ----------
    index : float
        Whole network: :math:`(E - I) / (E + I)`, in [-1, 1]; NaN with no tie.
    expected : float
        The index if ties fell on pairs at random (random mixing): the same ratio over the
        numbers of possible external and internal pairs, given the class sizes.
    external, internal : int or float
        Ties (arcs for a directed graph, edges for an undirected one) between classes and
        within classes: whole numbers (int), or the sums of tie values (float) if weighted.
    classes : list
        The classes of the partition, in order of first appearance.
    class_size : ndarray of int
    class_index, class_expected, class_external, class_internal : ndarray
        Per class: ties with exactly one end in the class are external, ties with both ends in
        it internal (the counts int64, float64 if weighted).
    nodes : tuple
    node_class : ndarray of intp
        Each node's position in ``classes``.
    node_index, node_expected, node_external, node_internal : ndarray
        Per node: its ties (as ``mode`` chose) to other classes and to its own (the counts
        int64, float64 if weighted).

    Examples
    --------
    >>> import networkx as nx
    >>> from selfhelp_exchange.structure import ei_index
    >>> g = nx.Graph([(1, 2), (2, 3), (3, 4)])
    >>> r = ei_index(g, {1: "x", 2: "y", 3: "y", 4: "z"})
    >>> r.external, r.internal, round(r.index, 4)  # 1-2 and 3-4 cross, 2-3 stays: (2 - 1) / 3
    (2, 1, 0.3333)
    >>> r.classes, r.class_size.tolist(), r.node_index.tolist()
    (['x', 'y', 'z'], [1, 2, 1], [1.0, 0.0, 0.0, 1.0])
    """

    index: float
    expected: float
    external: float
    internal: float
    classes: list[Hashable]
    class_size: npt.NDArray[np.int64]
    class_index: npt.NDArray[np.float64]
    class_expected: npt.NDArray[np.float64]
    class_external: TieCounts
    class_internal: TieCounts
    nodes: tuple[Hashable, ...]
    node_class: npt.NDArray[np.intp]
    node_index: npt.NDArray[np.float64]
    node_expected: npt.NDArray[np.float64]
    node_external: TieCounts
    node_internal: TieCounts

    def __repr__(self) -> str:
        return headline_repr(
            "EIIndex",
            {
                "index": self.index,
                "expected": self.expected,
                "external": self.external,
                "internal": self.internal,
                "classes": self.classes,
                "n_nodes": len(self.nodes),
            },
        )

    def to_frame(self, by: str = "class") -> pd.DataFrame:
        """One row per class (``by="class"``, as :meth:`class_frame`) or per node (``"node"``)."""
        if by == "class":
            return self.class_frame()
        if by == "node":
            return self.node_frame()
        msg = f"by must be 'class' or 'node' (got {by!r})"
        raise StructureError(msg)

    def class_frame(self) -> pd.DataFrame:
        """One row per class: size, internal, external, ei_index, expected."""
        import pandas as pd

        return pd.DataFrame(
            {
                "size": self.class_size,
                "internal": self.class_internal,
                "external": self.class_external,
                "ei_index": self.class_index,
                "expected": self.class_expected,
            },
            index=pd.Index(self.classes, name="class"),
        )

    def node_frame(self) -> pd.DataFrame:
        """One row per node: class, internal, external, ei_index, expected."""
        import pandas as pd

        return pd.DataFrame(
            {
                "class": [self.classes[c] for c in self.node_class],
                "internal": self.node_internal,
                "external": self.node_external,
                "ei_index": self.node_index,
                "expected": self.node_expected,
            },
            index=pd.Index(list(self.nodes), name="node"),
        )


def ei_index(
    g: GraphLike,
    partition: PartitionLike | None = None,
    *,
    mode: Literal["all", "out", "in"] = "all",
    weighted: bool = False,
    selection: GraphSelection | None = None,
    **keywords: Unpack[GraphKeywords],
) -> EIIndex:
    r"""Krackhardt & Stern's E-I index over a node partition.

    Parameters
    ----------
    g : ExchangeNetwork, networkx graph or Adjacency
    partition : mapping, str or sequence, optional
        Node -> class, a node attribute's name, or one class per node (see
        :func:`~selfhelp_exchange.structure.partition_codes`). Default for an ExchangeNetwork:
        ``"side"``, the agency side (agencies and their subunits) against the self-help side.
        Required for a networkx graph.
    mode : {"all", "out", "in"}
        Which of a node's ties count in the per-node index of a directed graph: sent and
        received (default), sent only, or received only. The whole-network and per-class
        indices count every arc once whatever ``mode``.
    weighted : bool
        Count tie values instead of ties.
    selection : GraphSelection, optional
        Which graph to read; see :class:`~selfhelp_exchange.structure.GraphSelection`.
    **keywords
        Its fields one by one (``level="subunit"``), replacing those of ``selection``.

    Returns
    -------
    EIIndex

    Raises
    ------
    StructureError
        If the partition leaves a node without a class, or ``mode`` is unknown.

    Notes
    -----
    .. math:: EI = \frac{E - I}{E + I}

    with :math:`E` the ties between classes and :math:`I` the ties within classes
    (Krackhardt & Stern 1988): -1 when every tie stays inside a class, +1 when every tie
    crosses. The expected value under random mixing replaces :math:`E` and :math:`I` with the
    numbers of possible external and internal pairs: with class sizes :math:`n_k` and
    :math:`N = \sum_k n_k`, :math:`E^* = N^2 - \sum_k n_k^2` and
    :math:`I^* = \sum_k n_k (n_k - 1)` ordered pairs. For a class :math:`k` it is
    :math:`(2 n_k (N - n_k) - n_k (n_k - 1)) / (2 n_k (N - n_k) + n_k (n_k - 1))`, and for a
    node of class :math:`k`, :math:`(N - 2 n_k + 1) / (N - 1)` (this library's statement of
    random mixing: every pair equally likely to be tied). A rescaled index and a permutation
    test of the E-I index are not computed here. The sums run over the graph's ties
    (:func:`~selfhelp_exchange.structure._adjacency.ties`), never over an n x n matrix: time
    and memory grow with the ties.

    References
    ----------
    .. [1] Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational crises:
       an experimental simulation. *Social Psychology Quarterly*, 51(2), 123-140.
    .. [2] Hanneman, R. A., & Riddle, M. (2005). *Introduction to Social Network Methods*.
       University of California, Riverside.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> r = ei_index(g, {"a": 1, "b": 1, "c": 2, "d": 2})
    >>> r.index, r.external, r.internal  # b-c crosses; a-b and c-d stay inside
    (-0.3333333333333333, 1, 2)
    >>> round(r.expected, 4)  # 8 external of 12 ordered pairs: (8 - 4) / 12
    0.3333
    """
    sel = resolve_selection(selection, keywords, function="ei_index")
    if mode not in ("all", "out", "in"):
        msg = f"mode must be 'all', 'out' or 'in' (got {mode!r})"
        raise StructureError(msg)
    adj = ties(g, weighted=weighted, selection=sel)
    codes, classes = partition_codes(adj, partition)
    k = len(classes)
    n_total = adj.n
    # sums over the ties are the sums over the nonzero cells of the adjacency matrix
    src, tgt, val = adj.source, adj.target, adj.value
    same = codes[src] == codes[tgt]
    v_in = np.where(same, val, 0.0)
    v_out = np.where(same, 0.0, val)
    # an undirected tie fills two cells; halve so counts are edges
    half = 1.0 if adj.directed else 0.5
    internal = float(v_in.sum() * half)
    external = float(v_out.sum() * half)
    size = np.bincount(codes, minlength=k).astype(np.int64)
    pe = float(n_total**2 - np.sum(size**2))
    pi = float(np.sum(size * (size - 1)))
    row_int = np.bincount(src, weights=v_in, minlength=n_total)
    col_int = np.bincount(tgt, weights=v_in, minlength=n_total)
    row_ext = np.bincount(src, weights=v_out, minlength=n_total)
    col_ext = np.bincount(tgt, weights=v_out, minlength=n_total)
    # per class: within-class cells, and cells with exactly one end in the class
    within = np.bincount(codes, weights=row_int, minlength=k) * half
    cross = np.bincount(codes, weights=row_ext + col_ext, minlength=k) * half
    pe_k = 2.0 * size * (n_total - size)
    pi_k = (size * (size - 1)).astype(np.float64)
    if adj.directed and mode == "all":
        node_int = row_int + col_int
        node_ext = row_ext + col_ext
    elif adj.directed and mode == "in":
        node_int = col_int
        node_ext = col_ext
    else:
        node_int = row_int
        node_ext = row_ext
    nk = size[codes]
    node_exp = _ratio(n_total - nk, nk - 1)

    # counts of ties are whole numbers, and come back as such; tie values (weighted) stay floats
    counted = _whole if not weighted else _as_float
    return EIIndex(
        index=float(_ratio(external, internal)),
        expected=float(_ratio(pe, pi)),
        external=round(external) if not weighted else external,
        internal=round(internal) if not weighted else internal,
        classes=classes,
        class_size=size,
        class_index=_ratio(cross, within),
        class_expected=_ratio(pe_k, pi_k),
        class_external=counted(cross),
        class_internal=counted(within),
        nodes=adj.nodes,
        node_class=codes,
        node_index=_ratio(node_ext, node_int),
        node_expected=node_exp,
        node_external=counted(node_ext),
        node_internal=counted(node_int),
    )
