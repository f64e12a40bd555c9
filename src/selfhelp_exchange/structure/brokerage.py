"""Gould & Fernandez brokerage roles: who mediates between whom, given a partition.

A node ``b`` brokers for the ordered pair ``(a, c)`` when ``a -> b -> c`` and ``a`` has no tie
to ``c`` (``a != c``). The classes of ``a``, ``b`` and ``c`` name the role. Counting is one
matrix product per role, so no triple loop over nodes runs.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange.structure._adjacency import (
    GraphLike,
    Level,
    PartitionLike,
    adjacency,
    partition_codes,
)

if TYPE_CHECKING:
    import pandas as pd

    from selfhelp_exchange.catalogue import ExchangeKind
    from selfhelp_exchange.vocabulary import Role, Theory

__all__ = ["ROLES", "Brokerage", "brokerage"]

#: The five roles, in the column order of every array of :class:`Brokerage`.
ROLES: tuple[str, ...] = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


@attrs.frozen(eq=False)
class Brokerage:
    """Brokerage role counts per node, their expected values and the ratio of the two.

    Attributes
    ----------
    nodes : tuple
    classes : list
        The partition's classes.
    node_class : ndarray of intp
        Each node's position in ``classes``.
    counts : ndarray of float64, shape (n, 5)
        Observed counts per node, columns in :data:`ROLES` order (fractional with
        ``shared_credit``).
    expected : ndarray of float64, shape (n, 5)
        Expected counts under Gould & Fernandez's null model (see :func:`brokerage`).
    density : float
        The density of the binary directed graph, which the expectations use.
    roles : tuple of str
        :data:`ROLES`.
    """

    nodes: tuple[Hashable, ...]
    classes: list[Hashable]
    node_class: npt.NDArray[np.intp]
    counts: npt.NDArray[np.float64]
    expected: npt.NDArray[np.float64]
    density: float
    roles: tuple[str, ...] = ROLES

    @property
    def total(self) -> npt.NDArray[np.float64]:
        """Each node's total brokerage (the sum of its five roles)."""
        out: npt.NDArray[np.float64] = self.counts.sum(axis=1)
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
    def network_counts(self) -> dict[str, float]:
        """Each role's count summed over all nodes."""
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


def _role_counts(
    a: npt.NDArray[np.float64], same: npt.NDArray[np.float64], credit: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Counts per broker and role: sum over (a, c) of A[a,b] X[a,b] A[b,c] Y[b,c] Z[a,c] open[a,c].

    With ``X``, ``Y``, ``Z`` same-class masks or their complements, the sum over ``c`` is the
    matrix product ``(Z * open) @ (A * Y).T``; the sum over ``a`` a column sum.
    """
    n = a.shape[0]
    diff = 1.0 - same
    ones = np.ones((n, n))
    # (a, c) pairs b can broker: distinct, with no tie a -> c; credit weights them
    open_ = (1.0 - a) * (1.0 - np.eye(n)) * credit
    spec = {
        "coordinator": (same, same, ones),
        "itinerant": (diff, diff, same),
        "representative": (same, diff, ones),
        "gatekeeper": (diff, same, ones),
        "liaison": (diff, diff, diff),
    }
    out = np.empty((n, len(ROLES)))
    for j, name in enumerate(ROLES):
        x, y, z = spec[name]
        out[:, j] = ((a * x) * ((z * open_) @ (a * y).T)).sum(axis=0)
    return out


def brokerage(
    g: GraphLike,
    partition: PartitionLike | None = None,
    *,
    shared_credit: bool = False,
    level: Level = "organization",
    directed: bool | None = None,
    kinds: Iterable[ExchangeKind | str] | None = None,
    theory: Theory | str | None = None,
    role: Role | str | None = None,
    include_initiatives: bool = True,
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
    level, directed, kinds, theory, role, include_initiatives
        Which graph to read; see :func:`~selfhelp_exchange.structure.adjacency`.

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
    {'coordinator': 0.0, 'itinerant': 0.0, 'representative': 1.0, 'gatekeeper': 0.0, 'liaison': 0.0}
    """
    adj = adjacency(
        g,
        level=level,
        directed=directed,
        weighted=False,
        kinds=kinds,
        theory=theory,
        role=role,
        include_initiatives=include_initiatives,
    )
    codes, classes = partition_codes(adj, partition)
    a = adj.binary
    n = adj.n
    same = (codes[:, None] == codes[None, :]).astype(np.float64)
    if shared_credit:
        paths = a @ a
        credit = np.where(paths > 0, 1.0 / np.where(paths > 0, paths, 1.0), 0.0)
    else:
        credit = np.ones((n, n))
    counts = _role_counts(a, same, credit)

    d = float(a.sum() / (n * (n - 1))) if n > 1 else 0.0
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
        counts=counts,
        expected=expected,
        density=d,
    )
