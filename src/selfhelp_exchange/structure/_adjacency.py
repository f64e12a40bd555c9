"""From an ExchangeNetwork or a networkx graph to a node list and a numpy adjacency matrix.

Every function of :mod:`selfhelp_exchange.structure` starts here, so that they all read a graph
the same way: which nodes, which ties, directed or not, weighted or binary, and which class each
node belongs to in a partition.

Two forms hold the same graph: :class:`Adjacency`, a dense n x n matrix, and :class:`Ties`, the
matrix's nonzero cells as parallel arrays. Measures that only sum over ties (the E-I index,
brokerage) read :class:`Ties`, so that they run on a national network of a quarter of a million
organizations, whose dense matrix would not fit in memory.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Hashable, Iterable, Mapping, Sequence
from operator import attrgetter, methodcaller
from typing import TYPE_CHECKING, Any, TypeAlias, Unpack

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._grouping import unique, unique_inverse
from selfhelp_exchange._repr import headline_repr
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.exceptions import StructureError
from selfhelp_exchange.network import NODE_TYPE_CODES, ExchangeNetwork
from selfhelp_exchange.structure.selection import (
    GraphKeywords,
    GraphSelection,
    Level,
    resolve_selection,
)
from selfhelp_exchange.vocabulary import ROLE_ORDER, NodeType, Role, Theory

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

__all__ = [
    "Adjacency",
    "GraphLike",
    "Level",
    "PartitionLike",
    "StructureError",
    "Ties",
    "adjacency",
    "ties",
]

#: What every function of the module accepts as its graph.
GraphLike: TypeAlias = "ExchangeNetwork | nx.Graph | Adjacency"
#: A node partition: a mapping node -> class, the name of a node attribute, or one class per node.
PartitionLike: TypeAlias = "Mapping[Any, Hashable] | str | Sequence[Hashable] | npt.ArrayLike"

_AGENCY = NODE_TYPE_CODES[NodeType.AGENCY]
_GROUP = NODE_TYPE_CODES[NodeType.GROUP]
_ACTOR = NODE_TYPE_CODES[NodeType.ACTOR]
#: Node type code of a subunit node in :attr:`Adjacency.node_type`.
SUBUNIT = 3
_SIDE = {_AGENCY: "agency", _GROUP: "self_help", _ACTOR: "community", SUBUNIT: "agency"}
_TYPE_NAME = {_AGENCY: "agency", _GROUP: "group", _ACTOR: "actor", SUBUNIT: "subunit"}


@attrs.frozen(eq=False, repr=False)
class Adjacency:
    """A graph as a node list and a dense adjacency matrix, ready for the structural metrics.

    Build one with :func:`adjacency`; every function of :mod:`selfhelp_exchange.structure` also
    accepts one directly, so a layer read once can be measured many times.

    Attributes
    ----------
    nodes : tuple
        Node labels in matrix order: ids at organization level; at subunit level an agency's
        subunits are ``(agency_id, Role)`` tuples.
    matrix : ndarray of float64, shape (n, n)
        ``matrix[i, j]`` is the tie from ``nodes[i]`` to ``nodes[j]``: 1/0 when binary, the sum of
        exchange weights when weighted. The diagonal is zero; symmetric when undirected.
    directed : bool
    weighted : bool
    node_type : ndarray of int8 or None
        0 agency, 1 group, 2 actor, 3 subunit, for a graph read from an ExchangeNetwork.
    organization : ndarray of intp or None
        For each node, the position in :attr:`organizations` of the organization it belongs to (a
        subunit belongs to its agency), for a graph read from an ExchangeNetwork.
    organizations : tuple
        The organization ids that :attr:`organization` points into.

    Examples
    --------
    >>> import networkx as nx
    >>> from selfhelp_exchange.structure import adjacency, density
    >>> adj = adjacency(nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("a", "c")]))
    >>> adj.nodes, adj.directed, adj.matrix.tolist()
    (('a', 'b', 'c'), True, [[0.0, 1.0, 1.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
    >>> round(density(adj), 4)  # 4 arcs of 6 possible; the Adjacency is read once
    0.6667
    """

    nodes: tuple[Hashable, ...]
    matrix: npt.NDArray[np.float64]
    directed: bool
    weighted: bool
    node_type: npt.NDArray[np.int8] | None = None
    organization: npt.NDArray[np.intp] | None = None
    organizations: tuple[Hashable, ...] = ()
    _attribute: Any = attrs.field(default=None, repr=False, alias="attribute")

    @property
    def n(self) -> int:
        """Number of nodes."""
        return len(self.nodes)

    @property
    def binary(self) -> npt.NDArray[np.float64]:
        """The matrix with every positive tie set to 1."""
        return (self.matrix > 0).astype(np.float64)

    def __repr__(self) -> str:
        return headline_repr("Adjacency", _headline(self, int(np.count_nonzero(self.matrix))))

    def to_frame(self) -> pd.DataFrame:
        """The matrix as a DataFrame, rows and columns labelled by the nodes.

        Examples
        --------
        >>> import networkx as nx
        >>> adjacency(nx.DiGraph([("a", "b")])).to_frame()  # doctest: +NORMALIZE_WHITESPACE
             a    b
        a  0.0  1.0
        b  0.0  0.0
        """
        import pandas as pd

        return pd.DataFrame(self.matrix, index=_labels(self), columns=_labels(self))

    def index(self) -> dict[Hashable, int]:
        """Node label -> matrix position."""
        return {v: i for i, v in enumerate(self.nodes)}

    def attribute(self, name: str) -> list[Any]:
        """Each node's value of a node attribute (None where a node has none)."""
        if self._attribute is None:
            return [None] * self.n
        values: list[Any] = self._attribute(name)
        return values


def _labels(g: Adjacency | Ties) -> pd.Index:
    """The nodes as a flat object index (a subunit's ``(agency, role)`` label stays one label)."""
    import pandas as pd

    labels = np.empty(g.n, dtype=object)
    labels[:] = g.nodes
    return pd.Index(labels, dtype=object)


def _headline(g: Adjacency | Ties, cells: int) -> dict[str, Any]:
    """What a graph's repr shows: its size and how it was read, never the arrays."""
    ties = cells if g.directed else cells // 2
    return {
        "n_nodes": g.n,
        ("n_arcs" if g.directed else "n_edges"): ties,
        "directed": g.directed,
        "weighted": g.weighted,
        "nodes": g.nodes,
    }


@attrs.frozen(eq=False, repr=False)
class Ties:
    """A graph as a node list and its ties, without an n x n matrix.

    The ties are exactly the nonzero cells of the :class:`Adjacency` matrix of the same graph
    (an undirected tie is two cells, one each way), in row-major order. Build one with
    :func:`ties`.

    Attributes
    ----------
    nodes : tuple
        As :attr:`Adjacency.nodes`.
    source, target : ndarray of intp
        Row and column of each tie (``source != target``), sorted by row, then column.
    value : ndarray of float64
        The cell's value: 1 when binary, the sum of exchange weights when weighted.
    directed, weighted : bool
    node_type, organization, organizations
        As for :class:`Adjacency`.
    """

    nodes: tuple[Hashable, ...]
    source: npt.NDArray[np.intp]
    target: npt.NDArray[np.intp]
    value: npt.NDArray[np.float64]
    directed: bool
    weighted: bool
    node_type: npt.NDArray[np.int8] | None = None
    organization: npt.NDArray[np.intp] | None = None
    organizations: tuple[Hashable, ...] = ()
    _attribute: Any = attrs.field(default=None, repr=False, alias="attribute")

    @property
    def n(self) -> int:
        """Number of nodes."""
        return len(self.nodes)

    def __repr__(self) -> str:
        return headline_repr("Ties", _headline(self, len(self.source)))

    def to_frame(self) -> pd.DataFrame:
        """One row per tie (a matrix cell): ``source``, ``target`` (node labels), ``value``."""
        import pandas as pd

        labels = _labels(self).to_numpy()
        return pd.DataFrame(
            {"source": labels[self.source], "target": labels[self.target], "value": self.value}
        )

    def attribute(self, name: str) -> list[Any]:
        """Each node's value of a node attribute (None where a node has none)."""
        if self._attribute is None:
            return [None] * self.n
        values: list[Any] = self._attribute(name)
        return values


def _cells_from_pairs(
    n: int,
    src: npt.NDArray[np.intp],
    tgt: npt.NDArray[np.intp],
    w: npt.NDArray[np.float64],
    *,
    directed: bool,
    weighted: bool,
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.float64]]:
    """The nonzero cells :func:`_matrix_from_pairs` would fill, as row, column and value.

    Same arithmetic, cell by cell: weights are summed per ordered pair in input order, an
    undirected cell adds the two directions' sums, a binary cell is 1.
    """
    keep = src != tgt
    src, tgt, w = src[keep].astype(np.int64), tgt[keep].astype(np.int64), w[keep]
    if weighted:
        keys, inverse = unique_inverse(src * n + tgt)
        val = np.bincount(inverse, weights=w, minlength=len(keys)).astype(np.float64)
    else:
        keys = unique(src * n + tgt)
        val = np.ones(len(keys))
    if not directed:
        rev = (keys % max(n, 1)) * n + keys // max(n, 1)
        both = np.concatenate([keys, rev])
        if weighted:
            keys, inverse = unique_inverse(both)
            val = np.bincount(
                inverse, weights=np.concatenate([val, val]), minlength=len(keys)
            ).astype(np.float64)
        else:
            keys = unique(both)
            val = np.ones(len(keys))
    nonzero = val != 0
    keys, val = keys[nonzero], val[nonzero]
    return (keys // max(n, 1)).astype(np.intp), (keys % max(n, 1)).astype(np.intp), val


def _matrix_from_pairs(
    n: int,
    src: npt.NDArray[np.intp],
    tgt: npt.NDArray[np.intp],
    w: npt.NDArray[np.float64],
    *,
    directed: bool,
    weighted: bool,
) -> npt.NDArray[np.float64]:
    keep = src != tgt
    src, tgt, w = src[keep], tgt[keep], w[keep]
    if weighted:
        flat = np.bincount(src * n + tgt, weights=w, minlength=n * n).astype(np.float64)
    else:
        # a zero-weight exchange still says the two organizations exchanged
        flat = np.bincount(src * n + tgt, minlength=n * n).astype(np.float64)
    m: npt.NDArray[np.float64] = flat.reshape(n, n)
    if not directed:
        m = m + m.T
    if not weighted:
        m = (m > 0).astype(np.float64)
    np.fill_diagonal(m, 0.0)
    return m


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def _field_names(cls: type) -> frozenset[str]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = (
            frozenset(attrs.fields_dict(cls)) if attrs.has(cls) else frozenset()
        )
    return names


def _record_value(rec: Any, name: str) -> Any:
    if name in {"id", "name"} or name in _field_names(type(rec)):
        value = getattr(rec, name, None)
    else:
        value = rec.attributes.get(name) if hasattr(rec, "attributes") else None
    return value.value if isinstance(value, enum.Enum) else value


def _record_values(records: list[Any], name: str) -> list[Any]:
    """``[_record_value(rec, name) for rec in records]``, a run of one record type at a time.

    Records come in runs of one type (agencies, then groups, then actors), so the choice
    between a field and a free attribute is made once per run, and the values are read with
    ``map`` (no Python-level call per record where the run allows it).
    """
    out: list[Any] = []
    for cls, group in itertools.groupby(records, key=type):
        run = list(group)
        fields = _field_names(cls)
        if name in fields:
            values = list(map(attrgetter(name), run))
        elif name not in {"id", "name"} and "attributes" in fields:
            values = list(map(methodcaller("get", name), map(attrgetter("attributes"), run)))
        else:
            out.extend(_record_value(r, name) for r in run)
            continue
        if any(isinstance(v, enum.Enum) for v in values):
            values = [v.value if isinstance(v, enum.Enum) else v for v in values]
        out.extend(values)
    return out


@attrs.frozen(eq=False)
class _Pairs:
    """A graph read as nodes and (source, target, weight) pairs, one per exchange or edge."""

    nodes: tuple[Hashable, ...]
    src: npt.NDArray[np.intp]
    tgt: npt.NDArray[np.intp]
    w: npt.NDArray[np.float64]
    directed: bool  # whether the pairs are ties one way; False for an undirected networkx graph
    attribute: Any
    node_type: npt.NDArray[np.int8] | None = None
    organization: npt.NDArray[np.intp] | None = None
    organizations: tuple[Hashable, ...] = ()

    def _common(self, *, directed: bool, weighted: bool) -> dict[str, Any]:
        """What an Adjacency and a Ties of these pairs share."""
        return {
            "nodes": self.nodes,
            "directed": directed,
            "weighted": weighted,
            "node_type": self.node_type,
            "organization": self.organization,
            "organizations": self.organizations,
            "attribute": self.attribute,
        }

    def _mode(self, directed: bool, weighted: bool) -> dict[str, bool]:
        # undirected networkx pairs stay symmetric whatever the caller asks
        return {"directed": directed and self.directed, "weighted": weighted}

    def adjacency(self, *, directed: bool, weighted: bool) -> Adjacency:
        matrix = _matrix_from_pairs(
            len(self.nodes), self.src, self.tgt, self.w, **self._mode(directed, weighted)
        )
        return Adjacency(matrix=matrix, **self._common(directed=directed, weighted=weighted))

    def ties(self, *, directed: bool, weighted: bool) -> Ties:
        src, tgt, val = _cells_from_pairs(
            len(self.nodes), self.src, self.tgt, self.w, **self._mode(directed, weighted)
        )
        return Ties(
            source=src,
            target=tgt,
            value=val,
            **self._common(directed=directed, weighted=weighted),
        )


def _network_pairs(
    net: ExchangeNetwork,
    *,
    level: Level,
    kinds: Iterable[ExchangeKind | str] | None,
    theory: Theory | str | None,
    role: Role | str | None,
    include_initiatives: bool,
) -> _Pairs:
    x = net.arrays
    node_type = net.node_type
    # actors are nodes only where some exchange touches one, so that every layer of a network
    # has the same node set (QAP between layers needs it)
    touched = np.zeros(len(node_type), dtype=bool)
    touched[x.source] = True
    touched[x.target] = True
    keep_node = (node_type != _ACTOR) | touched
    orgs = np.flatnonzero(keep_node)
    org_ids = tuple(net.node_ids[orgs].tolist())

    layer = (
        net
        if (kinds is None and theory is None and role is None)
        else net.layer(kinds, theory=theory, role=role)
    )
    lx = layer.arrays
    src_org, tgt_org, w = lx.source.astype(np.intp), lx.target.astype(np.intp), lx.weight
    a_idx, g_idx, _ = layer.joint_initiative_pairs()
    has_init = include_initiatives and len(a_idx) > 0
    if level not in ("organization", "subunit"):
        msg = f"level must be 'organization' or 'subunit' (got {level!r})"
        raise StructureError(msg)
    records: tuple[Any, ...] = (*net.agencies, *net.groups, *net.actors)  # node_ids order
    if level == "organization":
        pos = np.full(len(node_type), -1, dtype=np.intp)
        pos[orgs] = np.arange(len(orgs))
        s, t = pos[src_org], pos[tgt_org]
        if has_init:
            ai, gi = pos[a_idx.astype(np.intp)], pos[g_idx.astype(np.intp)]
            s = np.concatenate([s, ai, gi])
            t = np.concatenate([t, gi, ai])
            w = np.concatenate([w, np.ones(2 * len(ai))])
        nodes: tuple[Hashable, ...] = org_ids
        ntype = node_type[orgs].astype(np.int8)
        organization = np.arange(len(orgs), dtype=np.intp)
        rec_pos = orgs
        role_of_node: list[str | None] = [None] * len(nodes)
    else:
        if has_init:
            msg = (
                "joint initiatives touch an agency as a whole, not one of its subunits, so they "
                "have no place in a subunit-level graph; pass include_initiatives=False or "
                "level='organization'"
            )
            raise StructureError(msg)
        # agencies expand into their three subunits, in ROLE_ORDER; groups and actors stay whole
        is_ag = node_type[orgs] == _AGENCY
        width = np.where(is_ag, len(ROLE_ORDER), 1)
        first = np.concatenate([[0], np.cumsum(width)[:-1]]).astype(np.intp)
        start = np.full(len(node_type), -1, dtype=np.intp)
        start[orgs] = first
        src_role, tgt_role = lx.effective_roles()
        src_is_ag = node_type[src_org] == _AGENCY
        tgt_is_ag = node_type[tgt_org] == _AGENCY
        s = start[src_org] + np.where(src_is_ag, src_role, 0)
        t = start[tgt_org] + np.where(tgt_is_ag, tgt_role, 0)
        labels: list[Hashable] = []
        types: list[int] = []
        organization_l: list[int] = []
        rec_pos_l: list[int] = []
        role_of_node = []
        for k, o in enumerate(orgs.tolist()):
            rec = records[o]
            if node_type[o] == _AGENCY:
                for r in ROLE_ORDER:
                    labels.append((rec.id, r))
                    types.append(SUBUNIT)
                    organization_l.append(k)
                    rec_pos_l.append(o)
                    role_of_node.append(r.value)
            else:
                labels.append(rec.id)
                types.append(int(node_type[o]))
                organization_l.append(k)
                rec_pos_l.append(o)
                role_of_node.append(None)
        nodes = tuple(labels)
        ntype = np.array(types, dtype=np.int8)
        organization = np.array(organization_l, dtype=np.intp)
        rec_pos = np.array(rec_pos_l, dtype=np.intp)

    def attribute(name: str) -> list[Any]:
        if name == "side":
            return [_SIDE[int(c)] for c in ntype]
        if name == "node_type":
            return [_TYPE_NAME[int(c)] for c in ntype]
        if name == "organization":
            return [org_ids[i] for i in organization]
        if name == "role":
            return [
                r if r is not None else _SIDE[int(c)]
                for r, c in zip(role_of_node, ntype, strict=True)
            ]
        return _record_values(list(map(records.__getitem__, rec_pos.tolist())), name)

    return _Pairs(
        nodes=nodes,
        src=s,
        tgt=t,
        w=np.asarray(w, dtype=np.float64),
        directed=True,
        attribute=attribute,
        node_type=ntype,
        organization=organization,
        organizations=org_ids,
    )


def _networkx_pairs(g: nx.Graph, *, weighted: bool, weight: str | None) -> _Pairs:
    nodes = tuple(g.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    if g.number_of_edges():
        data = list(g.edges(data=True))
        src = np.fromiter((index[u] for u, _, _ in data), np.intp, len(data))
        tgt = np.fromiter((index[v] for _, v, _ in data), np.intp, len(data))
        w = np.fromiter(
            (float(d.get(weight, 1.0)) if weight is not None else 1.0 for _, _, d in data),
            np.float64,
            len(data),
        )
        if weighted and (not np.all(np.isfinite(w)) or np.any(w < 0)):
            msg = f"edge attribute {weight!r} must be a finite number >= 0 on every edge"
            raise StructureError(msg)
    else:
        src = tgt = np.zeros(0, dtype=np.intp)
        w = np.zeros(0)

    def attribute(name: str) -> list[Any]:
        return [g.nodes[v].get(name) for v in nodes]

    # an undirected graph's edge is a tie both ways
    return _Pairs(
        nodes=nodes, src=src, tgt=tgt, w=w, directed=g.is_directed(), attribute=attribute
    )


def _reorient(adj: Adjacency, *, directed: bool | None, weighted: bool) -> Adjacency:
    d = adj.directed if directed is None else directed
    m = adj.matrix
    if d == adj.directed and weighted == adj.weighted:
        return adj
    if not d and adj.directed:
        m = m + m.T if weighted else np.maximum(m, m.T)
    if not weighted:
        m = (m > 0).astype(np.float64)
    return attrs.evolve(adj, matrix=m, directed=d, weighted=weighted and adj.weighted)


def adjacency(
    g: GraphLike,
    *,
    weighted: bool = False,
    selection: GraphSelection | None = None,
    **keywords: Unpack[GraphKeywords],
) -> Adjacency:
    """Read a graph as a node list and an adjacency matrix.

    Parameters
    ----------
    g : ExchangeNetwork, networkx graph or Adjacency
        The graph. A networkx graph of any kind works (parallel edges are summed, self-loops
        dropped); an :class:`Adjacency` is re-oriented as asked and otherwise returned as is.
    weighted : bool
        ``False`` (default): 1 where any exchange (or edge) runs, else 0. ``True``: the sum of the
        exchange weights (networkx: of the ``weight`` edge attribute, 1 where missing).
    selection : GraphSelection, optional
        Which graph to read: the level (organization or subunit), ``directed``, the exchange
        layer (``kinds``, ``theory``, ``role``), ``include_initiatives`` and, for a networkx
        graph, the ``weight`` attribute; see :class:`GraphSelection` for each field and its
        default.
    **keywords
        The fields of :class:`GraphSelection` one by one (``level="subunit"``); they replace
        those of ``selection``.

    Returns
    -------
    Adjacency

    Raises
    ------
    StructureError
        For an unknown ``level``, a subunit-level graph with joint initiatives, or negative
        weights on a networkx graph.
    ArgumentTypeError
        For a keyword that is not a field of :class:`GraphSelection`.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Agency")],
    ...     groups=[shx.SelfHelpGroup("G1", "Group", "mutual_help")],
    ...     exchanges=[shx.Exchange(("A1", "practitioners"), "G1", "referral", weight=3)])
    >>> a = adjacency(net)
    >>> a.nodes, a.matrix.tolist()
    (('A1', 'G1'), [[0.0, 1.0], [0.0, 0.0]])
    >>> adjacency(net, level="subunit", weighted=True).matrix[1, 3]
    np.float64(3.0)
    """
    sel = resolve_selection(selection, keywords, function="adjacency")
    if isinstance(g, Adjacency):
        return _reorient(g, directed=sel.directed, weighted=weighted)
    pairs, is_directed = _pairs(g, sel, weighted=weighted)
    return pairs.adjacency(directed=is_directed, weighted=weighted)


def _pairs(
    g: ExchangeNetwork | nx.Graph, sel: GraphSelection, *, weighted: bool
) -> tuple[_Pairs, bool]:
    """The pairs of an ExchangeNetwork or networkx graph, and whether to read them directed."""
    if isinstance(g, ExchangeNetwork):
        pairs = _network_pairs(
            g,
            level=sel.level,
            kinds=sel.kinds,
            theory=sel.theory,
            role=sel.role,
            include_initiatives=sel.include_initiatives,
        )
        return pairs, True if sel.directed is None else sel.directed
    import networkx as nx

    if isinstance(g, nx.Graph):
        if sel.kinds is not None or sel.theory is not None or sel.role is not None:
            msg = "kinds, theory and role select a layer of an ExchangeNetwork, not of a networkx graph"
            raise StructureError(msg)
        pairs = _networkx_pairs(g, weighted=weighted, weight=sel.weight)
        return pairs, g.is_directed() if sel.directed is None else sel.directed
    msg = f"expected an ExchangeNetwork, a networkx graph or an Adjacency (got {type(g).__name__})"
    raise StructureError(msg)


def ties(
    g: GraphLike,
    *,
    weighted: bool = False,
    selection: GraphSelection | None = None,
    **keywords: Unpack[GraphKeywords],
) -> Ties:
    """Read a graph as a node list and its ties: :func:`adjacency`'s nonzero cells.

    Takes the same arguments as :func:`adjacency` and reads the graph the same way, but never
    builds the n x n matrix (unless ``g`` already is an :class:`Adjacency`): memory and time
    grow with the ties, not with the square of the nodes.

    Returns
    -------
    Ties

    Raises
    ------
    StructureError
        As :func:`adjacency`.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Agency")],
    ...     groups=[shx.SelfHelpGroup("G1", "Group", "mutual_help")],
    ...     exchanges=[shx.Exchange(("A1", "practitioners"), "G1", "referral", weight=3)])
    >>> t = ties(net, directed=False, weighted=True)
    >>> t.source.tolist(), t.target.tolist(), t.value.tolist()
    ([0, 1], [1, 0], [3.0, 3.0])
    """
    sel = resolve_selection(selection, keywords, function="ties")
    if isinstance(g, Adjacency):
        adj = _reorient(g, directed=sel.directed, weighted=weighted)
        r, c = np.nonzero(adj.matrix)
        return Ties(
            nodes=adj.nodes,
            source=r.astype(np.intp),
            target=c.astype(np.intp),
            value=adj.matrix[r, c].astype(np.float64),
            directed=adj.directed,
            weighted=adj.weighted,
            node_type=adj.node_type,
            organization=adj.organization,
            organizations=adj.organizations,
            attribute=adj._attribute,  # the same graph, another form
        )
    pairs, is_directed = _pairs(g, sel, weighted=weighted)
    return pairs.ties(directed=is_directed, weighted=weighted)
