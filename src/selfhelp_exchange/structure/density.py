"""Density: the share of possible ties that are present (or the mean tie value)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from selfhelp_exchange.structure._adjacency import GraphLike, Level, adjacency

if TYPE_CHECKING:
    from selfhelp_exchange.catalogue import ExchangeKind
    from selfhelp_exchange.vocabulary import Role, Theory

__all__ = ["density"]


def density(
    g: GraphLike,
    *,
    weighted: bool = False,
    level: Level = "organization",
    directed: bool | None = None,
    kinds: Iterable[ExchangeKind | str] | None = None,
    theory: Theory | str | None = None,
    role: Role | str | None = None,
    include_initiatives: bool = True,
) -> float:
    r"""Density of a graph or of one exchange layer.

    Parameters
    ----------
    g : ExchangeNetwork, networkx graph or Adjacency
    weighted : bool
        ``False`` (default): the share of possible ties present. ``True``: the mean tie value
        over all possible ties (sum of exchange weights per ordered pair), what UCINET reports as
        the density of valued data.
    level, directed, kinds, theory, role, include_initiatives
        Which graph to read; see :func:`~selfhelp_exchange.structure.adjacency`.

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
    adj = adjacency(
        g,
        level=level,
        directed=directed,
        weighted=weighted,
        kinds=kinds,
        theory=theory,
        role=role,
        include_initiatives=include_initiatives,
    )
    n = adj.n
    if n < 2:
        return 0.0
    return float(np.sum(adj.matrix) / (n * (n - 1)))
