"""The checks a network makes of its nodes, initiatives, observations and exchange arrays."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from selfhelp_exchange._network_columns import _distinct_texts, _lookup, _py
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.exceptions import (
    Problem,
)
from selfhelp_exchange.network_arrays import (
    _KINDS,
    KIND_ROLE,
    NO_ROLE,
    NODE_TYPE_CODES,
    ExchangeArrays,
)
from selfhelp_exchange.records import (
    Agency,
    CommunityActor,
    Initiative,
    Observation,
    SelfHelpGroup,
)
from selfhelp_exchange.vocabulary import ROLE_ORDER, NodeType

if TYPE_CHECKING:
    from selfhelp_exchange.network import ExchangeNetwork

__all__: list[str] = []


def node_problems(net: ExchangeNetwork) -> list[Problem]:
    """Ids repeated across the agencies, groups and actors."""
    if len(net._index) == len(net._node_ids):
        return []
    problems = []
    seen: dict[str, str] = {}
    sections: tuple[tuple[str, Sequence[Agency | SelfHelpGroup | CommunityActor]], ...] = (
        ("agencies", net._agencies),
        ("groups", net._groups),
        ("actors", net._actors),
    )
    for name, seq in sections:
        for i, r in enumerate(seq):
            where = f"{name}[{i}]"
            if r.id in seen:
                problems.append(
                    Problem(
                        f"{where}: id {r.id!r} is already used by {seen[r.id]}; ids must be "
                        "unique across agencies, groups and actors",
                        column="id",
                        value=r.id,
                    )
                )
            else:
                seen[r.id] = where
    return problems


def initiative_problems(net: ExchangeNetwork, initiatives: Sequence[object]) -> list[Problem]:
    """Initiatives that are not records, or whose sponsors and audiences are of the wrong type."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    actor = NODE_TYPE_CODES[NodeType.ACTOR]
    for i, ini in enumerate(initiatives):
        where = (
            f"initiatives[{i}] ({ini.id})" if isinstance(ini, Initiative) else f"initiatives[{i}]"
        )
        if not isinstance(ini, Initiative):
            problems.append(
                Problem(f"{where} is a {type(ini).__name__}, not an Initiative", value=ini)
            )
            continue
        if ini.id in seen:
            problems.append(
                Problem(
                    f"{where}: id {ini.id!r} is already used by initiatives[{seen[ini.id]}]",
                    column="id",
                    value=ini.id,
                )
            )
        else:
            seen[ini.id] = i
        for s in ini.sponsors:
            j = net._index.get(s)
            if j is None:
                problems.append(
                    Problem(
                        f"{where}: sponsor {s!r} is not an agency or group of the network",
                        column="sponsors",
                        value=s,
                    )
                )
            elif net._node_type[j] == actor:
                problems.append(
                    Problem(
                        f"{where}: sponsor {s!r} is a community actor; sponsors are agencies or groups",
                        column="sponsors",
                        value=s,
                    )
                )
        for a in ini.audiences:
            j = net._index.get(a)
            if j is None or net._node_type[j] != actor:
                problems.append(
                    Problem(
                        f"{where}: audience {a!r} is not a community actor of the network",
                        column="audiences",
                        value=a,
                    )
                )
    return problems


def observation_problems(net: ExchangeNetwork, observations: Sequence[object]) -> list[Problem]:
    """Observations that are not Observation records or name no node of the network."""
    problems: list[Problem] = []
    for i, ob in enumerate(observations):
        if not isinstance(ob, Observation):
            problems.append(
                Problem(
                    f"observations[{i}] is a {type(ob).__name__}, not an Observation",
                    value=ob,
                )
            )
            continue
        for field, node in (("subject", ob.subject), ("rater", ob.rater)):
            if node is not None and node not in net._index:
                problems.append(
                    Problem(
                        f"observations[{i}] ({ob.measure} on {ob.date.isoformat()}): "
                        f"{field} {node!r} is not an agency, group or community actor of "
                        "the network",
                        column=field,
                        value=node,
                    )
                )
    return problems


def node_column(
    net: ExchangeNetwork, values: npt.ArrayLike, name: str, *, copy: bool = True
) -> tuple[npt.NDArray[np.int32], list[Problem]]:
    """A source or target column as node positions, and a problem for each unknown id."""
    arr = np.asarray(values)
    arr = arr.reshape(-1) if arr.ndim != 1 else arr
    if arr.dtype.kind in "iu":
        bad = np.flatnonzero((arr < 0) | (arr >= len(net._node_ids)))
        problems = [
            Problem(
                f"{name} index {arr[i]} is out of range 0..{len(net._node_ids) - 1}",
                exchange=int(i),
                column=name,
                value=int(arr[i]),
            )
            for i in bad
        ]
        return arr.astype(np.int32, copy=copy), problems
    import pandas as pd

    if len(net._index) == len(net._node_ids):
        index = pd.Index(net._node_ids, dtype=object)
        texts = _distinct_texts(arr)
        if texts is not None:  # every value a str: look each distinct id up once
            codes = _lookup(texts, index.get_indexer(pd.Index(texts[1], dtype=object)))
        else:
            codes = index.get_indexer(pd.Index(arr.astype(object), dtype=object))
    else:  # repeated ids (reported by _node_problems): look up each id's first node
        first = np.fromiter(net._index.values(), dtype=np.intp, count=len(net._index))
        found = pd.Index(list(net._index), dtype=object).get_indexer(
            pd.Index(arr.astype(object), dtype=object)
        )
        codes = np.where(found >= 0, first[found], -1)
    bad = np.flatnonzero(codes < 0)
    problems = [
        Problem(
            f"{name} {_py(arr[i])!r} is not an agency, group or community actor of the network",
            exchange=int(i),
            column=name,
            value=_py(arr[i]),
        )
        for i in bad
    ]
    return codes.astype(np.int32), problems


def array_problems(
    net: ExchangeNetwork, x: ExchangeArrays, rows: npt.NDArray[np.int64]
) -> list[Problem]:
    """The rules Exchange checks per record, checked here for all exchanges at once.

    ``rows`` gives each entry of ``x`` its position in the caller's input, for messages.
    """
    problems: list[Problem] = []
    agency = NODE_TYPE_CODES[NodeType.AGENCY]
    w = x.weight
    for i in np.flatnonzero(~np.isfinite(w) | (w < 0)):
        problems.append(
            Problem(
                f"'weight' must be a finite number >= 0 (got {float(w[i])!r})",
                exchange=int(rows[i]),
                column="weight",
                value=float(w[i]),
            )
        )
    has = ~np.isnat(x.start) & ~np.isnat(x.end)
    for i in np.flatnonzero(has & (x.end < x.start)):
        problems.append(
            Problem(
                f"'end' ({x.end[i]}) is before 'start' ({x.start[i]})",
                exchange=int(rows[i]),
                column="end",
                value=str(x.end[i]),
            )
        )
    joint = ExchangeKind.JOINT_INITIATIVE.code
    for i in np.flatnonzero(x.kind == joint):
        problems.append(
            Problem(
                "'joint_initiative' exchanges are derived from Initiative records; record an Initiative instead",
                exchange=int(rows[i]),
                column="kind",
                value="joint_initiative",
            )
        )
    for i in np.flatnonzero(x.source == x.target):
        problems.append(
            Problem(
                f"'source' and 'target' are the same organization ({net._node_ids[x.source[i]]!r})",
                exchange=int(rows[i]),
                column="target",
                value=net._node_ids[x.source[i]],
            )
        )
    kr = KIND_ROLE[x.kind]
    for side, nodes, roles in (
        ("source", x.source, x.source_role),
        ("target", x.target, x.target_role),
    ):
        named = roles != NO_ROLE
        for i in np.flatnonzero(named & (net._node_type[nodes] != agency)):
            problems.append(
                Problem(
                    f"{side} names a subunit of {net._node_ids[nodes[i]]!r}, which is not an agency",
                    exchange=int(rows[i]),
                    column=f"{side}_role",
                    value=ROLE_ORDER[roles[i]].value,
                )
            )
        for i in np.flatnonzero(named & (roles != kr)):
            k = _KINDS[x.kind[i]]
            valid = k.role.value if k.role else "no subunit"
            problems.append(
                Problem(
                    f"{k.value!r} touches the {valid} subunit, but {side} names the {ROLE_ORDER[roles[i]].value} subunit (valid: {valid})",
                    exchange=int(rows[i]),
                    column=f"{side}_role",
                    value=ROLE_ORDER[roles[i]].value,
                )
            )
    return problems
