"""Freeman centralization: how much a graph's ties concentrate on one node.

Node degree and betweenness are computed here on numpy arrays (betweenness by Brandes'
accumulation run for every source at once, one matrix product per distance level), and the
graph-level index compares the observed spread with the largest possible for a graph of that
size (Freeman 1979).
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable
from typing import Literal, Unpack

import numpy as np
import numpy.typing as npt

from selfhelp_exchange.structure._adjacency import (
    Adjacency,
    GraphLike,
    StructureError,
    adjacency,
)
from selfhelp_exchange.structure.selection import (
    GraphKeywords,
    GraphSelection,
    resolve_selection,
)

__all__ = [
    "betweenness",
    "betweenness_centralization",
    "centralization",
    "degree",
    "degree_centralization",
]

DegreeMode = Literal["out", "in", "all"]
Convention = Literal["freeman", "undirected_max"]


def _mode(mode: str) -> str:
    """``mode`` as the library spells it: ``"all"`` (``"total"`` is its old, deprecated name)."""
    if mode == "total":
        # one name across the library (ei_index, networkx and igraph say "all")
        warnings.warn(
            "mode='total' is deprecated and will be removed; use mode='all' (the same degree)",
            FutureWarning,
            stacklevel=3,
        )
        return "all"
    return mode


def _degrees(adj: Adjacency, mode: str) -> npt.NDArray[np.float64]:
    m = adj.matrix
    out_deg: npt.NDArray[np.float64] = m.sum(axis=1)
    in_deg: npt.NDArray[np.float64] = m.sum(axis=0)
    by_mode = {"out": out_deg, "in": in_deg, "all": out_deg + in_deg}
    if mode not in by_mode:
        msg = f"mode must be 'out', 'in' or 'all' (got {mode!r})"
        raise StructureError(msg)
    return by_mode[mode] if adj.directed else out_deg


def degree(
    g: GraphLike,
    *,
    mode: DegreeMode = "all",
    weighted: bool = False,
    selection: GraphSelection | None = None,
    **keywords: Unpack[GraphKeywords],
) -> dict[Hashable, float]:
    """Each node's degree: ties sent (``"out"``), received (``"in"``) or both (``"all"``).

    For an undirected graph ``mode`` is ignored. Degrees are whole numbers (int); with
    ``weighted=True``, the sum of tie values (strength, float). Other parameters: see :func:`~selfhelp_exchange.structure.adjacency`.

    Examples
    --------
    >>> import networkx as nx
    >>> degree(nx.DiGraph([(1, 2), (1, 3)]), mode="out")
    {1: 2, 2: 0, 3: 0}
    """
    sel = resolve_selection(selection, keywords, function="degree")
    adj = adjacency(g, weighted=weighted, selection=sel)
    values = _degrees(adj, _mode(mode))
    # a count of ties is a whole number (as networkx's degree); strength (weighted) is not
    counts = values if weighted else np.rint(values).astype(np.int64)
    return dict(zip(adj.nodes, counts.tolist(), strict=True))


def degree_centralization(
    g: GraphLike,
    *,
    mode: DegreeMode = "out",
    convention: Convention = "freeman",
    weighted: bool = False,
    selection: GraphSelection | None = None,
    **keywords: Unpack[GraphKeywords],
) -> float:
    r"""Freeman degree centralization.

    Parameters
    ----------
    g : ExchangeNetwork, networkx graph or Adjacency
    mode : {"out", "in", "all"}
        For a directed graph: out-degree (default), in-degree, or in + out (``"all"``; the old
        name ``"total"`` still works with a FutureWarning). Ignored for an undirected graph.
    convention : {"freeman", "undirected_max"}
        The denominator. ``"freeman"`` (default): the largest sum of differences any graph of
        that kind and size can have, so the index lies in [0, 1] (the star; igraph uses the same
        maxima). On Knoke's information network it gives the 51% and 38% that Hanneman & Riddle
        (2005, ch. 10) print from UCINET (their in/out labels are swapped). ``"undirected_max"``
        (this library's alternative, not checked against any tool): for in- and out-degree,
        :math:`(n-1)(n-2)`, the undirected star's maximum, which lets the index exceed 1; for
        ``"all"``, the degree in the underlying undirected graph with the undirected maximum.
        The name ``"ucinet"`` of earlier versions is refused: that option never reproduced
        UCINET's output.
    weighted : bool
        Use tie values (strengths) instead of 0/1 ties. The denominator is then multiplied by
        the largest tie value, so that a star of strongest ties still scores 1 (this library's
        convention; UCINET warns that valued centralization can exceed 100%).
    selection : GraphSelection, optional
        Which graph to read; see :class:`~selfhelp_exchange.structure.GraphSelection`.
    **keywords
        Its fields one by one (``level="subunit"``), replacing those of ``selection``.

    Returns
    -------
    float
        NaN for fewer than three nodes, where the maximum is 0.

    Notes
    -----
    .. math:: C_D = \frac{\sum_i [d^* - d_i]}{\max \sum_i [d^* - d_i]}

    with :math:`d^*` the largest degree. The maxima (Freeman 1979; Wasserman & Faust 1994,
    section 5.2): undirected :math:`(n-1)(n-2)`; directed in- or out-degree :math:`(n-1)^2`;
    directed in + out :math:`2(n-1)(n-2)`.

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
       *Social Networks*, 1(3), 215-239.
    .. [2] Hanneman, R. A., & Riddle, M. (2005). *Introduction to Social Network Methods*,
       chapter 10.

    Examples
    --------
    >>> import networkx as nx
    >>> degree_centralization(nx.star_graph(4))
    1.0
    >>> degree_centralization(nx.cycle_graph(5))
    0.0
    """
    sel = resolve_selection(selection, keywords, function="degree_centralization")
    given: object = convention  # callers from untyped code may pass the old name
    if given == "ucinet":
        msg = (
            "convention 'ucinet' is now called 'undirected_max': it divides by the undirected "
            "star's maximum and does not reproduce UCINET's output (the 'freeman' default gives "
            "the figures Hanneman & Riddle print from UCINET)"
        )
        raise StructureError(msg)
    if given not in ("freeman", "undirected_max"):
        msg = f"convention must be 'freeman' or 'undirected_max' (got {convention!r})"
        raise StructureError(msg)
    adj = adjacency(g, weighted=weighted, selection=sel)
    how = _mode(mode)
    _degrees(adj, how)  # validates mode
    n = adj.n
    if n < 3:
        return float("nan")
    if adj.directed and how == "all" and convention == "undirected_max":
        adj = adjacency(adj, directed=False, weighted=weighted)
    d = _degrees(adj, how)
    if not adj.directed:
        denom = (n - 1) * (n - 2)
    elif how == "all":
        denom = 2 * (n - 1) * (n - 2)
    elif convention == "undirected_max":
        denom = (n - 1) * (n - 2)
    else:
        denom = (n - 1) ** 2
    wmax = float(adj.matrix.max()) if weighted and adj.matrix.size else 1.0
    if wmax == 0:
        return 0.0
    return float(np.sum(d.max() - d) / (denom * wmax))


def _betweenness_raw(binary: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Shortest-path betweenness over ordered pairs (s, t), Brandes (2001), all sources at once.

    Row ``s`` of each ``n x n`` array is the breadth-first search from source ``s``.
    """
    n = binary.shape[0]
    if n == 0:
        return np.zeros(0)
    sigma = np.eye(n)
    seen = np.eye(n, dtype=bool)
    levels = [np.eye(n, dtype=bool)]
    frontier = levels[0]
    while True:
        reach = (sigma * frontier) @ binary
        new = (reach > 0) & ~seen
        if not new.any():
            break
        sigma[new] = reach[new]
        seen |= new
        levels.append(new)
        frontier = new
    delta = np.zeros((n, n))
    for d in range(len(levels) - 1, 0, -1):
        coeff = np.where(levels[d], (1.0 + delta) / np.where(levels[d], sigma, 1.0), 0.0)
        delta += np.where(levels[d - 1], sigma * (coeff @ binary.T), 0.0)
    out: npt.NDArray[np.float64] = delta.sum(axis=0) - np.diag(delta)
    return out


def betweenness(
    g: GraphLike,
    *,
    normalized: bool = True,
    selection: GraphSelection | None = None,
    **keywords: Unpack[GraphKeywords],
) -> dict[Hashable, float]:
    """Each node's shortest-path betweenness, as :func:`networkx.betweenness_centrality` gives it.

    Ties are binary (a path's length is its number of ties). ``normalized`` divides by the
    number of pairs of other nodes, :math:`(n-1)(n-2)` ordered pairs in a directed graph and
    half that in an undirected one. Other parameters: see
    :func:`~selfhelp_exchange.structure.adjacency`.

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
       Mathematical Sociology*, 25(2), 163-177.

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    sel = resolve_selection(selection, keywords, function="betweenness")
    adj = adjacency(g, weighted=False, selection=sel)
    return dict(zip(adj.nodes, _betweenness(adj, normalized=normalized).tolist(), strict=True))


def _betweenness(adj: Adjacency, *, normalized: bool) -> npt.NDArray[np.float64]:
    b = _betweenness_raw(adj.binary)
    n = adj.n
    if normalized:
        return b / ((n - 1) * (n - 2)) if n > 2 else np.zeros(n)
    return b if adj.directed else b / 2


def betweenness_centralization(
    g: GraphLike,
    *,
    selection: GraphSelection | None = None,
    **keywords: Unpack[GraphKeywords],
) -> float:
    r"""Freeman betweenness centralization.

    Parameters
    ----------
    g : ExchangeNetwork, networkx graph or Adjacency
    level, directed, kinds, theory, role, include_initiatives
        Which graph to read; see :func:`~selfhelp_exchange.structure.adjacency`. Ties are
        binary.

    Returns
    -------
    float
        In [0, 1]; NaN for fewer than three nodes.

    Notes
    -----
    With :math:`C'_B(i)` the normalized betweenness of :func:`betweenness` (in [0, 1]),

    .. math:: C_B = \frac{\sum_i [C'_B(i^*) - C'_B(i)]}{n - 1}

    which is Freeman's (1979) index: the sum of differences from the most central node over
    its maximum, reached by the star (Wasserman & Faust 1994, section 5.2.3). For a directed
    graph the same form with directed betweenness.

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
       *Social Networks*, 1(3), 215-239.

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness_centralization(nx.star_graph(5))
    1.0
    """
    sel = resolve_selection(selection, keywords, function="betweenness_centralization")
    adj = adjacency(g, weighted=False, selection=sel)
    n = adj.n
    if n < 3:
        return float("nan")
    b = _betweenness(adj, normalized=True)
    return float(np.sum(b.max() - b) / (n - 1))


def centralization(
    g: GraphLike,
    kind: Literal["degree", "betweenness"] = "degree",
    *,
    mode: DegreeMode = "out",
    convention: Convention = "freeman",
    weighted: bool = False,
    selection: GraphSelection | None = None,
    **keywords: Unpack[GraphKeywords],
) -> float:
    """Freeman centralization of one kind: ``"degree"`` or ``"betweenness"``.

    Dispatches to :func:`degree_centralization` (which takes ``mode``, ``convention`` and
    ``weighted``) or :func:`betweenness_centralization`.

    Examples
    --------
    >>> import networkx as nx
    >>> centralization(nx.star_graph(3), "betweenness")
    1.0
    """
    sel = resolve_selection(selection, keywords, function="centralization")
    if kind == "degree":
        return degree_centralization(
            g, mode=mode, convention=convention, weighted=weighted, selection=sel
        )
    if str(kind) == "betweenness":
        return betweenness_centralization(g, selection=sel)
    msg = f"kind must be 'degree' or 'betweenness' (got {kind!r})"
    raise StructureError(msg)
