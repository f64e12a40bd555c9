"""Draw an exchange network: the professional side, the self-help side, the community apart."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.exceptions import SelfHelpExchangeError
from selfhelp_exchange.network import NODE_TYPE_CODES, ExchangeNetwork
from selfhelp_exchange.plot._style import (
    GROUP_TYPE_COLORS,
    KIND_COLORS,
    ROLE_COLORS,
    SECTOR_COLORS,
    THEORY_COLORS,
)
from selfhelp_exchange.vocabulary import ROLE_ORDER, GroupType, NodeType, Theory

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["PlotError", "draw_network", "network_layout"]

_KINDS = tuple(ExchangeKind)
# subunits sit on a small arc on the self-help side of their agency: board top, clients bottom
_SUBUNIT_OFFSETS = np.array([[0.10, 0.28], [0.16, 0.0], [0.10, -0.28]])


class PlotError(SelfHelpExchangeError, ValueError):
    """A plot was asked for with arguments it cannot draw.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> shx.plot.draw_network(shx.load_example("riverside"), color_by="sector")
    Traceback (most recent call last):
    ...
    selfhelp_exchange.plot.network.PlotError: color_by must be 'kind' or 'theory' (got 'sector')
    """


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


def draw_network(
    net: ExchangeNetwork,
    *,
    ax: Axes | None = None,
    color_by: Literal["kind", "theory"] = "kind",
    labels: bool = True,
    include_initiatives: bool = True,
    legend: bool = True,
    **kwargs: Any,
) -> Axes:
    """Draw agencies with their subunits, groups by type and community actors.

    Exchanges are drawn from the subunit they touch (a whole-agency endpoint is drawn at the
    subunit its kind touches), one line per (source, target, kind), its width growing with the
    summed weight (``1 + log1p(weight)``). Joint initiatives are dashed lines between the agency
    and each co-sponsoring group, and dotted lines to the community actors they address.

    Parameters
    ----------
    net : ExchangeNetwork
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made when None.
    color_by : {"kind", "theory"}
        Colour exchanges by their kind or by their theory (adaptational / institutional).
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
        If ``color_by`` is not "kind" or "theory".

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> ax = shx.plot.draw_network(shx.load_example("riverside"), color_by="theory")
    >>> sorted(t.get_text() for t in ax.get_legend().get_texts())[:2]
    ['adaptational', 'agency']
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    if color_by not in ("kind", "theory"):
        msg = f"color_by must be 'kind' or 'theory' (got {color_by!r})"
        raise PlotError(msg)
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
    if len(uniq):
        a = anchor(uniq[:, 0].astype(np.int32), uniq[:, 1].astype(np.int8))
        b = anchor(uniq[:, 2].astype(np.int32), uniq[:, 3].astype(np.int8))
        kinds = [_KINDS[k] for k in uniq[:, 4]]
        colors = [KIND_COLORS[k] if color_by == "kind" else THEORY_COLORS[k.theory] for k in kinds]
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
    _draw_nodes(net, ax, pos, labels)
    if legend:
        if color_by == "kind":
            handles = [
                Line2D([], [], color=KIND_COLORS[k], lw=2, label=k.value) for k in drawn_kinds
            ]
        else:
            theories = sorted({k.theory for k in drawn_kinds}, key=lambda t: t.value)
            handles = [
                Line2D([], [], color=THEORY_COLORS[t], lw=2, label=t.value) for t in theories
            ]
        handles += [
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                markersize=5,
                color=ROLE_COLORS[r],
                label=f"{r.value} unit",
            )
            for r in ROLE_ORDER
        ]
        handles += [
            Line2D([], [], marker="s", ls="", color="#555555", label="agency"),
            Line2D([], [], marker="o", ls="", color="#777777", label="group"),
            Line2D([], [], marker="D", ls="", color="#AAAAAA", label="community actor"),
        ]
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
    return ax


def _draw_nodes(
    net: ExchangeNetwork, ax: Axes, pos: dict[Any, tuple[float, float]], labels: bool
) -> None:
    if net.agencies:
        xy = np.array([pos[a.id] for a in net.agencies])
        pc = ax.scatter(
            xy[:, 0],
            xy[:, 1],
            marker="s",
            s=220,
            c=[SECTOR_COLORS[a.sector] for a in net.agencies],
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
            c=[ROLE_COLORS[r] for _ in net.agencies for r in ROLE_ORDER],
            zorder=3,
            edgecolors="black",
            linewidths=0.5,
        )
        sc.set_gid("subunits")
        for a in net.agencies:
            for r in ROLE_ORDER:
                px, py = pos[(a.id, r)]
                ax.plot([pos[a.id][0], px], [pos[a.id][1], py], color="#777777", lw=0.6, zorder=2)
    if net.groups:
        xy = np.array([pos[g.id] for g in net.groups])
        pg = ax.scatter(
            xy[:, 0],
            xy[:, 1],
            marker="o",
            s=160,
            c=[GROUP_TYPE_COLORS[g.group_type] for g in net.groups],
            zorder=3,
            edgecolors="black",
        )
        pg.set_gid("groups")
    if net.actors:
        xy = np.array([pos[c.id] for c in net.actors])
        pa = ax.scatter(
            xy[:, 0], xy[:, 1], marker="D", s=90, c="#AAAAAA", zorder=3, edgecolors="black"
        )
        pa.set_gid("actors")
    if labels:
        for a in net.agencies:
            ax.annotate(
                a.name,
                pos[a.id],
                xytext=(-8, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize="small",
            )
        for g in net.groups:
            ax.annotate(
                g.name,
                pos[g.id],
                xytext=(8, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize="small",
            )
        for c in net.actors:
            ax.annotate(
                c.name,
                pos[c.id],
                xytext=(0, -10),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize="x-small",
                rotation=20,
            )
