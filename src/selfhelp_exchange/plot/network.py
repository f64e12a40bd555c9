"""Draw an exchange network: the professional side, the self-help side, the community apart."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.exceptions import ArgumentTypeError, PlotError
from selfhelp_exchange.network import NODE_TYPE_CODES, ExchangeNetwork
from selfhelp_exchange.plot._style import (
    GROUP_TYPE_MARKERS,
    KIND_COLORS,
    SUBUNIT_EDGE_COLORS,
    THEORY_COLORS,
    agency_color,
)
from selfhelp_exchange.vocabulary import ROLE_ORDER, GroupType, NodeType, Theory

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.axes import Axes

__all__ = ["PlotError", "draw_network", "network_layout"]

_KINDS = tuple(ExchangeKind)
#: Lines between two non-agency nodes when exchanges are coloured by subunit.
_OTHER_EDGE = "#AAAAAA"
#: Groups are light so that colour is the agencies' alone.
_GROUP_FILL = "#F4F4F4"
#: Up to this many agencies the legend names each with its colour.
_MAX_NAMED_AGENCIES = 12
# subunits sit on a small arc on the self-help side of their agency: board top, clients bottom
_SUBUNIT_OFFSETS = np.array([[0.10, 0.28], [0.16, 0.0], [0.10, -0.28]])


@needs_network
def network_layout(net: ExchangeNetwork) -> dict[Any, tuple[float, float]]:
    """Positions that keep the professional and the self-help sides apart.

    Agencies stand in a column at x = 0 with their three subunits on a small arc towards the
    groups (board above, practitioners level, clients below); groups stand in a column at
    x = 1, sorted by group type and then id; community actors stand in a row below both.

    Returns
    -------
    dict
        Node id (or ``(agency_id, Role)`` for a subunit) -> (x, y).

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> pos = network_layout(shx.load_example("riverside"))
    >>> a = shx.load_example("riverside").agencies[0]
    >>> pos[a.id][0], pos[(a.id, shx.Role.BOARD)][1] > pos[a.id][1]
    (0.0, True)
    """
    pos: dict[Any, tuple[float, float]] = {}
    n_a, n_g = len(net.agencies), len(net.groups)
    height = max(n_a, n_g, 1)
    for i, a in enumerate(net.agencies):
        y = height - (i + 0.5) * height / max(n_a, 1)
        pos[a.id] = (0.0, y)
        for role, (dx, dy) in zip(
            ROLE_ORDER, _SUBUNIT_OFFSETS * min(1.0, height / max(n_a, 1)), strict=True
        ):
            pos[(a.id, role)] = (float(dx), float(y + dy))
    type_rank = {t: k for k, t in enumerate(GroupType)}
    order = sorted(
        range(n_g), key=lambda j: (type_rank[net.groups[j].group_type], net.groups[j].id)
    )
    for rank, j in enumerate(order):
        pos[net.groups[j].id] = (1.0, height - (rank + 0.5) * height / max(n_g, 1))
    n_c = len(net.actors)
    for k, c in enumerate(net.actors):
        pos[c.id] = (-0.1 + 1.2 * (k + 0.5) / max(n_c, 1), -0.12 * height)
    return pos


#: Node colours for a networkx graph, by its ``node_type`` attribute (as ``to_networkx`` sets it).
_NX_NODE_COLORS = {"agency": "#0072B2", "group": "#009E73", "actor": "#999999"}


def _draw_networkx(g: Any, ax: Axes | None, *, labels: bool, legend: bool, **kwargs: Any) -> Axes:
    """A networkx graph: nodes coloured by ``node_type``, edges grey, a seeded spring layout."""
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6))
    pos = nx.spring_layout(g, seed=0)  # the same picture every time
    kinds = [str(d.get("node_type", "")) for _, d in g.nodes(data=True)]
    colors = [_NX_NODE_COLORS.get(k, "#666666") for k in kinds]
    nx.draw_networkx_edges(g, pos, ax=ax, edge_color="#888888", **kwargs)
    nx.draw_networkx_nodes(g, pos, ax=ax, node_color=colors, node_size=120)
    if labels:
        names = {n: str(d.get("name", n)) for n, d in g.nodes(data=True)}
        nx.draw_networkx_labels(g, pos, labels=names, ax=ax, font_size=8)
    present = [k for k in _NX_NODE_COLORS if k in kinds]
    if legend and present:
        handles = [
            Line2D([], [], marker="o", linestyle="", color=_NX_NODE_COLORS[k], label=k)
            for k in present
        ]
        ax.legend(handles=handles, loc="best", fontsize=8)
    ax.set_axis_off()
    return ax


def draw_network(
    net: ExchangeNetwork | nx.Graph,
    *,
    ax: Axes | None = None,
    color_by: Literal["kind", "theory", "subunit"] = "kind",
    labels: bool = True,
    include_initiatives: bool = True,
    legend: bool = True,
    **kwargs: Any,
) -> Axes:
    """Draw agencies with their subunits, groups by type and community actors.

    Each agency has its own colour, the same as in :func:`scorecard_profile` and
    :func:`linkage_timeline`; its subunits are small dots beside it, coloured by subunit.
    Groups are light, their type told by the marker's shape; community actors are grey
    diamonds. Labels that would overlap are pushed apart.

    Exchanges are drawn from the subunit they touch (a whole-agency endpoint is drawn at the
    subunit its kind touches), one line per (source, target, kind), its width growing with the
    summed weight (``1 + log1p(weight)``). Joint initiatives are dashed lines between the agency
    and each co-sponsoring group, and dotted lines to the community actors they address.

    Parameters
    ----------
    net : ExchangeNetwork or networkx graph
        A networkx graph (e.g. from :meth:`ExchangeNetwork.to_networkx` or
        ``shx.structure``) is drawn more simply: a seeded spring layout, nodes coloured by
        their ``node_type`` attribute (agency, group, actor; other nodes grey) and labelled
        by their ``name``, edges grey; ``color_by`` and ``include_initiatives`` do not apply.
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made when None.
    color_by : {"kind", "theory", "subunit"}
        Colour exchanges by their kind, by their theory (adaptational / institutional) or by
        the agency subunit they touch (board, practitioners, clients: three colours, the
        report's choice).
    labels : bool
        Write node names.
    include_initiatives : bool
        Draw joint initiatives (institutional exchange) and their audiences.
    legend : bool
        Add a legend of the exchange colours and node kinds.
    **kwargs
        Passed to the :class:`~matplotlib.collections.LineCollection` of exchanges
        (e.g. ``alpha``).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    PlotError
        If ``color_by`` is not "kind", "theory" or "subunit".
    ArgumentTypeError
        If ``net`` is neither an ExchangeNetwork nor a networkx graph.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> ax = shx.plot.draw_network(shx.load_example("riverside"), color_by="subunit")
    >>> [t.get_text() for t in ax.get_legend().get_texts()][:4]
    ['exchange with the board', 'exchange with the practitioners', 'exchange with the clients', 'joint initiative']
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    if color_by not in ("kind", "theory", "subunit"):
        msg = f"color_by must be 'kind', 'theory' or 'subunit' (got {color_by!r})"
        raise PlotError(msg)
    if not isinstance(net, ExchangeNetwork):
        import networkx as nx

        if isinstance(net, nx.Graph):
            return _draw_networkx(net, ax, labels=labels, legend=legend, **kwargs)
        msg = (
            f"draw_network needs an ExchangeNetwork or a networkx graph (got {type(net).__name__})"
        )
        raise ArgumentTypeError(msg)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, max(4.0, 0.45 * max(net.n_agencies * 3, net.n_groups))))
    pos = network_layout(net)
    ids = net.node_ids
    x = net.arrays
    agency = NODE_TYPE_CODES[NodeType.AGENCY]
    src_role, tgt_role = x.effective_roles()

    def anchor(
        nodes: npt.NDArray[np.int32], roles: npt.NDArray[np.int8]
    ) -> npt.NDArray[np.float64]:
        out = np.empty((len(nodes), 2))
        for k, (n, r) in enumerate(zip(nodes.tolist(), roles.tolist(), strict=True)):
            key = (ids[n], ROLE_ORDER[r]) if net.node_type[n] == agency and r >= 0 else ids[n]
            out[k] = pos[key]
        return out

    # one line per (source anchor, target anchor, kind), summing weights
    s_role = np.where(net.node_type[x.source] == agency, src_role, -1)
    t_role = np.where(net.node_type[x.target] == agency, tgt_role, -1)
    keys = np.stack([x.source, s_role, x.target, t_role, x.kind], axis=1).astype(np.int64)
    uniq, inverse = (
        np.unique(keys, axis=0, return_inverse=True)
        if len(keys)
        else (keys, np.array([], dtype=np.int64))
    )
    weights = np.bincount(inverse.reshape(-1), weights=x.weight, minlength=len(uniq))
    handles: list[Any] = []
    drawn_kinds: list[ExchangeKind] = []
    drawn_roles: list[int] = []
    if len(uniq):
        a = anchor(uniq[:, 0].astype(np.int32), uniq[:, 1].astype(np.int8))
        b = anchor(uniq[:, 2].astype(np.int32), uniq[:, 3].astype(np.int8))
        kinds = [_KINDS[k] for k in uniq[:, 4]]
        if color_by == "subunit":
            role = np.where(uniq[:, 1] >= 0, uniq[:, 1], uniq[:, 3])
            colors = [
                SUBUNIT_EDGE_COLORS[ROLE_ORDER[r]] if r >= 0 else _OTHER_EDGE
                for r in role.tolist()
            ]
            drawn_roles = sorted({int(r) for r in role.tolist() if r >= 0})
        else:
            colors = [
                KIND_COLORS[k] if color_by == "kind" else THEORY_COLORS[k.theory] for k in kinds
            ]
        lc = LineCollection(
            list(np.stack([a, b], axis=1)),
            colors=colors,
            linewidths=1.0 + np.log1p(weights),
            **{"alpha": 0.75, "zorder": 1, **kwargs},
        )
        lc.set_gid("exchanges")
        ax.add_collection(lc)
        drawn_kinds = sorted(set(kinds), key=lambda k: k.code)
    if include_initiatives and net.initiatives:
        ag, gr, _ = net.joint_initiative_pairs()
        if len(ag):
            pairs = np.unique(np.stack([ag, gr], axis=1), axis=0)
            segs = [[pos[ids[p]], pos[ids[q]]] for p, q in pairs.tolist()]
            color = (
                KIND_COLORS[ExchangeKind.JOINT_INITIATIVE]
                if color_by == "kind"
                else THEORY_COLORS[Theory.INSTITUTIONAL]
                if color_by == "theory"
                else "#555555"
            )
            jl = LineCollection(segs, colors=color, linestyles="dashed", linewidths=1.2, zorder=1)
            jl.set_gid("joint_initiatives")
            ax.add_collection(jl)
            drawn_kinds.append(ExchangeKind.JOINT_INITIATIVE)
        ia = net.initiative_arrays
        aud = []
        for i in range(len(net.initiatives)):
            sp = ia.sponsor_node[ia.sponsor_ptr[i] : ia.sponsor_ptr[i + 1]]
            au = ia.audience_node[ia.audience_ptr[i] : ia.audience_ptr[i + 1]]
            aud += [[pos[ids[s]], pos[ids[c]]] for s in sp.tolist() for c in au.tolist()]
        if aud:
            al = LineCollection(
                aud, colors="#BBBBBB", linestyles="dotted", linewidths=0.8, zorder=0
            )
            al.set_gid("audiences")
            ax.add_collection(al)
    texts = _draw_nodes(net, ax, pos, labels)
    if legend:
        if color_by == "kind":
            handles = [
                Line2D([], [], color=KIND_COLORS[k], lw=2, label=k.value.replace("_", " "))
                for k in drawn_kinds
            ]
        elif color_by == "theory":
            theories = sorted({k.theory for k in drawn_kinds}, key=lambda t: t.value)
            handles = [
                Line2D([], [], color=THEORY_COLORS[t], lw=2, label=t.value) for t in theories
            ]
        else:
            handles = [
                Line2D(
                    [],
                    [],
                    color=SUBUNIT_EDGE_COLORS[ROLE_ORDER[r]],
                    lw=2,
                    label=f"exchange with the {ROLE_ORDER[r].value}",
                )
                for r in drawn_roles
            ]
            if ExchangeKind.JOINT_INITIATIVE in drawn_kinds:
                handles.append(
                    Line2D([], [], color="#555555", lw=1.2, ls="--", label="joint initiative")
                )
        if include_initiatives and net.initiatives:
            handles.append(
                Line2D([], [], color="#BBBBBB", lw=0.8, ls=":", label="initiative audience")
            )
        handles.append(Line2D([], [], color="#777777", lw=3.5, label="wider: larger weight"))
        handles += [
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                markersize=5,
                markeredgecolor="black",
                color=SUBUNIT_EDGE_COLORS[r],
                label=f"{r.value} unit",
            )
            for r in ROLE_ORDER
        ]
        if net.agencies and len(net.agencies) <= _MAX_NAMED_AGENCIES:
            handles += [
                Line2D(
                    [], [], marker="s", ls="", markeredgecolor="black", color=agency_color(i),
                    label=a.name,
                )
                for i, a in enumerate(net.agencies)
            ]  # fmt: skip
        else:
            handles.append(
                Line2D([], [], marker="s", ls="", color="#555555", label="agency (own colour)")
            )
        types = sorted({g.group_type for g in net.groups}, key=list(GroupType).index)
        handles += [
            Line2D(
                [], [], marker=GROUP_TYPE_MARKERS[t], ls="", color=_GROUP_FILL,
                markeredgecolor="black", label=f"group: {t.value.replace('_', ' ')}",
            )
            for t in types
        ]  # fmt: skip
        handles.append(Line2D([], [], marker="D", ls="", color="#AAAAAA", label="community actor"))
        # below the drawing: node labels run out to both sides of the axes
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.16),
            ncol=4,
            fontsize="small",
            frameon=False,
        )
    ax.set_xlim(-0.45, 1.55)
    ax.autoscale_view(scalex=False)
    ax.set_axis_off()
    ax.set_title(f"{net.n_agencies} agencies, {net.n_groups} groups, {net.n_exchanges} exchanges")
    if texts:
        _repel(ax, texts)
    return ax


def _repel(ax: Axes, texts: list[Any], *, rounds: int = 60) -> None:
    """Push overlapping labels apart (vertically), keeping each near its point.

    A small label-repel step: the labels' boxes are measured once, then each overlapping pair
    is moved apart by its overlap, round after round, until none overlaps.
    """
    fig = ax.get_figure(root=True)
    assert fig is not None
    get_renderer = getattr(fig.canvas, "get_renderer", None)
    if get_renderer is None:  # a canvas that cannot measure text: leave the labels be
        return
    renderer = get_renderer()
    boxes = np.array([t.get_window_extent(renderer).extents for t in texts], dtype=np.float64)
    if len(boxes) < 2:
        return
    shift = np.zeros(len(texts))
    pad = 1.0
    for _ in range(rounds):
        lo, hi = boxes[:, 1] + shift, boxes[:, 3] + shift
        x_overlap = (boxes[:, None, 0] < boxes[None, :, 2] - pad) & (
            boxes[None, :, 0] < boxes[:, None, 2] - pad
        )
        y_overlap = np.minimum(hi[:, None], hi[None, :]) - np.maximum(lo[:, None], lo[None, :])
        clash = x_overlap & (y_overlap > -pad)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        centre = (lo + hi) / 2
        push = np.zeros(len(texts))
        for i, j in zip(*np.nonzero(np.triu(clash)), strict=True):
            amount = (y_overlap[i, j] + pad) / 2
            up, down = (
                (i, j) if centre[i] >= centre[j] or (centre[i] == centre[j] and i < j) else (j, i)
            )
            push[up] += amount
            push[down] -= amount
        shift += push
    dpi = fig.dpi
    for t, dy in zip(texts, shift.tolist(), strict=True):
        if dy:
            x0, y0 = t.xyann
            t.xyann = (x0, y0 + dy * 72.0 / dpi)  # display pixels to points


def _draw_nodes(
    net: ExchangeNetwork, ax: Axes, pos: dict[Any, tuple[float, float]], labels: bool
) -> list[Any]:
    texts: list[Any] = []
    if net.agencies:
        xy = np.array([pos[a.id] for a in net.agencies])
        pc = ax.scatter(
            xy[:, 0],
            xy[:, 1],
            marker="s",
            s=220,
            c=[agency_color(i) for i in range(len(net.agencies))],
            zorder=3,
            edgecolors="black",
        )
        pc.set_gid("agencies")
        sub = np.array([pos[(a.id, r)] for a in net.agencies for r in ROLE_ORDER])
        sc = ax.scatter(
            sub[:, 0],
            sub[:, 1],
            marker="o",
            s=45,
            c=[SUBUNIT_EDGE_COLORS[r] for _ in net.agencies for r in ROLE_ORDER],
            zorder=3,
            edgecolors="black",
            linewidths=0.5,
        )
        sc.set_gid("subunits")
        from matplotlib.collections import LineCollection

        spokes = [[pos[a.id], pos[(a.id, r)]] for a in net.agencies for r in ROLE_ORDER]
        ax.add_collection(LineCollection(spokes, colors="#777777", linewidths=0.6, zorder=2))
    if net.groups:
        xy = np.array([pos[g.id] for g in net.groups])
        kinds = np.array([list(GroupType).index(g.group_type) for g in net.groups])
        for t in sorted(set(kinds.tolist())):
            mine = kinds == t
            ax.scatter(
                xy[mine, 0],
                xy[mine, 1],
                marker=GROUP_TYPE_MARKERS[list(GroupType)[t]],
                s=160,
                c=_GROUP_FILL,
                zorder=3,
                edgecolors="black",
            )
        # one collection to find by gid: every group's position, in network order
        every = ax.scatter(xy[:, 0], xy[:, 1], s=0, zorder=0)
        every.set_gid("groups")
    if net.actors:
        xy = np.array([pos[c.id] for c in net.actors])
        pa = ax.scatter(
            xy[:, 0], xy[:, 1], marker="D", s=90, c="#AAAAAA", zorder=3, edgecolors="black"
        )
        pa.set_gid("actors")
    if labels:
        for a in net.agencies:
            texts.append(
                ax.annotate(
                    a.name,
                    pos[a.id],
                    xytext=(-8, 0),
                    textcoords="offset points",
                    ha="right",
                    va="center",
                    fontsize="small",
                )
            )
        for g in net.groups:
            texts.append(
                ax.annotate(
                    g.name,
                    pos[g.id],
                    xytext=(8, 0),
                    textcoords="offset points",
                    ha="left",
                    va="center",
                    fontsize="small",
                )
            )
        # actors stand in a row: their labels in three staggered rows, not pushed about
        for k, c in enumerate(net.actors):
            ax.annotate(
                c.name,
                pos[c.id],
                xytext=(0, -9 - 9 * (k % 3)),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize="x-small",
            )
    return texts
