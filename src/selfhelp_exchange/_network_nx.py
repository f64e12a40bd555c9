"""The networkx view of an exchange network (see :meth:`ExchangeNetwork.to_networkx`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.exceptions import ArgumentError
from selfhelp_exchange.records import (
    Agency,
    CommunityActor,
    SelfHelpGroup,
)
from selfhelp_exchange.vocabulary import ROLE_ORDER, NodeType, Role, Theory

if TYPE_CHECKING:
    import networkx as nx


from selfhelp_exchange.network_arrays import _KINDS, NODE_TYPE_CODES, _pydate

if TYPE_CHECKING:
    from selfhelp_exchange.network import ExchangeNetwork

__all__: list[str] = []


def to_networkx(
    net: ExchangeNetwork,
    *,
    level: Literal["organization", "subunit"] = "organization",
    include_initiatives: bool = True,
) -> nx.MultiDiGraph:
    """The networkx view of ``net`` (see :meth:`ExchangeNetwork.to_networkx`)."""
    import networkx as nx

    from selfhelp_exchange._serialize import node_record_fields

    g = nx.MultiDiGraph(level=level)
    nodes: tuple[Agency | SelfHelpGroup | CommunityActor, ...] = (
        *net._agencies,
        *net._groups,
        *net._actors,
    )
    for rec in nodes:
        g.add_node(rec.id, **node_record_fields(rec))
    if level == "subunit":
        for a in net._agencies:
            for r in ROLE_ORDER:
                g.add_node(
                    (a.id, r),
                    node_type="subunit",
                    agency=a.id,
                    role=r.value,
                    name=f"{a.name}: {r.value}",
                )
    elif level != "organization":
        msg = f"level must be 'organization' or 'subunit' (got {level!r})"  # type: ignore[unreachable]  # callers may pass any string
        raise ArgumentError(msg)
    x = net._arrays
    ids = net._node_ids
    src_eff, tgt_eff = x.effective_roles()
    agency = NODE_TYPE_CODES[NodeType.AGENCY]
    attrs_ = net._exchange_attributes
    for i in range(len(x)):
        s, t = ids[x.source[i]], ids[x.target[i]]
        k = _KINDS[x.kind[i]]
        s_role = (
            ROLE_ORDER[src_eff[i]].value
            if net._node_type[x.source[i]] == agency and src_eff[i] >= 0
            else None
        )
        t_role = (
            ROLE_ORDER[tgt_eff[i]].value
            if net._node_type[x.target[i]] == agency and tgt_eff[i] >= 0
            else None
        )
        u: Any = (s, Role(s_role)) if level == "subunit" and s_role else s
        v: Any = (t, Role(t_role)) if level == "subunit" and t_role else t
        g.add_edge(
            u,
            v,
            key=i,
            kind=k.value,
            theory=k.theory.value,
            role=k.role.value if k.role else None,
            source_role=ROLE_ORDER[x.source_role[i]].value if x.source_role[i] >= 0 else None,
            target_role=ROLE_ORDER[x.target_role[i]].value if x.target_role[i] >= 0 else None,
            weight=float(x.weight[i]),
            start=_pydate(x.start[i]),
            end=_pydate(x.end[i]),
            attributes=dict(attrs_[i]) if attrs_ is not None else {},
            derived=False,
        )
    if include_initiatives:
        a_idx, g_idx, i_idx = net.joint_initiative_pairs()
        for n, (a, gr, ii) in enumerate(
            zip(a_idx.tolist(), g_idx.tolist(), i_idx.tolist(), strict=True)
        ):
            ini = net._initiatives[ii]
            common = {
                "kind": ExchangeKind.JOINT_INITIATIVE.value,
                "theory": Theory.INSTITUTIONAL.value,
                "role": None,
                "weight": 1.0,
                "derived": True,
                "initiative": ini.id,
                "initiative_kind": ini.kind.value,
                "date": ini.date,
            }
            g.add_edge(ids[a], ids[gr], key=f"initiative:{ini.id}:{n}:out", **common)
            g.add_edge(ids[gr], ids[a], key=f"initiative:{ini.id}:{n}:in", **common)
    return g
