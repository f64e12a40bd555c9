"""Density: the share of possible ties that are present (or the mean tie value)."""

from __future__ import annotations

from typing import Unpack

import numpy as np

from selfhelp_exchange.structure._adjacency import GraphLike, adjacency
from selfhelp_exchange.structure.selection import (
    GraphKeywords,
    GraphSelection,
    resolve_selection,
)

__all__ = ["density"]


def density(
    g: GraphLike,
    *,
    weighted: bool = False,
    selection: GraphSelection | None = None,
    **keywords: Unpack[GraphKeywords],
) -> float:
    r"""Density of a graph or of one exchange layer.

    Parameters
    ----------
    g : ExchangeNetwork, networkx graph or Adjacency
    weighted : bool
        ``False`` (default): the share of possible ties present. ``True``: the mean tie value
        over all possible ties (sum of exchange weights per ordered pair), what UCINET reports as
        the density of valued data.
    selection : GraphSelection, optional
        Which graph to read; see :class:`~selfhelp_exchange.structure.GraphSelection`.
    **keywords
        Its fields one by one (``level="subunit"``), replacing those of ``selection``.

    Returns
    -------
    float
        0 for a graph of fewer than two nodes (as :func:`networkx.density`).

    Notes
    -----
    With :math:`n` nodes and binary ties :math:`a_{ij}`,

    .. math:: \Delta = \frac{\sum_{i \ne j} a_{ij}}{n(n-1)}

    for a directed graph, and :math:`L / \binom{n}{2}` for an undirected one with :math:`L`
    edges (the same number: each edge fills two cells). Wasserman & Faust (1994), section 4.2.

    References
    ----------
    .. [1] Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and
       Applications*. Cambridge University Press.

    Examples
    --------
    >>> import networkx as nx
    >>> density(nx.path_graph(4))  # 3 edges of 6 possible
    0.5
    """
    sel = resolve_selection(selection, keywords, function="density")
    adj = adjacency(g, weighted=weighted, selection=sel)
    n = adj.n
    if n < 2:
        return 0.0
    return float(np.sum(adj.matrix) / (n * (n - 1)))
