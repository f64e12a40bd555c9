"""Gould & Fernandez brokerage roles: who mediates between whom, given a partition.

A node ``b`` brokers for the ordered pair ``(a, c)`` when ``a -> b -> c`` and ``a`` has no tie
to ``c`` (``a != c``). The classes of ``a``, ``b`` and ``c`` name the role. Counting enumerates
the two-paths from the ties, block by block with numpy, so no loop over nodes runs and no
n x n matrix is built: time grows with the number of two-paths (the sum over nodes of in-degree
times out-degree), memory with the ties.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Unpack

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._grouping import unique_inverse
from selfhelp_exchange._repr import headline_repr
from selfhelp_exchange.structure._adjacency import (
    GraphLike,
    PartitionLike,
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


__all__ = ["ROLES", "Brokerage", "brokerage"]

#: The five roles, in the column order of every array of :class:`Brokerage`.
ROLES: tuple[str, ...] = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


@attrs.frozen(eq=False, repr=False)
class Brokerage:
    """Brokerage role counts per node, their expected values and the ratio of the two.

    Attributes
    ----------
    nodes : tuple
    classes : list
        The partition's classes.
    node_class : ndarray of intp
        Each node's position in ``classes``.
    counts : ndarray of int64 (float64 with ``shared_credit``), shape (n, 5)
        Observed counts per node, columns in :data:`ROLES` order: whole numbers, fractional
        with ``shared_credit``.
    expected : ndarray of float64, shape (n, 5)
        Expected counts under Gould & Fernandez's null model (see :func:`brokerage`).
    density : float
        The density of the binary directed graph, which the expectations use.
    roles : tuple of str
        :data:`ROLES`.

    Examples
    --------
    >>> import networkx as nx
    >>> from selfhelp_exchange.structure import brokerage
    >>> g = nx.DiGraph([(1, 2), (2, 3), (3, 4)])
    >>> r = brokerage(g, {1: "x", 2: "y", 3: "y", 4: "z"})
    >>> r.total.tolist()  # 2 brokers 1 -> 3, 3 brokers 2 -> 4
    [0, 1, 1, 0]
    >>> r.to_frame()[["class", "representative", "gatekeeper"]]  # doctest: +NORMALIZE_WHITESPACE
         class  representative  gatekeeper
    node
    1        x               0           0
    2        y               0           1
    3        y               1           0
    4        z               0           0
    """

    nodes: tuple[Hashable, ...]
    classes: list[Hashable]
    node_class: npt.NDArray[np.intp]
    counts: npt.NDArray[np.int64] | npt.NDArray[np.float64]
    expected: npt.NDArray[np.float64]
    density: float
    roles: tuple[str, ...] = ROLES

    def __repr__(self) -> str:
        return headline_repr(
            "Brokerage",
            {"n_nodes": len(self.nodes), "classes": self.classes, **self.network_counts},
        )

    @property
    def total(self) -> npt.NDArray[np.int64] | npt.NDArray[np.float64]:
        """Each node's total brokerage (the sum of its five roles; int64 as :attr:`counts`)."""
        out: npt.NDArray[np.int64] | npt.NDArray[np.float64] = self.counts.sum(axis=1)
        return out

    @property
    def ratio(self) -> npt.NDArray[np.float64]:
        """Observed over expected counts (NaN where the expectation is 0): relative brokerage."""
        with np.errstate(invalid="ignore", divide="ignore"):
            out: npt.NDArray[np.float64] = np.where(
                self.expected > 0,
                self.counts / np.where(self.expected > 0, self.expected, 1.0),
                np.nan,
            )
        return out

    @property
    def network_counts(self) -> dict[str, int] | dict[str, float]:
        """Each role's count summed over all nodes (int, float with ``shared_credit``)."""
        return dict(zip(self.roles, self.counts.sum(axis=0).tolist(), strict=True))

    @property
    def network_expected(self) -> dict[str, float]:
        """Each role's expected count summed over all nodes."""
        return dict(zip(self.roles, self.expected.sum(axis=0).tolist(), strict=True))

    def to_frame(self, values: str = "counts") -> pd.DataFrame:
        """One row per node, one column per role (and ``total`` for counts and expected).

        ``values`` is ``"counts"``, ``"expected"`` or ``"ratio"``.
        """
        import pandas as pd

        data = {"counts": self.counts, "expected": self.expected, "ratio": self.ratio}[values]
        frame = pd.DataFrame(
            data, columns=list(self.roles), index=pd.Index(self.nodes, name="node")
        )
        if values != "ratio":
            frame["total"] = data.sum(axis=1)
        frame.insert(0, "class", [self.classes[c] for c in self.node_class])
        return frame


#: Two-paths enumerated at once (a few arrays of this length are in memory together).
_PATH_BLOCK = 2**22

#: Role of a two-path a -> b -> c by ``4 [G(a) = G(b)] + 2 [G(b) = G(c)] + [G(a) = G(c)]``
#: (positions in :data:`ROLES`; code 6 cannot occur, as G(a) = G(b) = G(c) then).
_ROLE_OF_CODE = np.array([4, 1, 3, 3, 2, 2, 0, 0], dtype=np.int64)


def _blocks(src: npt.NDArray[np.intp], paths: npt.NDArray[np.int64]) -> list[tuple[int, int]]:
    """Ranges of arcs (sorted by source) holding about ``_PATH_BLOCK`` two-paths each.

    A range never splits one source's arcs, so every two-path from ``a`` to ``c`` lands in one
    block.
    """
    n_arcs = len(src)
    if n_arcs == 0:
        return []
    # a block may end only where a new source starts
    starts = np.flatnonzero(np.concatenate([[True], src[1:] != src[:-1]]))
    bounds = np.append(starts, n_arcs)
    before = np.concatenate([[0], np.cumsum(paths)])[bounds]  # two-paths before each bound
    out = []
    i, last = 0, len(bounds) - 1
    while i < last:
        j = int(np.searchsorted(before, before[i] + _PATH_BLOCK, "right")) - 1
        j = min(max(j, i + 1), last)  # at least one source, even one over the block size
        out.append((int(bounds[i]), int(bounds[j])))
        i = j
    return out


def _role_counts(
    n: int,
    src: npt.NDArray[np.intp],
    tgt: npt.NDArray[np.intp],
    codes: npt.NDArray[np.intp],
    *,
    shared_credit: bool,
) -> npt.NDArray[np.float64]:
    """Counts per broker and role over every open two-path ``a -> b -> c``.

    ``src``, ``tgt`` are the arcs, sorted by source then target, without loops. For each arc
    ``a -> b`` the two-paths continue along ``b``'s out-arcs; a path is open when ``a != c`` and
    ``a -> c`` is not an arc (a binary search among ``a``'s out-arcs). With ``shared_credit``
    each open path counts 1 / (the number of two-paths from ``a`` to ``c``).
    """
    out = np.zeros(n * len(ROLES))
    if len(src) == 0:
        return out.reshape(n, len(ROLES))
    src64, tgt64 = src.astype(np.int64), tgt.astype(np.int64)
    arc_key = src64 * n + tgt64
    out_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src64, minlength=n), out=out_ptr[1:])
    paths = np.diff(out_ptr)[tgt64]  # two-paths through each arc a -> b: b's out-degree
    for lo, hi in _blocks(src, paths):
        reps = paths[lo:hi]
        total = int(reps.sum())
        if total == 0:
            continue
        a = np.repeat(src64[lo:hi], reps)
        b = np.repeat(tgt64[lo:hi], reps)
        # position of c among the arcs: b's first out-arc plus the path's rank within the arc
        first = np.cumsum(reps) - reps
        c = tgt64[np.repeat(out_ptr[tgt64[lo:hi]] - first, reps) + np.arange(total)]
        key = a * n + c
        # arcs lo..hi are exactly the out-arcs of the block's sources, sorted
        arcs = arc_key[lo:hi]
        at = np.minimum(np.searchsorted(arcs, key), len(arcs) - 1)
        is_open = (a != c) & (arcs[at] != key)
        a, b, c, key = a[is_open], b[is_open], c[is_open], key[is_open]
        ca, cb, cc = codes[a], codes[b], codes[c]
        role = _ROLE_OF_CODE[4 * (ca == cb) + 2 * (cb == cc) + (ca == cc)]
        weights = None
        if shared_credit:
            _, inverse = unique_inverse(key)
            weights = 1.0 / np.bincount(inverse)[inverse]
        out += np.bincount(b * len(ROLES) + role, weights=weights, minlength=len(out))
    return out.reshape(n, len(ROLES))


def brokerage(
    g: GraphLike,
    partition: PartitionLike | None = None,
    *,
    shared_credit: bool = False,
    selection: GraphSelection | None = None,
    **keywords: Unpack[GraphKeywords],
) -> Brokerage:
    r"""Gould & Fernandez brokerage roles of every node for a directed layer and a partition.

    Parameters
    ----------
    g : ExchangeNetwork, networkx graph or Adjacency
        Ties are binary. An undirected tie counts as two arcs, so each open path is counted in
        both directions (and representative and gatekeeper counts coincide).
    partition : mapping, str or sequence, optional
        Node -> class (see :func:`~selfhelp_exchange.structure.partition_codes`). Default for an
        ExchangeNetwork: ``"side"``, agency side against self-help side. Required for a networkx
        graph.
    shared_credit : bool
        ``False`` (default): each open two-path through ``b`` counts 1. ``True``: when ``k``
        nodes each broker ``a -> c``, each gets ``1/k`` (the partial credit UCINET offers, after
        Gould & Fernandez 1989). The expected values are those of the unweighted counts.
    selection : GraphSelection, optional
        Which graph to read; see :class:`~selfhelp_exchange.structure.GraphSelection`.
    **keywords
        Its fields one by one (``level="subunit"``), replacing those of ``selection``.

    Returns
    -------
    Brokerage

    Notes
    -----
    For the path :math:`a \to b \to c` with :math:`a \not\to c` and :math:`G(x)` the class of
    :math:`x`, broker :math:`b` is a

    - **coordinator** if :math:`G(a) = G(b) = G(c)`;
    - **itinerant** (UCINET: consultant) if :math:`G(a) = G(c) \ne G(b)`;
    - **representative** if :math:`G(a) = G(b) \ne G(c)`;
    - **gatekeeper** if :math:`G(a) \ne G(b) = G(c)`;
    - **liaison** if :math:`G(a)`, :math:`G(b)`, :math:`G(c)` all differ.

    These are the definitions of Gould & Fernandez (1989) and of UCINET's brokerage routine
    (``Network > Ego networks > Brokerage``). Expected counts follow Gould & Fernandez's model
    of a random graph of the observed density :math:`d = L / (N(N-1))`: a given ordered pair is
    an open two-path through :math:`b` with probability :math:`d^2 (1 - d)`, times the number of
    ordered pairs :math:`(a, c)` whose classes make the role. For a broker in class :math:`g`
    with :math:`n_g` members, :math:`N` nodes: coordinator :math:`(n_g-1)(n_g-2)`; itinerant
    :math:`\sum_{h \ne g} n_h (n_h - 1)`; representative and gatekeeper
    :math:`(n_g - 1)(N - n_g)`; liaison :math:`\sum_{h \ne g} n_h (N - n_g - n_h)`. These are
    the expectations R's ``sna::brokerage`` computes. :attr:`Brokerage.ratio` is observed over
    expected.

    References
    ----------
    .. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal approach
       to brokerage in transaction networks. *Sociological Methodology*, 19, 89-126.
    .. [2] Hanneman, R. A., & Riddle, M. (2005). *Introduction to Social Network Methods*,
       chapter 9 (brokerage).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> r = brokerage(g, {"a": "x", "b": "x", "c": "y"})
    >>> r.network_counts
    {'coordinator': 0, 'itinerant': 0, 'representative': 1, 'gatekeeper': 0, 'liaison': 0}
    """
    sel = resolve_selection(selection, keywords, function="brokerage")
    adj = ties(g, weighted=False, selection=sel)
    codes, classes = partition_codes(adj, partition)
    n = adj.n
    counts = _role_counts(n, adj.source, adj.target, codes, shared_credit=shared_credit)
    d = float(len(adj.source) / (n * (n - 1))) if n > 1 else 0.0
    size = np.bincount(codes, minlength=len(classes)).astype(np.float64)
    ng = size[codes]
    sq = float(np.sum(size * (size - 1)))
    pairs = np.column_stack(
        [
            (ng - 1) * (ng - 2),
            sq - ng * (ng - 1),
            (ng - 1) * (n - ng),
            (ng - 1) * (n - ng),
            # sum over h != g of n_h (N - n_g - n_h) = (N - n_g)^2 - sum_{h != g} n_h^2
            (n - ng) ** 2 - (float(np.sum(size**2)) - ng**2),
        ]
    )
    expected = d * d * (1.0 - d) * pairs
    return Brokerage(
        nodes=adj.nodes,
        classes=classes,
        node_class=codes,
        # whole two-paths are counted as such; only shared credit makes fractions
        counts=counts if shared_credit else np.rint(counts).astype(np.int64),
        expected=expected,
        density=d,
    )
