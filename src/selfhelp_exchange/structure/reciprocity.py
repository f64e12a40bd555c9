"""Reciprocity of a directed graph: arc-based and dyad-based."""

from __future__ import annotations

from typing import Literal, Unpack

from selfhelp_exchange.structure._adjacency import GraphLike, StructureError, adjacency
from selfhelp_exchange.structure.selection import (
    GraphKeywords,
    GraphSelection,
    resolve_selection,
)

__all__ = ["reciprocity"]


def reciprocity(
    g: GraphLike,
    *,
    method: Literal["arc", "dyad"] = "arc",
    selection: GraphSelection | None = None,
    **keywords: Unpack[GraphKeywords],
) -> float:
    r"""Reciprocity of a directed graph or exchange layer.

    Parameters
    ----------
    g : ExchangeNetwork, directed networkx graph or Adjacency
    method : {"arc", "dyad"}
        ``"arc"`` (default): the share of arcs whose reverse arc is also present (the same
        number as :func:`networkx.overall_reciprocity`). ``"dyad"``: the share of connected
        pairs that are mutual.
    selection : GraphSelection, optional
        Which graph to read; see :class:`~selfhelp_exchange.structure.GraphSelection`.
    **keywords
        Its fields one by one (``level="subunit"``), replacing those of ``selection``.

    Returns
    -------
    float
        NaN when the graph has no arc (the ratio is 0/0).

    Raises
    ------
    StructureError
        For an undirected graph, where every tie is mutual by construction, or an unknown
        ``method``.

    Notes
    -----
    With :math:`M` mutual dyads and :math:`A` asymmetric ones (so :math:`2M + A` arcs),

    .. math:: R_{arc} = \frac{2M}{2M + A}, \qquad R_{dyad} = \frac{M}{M + A}.

    Ties are binary: an exchange either way makes the arc, whatever its weight.

    References
    ----------
    .. [1] Wasserman, S., & Faust, K. (1994). *Social Network Analysis*, section 13.2 (dyads).
    .. [2] Hanneman, R. A., & Riddle, M. (2005). *Introduction to Social Network Methods*.
       University of California, Riverside.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph([(1, 2), (2, 1), (2, 3)])
    >>> reciprocity(g), reciprocity(g, method="dyad")
    (0.6666666666666666, 0.5)
    """
    sel = resolve_selection(selection, keywords, function="reciprocity")
    if sel.directed is False:
        msg = (
            "reciprocity reads the graph directed (every undirected tie is mutual); the "
            "selection says directed=False: use one with directed=None or True"
        )
        raise StructureError(msg)
    if method not in ("arc", "dyad"):
        msg = f"method must be 'arc' or 'dyad' (got {method!r})"
        raise StructureError(msg)
    adj = adjacency(
        g,
        selection=sel,
    )
    if not adj.directed:
        msg = "reciprocity is defined for directed graphs only (every undirected tie is mutual)"
        raise StructureError(msg)
    a = adj.binary
    arcs = float(a.sum())
    mutual_arcs = float((a * a.T).sum())
    if arcs == 0:
        return float("nan")
    if method == "arc":
        return mutual_arcs / arcs
    mutual = mutual_arcs / 2
    asym = arcs - mutual_arcs
    return float(mutual / (mutual + asym))
