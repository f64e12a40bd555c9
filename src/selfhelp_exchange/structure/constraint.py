"""Burt's structural holes: constraint and effective size of each node's neighbourhood."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Unpack

import numpy as np
import numpy.typing as npt

from selfhelp_exchange.structure._adjacency import Adjacency, GraphLike, adjacency
from selfhelp_exchange.structure.selection import (
    GraphKeywords,
    GraphSelection,
    resolve_selection,
)

__all__ = ["constraint", "effective_size"]


def _proportions(adj: Adjacency) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Mutual tie values ``z_ij + z_ji`` and their shares of each row (Burt's p_ij)."""
    mutual = adj.matrix + adj.matrix.T
    total = mutual.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(total > 0, mutual / np.where(total > 0, total, 1.0), 0.0)
    return mutual, p


def constraint(
    g: GraphLike,
    *,
    weighted: bool = False,
    selection: GraphSelection | None = None,
    **keywords: Unpack[GraphKeywords],
) -> dict[Hashable, float]:
    r"""Burt's constraint of every node: how much its ties lead back to one another.

    Parameters
    ----------
    g : ExchangeNetwork, networkx graph or Adjacency
    weighted : bool
        Use tie values (default: every tie 1, as :func:`networkx.constraint` with
        ``weight=None``).
    selection : GraphSelection, optional
        Which graph to read; see :class:`~selfhelp_exchange.structure.GraphSelection`.
    **keywords
        Its fields one by one (``level="subunit"``), replacing those of ``selection``.

    Returns
    -------
    dict
        Node -> constraint; NaN for a node without ties (in or out). Equal to
        :func:`networkx.constraint` on the same graph.

    Notes
    -----
    With :math:`z_{ij}` the tie from :math:`i` to :math:`j` and
    :math:`p_{ij} = (z_{ij} + z_{ji}) / \sum_k (z_{ik} + z_{ki})`,

    .. math:: c_i = \sum_{j \in N(i)} \Big(p_{ij} + \sum_{q \ne i, j} p_{iq} p_{qj}\Big)^2

    summed over :math:`i`'s neighbours (in or out). Computed for all nodes at once as
    :math:`\sum_j [z_{ij} + z_{ji} > 0] (P + P^2)_{ij}^2`.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Harvard University Press.

    Examples
    --------
    >>> import networkx as nx
    >>> constraint(nx.star_graph(2))  # the centre spreads its ties over two unlinked alters
    {0: 0.5, 1: 1.0, 2: 1.0}
    """
    sel = resolve_selection(selection, keywords, function="constraint")
    adj = adjacency(g, weighted=weighted, selection=sel)
    mutual, p = _proportions(adj)
    local = (p + p @ p) ** 2
    c = np.where(mutual > 0, local, 0.0).sum(axis=1)
    c[mutual.sum(axis=1) == 0] = np.nan
    return dict(zip(adj.nodes, c.tolist(), strict=True))


def effective_size(
    g: GraphLike,
    *,
    weighted: bool = False,
    selection: GraphSelection | None = None,
    **keywords: Unpack[GraphKeywords],
) -> dict[Hashable, float]:
    r"""Burt's effective size of every node's neighbourhood: its non-redundant contacts.

    Parameters
    ----------
    g : ExchangeNetwork, networkx graph or Adjacency
    weighted : bool
        Use tie values (default: every tie 1, as :func:`networkx.effective_size` with
        ``weight=None``).
    selection : GraphSelection, optional
        Which graph to read; see :class:`~selfhelp_exchange.structure.GraphSelection`.
    **keywords
        Its fields one by one (``level="subunit"``), replacing those of ``selection``.

    Returns
    -------
    dict
        Node -> effective size; NaN for a node without ties. Equal to
        :func:`networkx.effective_size` computed node by node (``nodes=`` given). Two
        differences, both networkx's: its all-nodes shortcut (networkx 3.6) divides each
        column rather than each row by the row maximum, so it differs for directed or weighted
        graphs; and node by node it calls a node with only incoming ties isolated, where here
        such a node's contacts count.

    Notes
    -----
    With :math:`p_{ij}` as in :func:`constraint` and :math:`m_{jq}` the mutual tie value of
    :math:`j` and :math:`q` over :math:`j`'s largest mutual tie value,

    .. math:: e_i = \sum_{j \in N(i)} \Big(1 - \sum_{q \ne i, j} p_{iq} m_{jq}\Big)

    For binary undirected ties this is Borgatti's (1997) :math:`n - 2t/n`, with :math:`n`
    contacts and :math:`t` ties among them.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
    .. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
       *Connections*, 20(1), 35-38.

    Examples
    --------
    >>> import networkx as nx
    >>> effective_size(nx.complete_graph(3))  # two contacts tied to each other: 2 - 2/2
    {0: 1.0, 1: 1.0, 2: 1.0}
    """
    sel = resolve_selection(selection, keywords, function="effective_size")
    adj = adjacency(g, weighted=weighted, selection=sel)
    mutual, p = _proportions(adj)
    top = mutual.max(axis=1, keepdims=True) if adj.n else mutual
    m = np.where(top > 0, mutual / np.where(top > 0, top, 1.0), 0.0)
    redundancy = p @ m.T
    e = np.where(mutual > 0, 1.0 - redundancy, 0.0).sum(axis=1)
    e[mutual.sum(axis=1) == 0] = np.nan
    return dict(zip(adj.nodes, e.tolist(), strict=True))
