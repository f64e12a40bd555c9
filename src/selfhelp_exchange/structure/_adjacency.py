"""From an ExchangeNetwork or a networkx graph to a node list and a numpy adjacency matrix.

Every function of :mod:`selfhelp_exchange.structure` starts here, so that they all read a graph
the same way: which nodes, which ties, directed or not, weighted or binary, and which class each
node belongs to in a partition.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.exceptions import SelfHelpExchangeError
from selfhelp_exchange.network import NODE_TYPE_CODES, ExchangeNetwork
from selfhelp_exchange.vocabulary import ROLE_ORDER, NodeType, Role, Theory

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Adjacency",
    "GraphLike",
    "Level",
    "PartitionLike",
    "StructureError",
    "adjacency",
    "align",
    "partition_codes",
]

Level: TypeAlias = Literal["organization", "subunit"]
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


class StructureError(SelfHelpExchangeError, ValueError):
    """A structural metric was asked for something the graph or its options cannot give."""


@attrs.frozen(eq=False)
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

    def index(self) -> dict[Hashable, int]:
        """Node label -> matrix position."""
        return {v: i for i, v in enumerate(self.nodes)}

    def attribute(self, name: str) -> list[Any]:
        """Each node's value of a node attribute (None where a node has none)."""
        if self._attribute is None:
            return [None] * self.n
        values: list[Any] = self._attribute(name)
        return values


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


def _record_value(rec: Any, name: str) -> Any:
    if name in {"id", "name"} or (attrs.has(type(rec)) and name in attrs.fields_dict(type(rec))):
        value = getattr(rec, name, None)
    else:
        value = rec.attributes.get(name) if hasattr(rec, "attributes") else None
    return value.value if isinstance(value, enum.Enum) else value


def _from_network(
    net: ExchangeNetwork,
    *,
    level: Level,
    directed: bool,
    weighted: bool,
    kinds: Iterable[ExchangeKind | str] | None,
    theory: Theory | str | None,
    role: Role | str | None,
    include_initiatives: bool,
) -> Adjacency:
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
        records = [net.node(str(i)) for i in org_ids]
        rec_of_node: list[Any] = records
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
        rec_of_node = []
        role_of_node = []
        for k, o in enumerate(orgs.tolist()):
            rec = net.node(str(net.node_ids[o]))
            if node_type[o] == _AGENCY:
                for r in ROLE_ORDER:
                    labels.append((rec.id, r))
                    types.append(SUBUNIT)
                    organization_l.append(k)
                    rec_of_node.append(rec)
                    role_of_node.append(r.value)
            else:
                labels.append(rec.id)
                types.append(int(node_type[o]))
                organization_l.append(k)
                rec_of_node.append(rec)
                role_of_node.append(None)
        nodes = tuple(labels)
        ntype = np.array(types, dtype=np.int8)
        organization = np.array(organization_l, dtype=np.intp)

    matrix = _matrix_from_pairs(
        len(nodes), s, t, np.asarray(w, dtype=np.float64), directed=directed, weighted=weighted
    )

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
        return [_record_value(rec, name) for rec in rec_of_node]

    return Adjacency(
        nodes=nodes,
        matrix=matrix,
        directed=directed,
        weighted=weighted,
        node_type=ntype,
        organization=organization,
        organizations=org_ids,
        attribute=attribute,
    )


def _from_networkx(
    g: nx.Graph, *, directed: bool, weighted: bool, weight: str | None
) -> Adjacency:
    nodes = tuple(g.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
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
    # an undirected graph's edge is a tie both ways
    sym = directed and not g.is_directed()
    matrix = _matrix_from_pairs(n, src, tgt, w, directed=directed and not sym, weighted=weighted)

    def attribute(name: str) -> list[Any]:
        return [g.nodes[v].get(name) for v in nodes]

    return Adjacency(
        nodes=nodes,
        matrix=matrix,
        directed=directed,
        weighted=weighted,
        attribute=attribute,
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
    level: Level = "organization",
    directed: bool | None = None,
    weighted: bool = False,
    kinds: Iterable[ExchangeKind | str] | None = None,
    theory: Theory | str | None = None,
    role: Role | str | None = None,
    include_initiatives: bool = True,
    weight: str | None = "weight",
) -> Adjacency:
    """Read a graph as a node list and an adjacency matrix.

    Parameters
    ----------
    g : ExchangeNetwork, networkx graph or Adjacency
        The graph. A networkx graph of any kind works (parallel edges are summed, self-loops
        dropped); an :class:`Adjacency` is re-oriented as asked and otherwise returned as is.
    level : {"organization", "subunit"}
        For an ExchangeNetwork. ``"organization"`` (default): one node per agency and group (and
        per community actor that some exchange touches); an exchange with a subunit counts for
        its agency. ``"subunit"``: each agency is its three subunits (board, practitioners,
        clients), each exchange attached to the subunit it touches (Powell & Perron 2010).
    directed : bool, optional
        Default: directed for an ExchangeNetwork, ``g.is_directed()`` for a networkx graph.
        ``False`` makes a tie either way a tie between the two (weights of both directions add).
    weighted : bool
        ``False`` (default): 1 where any exchange (or edge) runs, else 0. ``True``: the sum of the
        exchange weights (networkx: of the ``weight`` edge attribute, 1 where missing).
    kinds, theory, role
        For an ExchangeNetwork: the layer, as :meth:`ExchangeNetwork.layer` takes it (criteria
        combine with *and*). Default: every exchange.
    include_initiatives : bool
        For an ExchangeNetwork: count each joint initiative as a tie both ways between each of
        its agency sponsors and each of its group sponsors (the ``joint_initiative`` kind, the
        institutional layer). Organization level only.
    weight : str or None
        For a networkx graph: the edge attribute holding the weight.

    Returns
    -------
    Adjacency

    Raises
    ------
    StructureError
        For an unknown ``level``, a subunit-level graph with joint initiatives, or negative
        weights on a networkx graph.

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
    if isinstance(g, Adjacency):
        return _reorient(g, directed=directed, weighted=weighted)
    if isinstance(g, ExchangeNetwork):
        return _from_network(
            g,
            level=level,
            directed=True if directed is None else directed,
            weighted=weighted,
            kinds=kinds,
            theory=theory,
            role=role,
            include_initiatives=include_initiatives,
        )
    import networkx as nx

    if isinstance(g, nx.Graph):
        if kinds is not None or theory is not None or role is not None:
            msg = "kinds, theory and role select a layer of an ExchangeNetwork, not of a networkx graph"
            raise StructureError(msg)
        return _from_networkx(
            g,
            directed=g.is_directed() if directed is None else directed,
            weighted=weighted,
            weight=weight,
        )
    msg = f"expected an ExchangeNetwork, a networkx graph or an Adjacency (got {type(g).__name__})"
    raise StructureError(msg)


def partition_codes(
    adj: Adjacency, partition: PartitionLike | None
) -> tuple[npt.NDArray[np.intp], list[Hashable]]:
    """Each node's class as an integer code, and the class labels the codes index.

    Parameters
    ----------
    adj : Adjacency
    partition : mapping, str, sequence or None
        A mapping node -> class (at subunit level an agency id also stands for its three
        subunits); the name of a node attribute (for an ExchangeNetwork: ``"side"``, agency vs
        self-help, also ``"node_type"``, ``"role"``, ``"organization"``, any record field such as
        ``"sector"`` or ``"group_type"``, or a free attribute); or one class per node in matrix
        order. None means ``"side"``.

    Returns
    -------
    codes : ndarray of intp
    labels : list
        Classes in order of first appearance.

    Raises
    ------
    StructureError
        If some node has no class, or a sequence has the wrong length.
    """
    if partition is None:
        partition = "side"
    if isinstance(partition, str):
        values = adj.attribute(partition)
        missing = [v for v, c in zip(adj.nodes, values, strict=True) if c is None]
        if missing:
            shown = ", ".join(repr(v) for v in missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            msg = (
                f"partition {partition!r}: {len(missing)} node(s) have no value ({shown}{more}); "
                "give a mapping node -> class, or an attribute every node has"
            )
            raise StructureError(msg)
    elif isinstance(partition, Mapping):
        values = []
        missing = []
        for v in adj.nodes:
            if v in partition:
                values.append(partition[v])
            elif isinstance(v, tuple) and v and v[0] in partition:
                values.append(partition[v[0]])
            else:
                missing.append(v)
        if missing:
            shown = ", ".join(repr(v) for v in missing[:5])
            msg = f"the partition gives no class for {len(missing)} node(s): {shown}"
            raise StructureError(msg)
    else:
        values = list(np.asarray(partition, dtype=object).reshape(-1))
        if len(values) != adj.n:
            msg = f"a partition given as a sequence needs one class per node ({adj.n}), got {len(values)}"
            raise StructureError(msg)
    labels: list[Hashable] = []
    seen: dict[Hashable, int] = {}
    codes = np.empty(adj.n, dtype=np.intp)
    for i, c in enumerate(values):
        key = c.value if isinstance(c, enum.Enum) else c
        if key not in seen:
            seen[key] = len(labels)
            labels.append(key)
        codes[i] = seen[key]
    return codes, labels


def align(graphs: Mapping[str, Adjacency]) -> dict[str, Adjacency]:
    """Put every graph in the first one's node order.

    Raises
    ------
    StructureError
        If the graphs do not have the same node set.
    """
    items = list(graphs.items())
    if not items:
        msg = "no layers given"
        raise StructureError(msg)
    first_name, first = items[0]
    ref = first.nodes
    out = {first_name: first}
    for name, adj in items[1:]:
        if adj.nodes == ref:
            out[name] = adj
            continue
        if set(adj.nodes) != set(ref):
            only_a = sorted(map(repr, set(ref) - set(adj.nodes)))[:5]
            only_b = sorted(map(repr, set(adj.nodes) - set(ref)))[:5]
            msg = (
                f"{name!r} and {first_name!r} do not have the same nodes (only in "
                f"{first_name!r}: {', '.join(only_a) or '-'}; only in {name!r}: "
                f"{', '.join(only_b) or '-'})"
            )
            raise StructureError(msg)
        pos = adj.index()
        order = np.array([pos[v] for v in ref], dtype=np.intp)
        out[name] = attrs.evolve(
            adj, nodes=ref, matrix=adj.matrix[np.ix_(order, order)], attribute=None
        )
    return out
