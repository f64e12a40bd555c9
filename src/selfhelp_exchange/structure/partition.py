"""Node partitions (which class each node is in) and node alignment across graphs.

The E-I index and brokerage compare ties within and between the classes of a partition;
layer overlap and QAP compare graphs cell by cell, so their nodes must stand in one order.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Mapping

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange.exceptions import StructureError
from selfhelp_exchange.structure._adjacency import Adjacency, PartitionLike, Ties

__all__ = ["align", "partition_codes"]


def partition_codes(
    adj: Adjacency | Ties, partition: PartitionLike | None
) -> tuple[npt.NDArray[np.intp], list[Hashable]]:
    """Each node's class as an integer code, and the class labels the codes index.

    Parameters
    ----------
    adj : Adjacency or Ties
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

    Examples
    --------
    >>> import networkx as nx
    >>> from selfhelp_exchange.structure import adjacency, partition_codes
    >>> adj = adjacency(nx.Graph([("a", "b"), ("b", "c"), ("c", "d")]))
    >>> codes, labels = partition_codes(adj, {"a": "x", "b": "x", "c": "y", "d": "y"})
    >>> codes.tolist(), labels
    ([0, 0, 1, 1], ['x', 'y'])
    >>> import selfhelp_exchange as shx
    >>> codes, labels = partition_codes(adjacency(shx.load_example("riverside")), None)
    >>> labels, codes[:6].tolist()  # the default: agency side vs self-help side
    (['agency', 'self_help'], [0, 0, 0, 0, 1, 1])
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
    if values and set(map(type, values)) == {str}:
        import pandas as pd

        # the same codes, classes in order of first appearance, for a plain text attribute
        text_codes, uniques = pd.factorize(np.array(values, dtype=object), sort=False)
        return np.asarray(text_codes, dtype=np.intp), list(uniques)
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
